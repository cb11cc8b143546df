package walk

import (
	"bufio"
	"bytes"
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// ignoreFile is the parsed content of one .gitignore or .secauditignore, with
// git's semantics: https://git-scm.com/docs/gitignore.
type ignoreFile struct {
	// dir is the slash-separated directory of the file relative to the root
	// ("" for the root).
	dir      string
	patterns []ignorePattern
}

type ignorePattern struct {
	glob     string // doublestar pattern
	negate   bool   // "!pattern" re-includes
	dirOnly  bool   // "pattern/" matches directories only
	anchored bool   // contains a slash before the end: relative to dir
}

// parseIgnore parses gitignore syntax. Invalid patterns are dropped, as git
// does.
func parseIgnore(dir string, data []byte) *ignoreFile {
	f := &ignoreFile{dir: dir}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		line = trimTrailingSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var p ignorePattern
		if strings.HasPrefix(line, "!") {
			p.negate = true
			line = line[1:]
		} else if strings.HasPrefix(line, `\!`) || strings.HasPrefix(line, `\#`) {
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			p.dirOnly = true
			line = strings.TrimRight(line, "/")
		}
		if line == "" {
			continue
		}
		if strings.Contains(line, "/") {
			p.anchored = true
			line = strings.TrimPrefix(line, "/")
		}
		if !p.anchored {
			// A pattern without a slash matches at any depth below dir.
			line = "**/" + line
		}
		if !doublestar.ValidatePattern(line) {
			continue
		}
		p.glob = line
		f.patterns = append(f.patterns, p)
	}
	return f
}

// trimTrailingSpace removes trailing spaces unless escaped with a backslash.
func trimTrailingSpace(s string) string {
	for strings.HasSuffix(s, " ") && !strings.HasSuffix(s, `\ `) {
		s = s[:len(s)-1]
	}
	return s
}

// match reports whether rel (slash path relative to the root) is ignored by
// f: decided is false when no pattern of f matches, so a parent file decides.
func (f *ignoreFile) match(rel string, isDir bool) (ignored, decided bool) {
	sub := rel
	if f.dir != "" {
		if !strings.HasPrefix(rel, f.dir+"/") {
			return false, false
		}
		sub = rel[len(f.dir)+1:]
	}
	for i := len(f.patterns) - 1; i >= 0; i-- {
		p := f.patterns[i]
		if p.dirOnly && !isDir {
			continue
		}
		if ok, _ := doublestar.Match(p.glob, sub); ok {
			return !p.negate, true
		}
	}
	return false, false
}

// ignoreStack holds the ignore files that apply to a directory, root first.
type ignoreStack []*ignoreFile

// ignored reports whether rel is ignored: the deepest file with a matching
// pattern decides, and within a file the last matching pattern wins.
func (s ignoreStack) ignored(rel string, isDir bool) bool {
	for i := len(s) - 1; i >= 0; i-- {
		if ign, ok := s[i].match(rel, isDir); ok {
			return ign
		}
	}
	return false
}

// globs is a set of doublestar patterns matched against the whole relative
// path or, for patterns without a slash, the base name.
type globs []string

func (g globs) match(rel string) bool {
	for _, p := range g {
		target := rel
		if !strings.Contains(p, "/") {
			target = path.Base(rel)
		}
		if ok, _ := doublestar.Match(p, target); ok {
			return true
		}
	}
	return false
}
