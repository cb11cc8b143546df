package code

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/secaudit/secaudit/internal/scan"
)

// fuzzScan feeds arbitrary source to the scanner as a file of the given
// extension: it must never panic or hang, and every finding must point
// inside the file.
func fuzzScan(f *testing.F, lang, path string) {
	for _, r := range Rules() {
		if r.Language == lang {
			f.Add(r.Positive[0])
		}
	}
	f.Add("")
	f.Add("\x00\xff")
	s := defaultScanner(f)
	f.Fuzz(func(t *testing.T, src string) {
		fs, _ := s.Scan(context.Background(), scan.File{Path: path, Data: []byte(src)})
		lines := len(splitLines([]byte(src)))
		for _, fd := range fs {
			if fd.Location.StartLine < 1 || fd.Location.StartLine > lines || utf8.RuneCountInString(fd.Evidence) > maxEvidence {
				t.Fatalf("finding out of the file: %+v", fd)
			}
		}
	})
}

func FuzzScanGo(f *testing.F)         { fuzzScan(f, "go", "main.go") }
func FuzzScanPython(f *testing.F)     { fuzzScan(f, "python", "app.py") }
func FuzzScanJavaScript(f *testing.F) { fuzzScan(f, "javascript", "app.tsx") }
