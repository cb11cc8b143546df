// Package codeowners reads a GitHub CODEOWNERS file and answers who owns a
// path, with GitHub's semantics
// (https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners):
// gitignore-style patterns, the last matching line wins, and a matching line
// without owners leaves the path unowned.
package codeowners

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
)

// Locations are where GitHub looks for CODEOWNERS, in its order of
// precedence: the first one present is used.
var Locations = []string{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}

// MaxSize is the largest CODEOWNERS file GitHub reads (3 MB); larger files
// are ignored by GitHub and rejected here.
const MaxSize = 3 << 20

// Rule is one line of a CODEOWNERS file.
type Rule struct {
	// Pattern is the path pattern as written, escapes removed.
	Pattern string
	// Owners are "@user", "@org/team" or email addresses; empty when the line
	// takes ownership away.
	Owners []string
	// Line is the 1-based line number.
	Line int
	re   *regexp.Regexp
	// prefix is a literal every matching path starts with (the leading
	// literal part of an anchored pattern): a cheap test before the regexp.
	prefix string
}

// Match reports whether the rule's pattern covers path (slash-separated,
// relative to the repository root).
func (r *Rule) Match(path string) bool {
	path = strings.TrimPrefix(strings.TrimPrefix(path, "./"), "/")
	if !strings.HasPrefix(path, r.prefix) {
		return false
	}
	return r.re.MatchString(path)
}

// File is a parsed CODEOWNERS file.
type File struct {
	// Path is where the file was read from ("" when parsed from bytes
	// without a name).
	Path  string
	Rules []Rule
}

// Owners returns the owners of path and the rule that decided, or nil, nil
// when no rule matches. The last matching rule wins; when it has no owners
// the path is unowned (nil owners, non-nil rule).
func (f *File) Owners(path string) ([]string, *Rule) {
	if f == nil {
		return nil, nil
	}
	for i := len(f.Rules) - 1; i >= 0; i-- {
		if r := &f.Rules[i]; r.Match(path) {
			return r.Owners, r
		}
	}
	return nil, nil
}

// Load finds and parses the CODEOWNERS file of the repository in fsys,
// looking in Locations order, or at path when it is not empty. It returns
// nil, nil when there is none. Lines GitHub would reject are reported in the
// error while the valid rules are still returned.
func Load(fsys fs.FS, path string) (*File, error) {
	candidates := Locations
	if path != "" {
		candidates = []string{strings.TrimPrefix(path, "/")}
	}
	for _, p := range candidates {
		info, err := fs.Stat(fsys, p)
		if errors.Is(err, fs.ErrNotExist) {
			if path != "" {
				return nil, fmt.Errorf("codeowners %s: %w", p, err)
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("codeowners %s: %w", p, err)
		}
		if info.Size() > MaxSize {
			return nil, fmt.Errorf("codeowners %s: %d bytes is over GitHub's 3 MB limit", p, info.Size())
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("codeowners %s: %w", p, err)
		}
		return Parse(data, p)
	}
	return nil, nil
}

// Parse parses CODEOWNERS content; name is used in errors. It always returns
// a File holding every valid rule; the error joins one "name:line: message"
// per line that GitHub would skip as invalid.
func Parse(data []byte, name string) (*File, error) {
	f := &File{Path: name}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte-order mark
	var errs []error
	for i, raw := range bytes.Split(data, []byte("\n")) {
		line := strings.TrimSpace(strings.TrimSuffix(string(raw), "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r, err := parseLine(line)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, i+1, err))
			continue
		}
		r.Line = i + 1
		f.Rules = append(f.Rules, r)
	}
	return f, errors.Join(errs...)
}

// parseLine splits a line into its pattern and owners and compiles the
// pattern.
func parseLine(line string) (Rule, error) {
	pattern, rest := splitPattern(line)
	var r Rule
	for _, tok := range strings.Fields(rest) {
		if strings.HasPrefix(tok, "#") {
			break // inline comment
		}
		if !ValidOwner(tok) {
			return Rule{}, fmt.Errorf("invalid owner %q (want @user, @org/team or an email address)", tok)
		}
		r.Owners = append(r.Owners, tok)
	}
	re, err := compile(pattern)
	if err != nil {
		return Rule{}, err
	}
	r.Pattern = unescape(pattern)
	r.re = re
	r.prefix = literalPrefix(pattern)
	return r, nil
}

// splitPattern returns the pattern (up to the first unescaped white space,
// escapes kept) and the rest of the line.
func splitPattern(line string) (pattern, rest string) {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case ' ', '\t':
			return line[:i], line[i:]
		}
	}
	return line, ""
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var (
	// Usernames are alphanumerics and hyphens; Enterprise Managed Users add
	// an underscore and a short code ("@octocat_acme").
	userOwnerRe  = regexp.MustCompile(`^@[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$`)
	teamOwnerRe  = regexp.MustCompile(`^@[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?/[A-Za-z0-9][A-Za-z0-9._-]*$`)
	emailOwnerRe = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// ValidOwner reports whether s is an owner CODEOWNERS accepts: @user,
// @org/team or an email address.
func ValidOwner(s string) bool {
	return userOwnerRe.MatchString(s) || teamOwnerRe.MatchString(s) || emailOwnerRe.MatchString(s)
}
