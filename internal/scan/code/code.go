// Package code is the code-security scanner ("code", exit class 6). It
// analyzes Go with go/parser and go/ast, and Python and
// JavaScript/TypeScript with tree-sitter queries, and turns the rules' hits
// into findings. The rule table is documented in RULES.md and returned by
// Rules; users add tree-sitter query rules and disable rules in the code
// section of .secaudit.yaml.
package code

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"runtime"
	"slices"
	"strings"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
	"github.com/secaudit/secaudit/internal/scan/code/golang"
	"github.com/secaudit/secaudit/internal/scan/code/javascript"
	"github.com/secaudit/secaudit/internal/scan/code/python"
	"github.com/secaudit/secaudit/internal/scan/code/query"
	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

// Name is the scanner's name and the suffix of its finding source.
const Name = "code"

// Source is the Source of every finding of this scanner.
const Source = "secaudit/code"

// Scanner is the code-security scanner. It is safe for concurrent use.
type Scanner struct {
	golang *golang.Analyzer
	python *query.Engine
	js     *query.Engine
}

var _ scan.Scanner = (*Scanner)(nil)

// New builds the scanner from env.Config.Code: built-in rules minus the
// disabled ones, plus the user's query rules. A disabled ID that names no
// rule, or a user rule with a bad query, is an error naming it.
func New(env scan.Env) (scan.Scanner, error) {
	var cfg config.Code
	if env.Config != nil {
		cfg = env.Config.Code
	}
	return newScanner(cfg)
}

func newScanner(cfg config.Code) (*Scanner, error) {
	disabled := map[string]bool{}
	known := map[string]bool{}
	for _, r := range Rules() {
		known[r.ID] = true
	}
	custom, err := customRules(cfg.Rules, known)
	if err != nil {
		return nil, err
	}
	for i, id := range cfg.Disable {
		if !known[id] {
			return nil, fmt.Errorf("code.disable[%d]: unknown rule %q", i, id)
		}
		disabled[id] = true
	}
	s := &Scanner{golang: golang.New(disabled)}
	s.python, err = query.Compile(python.Language(), enabledRules(python.Rules(), custom["python"], disabled))
	if err != nil {
		return nil, fmt.Errorf("python rules: %w", err)
	}
	s.js, err = query.Compile(javascript.Language(), enabledRules(javascript.Rules(), custom["javascript"], disabled))
	if err != nil {
		s.python.Close()
		return nil, fmt.Errorf("javascript rules: %w", err)
	}
	// The compiled queries live in C memory: free them when the scanner is
	// garbage, for long-running processes (secaudit serve) that build a
	// scanner per run and never call Close.
	runtime.AddCleanup(s, func(e [2]*query.Engine) { e[0].Close(); e[1].Close() }, [2]*query.Engine{s.python, s.js})
	return s, nil
}

// enabledRules returns the built-in and custom rules not disabled.
func enabledRules(builtin, custom []query.Rule, disabled map[string]bool) []query.Rule {
	var out []query.Rule
	for _, r := range append(builtin, custom...) {
		if !disabled[r.ID] {
			out = append(out, r)
		}
	}
	return out
}

// Close frees the compiled queries now rather than when the scanner is
// garbage collected. The scanner must not be used afterwards.
func (s *Scanner) Close() error {
	s.python.Close()
	s.js.Close()
	return nil
}

// Name returns "code".
func (s *Scanner) Name() string { return Name }

// Wants reports whether path is Go, Python, JavaScript or TypeScript source
// worth analyzing: minified bundles, declaration files and anything under
// node_modules/ or vendor/ (third-party code) are left out, and so are Go
// files under testdata/, which the go tool ignores too.
func (s *Scanner) Wants(p string) bool {
	lang := language(p)
	if lang == "" {
		return false
	}
	base := path.Base(p)
	if strings.HasSuffix(base, ".min.js") || strings.HasSuffix(base, ".d.ts") {
		return false
	}
	for _, d := range strings.Split(path.Dir(p), "/") {
		if d == "node_modules" || d == "vendor" || (d == "testdata" && lang == "go") {
			return false
		}
	}
	return true
}

// language returns the rule language of a path from its extension.
func language(p string) string {
	switch path.Ext(p) {
	case ".go":
		return "go"
	case ".py", ".pyw":
		return "python"
	case ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts":
		return "javascript"
	}
	return ""
}

// minified reports whether JavaScript source is a minified bundle (lines
// of 500 bytes on average, past 20 KB), built output that reports noise
// and is not where a fix goes, like the *.min.js files Wants leaves out.
func minified(src []byte) bool {
	if len(src) < 20_000 {
		return false
	}
	lines := bytes.Count(src, []byte{'\n'}) + 1
	return len(src)/lines > 500
}

// typeScript reports whether p is a TypeScript file.
func typeScript(p string) bool {
	switch path.Ext(p) {
	case ".ts", ".tsx", ".mts", ".cts":
		return true
	}
	return false
}

// Scan analyzes one file. A Go file that does not parse returns its parse
// error with the findings of what parsed; Python and JavaScript syntax
// errors are tolerated. TypeScript has its type syntax blanked out first
// (javascript.StripTypes), positions unchanged, and runs the JavaScript
// rules.
func (s *Scanner) Scan(ctx context.Context, f scan.File) ([]finding.Finding, error) {
	var (
		hits []rule.Hit
		err  error
	)
	switch language(f.Path) {
	case "go":
		hits, err = s.golang.Analyze(ctx, f.Path, f.Data)
	case "python":
		hits, err = s.python.Analyze(ctx, f.Path, f.Data)
	case "javascript":
		src := f.Data
		if minified(src) {
			return nil, nil
		}
		if typeScript(f.Path) {
			src = javascript.StripTypes(src)
		}
		hits, err = s.js.Analyze(ctx, f.Path, src)
	default:
		return nil, nil
	}
	// s owns the engines' cleanup: keep it alive until they are done.
	runtime.KeepAlive(s)
	return findings(f, hits), err
}

// Rules returns the metadata of every built-in rule, Go first, then
// Python, then JavaScript.
func Rules() []rule.Rule {
	out := golang.Rules()
	for _, r := range python.Rules() {
		out = append(out, r.Rule)
	}
	for _, r := range javascript.Rules() {
		out = append(out, r.Rule)
	}
	return out
}

// findings turns hits into findings, dropping those on a line marked nosec
// and duplicates, sorted by position.
func findings(f scan.File, hits []rule.Hit) []finding.Finding {
	if len(hits) == 0 {
		return nil
	}
	lines := splitLines(f.Data)
	out := make([]finding.Finding, 0, len(hits))
	seen := map[[3]any]bool{}
	// A minified line can carry thousands of hits: work out its evidence and
	// fingerprint key once.
	facts := map[int]lineFacts{}
	for _, h := range hits {
		key := [3]any{h.Rule.ID, h.Line, h.Column}
		if seen[key] || h.Line < 1 || h.Line > len(lines) {
			continue
		}
		seen[key] = true
		line := lines[h.Line-1]
		if suppressed(line) {
			continue
		}
		lf, ok := facts[h.Line]
		if !ok {
			lf = lineFacts{evidence: evidence(line), key: finding.LineKey(line)}
			facts[h.Line] = lf
		}
		out = append(out, newFinding(f.Path, h, lf))
	}
	slices.SortFunc(out, func(a, b finding.Finding) int {
		if c := a.Location.StartLine - b.Location.StartLine; c != 0 {
			return c
		}
		if c := a.Location.StartColumn - b.Location.StartColumn; c != 0 {
			return c
		}
		return strings.Compare(a.RuleID, b.RuleID)
	})
	return out
}

// suppressed reports whether a line carries a nosec marker, as bandit's
// "# nosec" and gosec's "// #nosec" and "//gosec:disable" do.
func suppressed(line string) bool {
	if strings.Contains(line, "//gosec:disable") {
		return true
	}
	i := strings.Index(line, "nosec")
	if i < 0 {
		return false
	}
	before := line[:i]
	return strings.Contains(before, "#") || strings.Contains(before, "//")
}

// message prefixes a rule's message with what fired, when known.
func message(msg, detail string) string {
	if detail == "" {
		return msg
	}
	return detail + ": " + msg
}

// newFinding builds the finding of one hit on line.
// lineFacts are what the findings of one line share.
type lineFacts struct{ evidence, key string }

func newFinding(p string, h rule.Hit, lf lineFacts) finding.Finding {
	r := h.Rule
	f := finding.Finding{
		Category:   finding.Code,
		RuleID:     r.ID,
		Severity:   r.Severity,
		Confidence: r.Confidence,
		Title:      r.Title,
		Message:    message(r.Message, h.Detail),
		Fix:        r.Fix,
		CWE:        slices.Clone(r.CWE),
		Tags:       []string{r.Language},
		Source:     Source,
		Location:   finding.Location{Path: p, StartLine: h.Line, StartColumn: h.Column, EndLine: h.EndLine, EndColumn: h.EndColumn},
		Evidence:   lf.evidence,
	}
	f.SetFingerprint(lf.key)
	return f
}
