package gitscan

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/secaudit/secaudit/internal/scan"
)

// Staged returns the files of `git diff --cached` that are added, copied,
// modified or renamed (not deleted) in repoDir: Data is the staged blob and
// Lines the ranges the commit adds, so that only new lines are reported.
// Binary files and files whose change adds no line are left out.
func Staged(ctx context.Context, repoDir string) ([]scan.File, error) {
	// -M: a renamed file adds only the lines its rename changed.
	out, err := git(ctx, repoDir, "diff", "--cached", "-U0", "--no-color", "--no-ext-diff", "-M",
		"--diff-filter=ACMR", "--src-prefix=a/", "--dst-prefix=b/")
	if err != nil {
		return nil, err
	}
	paths, ranges, err := parseAddedLines(out)
	if err != nil {
		return nil, fmt.Errorf("staged diff in %s: %w", repoDir, err)
	}
	if len(paths) == 0 {
		return nil, nil
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = ":" + p
	}
	files := make([]scan.File, 0, len(paths))
	i := 0
	err = catFile(ctx, repoDir, names, func(b blob) error {
		p := paths[i]
		i++
		if b.data == nil || isBinary(b.data) {
			return nil
		}
		files = append(files, scan.File{Path: p, Data: b.data, Lines: ranges[p]})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// parseAddedLines reads a -U0 unified diff and returns, in order, the
// paths with added lines and their added line ranges (new-file numbering).
func parseAddedLines(diff []byte) ([]string, map[string][]scan.LineRange, error) {
	var paths []string
	ranges := map[string][]scan.LineRange{}
	cur := ""
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "diff --git "):
			cur = ""
		case strings.HasPrefix(line, "+++ "):
			p, err := diffPath(strings.TrimPrefix(line, "+++ "))
			if err != nil {
				return nil, nil, fmt.Errorf("line %d: %w", n, err)
			}
			cur = p
		case strings.HasPrefix(line, "@@ ") && cur != "":
			r, ok, err := hunkRange(line)
			if err != nil {
				return nil, nil, fmt.Errorf("line %d: %w", n, err)
			}
			if !ok {
				continue
			}
			if _, seen := ranges[cur]; !seen {
				paths = append(paths, cur)
			}
			ranges[cur] = append(ranges[cur], r)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	return paths, ranges, nil
}

// diffPath decodes the path of a "+++ b/path" line, which git quotes in C
// style when it holds unusual characters.
func diffPath(s string) (string, error) {
	// git ends the name with a tab when it holds a space.
	s = strings.TrimSuffix(s, "\t")
	if s == "/dev/null" {
		return "", nil
	}
	if strings.HasPrefix(s, `"`) {
		u, err := strconv.Unquote(s)
		if err != nil {
			return "", fmt.Errorf("bad quoted path %s: %w", s, err)
		}
		s = u
	}
	if !strings.HasPrefix(s, "b/") {
		return "", fmt.Errorf("unexpected path %q", s)
	}
	return s[2:], nil
}

// hunkRange parses "@@ -a,b +c,d @@" into the added range c..c+d-1; ok is
// false when the hunk only deletes.
func hunkRange(line string) (scan.LineRange, bool, error) {
	fields := strings.Fields(line)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
		return scan.LineRange{}, false, fmt.Errorf("bad hunk header %q", line)
	}
	spec := fields[2][1:]
	count := 1
	if i := strings.IndexByte(spec, ','); i >= 0 {
		c, err := strconv.Atoi(spec[i+1:])
		if err != nil || c < 0 {
			return scan.LineRange{}, false, fmt.Errorf("bad hunk header %q", line)
		}
		count, spec = c, spec[:i]
	}
	start, err := strconv.Atoi(spec)
	if err != nil || start < 0 {
		return scan.LineRange{}, false, fmt.Errorf("bad hunk header %q", line)
	}
	if count == 0 {
		return scan.LineRange{}, false, nil
	}
	return scan.LineRange{Start: start, End: start + count - 1}, true, nil
}
