package code

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/secaudit/secaudit/internal/scan"
)

// loadTree reads the files of dir the scanner wants.
func loadTree(b *testing.B, s *Scanner, dir string) []scan.File {
	b.Helper()
	var files []scan.File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if !s.Wants(filepath.ToSlash(rel)) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, scan.File{Path: filepath.ToSlash(rel), Data: data})
		return nil
	})
	if err != nil || len(files) == 0 {
		b.Skipf("no files under %s: %v", dir, err)
	}
	return files
}

func benchTree(b *testing.B, dir string) {
	s := defaultScanner(b)
	files := loadTree(b, s, dir)
	var size int64
	for _, f := range files {
		size += int64(len(f.Data))
	}
	b.SetBytes(size)
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, f := range files {
			s.Scan(context.Background(), f) //nolint:errcheck // errors are part of the work measured
		}
	}
	// CPU time, not wall time: on a shared, loaded machine only CPU time
	// says what the analysis costs.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N*len(files)), "cpu-ms/file")
}

// cpuTime returns the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkGoNetHTTP analyzes GOROOT/src/net/http (about 300 files), one
// goroutine: the target is well under 1 ms per file.
func BenchmarkGoNetHTTP(b *testing.B) {
	benchTree(b, filepath.Join(runtime.GOROOT(), "src", "net", "http"))
}

// BenchmarkPythonEmail analyzes the email package of the system Python.
func BenchmarkPythonEmail(b *testing.B) {
	dirs, _ := filepath.Glob("/usr/lib/python3*/email")
	if len(dirs) == 0 {
		b.Skip("no system Python")
	}
	benchTree(b, dirs[0])
}
