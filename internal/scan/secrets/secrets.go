// Package secrets is secaudit's secret scanner: more than a hundred rules
// written from each provider's documented token format, a keyword prefilter
// (a case-insensitive Aho-Corasick automaton) so that a rule's regex only
// runs on a bounded window around one of its keywords, entropy gates,
// checksums where the format has one, and filters for the hard negatives
// (documented example keys, placeholders, references, hashes, UUIDs,
// integrity strings, public keys).
//
// A secret's clear value exists only inside the match loop: findings carry
// redacted evidence and a fingerprint built from a hash of the value.
package secrets

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
)

// Name is the scanner's name, as Scanner.Name returns it.
const Name = "secrets"

// Scanner finds secrets in files. It is safe for concurrent use.
type Scanner struct {
	rules   []compiledRule
	matcher *keywordMatcher
	// kwRules maps a keyword index of matcher to the rules it gates.
	kwRules [][]int32
	// always lists rules without keywords (custom rules only), which run on
	// every line.
	always       []int32
	allowPaths   []string
	allowRegexes []*regexp.Regexp
	stopwords    []string
	scratch      sync.Pool
}

var _ scan.Scanner = (*Scanner)(nil)

// New builds the scanner from the built-in rules and env.Config.Secrets:
// custom rules are added, disabled rule IDs dropped, allowlists applied. A
// custom rule or allowlist that does not compile is an error.
func New(env scan.Env) (scan.Scanner, error) {
	var sc config.Secrets
	if env.Config != nil {
		sc = env.Config.Secrets
	}
	return newScanner(sc)
}

func newScanner(sc config.Secrets) (*Scanner, error) {
	disabled := map[string]bool{}
	for _, id := range sc.Disable {
		disabled[id] = true
	}
	s := &Scanner{}
	var errs []error
	for _, r := range Rules() {
		if disabled[r.ID] {
			continue
		}
		c, err := compileRule(r)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		s.rules = append(s.rules, c)
	}
	for i, cr := range sc.Rules {
		c, err := compileCustom(cr)
		if err != nil {
			errs = append(errs, fmt.Errorf("secrets.rules[%d]: %w", i, err))
			continue
		}
		s.rules = append(s.rules, c)
	}
	for i, p := range sc.Allowlist.Paths {
		if !doublestar.ValidatePattern(p) {
			errs = append(errs, fmt.Errorf("secrets.allowlist.paths[%d]: invalid glob %q", i, p))
		}
		s.allowPaths = append(s.allowPaths, p)
	}
	for i, expr := range sc.Allowlist.Regexes {
		re, err := regexp.Compile(expr)
		if err != nil {
			errs = append(errs, fmt.Errorf("secrets.allowlist.regexes[%d]: %w", i, err))
			continue
		}
		s.allowRegexes = append(s.allowRegexes, re)
	}
	for _, w := range sc.Allowlist.Stopwords {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
			s.stopwords = append(s.stopwords, w)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	s.buildMatcher()
	return s, nil
}

// compileCustom turns a rule from .secaudit.yaml into a compiled rule.
func compileCustom(cr config.SecretRule) (compiledRule, error) {
	if cr.ID == "" {
		return compiledRule{}, errors.New("id: required")
	}
	if cr.Regex == "" {
		return compiledRule{}, fmt.Errorf("rule %s: regex: required", cr.ID)
	}
	sev := finding.High
	if cr.Severity != "" {
		v, err := finding.ParseSeverity(cr.Severity)
		if err != nil {
			return compiledRule{}, fmt.Errorf("rule %s: severity: %w", cr.ID, err)
		}
		sev = v
	}
	title := cr.Description
	if title == "" {
		title = cr.ID
	}
	c, err := compileRule(Rule{
		ID: cr.ID, Title: title, Provider: "custom", Severity: sev,
		Keywords: append([]string(nil), cr.Keywords...), Regex: cr.Regex, Entropy: cr.Entropy,
		Fix: "Rotate the credential, then remove it from the code and load it from a secret store or the environment.",
	})
	if err != nil {
		return compiledRule{}, err
	}
	if cr.SecretGroup < 0 || cr.SecretGroup > c.re.NumSubexp() {
		return compiledRule{}, fmt.Errorf("rule %s: secret_group %d but the regex has %d groups", cr.ID, cr.SecretGroup, c.re.NumSubexp())
	}
	if cr.SecretGroup > 0 {
		c.group = cr.SecretGroup
	}
	for _, p := range cr.Paths {
		if !doublestar.ValidatePattern(p) {
			return compiledRule{}, fmt.Errorf("rule %s: invalid path glob %q", cr.ID, p)
		}
	}
	c.paths = cr.Paths
	return c, nil
}

// buildMatcher compiles the keywords of every rule into one automaton.
func (s *Scanner) buildMatcher() {
	index := map[string]int{}
	var keywords []string
	for ri, r := range s.rules {
		if len(r.Keywords) == 0 {
			s.always = append(s.always, int32(ri))
			continue
		}
		for _, k := range r.Keywords {
			ki, ok := index[k]
			if !ok {
				ki = len(keywords)
				index[k] = ki
				keywords = append(keywords, k)
				s.kwRules = append(s.kwRules, nil)
			}
			s.kwRules[ki] = appendUnique(s.kwRules[ki], int32(ri))
		}
	}
	s.matcher = newKeywordMatcher(keywords)
}

func appendUnique(list []int32, v int32) []int32 {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// Name returns "secrets".
func (s *Scanner) Name() string { return Name }

// skippedNames are files that hold only hashes of public artifacts.
var skippedNames = map[string]bool{"go.sum": true, "go.work.sum": true}

// skippedExts are file kinds that never hold text secrets.
var skippedExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".ico": true, ".bmp": true, ".webp": true,
	".woff": true, ".woff2": true, ".ttf": true, ".otf": true, ".eot": true, ".mp3": true, ".mp4": true,
	".zip": true, ".gz": true, ".tgz": true, ".xz": true, ".bz2": true, ".7z": true, ".jar": true,
	".exe": true, ".dll": true, ".so": true, ".dylib": true, ".a": true, ".o": true, ".class": true,
	".pyc": true, ".wasm": true, ".pdf": true,
}

// Wants reports whether the file at p is scanned: not an allowlisted path,
// not go.sum, not a binary or media format.
func (s *Scanner) Wants(p string) bool {
	base := path.Base(p)
	if skippedNames[base] || skippedExts[strings.ToLower(path.Ext(base))] {
		return false
	}
	for _, g := range s.allowPaths {
		if ok, _ := doublestar.Match(g, p); ok {
			return false
		}
		// A directory pattern ("vendor", "testdata/") covers what it holds.
		if ok, _ := doublestar.Match(strings.TrimSuffix(g, "/")+"/**", p); ok {
			return false
		}
	}
	return true
}
