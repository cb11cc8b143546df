package container

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/secaudit/secaudit/internal/scan"
)

// BenchmarkCorpus scans the real Dockerfiles of bench/dockerfiles once per
// iteration; it skips when the corpus is absent.
func BenchmarkCorpus(b *testing.B) {
	paths, _ := filepath.Glob("../../../bench/dockerfiles/*.txt")
	if len(paths) == 0 {
		b.Skip("bench/dockerfiles not present")
	}
	var files []scan.File
	var size int64
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, scan.File{Path: filepath.Base(p) + "/Dockerfile", Data: data})
		size += int64(len(data))
	}
	s := newTestScanner(b, nil)
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			_, _ = s.Scan(context.Background(), f)
		}
	}
	b.ReportMetric(float64(len(files)), "files/op")
}
