package secrets

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/secaudit/secaudit/internal/finding"
)

// maxEvidence is the longest evidence line kept, in bytes.
const maxEvidence = 200

// findings turns the accepted candidates of one file into findings. This is
// the end of the match loop: the clear values die here.
func (s *Scanner) findings(cands []candidate, data []byte, p string) []finding.Finding {
	kept := s.resolve(cands)
	if len(kept) == 0 {
		return nil
	}
	out := make([]finding.Finding, 0, len(kept))
	lines := lineCounter{data: data, line: 1}
	for _, c := range kept {
		r := &s.rules[c.rule]
		value := string(data[c.start:c.end])
		sl, sc := lines.at(c.start)
		el, ec := lines.at(c.end - 1)
		f := finding.Finding{
			Category:   finding.Secret,
			RuleID:     r.ID,
			Severity:   r.Severity,
			Confidence: r.Confidence,
			Title:      r.Title,
			Message:    fmt.Sprintf("%s found: %s", r.Title, finding.Redact(value)),
			Location:   finding.Location{Path: p, StartLine: sl, StartColumn: sc, EndLine: el, EndColumn: ec},
			Evidence:   evidence(data, c.start, kept),
			Fix:        r.Fix,
			CWE:        []string{"CWE-798"},
			Tags:       []string{r.Provider},
			Source:     "secaudit/" + Name,
		}
		f.SetFingerprint(finding.SecretKey(value))
		out = append(out, f)
	}
	return out
}

// lineCounter converts byte offsets, visited in increasing order, to
// 1-based line and column numbers (columns count bytes).
type lineCounter struct {
	data      []byte
	pos, line int
	lineStart int
}

func (l *lineCounter) at(off int) (int, int) {
	if off < l.pos {
		l.pos, l.line, l.lineStart = 0, 1, 0
	}
	for {
		i := bytes.IndexByte(l.data[l.pos:off], '\n')
		if i < 0 {
			break
		}
		l.pos += i + 1
		l.line++
		l.lineStart = l.pos
	}
	l.pos = off
	return l.line, off - l.lineStart + 1
}

// evidence returns the line holding offset off with every secret of the
// file that touches the line replaced by its redaction, trimmed to
// maxEvidence bytes around the first redaction.
func evidence(data []byte, off int, secrets []candidate) string {
	ls := bytes.LastIndexByte(data[:off], '\n') + 1
	le := bytes.IndexByte(data[off:], '\n')
	if le < 0 {
		le = len(data)
	} else {
		le += off
	}
	var b strings.Builder
	pos, mark := ls, -1
	for _, c := range secrets {
		if c.end <= ls || c.start >= le {
			continue
		}
		s, e := max(c.start, ls), min(c.end, le)
		if s < pos {
			continue
		}
		b.Write(data[pos:s])
		if mark < 0 {
			mark = b.Len()
		}
		value := string(data[c.start:c.end])
		// Keep a PEM header readable: it says what kind of key leaked.
		if h := pemHeader(value); h != "" {
			b.WriteString(h + " ")
		}
		b.WriteString(finding.Redact(value))
		pos = e
	}
	b.Write(data[pos:le])
	return trimEvidence(b.String(), max(mark, 0))
}

// pemHeader returns the "-----BEGIN ... KEY-----" line a key block starts
// with, or "".
func pemHeader(v string) string {
	if !strings.HasPrefix(v, "-----BEGIN ") {
		return ""
	}
	i := strings.Index(v[11:], "-----")
	if i < 0 || i > 60 {
		return ""
	}
	return v[:11+i+5]
}

// trimEvidence trims white space and cuts line to maxEvidence bytes,
// keeping the part around byte offset mark, on rune boundaries.
func trimEvidence(line string, mark int) string {
	line = strings.TrimRight(line, " \t\r")
	lead := len(line) - len(strings.TrimLeft(line, " \t"))
	line, mark = line[lead:], max(mark-lead, 0)
	if len(line) <= maxEvidence {
		return strings.ToValidUTF8(line, "?")
	}
	start := max(mark-40, 0)
	end := min(start+maxEvidence, len(line))
	start = max(end-maxEvidence, 0)
	for start > 0 && !utf8.RuneStart(line[start]) {
		start++
	}
	for end < len(line) && !utf8.RuneStart(line[end]) {
		end--
	}
	return strings.ToValidUTF8(line[start:end], "?")
}
