package walk

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
)

// ChangedSince returns the files under root that differ from ref: those
// changed between the merge base of ref and HEAD and the working tree, plus
// untracked files that are not ignored. It is the pull-request case: scan
// only what the branch changes. Paths are slash-separated and relative to
// root; deleted files are left out.
func ChangedSince(ctx context.Context, root, ref string) (map[string]bool, error) {
	base, err := git(ctx, root, "merge-base", ref, "HEAD")
	if err != nil {
		return nil, fmt.Errorf("changed since %s: %w", ref, err)
	}
	base = strings.TrimSpace(base)
	diff, err := git(ctx, root, "diff", "--name-only", "--relative", "--no-renames", "--diff-filter=ACMRT", "-z", base)
	if err != nil {
		return nil, fmt.Errorf("changed since %s: %w", ref, err)
	}
	untracked, err := git(ctx, root, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, fmt.Errorf("changed since %s: %w", ref, err)
	}
	files := map[string]bool{}
	for _, out := range []string{diff, untracked} {
		for _, p := range strings.Split(out, "\x00") {
			if p != "" {
				files[CleanRel(p)] = true
			}
		}
	}
	return files, nil
}

// git runs git in dir and returns its standard output; the error carries git's
// standard error.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("git %s: %s", args[0], msg)
	}
	return stdout.String(), nil
}
