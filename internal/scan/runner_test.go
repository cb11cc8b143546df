package scan

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/walk"
)

// wordScanner reports every line containing "BAD"; it fails on "FAIL" and
// panics on "PANIC".
type wordScanner struct{}

func (wordScanner) Name() string        { return "word" }
func (wordScanner) Wants(p string) bool { return !strings.HasSuffix(p, ".skip") }
func (wordScanner) Scan(_ context.Context, f File) ([]finding.Finding, error) {
	var out []finding.Finding
	for i, line := range strings.Split(string(f.Data), "\n") {
		switch {
		case strings.Contains(line, "PANIC"):
			panic("boom")
		case strings.Contains(line, "FAIL"):
			return out, errors.New("cannot parse")
		case strings.Contains(line, "BAD"):
			out = append(out, finding.Finding{Category: finding.Code, RuleID: "bad", Location: finding.Location{Path: f.Path, StartLine: i + 1}})
		}
	}
	return out, nil
}

func TestRunnerWalk(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"a.txt":     "ok\nBAD\nBAD # secaudit:ignore\n",
		"b.txt":     "BAD\nFAIL\nBAD\n",
		"c.txt":     "PANIC\n",
		"bin.dat":   "BAD\x00\x01",
		"x.skip":    "BAD",
		"sub/d.txt": "BAD",
		"large.txt": strings.Repeat("BAD\n", 100),
	}
	for p, c := range files {
		abs := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(abs), 0o755)
		if err := os.WriteFile(abs, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := &Runner{Scanners: []Scanner{wordScanner{}}, Workers: 3}
	out, err := r.Walk(context.Background(), root, walk.Options{MaxFileSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range out.Findings {
		got = append(got, f.Location.String())
	}
	sort.Strings(got)
	want := []string{"a.txt:2", "b.txt:1", "sub/d.txt:1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if out.InlineIgnored != 1 {
		t.Errorf("InlineIgnored = %d, want 1", out.InlineIgnored)
	}
	if len(out.Errors) != 2 {
		t.Fatalf("errors = %+v, want 2 (b.txt parse, c.txt panic)", out.Errors)
	}
	if out.Errors[0].Path != "b.txt" || !strings.Contains(out.Errors[1].Message, "internal error") {
		t.Errorf("errors = %+v", out.Errors)
	}
	if diff := cmp.Diff(map[string]int{"binary": 1, "too-large": 1}, out.Stats.Skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	if out.Stats.FilesScanned != 4 {
		t.Errorf("FilesScanned = %d, want 4", out.Stats.FilesScanned)
	}
}

func TestRunnerFilesLines(t *testing.T) {
	files := []File{
		{Path: "a.txt", Data: []byte("BAD\nBAD\nBAD\n"), Lines: []LineRange{{2, 2}}},
		{Path: "h.txt", Data: []byte("BAD\n"), Origin: &finding.History{Commit: "abc", InHead: false}},
	}
	i := 0
	next := func() (File, error) {
		if i == len(files) {
			return File{}, io.EOF
		}
		i++
		return files[i-1], nil
	}
	out, err := (&Runner{Scanners: []Scanner{wordScanner{}}}).Files(context.Background(), next)
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(out.Findings, func(i, j int) bool { return out.Findings[i].Location.Path < out.Findings[j].Location.Path })
	if len(out.Findings) != 2 || out.Findings[0].Location.StartLine != 2 {
		t.Fatalf("findings = %+v, want a.txt:2 and h.txt:1", out.Findings)
	}
	if h := out.Findings[1].History; h == nil || h.Commit != "abc" {
		t.Errorf("history not copied: %+v", out.Findings[1])
	}
}
