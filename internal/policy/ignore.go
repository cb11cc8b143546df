package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"gopkg.in/yaml.v3"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

// Ignore is one entry of the ignore file (.secauditignore.yaml):
//
//	ignores:
//	  - fingerprint: 6f1c0e3b9a0d4c1e8b7a2f3d4e5c6b7a
//	    reason: test fixture, not a real key
//	    expires: 2027-06-30
//	  - rule: generic-api-key
//	    path: "testdata/**"
//	    reason: generated fixtures
//
// An entry names a fingerprint, or a rule and/or a path glob. After its
// expiry date it no longer hides anything, and the run warns.
type Ignore struct {
	Fingerprint string    `yaml:"fingerprint"`
	Rule        string    `yaml:"rule"`
	Path        string    `yaml:"path"`
	Reason      string    `yaml:"reason"`
	Expires     time.Time `yaml:"-"`
	ExpiresText string    `yaml:"expires"`
}

type ignoreDoc struct {
	Ignores []Ignore `yaml:"ignores"`
}

// ParseIgnores reads an ignore file. Every invalid entry is reported, with
// its index and line, named after name.
func ParseIgnores(data []byte, name string) ([]Ignore, error) {
	var doc ignoreDoc
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var errs []error
	for i := range doc.Ignores {
		e := &doc.Ignores[i]
		where := fmt.Sprintf("%s: ignores[%d]", name, i)
		if e.Fingerprint == "" && e.Rule == "" && e.Path == "" {
			errs = append(errs, fmt.Errorf("%s: needs a fingerprint, a rule or a path", where))
		}
		if e.Reason == "" {
			errs = append(errs, fmt.Errorf("%s.reason: required: say why the finding is accepted", where))
		}
		if e.Path != "" && !doublestar.ValidatePattern(e.Path) {
			errs = append(errs, fmt.Errorf("%s.path: invalid glob %q", where, e.Path))
		}
		if e.ExpiresText != "" {
			t, err := time.Parse("2006-01-02", e.ExpiresText)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s.expires: want a date like 2027-01-31, got %q", where, e.ExpiresText))
			}
			e.Expires = t
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return doc.Ignores, nil
}

func matchIgnore(ignores []Ignore, f finding.Finding) (int, bool) {
	for i, e := range ignores {
		if e.Fingerprint != "" && e.Fingerprint != f.Fingerprint {
			continue
		}
		if e.Rule != "" && !strings.EqualFold(e.Rule, f.RuleID) {
			continue
		}
		if e.Path != "" {
			target := f.Location.Path
			if !strings.Contains(e.Path, "/") {
				target = path.Base(target)
			}
			if ok, _ := doublestar.Match(e.Path, target); !ok {
				continue
			}
		}
		return i, true
	}
	return 0, false
}

func (e Ignore) describe() string {
	switch {
	case e.Fingerprint != "":
		return "fingerprint " + e.Fingerprint
	case e.Rule != "" && e.Path != "":
		return fmt.Sprintf("rule %s at %s", e.Rule, e.Path)
	case e.Rule != "":
		return "rule " + e.Rule
	}
	return "path " + e.Path
}

// ParseBaseline reads the fingerprints of a previous JSON report.
func ParseBaseline(data []byte, name string) (map[string]bool, error) {
	var r result.Result
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("baseline %s: not a secaudit JSON report: %w", name, err)
	}
	if r.SchemaVersion == "" {
		return nil, fmt.Errorf("baseline %s: not a secaudit JSON report (no schema_version)", name)
	}
	fps := make(map[string]bool, len(r.Findings))
	for _, f := range r.Findings {
		if f.Fingerprint != "" {
			fps[f.Fingerprint] = true
		}
	}
	return fps, nil
}
