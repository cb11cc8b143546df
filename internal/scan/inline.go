package scan

import (
	"bytes"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
)

// Inline ignore markers. "secaudit:ignore" suppresses every finding on its
// line; "secaudit:ignore:RULE[,RULE]" (or "secaudit:ignore[RULE]") only those
// rules. gitleaks' "gitleaks:allow" is honoured for secrets, so repositories
// moving from gitleaks keep their annotations.
const (
	ignoreMarker   = "secaudit:ignore"
	gitleaksMarker = "gitleaks:allow"
)

// InlineIgnored reports whether an inline comment suppresses f: a marker on
// any line of the finding, or a comment-only line just above it.
func InlineIgnored(data []byte, f finding.Finding) bool {
	return newInlineIndex(data).ignored(f)
}

// inlineIndex answers InlineIgnored for many findings of one file: the file
// is searched for a marker once, and split into lines only when it has one,
// so a minified file with thousands of findings costs one pass, not one per
// finding.
type inlineIndex struct {
	data    []byte
	checked bool
	has     bool
	starts  []int // byte offset of each line
}

func newInlineIndex(data []byte) *inlineIndex { return &inlineIndex{data: data} }

func (ix *inlineIndex) ignored(f finding.Finding) bool {
	start, end := f.Location.StartLine, f.Location.EndLine
	if start <= 0 {
		return false
	}
	if end < start {
		end = start
	}
	if !ix.checked {
		ix.checked = true
		ix.has = bytes.Contains(ix.data, []byte(ignoreMarker)) || bytes.Contains(ix.data, []byte(gitleaksMarker))
		if ix.has {
			ix.starts = append(ix.starts, 0)
			for i, c := range ix.data {
				if c == '\n' {
					ix.starts = append(ix.starts, i+1)
				}
			}
		}
	}
	if !ix.has {
		return false
	}
	if start > 1 {
		if line := ix.line(start - 1); isCommentOnly(line) && markerSuppresses(string(line), f) {
			return true
		}
	}
	for n := start; n <= end && n <= len(ix.starts); n++ {
		if markerSuppresses(string(ix.line(n)), f) {
			return true
		}
	}
	return false
}

// line returns line n (1-based) without its newline, or nil past the end.
func (ix *inlineIndex) line(n int) []byte {
	if n < 1 || n > len(ix.starts) {
		return nil
	}
	lo := ix.starts[n-1]
	hi := len(ix.data)
	if n < len(ix.starts) {
		hi = ix.starts[n] - 1
	}
	return ix.data[lo:hi]
}

func markerSuppresses(line string, f finding.Finding) bool {
	if f.Category == finding.Secret && strings.Contains(line, gitleaksMarker) {
		return true
	}
	i := strings.Index(line, ignoreMarker)
	if i < 0 {
		return false
	}
	rest := line[i+len(ignoreMarker):]
	var rules string
	switch {
	case strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "="):
		rules = rest[1:]
	case strings.HasPrefix(rest, "["):
		rules = strings.SplitN(rest[1:], "]", 2)[0]
	default:
		return true
	}
	if fields := strings.Fields(rules); len(fields) > 0 {
		rules = fields[0]
	} else {
		rules = ""
	}
	rules = strings.TrimRight(rules, "*/->")
	for _, r := range strings.Split(rules, ",") {
		if strings.EqualFold(strings.TrimSpace(r), f.RuleID) {
			return true
		}
	}
	return false
}

func isCommentOnly(line []byte) bool {
	t := strings.TrimSpace(string(line))
	for _, p := range []string{"#", "//", "/*", "<!--", "--", ";", "*", "'", "REM "} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}
