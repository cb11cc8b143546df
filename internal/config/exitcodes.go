package config

import (
	"fmt"

	"github.com/secaudit/secaudit/internal/finding"
)

// ExitClass is one row of the exit-code table. The order of
// Config.ExitCodes is the precedence: the first class present in a run sets
// the exit code.
type ExitClass struct {
	Code  int    `yaml:"code"`
	Name  string `yaml:"name"`
	Title string `yaml:"title"`
	Match Match  `yaml:"match"`
}

// Match says which findings a class takes. A finding goes to the first class
// (in precedence order) whose Match covers it.
type Match struct {
	// Categories limits the class to these finding categories; empty means
	// any category.
	Categories []finding.Category `yaml:"categories"`
	// MinSeverity limits the class to findings at or above this severity;
	// empty means any reported finding.
	MinSeverity string `yaml:"min_severity"`
	// RequiresFailOnHigh makes the class apply only with --fail-on-high.
	RequiresFailOnHigh bool `yaml:"requires_fail_on_high"`
	// Incomplete makes the class present when the run was incomplete.
	Incomplete bool `yaml:"incomplete"`
	// Unclaimed makes the class take every reported finding no earlier class
	// took.
	Unclaimed bool `yaml:"unclaimed"`
}

// MinSev returns the parsed MinSeverity, or 0 when it is empty.
func (m Match) MinSev() finding.Severity {
	s, _ := finding.ParseSeverity(m.MinSeverity)
	return s
}

func (c *Config) validateScan() []error {
	var errs []error
	if _, err := finding.ParseSeverity(c.Scan.Severity); err != nil {
		errs = append(errs, fmt.Errorf("scan.severity: %w", err))
	}
	if c.Scan.MaxFileSize <= 0 {
		errs = append(errs, fmt.Errorf("scan.max_file_size: must be positive, got %d", c.Scan.MaxFileSize))
	}
	return errs
}

func (c *Config) validateExitCodes() []error {
	var errs []error
	seen := map[int]bool{}
	for i, ec := range c.ExitCodes {
		where := fmt.Sprintf("exit_codes[%d]", i)
		if ec.Code < 1 || ec.Code > 125 {
			errs = append(errs, fmt.Errorf("%s.code: %d is outside 1-125", where, ec.Code))
		}
		if seen[ec.Code] {
			errs = append(errs, fmt.Errorf("%s.code: %d defined twice", where, ec.Code))
		}
		seen[ec.Code] = true
		if ec.Name == "" {
			errs = append(errs, fmt.Errorf("%s.name: required", where))
		}
		if ec.Match.MinSeverity != "" {
			if _, err := finding.ParseSeverity(ec.Match.MinSeverity); err != nil {
				errs = append(errs, fmt.Errorf("%s.match.min_severity: %w", where, err))
			}
		}
		for j, cat := range ec.Match.Categories {
			if _, err := finding.ParseCategory(string(cat)); err != nil {
				errs = append(errs, fmt.Errorf("%s.match.categories[%d]: %w", where, j, err))
			}
		}
	}
	if len(c.ExitCodes) > 0 && !seen[1] {
		errs = append(errs, fmt.Errorf("exit_codes: code 1 (general failure) must be defined: an incomplete run needs it"))
	}
	return errs
}

// Class returns the exit class with the given code.
func (c *Config) Class(code int) (ExitClass, bool) {
	for _, ec := range c.ExitCodes {
		if ec.Code == code {
			return ec, true
		}
	}
	return ExitClass{}, false
}
