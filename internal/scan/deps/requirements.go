package deps

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"
)

// isRequirementsFile reports whether a base name is a pip requirements file:
// a .txt file with "requirements" in its name (requirements.txt,
// requirements-dev.txt, test-requirements.txt), as osv-scanner decides.
func isRequirementsFile(base string) bool {
	name, ok := strings.CutSuffix(base, ".txt")
	return ok && strings.Contains(name, "requirements")
}

// extractRequirements parses one pip requirements file without following
// its -r includes.
func extractRequirements(p string, data []byte) ([]Package, error) {
	r := parseRequirements(p, data)
	return r.pkgs, nil
}

// extractRequirementsFS parses a requirements file and the files it
// includes with -r / --requirement, read from fsys relative to the including
// file. Each file is read at most once (loop protection); packages keep the
// path of the file that declares them. A missing include is an error naming
// the including file and line; the other packages are still returned.
//
// Requirements without a pinned version are returned in unpinned, as
// "path: name" strings, so that the scanner can say they were not checked.
func extractRequirementsFS(fsys fs.FS, p string, data []byte) (pkgs []Package, unpinned []string, err error) {
	seen := map[string]bool{path.Clean(p): true}
	var (
		out  []Package
		errs []string
	)
	type job struct {
		path string
		data []byte
	}
	queue := []job{{p, data}}
	for len(queue) > 0 {
		j := queue[0]
		queue = queue[1:]
		r := parseRequirements(j.path, j.data)
		out = append(out, r.pkgs...)
		for _, name := range r.unpinned {
			unpinned = append(unpinned, j.path+": "+name)
		}
		for _, inc := range r.includes {
			if strings.Contains(inc.target, "://") {
				// pip can fetch a remote file; an offline scan cannot. The URL
				// may carry credentials, so it is shown redacted.
				errs = append(errs, fmt.Sprintf("%s:%d: cannot follow remote -r %s", j.path, inc.line, redactURL(inc.target)))
				continue
			}
			target := path.Clean(path.Join(path.Dir(j.path), inc.target))
			if seen[target] {
				continue
			}
			seen[target] = true
			if fsys == nil || !fs.ValidPath(target) {
				errs = append(errs, fmt.Sprintf("%s:%d: cannot follow -r %s: outside the scanned tree", j.path, inc.line, inc.target))
				continue
			}
			b, err := fs.ReadFile(fsys, target)
			if err != nil {
				errs = append(errs, fmt.Sprintf("%s:%d: -r %s: %v", j.path, inc.line, inc.target, err))
				continue
			}
			queue = append(queue, job{target, decodeText(b)})
		}
	}
	if len(errs) > 0 {
		return out, unpinned, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return out, unpinned, nil
}

type include struct {
	target string
	line   int
}

// requirements is what one requirements file says.
type requirements struct {
	pkgs     []Package
	includes []include
	// unpinned names the requirements without a "==" version.
	unpinned []string
}

// parseRequirements reads the pinned requirements of one file and the files
// it includes. Only "==" and "===" pins yield a version: a range names no
// single version to match. Options, URLs, editable installs, environment
// markers and --hash options are skipped.
func parseRequirements(p string, data []byte) requirements {
	set := newPackageSet(p)
	var r requirements
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		start := i + 1
		line := strings.TrimRight(lines[i], "\r")
		if isContinued(line) { // joined as pip does: backslashes dropped, no space added
			var b strings.Builder
			for isContinued(line) && i+1 < len(lines) {
				b.WriteString(strings.Trim(line, "\\"))
				i++
				line = strings.TrimRight(lines[i], "\r")
			}
			b.WriteString(strings.TrimRight(line, "\\"))
			line = b.String()
		}
		line = stripRequirementComment(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "-") {
			if target, ok := requirementInclude(line); ok {
				r.includes = append(r.includes, include{target, start})
			}
			continue
		}
		name, version, ok := parseRequirementLine(line)
		if ok {
			set.add(Package{Ecosystem: PyPI, Name: name, Version: version, Line: start, Direct: true})
		} else if n := requirementName(line); n != "" {
			r.unpinned = append(r.unpinned, n)
		}
	}
	r.pkgs = set.sorted()
	return r
}

// requirementName returns the normalized project name a requirement line
// starts with, or "" for a URL or path.
func requirementName(line string) string {
	end := strings.IndexAny(line, "[<>=!~ (@;")
	if end < 0 {
		end = len(line)
	}
	if !validPyName(line[:end]) {
		return ""
	}
	return normalizePyName(line[:end])
}

// isContinued reports whether a requirements line continues on the next
// one: it ends with a backslash and is not a comment line.
func isContinued(line string) bool {
	return strings.HasSuffix(line, "\\") && !strings.HasPrefix(strings.TrimSpace(line), "#")
}

// stripRequirementComment removes a "#" comment: one at the start of the
// line or after white space (a "#" inside a URL fragment is not a comment).
func stripRequirementComment(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') {
			s = s[:i]
			break
		}
	}
	return strings.TrimSpace(s)
}

// requirementInclude returns the file of a "-r file" / "--requirement=file"
// line.
func requirementInclude(line string) (string, bool) {
	for _, opt := range []string{"--requirement", "-r"} {
		rest, ok := strings.CutPrefix(line, opt)
		if !ok {
			continue
		}
		rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), "="))
		if f := strings.Fields(rest); len(f) > 0 {
			return f[0], true
		}
	}
	return "", false
}

// parseRequirementLine parses "name[extra]==1.2 ; marker --hash=...".
func parseRequirementLine(line string) (name, version string, ok bool) {
	if i := strings.Index(line, ";"); i >= 0 {
		line = line[:i]
	}
	if i := strings.Index(line, " -"); i >= 0 { // per-requirement options (--hash)
		line = line[:i]
	}
	if i := strings.Index(line, "\t-"); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSpace(line)
	end := strings.IndexAny(line, "[<>=!~ (@")
	if end < 0 {
		return "", "", false
	}
	name = line[:end]
	if !validPyName(name) {
		return "", "", false
	}
	rest := line[end:]
	if strings.HasPrefix(rest, "[") {
		j := strings.Index(rest, "]")
		if j < 0 {
			return "", "", false
		}
		rest = rest[j+1:]
	}
	rest = strings.TrimSpace(strings.Trim(strings.TrimSpace(rest), "()"))
	if strings.HasPrefix(rest, "@") {
		return "", "", false // a direct URL reference
	}
	var pinned bool
	if version, pinned = strings.CutPrefix(rest, "==="); !pinned {
		version, pinned = strings.CutPrefix(rest, "==")
	}
	if !pinned {
		return "", "", false
	}
	version = strings.TrimSpace(version)
	if i := strings.IndexAny(version, ", "); i >= 0 {
		version = version[:i]
	}
	if version == "" || strings.Contains(version, "*") {
		return "", "", false
	}
	return normalizePyName(name), version, true
}

func validPyName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// normalizePyName normalizes a Python distribution name (PEP 503):
// lower case, runs of "-", "_" and "." become one "-".
func normalizePyName(s string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(s) {
		if r == '-' || r == '_' || r == '.' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		b.WriteRune(r)
	}
	return b.String()
}

// redactURL hides the user information of a URL ("https://user:token@host"
// becomes "https://xxxxx@host"); an unparsable URL is hidden whole.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(url)"
	}
	if u.User != nil {
		u.User = url.User("xxxxx")
	}
	return u.String()
}
