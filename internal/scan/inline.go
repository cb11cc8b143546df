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
	start, end := f.Location.StartLine, f.Location.EndLine
	if start <= 0 {
		return false
	}
	if end < start {
		end = start
	}
	if !bytes.Contains(data, []byte(ignoreMarker)) && !bytes.Contains(data, []byte(gitleaksMarker)) {
		return false
	}
	lineNo := 0
	for len(data) > 0 && lineNo <= end {
		lineNo++
		i := bytes.IndexByte(data, '\n')
		var line []byte
		if i < 0 {
			line, data = data, nil
		} else {
			line, data = data[:i], data[i+1:]
		}
		switch {
		case lineNo >= start && lineNo <= end:
			if markerSuppresses(string(line), f) {
				return true
			}
		case lineNo == start-1 && isCommentOnly(line):
			if markerSuppresses(string(line), f) {
				return true
			}
		}
	}
	return false
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
