package gitscan

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
)

// origin is where a blob first appeared.
type origin struct {
	path string
	hist finding.History
}

// History calls fn once for every text blob reachable from any ref of
// repoDir, oldest first. Each file's Origin is the commit where that content
// first appeared (author, RFC 3339 date) and InHead says whether HEAD still
// holds it; its Path is the HEAD path when it is in HEAD, otherwise the path
// it was added under. An error from fn stops the walk and is returned.
func History(ctx context.Context, repoDir string, fn func(scan.File) error) error {
	order, origins, err := blobOrigins(ctx, repoDir)
	if err != nil {
		return err
	}
	head, err := headTree(ctx, repoDir)
	if err != nil && err != errNoHead {
		return err
	}
	return catFile(ctx, repoDir, order, func(b blob) error {
		if b.data == nil || isBinary(b.data) {
			return nil
		}
		o := origins[b.name]
		h := o.hist
		p := o.path
		if hp, ok := head[b.name]; ok {
			h.InHead, p = true, hp
		}
		return fn(scan.File{Path: p, Data: b.data, Origin: &h})
	})
}

// blobOrigins lists every blob added or modified by a commit, oldest commit
// first, with the first commit and path it appeared under.
func blobOrigins(ctx context.Context, repoDir string) ([]string, map[string]origin, error) {
	// -m shows merges against each parent, so content that only a merge
	// introduces (a conflict resolution) is seen too.
	out, err := git(ctx, repoDir, "log", "--all", "--reverse", "--raw", "-m", "--no-abbrev", "--no-renames",
		"--no-color", "--format=commit %H%x00%an <%ae>%x00%aI")
	if err != nil {
		if strings.Contains(err.Error(), "does not have any commits") {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	var order []string
	origins := map[string]origin{}
	var cur finding.History
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "commit "):
			parts := strings.Split(strings.TrimPrefix(line, "commit "), "\x00")
			if len(parts) != 3 {
				return nil, nil, fmt.Errorf("git log in %s: bad commit line %q", repoDir, line)
			}
			cur = finding.History{Commit: parts[0], Author: parts[1], Date: parts[2]}
		case strings.HasPrefix(line, ":"):
			// :100644 100644 <old> <new> M\t<path>
			meta, p, ok := strings.Cut(line, "\t")
			fields := strings.Fields(meta)
			if !ok || len(fields) < 5 {
				return nil, nil, fmt.Errorf("git log in %s: bad raw line %q", repoDir, line)
			}
			p = unquotePath(p)
			sha, mode := fields[3], fields[1]
			if strings.Trim(sha, "0") == "" || mode == "160000" {
				continue // deleted, or a submodule
			}
			if _, seen := origins[sha]; !seen {
				origins[sha] = origin{path: p, hist: cur}
				order = append(order, sha)
			}
		}
	}
	return order, origins, sc.Err()
}

// headTree maps each blob ID in HEAD to its path.
func headTree(ctx context.Context, repoDir string) (map[string]string, error) {
	if _, err := git(ctx, repoDir, "rev-parse", "--verify", "--quiet", "HEAD"); err != nil {
		return nil, errNoHead
	}
	out, err := git(ctx, repoDir, "ls-tree", "-r", "--full-tree", "HEAD")
	if err != nil {
		return nil, err
	}
	head := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		meta, p, ok := strings.Cut(line, "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 3 || fields[1] != "blob" {
			continue
		}
		if _, dup := head[fields[2]]; !dup {
			head[fields[2]] = unquotePath(p)
		}
	}
	return head, nil
}
