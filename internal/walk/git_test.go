package walk

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestChangedSince(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	root := tree(t, map[string]string{"a.txt": "a", "b.txt": "b", "sub/c.txt": "c", "gone.txt": "x"})
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", root, "-c", "user.email=t@t", "-c", "user.name=t"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q", "-b", "main")
	run("add", ".")
	run("commit", "-qm", "base")
	run("checkout", "-qb", "feature")
	must(t, os.WriteFile(filepath.Join(root, "b.txt"), []byte("changed"), 0o644))
	must(t, os.WriteFile(filepath.Join(root, "sub", "new.txt"), []byte("new"), 0o644))
	must(t, os.Remove(filepath.Join(root, "gone.txt")))
	run("add", "-A")
	run("commit", "-qm", "feature work")
	must(t, os.WriteFile(filepath.Join(root, "a.txt"), []byte("uncommitted"), 0o644))
	must(t, os.WriteFile(filepath.Join(root, "untracked.txt"), []byte("u"), 0o644))

	got, err := ChangedSince(context.Background(), root, "main")
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for p := range got {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	want := []string{"a.txt", "b.txt", "sub/new.txt", "untracked.txt"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("changed (-want +got):\n%s", diff)
	}
	files := walkAll(t, root, Options{Only: got})
	if diff := cmp.Diff(want, files.files); diff != "" {
		t.Errorf("walked (-want +got):\n%s", diff)
	}
	if _, err := ChangedSince(context.Background(), root, "no-such-ref"); err == nil {
		t.Error("unknown ref: no error")
	}
}
