package codeowners

import (
	"errors"
	"regexp"
	"strings"
)

// compile turns a CODEOWNERS pattern into a regular expression over
// slash-separated paths relative to the repository root.
//
// The rules, after GitHub's documentation and behaviour:
//   - a leading "/" anchors the pattern to the root; a pattern with a slash
//     elsewhere (not only at the end) is anchored too; a pattern without one
//     matches at any depth ("*.js", "apps/", "docs");
//   - a trailing "/" matches everything beneath a directory, never a file of
//     that name;
//   - "*" matches within one path segment, "?" one character, "**" any
//     number of segments ("**/logs", "docs/**", "a/**/b");
//   - a pattern whose last segment is not a lone "*" also matches everything
//     beneath what it names ("/build/logs" owns build/logs/x); "docs/*" owns
//     docs/a.md but not docs/sub/b.md;
//   - "\" escapes the next character ("\#file", "my\ file");
//   - negation ("!") and character ranges ("[a-z]") are not supported by
//     GitHub and are rejected.
func compile(pattern string) (*regexp.Regexp, error) {
	switch {
	case pattern == "":
		return nil, errors.New("empty pattern")
	case strings.HasPrefix(pattern, "!"):
		return nil, errors.New("negated patterns (!) are not supported in CODEOWNERS")
	case strings.Contains(pattern, "***"):
		return nil, errors.New("pattern cannot contain three consecutive asterisks")
	case hasUnescaped(pattern, '['):
		return nil, errors.New("character ranges ([...]) are not supported in CODEOWNERS")
	case strings.HasSuffix(pattern, `\`) && !strings.HasSuffix(pattern, `\\`):
		return nil, errors.New("pattern ends with a lone escape (\\)")
	case pattern == "/":
		return regexp.Compile(`\A\z`) // names the root itself: matches no file
	}
	segs := strings.Split(pattern, "/")
	if segs[0] == "" {
		segs = segs[1:] // leading slash: anchored
	} else if len(segs) == 1 || len(segs) == 2 && segs[1] == "" {
		if segs[0] != "**" {
			segs = append([]string{"**"}, segs...) // no slash: any depth
		}
	}
	if n := len(segs); n > 1 && segs[n-1] == "" {
		segs[n-1] = "**" // trailing slash: everything beneath
	}
	segs = collapseDoubleStars(segs)
	var re strings.Builder
	re.WriteString(`\A`)
	last := len(segs) - 1
	sep := false // whether the next segment needs a "/" before it
	for i, seg := range segs {
		switch {
		case seg == "**" && i == 0 && i == last:
			re.WriteString(`.+`)
		case seg == "**" && i == 0:
			re.WriteString(`(?:.+/)?`)
			sep = false
		case seg == "**" && i == last:
			re.WriteString(`/.*`)
		case seg == "**":
			re.WriteString(`(?:/.+)?`)
			sep = true
		case seg == "*":
			if sep {
				re.WriteString(`/`)
			}
			re.WriteString(`[^/]+`)
			sep = true
		default:
			if sep {
				re.WriteString(`/`)
			}
			writeSegment(&re, seg)
			if i == last {
				re.WriteString(`(?:/.*)?`) // a directory owns what is beneath it
			}
			sep = true
		}
	}
	re.WriteString(`\z`)
	return regexp.Compile(re.String())
}

// literalPrefix returns the literal text every path an anchored pattern
// matches starts with ("/src/api/*.go" gives "src/api/"), or "" for a
// pattern that matches at any depth or starts with a wildcard.
func literalPrefix(pattern string) string {
	trimmed := strings.TrimSuffix(pattern, "/")
	if !strings.Contains(trimmed, "/") {
		return "" // no slash: any depth
	}
	p := strings.TrimPrefix(pattern, "/")
	if i := strings.IndexAny(p, `*?\`); i >= 0 {
		p = p[:i]
	}
	if strings.HasSuffix(pattern, "/") && p == strings.TrimPrefix(pattern, "/") {
		return p // "/docs/": only paths beneath docs/
	}
	return strings.TrimSuffix(p, "/") // "/docs" also owns "docs" itself
}

// collapseDoubleStars merges runs of "**" segments ("**/**", "a/**/"), which
// mean the same as one.
func collapseDoubleStars(segs []string) []string {
	out := segs[:0:0]
	for i, s := range segs {
		if s == "**" && i > 0 && segs[i-1] == "**" {
			continue
		}
		out = append(out, s)
	}
	return out
}

// writeSegment writes the regular expression of one path segment.
func writeSegment(re *strings.Builder, seg string) {
	for i := 0; i < len(seg); i++ {
		switch c := seg[i]; c {
		case '\\':
			if i+1 < len(seg) {
				i++
				re.WriteString(regexp.QuoteMeta(seg[i : i+1]))
			}
		case '*':
			re.WriteString(`[^/]*`)
		case '?':
			re.WriteString(`[^/]`)
		default:
			re.WriteString(regexp.QuoteMeta(seg[i : i+1]))
		}
	}
}

func hasUnescaped(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == c {
			return true
		}
	}
	return false
}
