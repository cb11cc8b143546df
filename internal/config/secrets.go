package config

import (
	"fmt"
	"regexp"

	"github.com/bmatcuk/doublestar/v4"
)

// Secrets configures the secret scanner: extra rules, disabled rules and
// allowlists.
type Secrets struct {
	// Rules are custom rules added to the built-in ones.
	Rules []SecretRule `yaml:"rules"`
	// Disable lists built-in rule IDs not to run.
	Disable []string `yaml:"disable"`
	// Allowlist suppresses matches everywhere.
	Allowlist SecretAllowlist `yaml:"allowlist"`
}

// SecretRule is a user-defined secret rule.
type SecretRule struct {
	ID          string `yaml:"id"`
	Description string `yaml:"description"`
	// Regex finds the secret; SecretGroup picks the capture group holding the
	// value (0 = the whole match).
	Regex       string `yaml:"regex"`
	SecretGroup int    `yaml:"secret_group"`
	// Keywords gate the rule: it runs only near one of them (case-insensitive).
	Keywords []string `yaml:"keywords"`
	// Entropy is the minimum Shannon entropy (bits per character) of the value.
	Entropy  float64 `yaml:"entropy"`
	Severity string  `yaml:"severity"`
	// Paths limits the rule to files matching these globs.
	Paths []string `yaml:"paths"`
}

// SecretAllowlist suppresses secret matches.
type SecretAllowlist struct {
	// Paths are globs of files never scanned for secrets.
	Paths []string `yaml:"paths"`
	// Regexes suppress a match whose secret value matches one of them.
	Regexes []string `yaml:"regexes"`
	// Stopwords suppress a match whose value contains one of them.
	Stopwords []string `yaml:"stopwords"`
}

func (c *Config) validateSecrets() []error {
	var errs []error
	for i, r := range c.Secrets.Rules {
		where := fmt.Sprintf("secrets.rules[%d]", i)
		if r.ID == "" {
			errs = append(errs, fmt.Errorf("%s.id: required", where))
		}
		re, err := regexp.Compile(r.Regex)
		switch {
		case r.Regex == "":
			errs = append(errs, fmt.Errorf("%s.regex: required", where))
		case err != nil:
			errs = append(errs, fmt.Errorf("%s.regex: %w", where, err))
		case r.SecretGroup < 0 || r.SecretGroup > re.NumSubexp():
			errs = append(errs, fmt.Errorf("%s.secret_group: %d but the regex has %d groups", where, r.SecretGroup, re.NumSubexp()))
		}
		if r.Severity != "" {
			if _, err := parseSev(r.Severity); err != nil {
				errs = append(errs, fmt.Errorf("%s.severity: %w", where, err))
			}
		}
		for j, p := range r.Paths {
			if !doublestar.ValidatePattern(p) {
				errs = append(errs, fmt.Errorf("%s.paths[%d]: invalid glob %q", where, j, p))
			}
		}
	}
	for i, p := range c.Secrets.Allowlist.Paths {
		if !doublestar.ValidatePattern(p) {
			errs = append(errs, fmt.Errorf("secrets.allowlist.paths[%d]: invalid glob %q", i, p))
		}
	}
	for i, r := range c.Secrets.Allowlist.Regexes {
		if _, err := regexp.Compile(r); err != nil {
			errs = append(errs, fmt.Errorf("secrets.allowlist.regexes[%d]: %w", i, err))
		}
	}
	return errs
}
