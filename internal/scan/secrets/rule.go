package secrets

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
)

// Rule describes one kind of secret, from the provider's documented token
// format. Rules are data: each carries its own true and false samples, which
// the package tests check against the compiled rule.
type Rule struct {
	// ID is the kebab-case rule ID ("aws-access-token", "github-pat").
	ID string
	// Title names the secret for people ("AWS access key ID").
	Title string
	// Provider is the service the secret belongs to; it becomes the finding's tag.
	Provider string
	Severity finding.Severity
	// Confidence is "high", "medium" or "low"; empty means high.
	Confidence string
	// Keywords gate the rule: its regex runs only in a window around an
	// occurrence of one of them (matched case-insensitively).
	Keywords []string
	// Regex finds the secret. The value is the first non-empty capture group,
	// or the whole match when the regex has no group.
	Regex string
	// Entropy is the minimum Shannon entropy, in bits per byte, of the value.
	Entropy float64
	// Check, when set, must accept the value (a checksum, a decoded structure).
	Check func(value string) bool
	// Checksum says Check verifies a checksum: a value that passes it is
	// a real token even if it happens to contain a placeholder-like word.
	Checksum bool
	// Generic marks rules that match on context alone (password = ...): their
	// values also pass the stricter generic filters, and a specific rule
	// matching the same value wins.
	Generic bool
	// Multiline rules (private keys) look at a block of lines after the
	// keyword instead of its line.
	Multiline bool
	// NextLines widens the window by that many lines after the keyword's
	// (a value on the line after its name).
	NextLines int
	// Fix tells how to remediate.
	Fix string
	// TP are lines the rule must report; FP lines it must not.
	TP, FP []string
}

// compiledRule is a Rule ready to run.
type compiledRule struct {
	Rule
	re *regexp.Regexp
	// group is the capture group holding the value; -1 means the first
	// non-empty group.
	group int
	// paths, when set, limits a custom rule to files matching these globs.
	paths []string
}

func compileRule(r Rule) (compiledRule, error) {
	re, err := regexp.Compile(r.Regex)
	if err != nil {
		return compiledRule{}, fmt.Errorf("rule %s: %w", r.ID, err)
	}
	c := compiledRule{Rule: r, re: re, group: 0}
	if re.NumSubexp() > 0 {
		c.group = -1
	}
	if c.Confidence == "" {
		c.Confidence = "high"
	}
	c.Keywords = make([]string, len(r.Keywords))
	for i, k := range r.Keywords {
		c.Keywords[i] = strings.ToLower(k)
	}
	return c, nil
}

// value returns the [start, end) of the secret within a regex match given as
// submatch indexes, or false when no group matched.
func (c *compiledRule) value(m []int) (int, int, bool) {
	if c.group >= 0 {
		s, e := m[2*c.group], m[2*c.group+1]
		return s, e, s >= 0 && e > s
	}
	for g := 1; 2*g+1 < len(m); g++ {
		if m[2*g] >= 0 && m[2*g+1] > m[2*g] {
			return m[2*g], m[2*g+1], true
		}
	}
	return 0, 0, false
}

// Regex building blocks shared by the rule files.
const (
	// tokenEnd is what may follow a token: a quote, space, separator, an
	// escaped newline in a JSON string, or the end of the window.
	tokenEnd = `(?:[\x60'"\s;,)\]}<>&|@]|\\[nrt]|$)`
	// assignOp is an assignment or key/value separator in the usual formats.
	assignOp = `(?:=|>|:{1,3}=|\|\||:|=>|\?=|,|\()`
)

// unique builds the regex of a token recognisable by its own shape (a fixed
// prefix): the token alone, between word boundaries.
func unique(pattern string) string {
	return `\b(` + pattern + `)` + tokenEnd
}

// assigned builds the regex of a value identified by the name it is assigned
// to: one of ids (case-insensitive), a few more name characters, an
// assignment operator, then the value.
func assigned(ids []string, pattern string) string {
	// Names may be dotted or dashed (app.twilio.auth.token).
	joined := strings.ReplaceAll(strings.Join(ids, "|"), `\w*`, `[\w.-]{0,30}`)
	return `(?i:` + joined + `)(?:[ \t\w.-]{0,20})[\s'"]{0,3}` + assignOp +
		`[\x60'"\s=]{0,5}(` + pattern + `)` + tokenEnd
}
