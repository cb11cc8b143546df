package walk

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tree writes files (path -> content) under a new temporary directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, c := range files {
		abs := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(abs, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

type collected struct {
	files    []string
	skips    []string
	problems []string
}

func walkAll(t *testing.T, root string, opts Options) collected {
	t.Helper()
	var c collected
	err := Walk(context.Background(), root, opts, Visitor{
		File:    func(e Entry) error { c.files = append(c.files, e.Path); return nil },
		Skip:    func(s Skip) { c.skips = append(c.skips, s.Path+":"+s.Reason) },
		Problem: func(p Problem) { c.problems = append(c.problems, p.Path) },
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(c.files)
	sort.Strings(c.skips)
	return c
}

func TestWalkIgnores(t *testing.T) {
	root := tree(t, map[string]string{
		".gitignore":           "*.log\n/build/\nsecret?.txt\n!keep.log\n# comment\n",
		"a.go":                 "x",
		"debug.log":            "x",
		"keep.log":             "x",
		"build/out.go":         "x",
		"sub/build/out.go":     "x",
		"sub/.gitignore":       "local.txt\n!debug2.log\n",
		"sub/local.txt":        "x",
		"sub/debug2.log":       "x",
		"sub/secret1.txt":      "x",
		"other/local.txt":      "x",
		".secauditignore":      "fixtures/\n",
		"fixtures/fake.key":    "x",
		"deep/fixtures/x.key":  "x",
		".git/config":          "x",
		"docs/a/b/c.md":        "x",
		"docs/.gitignore":      "a/**/*.md\n",
		"nested/dir/keep.me":   "x",
		"nested/.gitignore":    "dir/\n",
		"nested/dirfile/a.txt": "x",
	})
	got := walkAll(t, root, Options{})
	want := []string{
		".gitignore", ".secauditignore", "a.go", "docs/.gitignore", "keep.log",
		"nested/.gitignore", "nested/dirfile/a.txt", "other/local.txt",
		"sub/.gitignore", "sub/build/out.go", "sub/debug2.log",
	}
	if diff := cmp.Diff(want, got.files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}

	got = walkAll(t, root, Options{NoGitignore: true})
	for _, p := range []string{"debug.log", "build/out.go", "sub/local.txt"} {
		if !contains(got.files, p) {
			t.Errorf("NoGitignore: %s missing", p)
		}
	}
	if contains(got.files, "fixtures/fake.key") {
		t.Errorf("NoGitignore must still honour .secauditignore")
	}
}

func TestWalkSizeSymlinkExclude(t *testing.T) {
	root := tree(t, map[string]string{
		"small.txt":        "12345",
		"big.txt":          "0123456789ABCDEF",
		"vendor/x/a.go":    "x",
		"pkg/gen.pb.go":    "x",
		"pkg/main.go":      "x",
		"outside/real.txt": "x",
	})
	must(t, os.Symlink(filepath.Join(root, "outside"), filepath.Join(root, "link-dir")))
	must(t, os.Symlink("/etc/passwd", filepath.Join(root, "escape")))
	must(t, os.Symlink(".", filepath.Join(root, "pkg", "loop")))
	got := walkAll(t, root, Options{MaxFileSize: 10, Exclude: []string{"vendor/**", "*.pb.go"}})
	wantFiles := []string{"outside/real.txt", "pkg/main.go", "small.txt"}
	if diff := cmp.Diff(wantFiles, got.files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	wantSkips := []string{"big.txt:too-large", "escape:symlink", "link-dir:symlink", "pkg/loop:symlink"}
	if diff := cmp.Diff(wantSkips, got.skips); diff != "" {
		t.Errorf("skips (-want +got):\n%s", diff)
	}
}

func TestWalkUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads everything")
	}
	root := tree(t, map[string]string{"a.txt": "x", "locked/b.txt": "x"})
	must(t, os.Chmod(filepath.Join(root, "locked"), 0))
	t.Cleanup(func() { os.Chmod(filepath.Join(root, "locked"), 0o755) })
	got := walkAll(t, root, Options{})
	if diff := cmp.Diff([]string{"locked"}, got.problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestWalkOnly(t *testing.T) {
	root := tree(t, map[string]string{"a.txt": "x", "d/b.txt": "x", "d/c.txt": "x", "e/f.txt": "x"})
	got := walkAll(t, root, Options{Only: map[string]bool{"d/b.txt": true, "a.txt": true}})
	if diff := cmp.Diff([]string{"a.txt", "d/b.txt"}, got.files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

func TestWalkSingleFile(t *testing.T) {
	root := tree(t, map[string]string{"one.env": "x"})
	got := walkAll(t, filepath.Join(root, "one.env"), Options{})
	if diff := cmp.Diff([]string{"one.env"}, got.files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

func FuzzParseIgnore(f *testing.F) {
	f.Add("*.log\n!keep.log\n/build/\n**/x/**\n\\#a\n[a-z]*.txt\n", "a/b.log")
	f.Fuzz(func(t *testing.T, data, p string) {
		s := ignoreStack{parseIgnore("", []byte(data))}
		s.ignored(p, false)
		s.ignored(p, true)
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
