package secrets

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
)

// benchFiles reads the files the benchmark scans: the Go standard library
// sources (GOROOT/src/net/http by default, the whole of GOROOT/src when
// SECAUDIT_BENCH_ALL is set).
func benchFiles(tb testing.TB, root string) ([]scan.File, int64) {
	tb.Helper()
	var files []scan.File
	var total int64
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil || len(data) > 10<<20 {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		files = append(files, scan.File{Path: filepath.ToSlash(rel), Data: data})
		total += int64(len(data))
		return nil
	})
	if err != nil || len(files) == 0 {
		tb.Skipf("no files under %s", root)
	}
	return files, total
}

func benchRoot() string {
	src := filepath.Join(runtime.GOROOT(), "src")
	if os.Getenv("SECAUDIT_BENCH_ALL") != "" {
		return src
	}
	return filepath.Join(src, "net", "http")
}

// BenchmarkScan measures single-goroutine throughput over Go sources.
func BenchmarkScan(b *testing.B) {
	files, total := benchFiles(b, benchRoot())
	s := newTestScanner(b, config.Secrets{})
	ctx := context.Background()
	b.SetBytes(total)
	b.ResetTimer()
	for range b.N {
		for _, f := range files {
			if _, err := s.Scan(ctx, f); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkKeywordMatcher measures the prefilter alone.
func BenchmarkKeywordMatcher(b *testing.B) {
	files, total := benchFiles(b, benchRoot())
	s := newTestScanner(b, config.Secrets{})
	b.SetBytes(total)
	b.ResetTimer()
	for range b.N {
		for _, f := range files {
			s.matcher.scan(f.Data, func(int, int, int) bool { return true })
		}
	}
}

// TestScanTree is a throwaway driver: with SECAUDIT_SCAN_DIR set, it scans
// that tree on every core, as the Runner would, and logs time and findings.
func TestScanTree(t *testing.T) {
	root := os.Getenv("SECAUDIT_SCAN_DIR")
	if root == "" {
		t.Skip("set SECAUDIT_SCAN_DIR to scan a tree")
	}
	files, total := benchFiles(t, root)
	s := newTestScanner(t, config.Secrets{})
	cpu0 := cpuTime()
	start := time.Now()
	var next atomic.Int64
	var mu sync.Mutex
	var all []finding.Finding
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				if !s.Wants(files[i].Path) {
					continue
				}
				fs, _ := s.Scan(context.Background(), files[i])
				mu.Lock()
				all = append(all, fs...)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	el := time.Since(start)
	cpu := cpuTime() - cpu0
	t.Logf("%d files, %.1f MB in %v wall, %v CPU (%.0f MB/s per core), %d findings", len(files), float64(total)/1e6, el, cpu,
		float64(total)/1e6/cpu.Seconds(), len(all))
	for _, f := range all {
		t.Logf("%s %s %s", f.Location, f.RuleID, f.Evidence)
	}
	if out := os.Getenv("SECAUDIT_SCAN_JSON"); out != "" {
		data, err := json.Marshal(map[string]any{"findings": all})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// cpuTime returns the user and system CPU time of the process so far, which
// stays meaningful on a loaded machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
