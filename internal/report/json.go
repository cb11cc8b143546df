package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/secaudit/secaudit/internal/jsonpos"
	"io"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

// jsonWriter writes the result itself, indented, with sorted findings and
// empty arrays instead of null. docs/report-schema.md documents the fields.
type jsonWriter struct{}

var _ Writer = jsonWriter{}

// Write implements Writer.
func (jsonWriter) Write(w io.Writer, r *result.Result) error {
	c := *r
	if c.SchemaVersion == "" {
		c.SchemaVersion = result.SchemaVersion
	}
	c.Findings = sortedFindings(r)
	if c.Findings == nil {
		c.Findings = []finding.Finding{}
	}
	if c.Verdict.Classes == nil {
		c.Verdict.Classes = []result.Class{}
	}
	if c.Run.Scanners == nil {
		c.Run.Scanners = []string{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Evidence and messages are shown to people: keep <, > and & readable.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&c); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

// ReadJSON reads a JSON report back, as `secaudit route` does with the file
// `secaudit scan --format json` wrote. It rejects a report whose
// schema_version has another major version than result.SchemaVersion, and
// reports syntax errors with their line and column.
func ReadJSON(r io.Reader) (*result.Result, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read json report: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var res result.Result
	if err := json.Unmarshal(data, &res); err != nil {
		return nil, fmt.Errorf("json report: %w", jsonpos.Wrap(data, err))
	}
	if res.SchemaVersion == "" {
		return nil, errors.New("json report: no schema_version: not a secaudit JSON report")
	}
	if major(res.SchemaVersion) != major(result.SchemaVersion) {
		return nil, fmt.Errorf("json report: schema_version %q is not supported (this secaudit reads %s.x)",
			res.SchemaVersion, major(result.SchemaVersion))
	}
	if res.Findings == nil {
		res.Findings = []finding.Finding{}
	}
	if err := checkFindings(res.Findings); err != nil {
		return nil, fmt.Errorf("json report: %w", err)
	}
	return &res, nil
}

// checkFindings rejects findings that no writer or router could handle: a
// missing severity or an unknown category. It names at most ten.
func checkFindings(fs []finding.Finding) error {
	var errs []error
	for i, f := range fs {
		if len(errs) == 10 {
			errs = append(errs, errors.New("..."))
			break
		}
		if f.Severity < finding.Info || f.Severity > finding.Critical {
			errs = append(errs, fmt.Errorf("findings[%d] (rule %q): severity missing", i, f.RuleID))
		}
		if _, err := finding.ParseCategory(string(f.Category)); err != nil {
			errs = append(errs, fmt.Errorf("findings[%d] (rule %q): %w", i, f.RuleID, err))
		}
	}
	return errors.Join(errs...)
}

func major(v string) string {
	m, _, _ := strings.Cut(v, ".")
	return m
}
