package gitscan

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
)

// repo is a throwaway git repository for tests.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	r := &repo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+r.dir,
		"GIT_AUTHOR_NAME=Ann", "GIT_AUTHOR_EMAIL=ann@example.com", "GIT_COMMITTER_NAME=Ann", "GIT_COMMITTER_EMAIL=ann@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *repo) write(path, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *repo) commit(msg, date string) string {
	r.t.Helper()
	r.git("add", "-A")
	cmd := []string{"-c", "commit.gpgsign=false", "commit", "-q", "-m", msg, "--date", date}
	r.git(cmd...)
	return r.git("rev-parse", "HEAD")
}

func TestStaged(t *testing.T) {
	r := newRepo(t)
	r.write("app.env", "A=1\nB=2\nC=3\n")
	r.write("old.txt", "bye\n")
	r.write("keys/before.pem", "an old key\nthat only moves\n")
	r.commit("first", "2024-01-02T03:04:05Z")
	r.git("mv", "keys/before.pem", "keys/after.pem") // a pure rename adds nothing

	r.write("app.env", "A=1\nTOKEN=new\nB=2\nC=3\nD=4\n")
	r.write("new dir/new file.yaml", "x: 1\ny: 2\n")
	r.write("bin.dat", "a\x00b")
	r.git("rm", "-q", "old.txt")
	r.git("add", "-A")
	r.write("app.env", "unstaged change\n") // the staged blob must win

	got, err := Staged(context.Background(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []scan.File{
		{Path: "app.env", Data: []byte("A=1\nTOKEN=new\nB=2\nC=3\nD=4\n"), Lines: []scan.LineRange{{Start: 2, End: 2}, {Start: 5, End: 5}}},
		{Path: "new dir/new file.yaml", Data: []byte("x: 1\ny: 2\n"), Lines: []scan.LineRange{{Start: 1, End: 2}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Staged (-want +got):\n%s", diff)
	}
}

func TestStagedErrors(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	_, err := Staged(context.Background(), dir)
	if err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("Staged outside a repository: error %v, want one naming %s", err, dir)
	}
	r := newRepo(t)
	if got, err := Staged(context.Background(), r.dir); err != nil || len(got) != 0 {
		t.Errorf("Staged in an empty repository = %v, %v; want nothing", got, err)
	}
}

func TestHistory(t *testing.T) {
	r := newRepo(t)
	r.write("config.yaml", "token: one\n")
	r.write("keep.txt", "stable\n")
	c1 := r.commit("add config", "2024-01-02T03:04:05Z")
	r.write("config.yaml", "token: two\n")
	r.write("secret.env", "KEY=gone\n")
	c2 := r.commit("rotate", "2024-02-03T04:05:06Z")
	r.git("rm", "-q", "secret.env")
	r.git("mv", "keep.txt", "moved.txt")
	r.commit("cleanup", "2024-03-04T05:06:07Z")

	type seen struct {
		Path, Data string
		Origin     finding.History
	}
	var got []seen
	err := History(context.Background(), r.dir, func(f scan.File) error {
		got = append(got, seen{f.Path, string(f.Data), *f.Origin})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	at := func(c, d string, inHead bool) finding.History {
		return finding.History{Commit: c, Author: "Ann <ann@example.com>", Date: d, InHead: inHead}
	}
	d1, d2 := "2024-01-02T03:04:05Z", "2024-02-03T04:05:06Z"
	want := []seen{
		{"config.yaml", "token: one\n", at(c1, d1, false)},
		{"moved.txt", "stable\n", at(c1, d1, true)},
		{"config.yaml", "token: two\n", at(c2, d2, true)},
		{"secret.env", "KEY=gone\n", at(c2, d2, false)},
	}
	for i := range got {
		got[i].Origin.Date = normDate(t, got[i].Origin.Date)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("History (-want +got):\n%s", diff)
	}

	stop := errors.New("stop")
	n := 0
	err = History(context.Background(), r.dir, func(scan.File) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("History with a failing callback: %v after %d calls, want stop after 1", err, n)
	}
}

// TestHistoryMerge: content that only a merge's conflict resolution adds
// is visited, with the merge as its origin.
func TestHistoryMerge(t *testing.T) {
	r := newRepo(t)
	r.write("a.txt", "base\n")
	r.commit("base", "2024-01-01T00:00:00Z")
	r.git("checkout", "-q", "-b", "side")
	r.write("a.txt", "side\n")
	r.commit("side", "2024-01-02T00:00:00Z")
	r.git("checkout", "-q", "main")
	r.write("a.txt", "main\n")
	r.commit("main", "2024-01-03T00:00:00Z")
	cmd := []string{"-c", "commit.gpgsign=false", "merge", "-q", "side"}
	c := exec.Command("git", append([]string{"-C", r.dir}, cmd...)...)
	c.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+r.dir, "GIT_AUTHOR_NAME=Ann", "GIT_AUTHOR_EMAIL=ann@example.com",
		"GIT_COMMITTER_NAME=Ann", "GIT_COMMITTER_EMAIL=ann@example.com")
	_ = c.Run() // conflicts
	r.write("a.txt", "resolved TOKEN\n")
	merge := r.commit("merge", "2024-01-04T00:00:00Z")

	var origin *finding.History
	err := History(context.Background(), r.dir, func(f scan.File) error {
		if string(f.Data) == "resolved TOKEN\n" {
			origin = f.Origin
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if origin == nil || origin.Commit != merge || !origin.InHead {
		t.Errorf("merge-only content: origin %+v, want commit %s in HEAD", origin, merge)
	}
}

func normDate(t *testing.T, d string) string {
	tm, err := time.Parse(time.RFC3339, d)
	if err != nil {
		t.Fatalf("date %q is not RFC 3339: %v", d, err)
	}
	return tm.UTC().Format(time.RFC3339)
}

func TestParseAddedLines(t *testing.T) {
	diff := "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,0 +1,3 @@\n+a\n+b\n+c\n@@ -5 +8 @@\n-o\n+n\n@@ -9,2 +11,0 @@\n-d\n-e\n" +
		"diff --git \"a/t\\tab\" \"b/t\\tab\"\n--- /dev/null\n+++ \"b/t\\tab\"\n@@ -0,0 +1 @@\n+z\n"
	paths, ranges, err := parseAddedLines([]byte(diff))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"x", "t\tab"}, paths); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	want := map[string][]scan.LineRange{"x": {{Start: 1, End: 3}, {Start: 8, End: 8}}, "t\tab": {{Start: 1, End: 1}}}
	if diff := cmp.Diff(want, ranges); diff != "" {
		t.Errorf("ranges (-want +got):\n%s", diff)
	}
	if _, _, err := parseAddedLines([]byte("+++ b/x\n@@ bogus\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad hunk: error %v, want one naming line 2", err)
	}
}

// FuzzParseAddedLines: any diff text parses or fails cleanly.
func FuzzParseAddedLines(f *testing.F) {
	f.Add("+++ b/x\n@@ -1,0 +1,3 @@\n")
	f.Add("+++ \"b/\\x\"\n@@ -1 +2,0 @@\n")
	f.Fuzz(func(t *testing.T, diff string) {
		paths, ranges, err := parseAddedLines([]byte(diff))
		if err != nil {
			return
		}
		for _, p := range paths {
			for _, r := range ranges[p] {
				if r.End < r.Start {
					t.Errorf("range %+v ends before it starts", r)
				}
			}
		}
	})
}
