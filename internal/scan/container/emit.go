package container

import (
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/secaudit/secaudit/internal/finding"
)

// emitter collects the findings of one file. Secret values it is told about
// are redacted from every finding's evidence and message when it finishes,
// whichever rule produced them.
type emitter struct {
	s       *Scanner
	path    string
	kind    string
	out     []finding.Finding
	keys    []string
	secrets []string
}

// hit describes one rule hit before it becomes a finding.
type hit struct {
	rule      string
	line, end int
	evidence  string
	// key is the fingerprint key; empty means LineKey(evidence).
	key    string
	detail string
}

// enabled reports whether a rule runs.
func (e *emitter) enabled(id string) bool {
	_, ok := e.s.rules[id]
	return ok
}

// secret registers a secret value to redact from all output of the file.
func (e *emitter) secret(v string) {
	if v != "" {
		e.secrets = append(e.secrets, v)
	}
}

// node reports a hit on a Dockerfile instruction.
func (e *emitter) node(rule string, n *parser.Node, detail string) {
	e.add(hit{rule: rule, line: n.StartLine, end: n.EndLine, evidence: nodeText(n), detail: detail})
}

// nodeText is an instruction's text for evidence and fingerprints: the
// original line with continuations joined and runs of blanks collapsed,
// followed by the bodies of its heredocs (without them every "RUN <<EOF"
// would look the same).
func nodeText(n *parser.Node) string {
	text := strings.Join(strings.Fields(n.Original), " ")
	for _, h := range n.Heredocs {
		text += "\n" + strings.TrimSpace(h.Content)
	}
	return text
}

// missing reports a "missing X" hit anchored at a line but fingerprinted by
// key, so that it survives edits of the anchoring instruction.
func (e *emitter) missing(rule string, n *parser.Node, key, detail string) {
	e.add(hit{rule: rule, line: n.StartLine, end: n.EndLine, evidence: nodeText(n), key: key, detail: detail})
}

// add records a hit; a rule reports an instruction at most once, however
// many commands in it match.
func (e *emitter) add(h hit) {
	r, ok := e.s.rules[h.rule]
	if !ok {
		return
	}
	for i, f := range e.out {
		if f.RuleID == h.rule && f.Location.StartLine == h.line && e.keys[i] == h.key && h.line > 0 {
			return
		}
	}
	msg := r.Rationale
	if h.detail != "" {
		msg = h.detail + ": " + r.Rationale
	}
	f := finding.Finding{
		Category:   finding.Container,
		RuleID:     r.ID,
		Severity:   r.Severity,
		Confidence: r.Confidence,
		Title:      r.Title,
		Message:    msg,
		Location:   finding.Location{Path: e.path, StartLine: h.line, EndLine: h.end},
		Evidence:   h.evidence,
		Fix:        r.Fix,
		CWE:        append([]string(nil), r.CWE...),
		Tags:       []string{e.kind},
		Source:     Source,
	}
	e.out = append(e.out, f)
	e.keys = append(e.keys, h.key)
}

// finish redacts secrets, bounds evidence, sets fingerprints and returns
// the findings sorted by line, then rule.
func (e *emitter) finish() []finding.Finding {
	// Longest first, so that a secret containing another is redacted whole.
	sort.Slice(e.secrets, func(i, j int) bool { return len(e.secrets[i]) > len(e.secrets[j]) })
	for i := range e.out {
		f := &e.out[i]
		for _, v := range e.secrets {
			f.Evidence = finding.RedactIn(f.Evidence, v)
			f.Message = finding.RedactIn(f.Message, v)
		}
		key := e.keys[i]
		if key == "" {
			key = finding.LineKey(f.Evidence)
		}
		f.SetFingerprint(key)
		f.Evidence = truncate(strings.TrimSpace(f.Evidence), maxEvidence)
	}
	sort.SliceStable(e.out, func(i, j int) bool {
		a, b := e.out[i], e.out[j]
		if a.Location.StartLine != b.Location.StartLine {
			return a.Location.StartLine < b.Location.StartLine
		}
		return a.RuleID < b.RuleID
	})
	return e.out
}

// truncate cuts s to at most n runes, marking the cut with "...".
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-3]) + "..."
}
