// Package importer turns other scanners' result files into findings: SARIF
// 2.1.0 from any tool (gosec, semgrep, CodeQL, trivy, gitleaks,
// osv-scanner), and the native JSON of gitleaks, osv-scanner, bandit and
// trivy. docs/import-mapping.md documents how each field maps.
//
// Imported findings obey the same contract as built-in ones: paths are
// relative and slash-separated, secrets are redacted before Import returns,
// and fingerprints never contain line numbers.
package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/secaudit/secaudit/internal/jsonpos"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
)

// The formats Import reads.
const (
	FormatSARIF      = "sarif"
	FormatGitleaks   = "gitleaks"
	FormatOSVScanner = "osv-scanner"
	FormatBandit     = "bandit"
	FormatTrivy      = "trivy"
)

var formats = []string{FormatSARIF, FormatGitleaks, FormatOSVScanner, FormatBandit, FormatTrivy}

// Formats returns the format names Import accepts.
func Formats() []string { return append([]string(nil), formats...) }

// Import parses one external result file. path names the file in errors;
// data is its content; format is "" to sniff it from the content, or one of
// Formats(). Absolute paths inside the file are kept (slash-separated); use
// ImportWithRoot to make them relative to the scanned root.
func Import(path string, data []byte, format string) ([]finding.Finding, error) {
	return ImportWithRoot(path, data, format, "")
}

// ImportWithRoot is Import with the scanned root's absolute path, so that
// absolute paths in the file (osv-scanner writes /home/runner/work/x/x/go.mod,
// SARIF writes file:///...) become relative to it.
func ImportWithRoot(path string, data []byte, format, root string) ([]finding.Finding, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("import %s: file is empty", path)
	}
	format = strings.ToLower(strings.TrimSpace(format))
	if format == "" {
		f, err := Sniff(data)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", path, err)
		}
		format = f
	}
	p := parser{file: path, data: data, paths: pathMapper{root: root}}
	var (
		fs  []finding.Finding
		err error
	)
	switch format {
	case FormatSARIF:
		fs, err = p.sarif()
	case FormatGitleaks:
		fs, err = p.gitleaks()
	case FormatOSVScanner:
		fs, err = p.osvScanner()
	case FormatBandit:
		fs, err = p.bandit()
	case FormatTrivy:
		fs, err = p.trivy()
	default:
		return nil, fmt.Errorf("import %s: unknown format %q (want %s)", path, format, strings.Join(formats, ", "))
	}
	if err != nil {
		return nil, fmt.Errorf("import %s %s: %w", format, path, err)
	}
	return dedupExact(fs), nil
}

// dedupExact drops findings repeated within one file: same fingerprint at
// the same position. osv-scanner's SARIF, for one, lists a package once per
// copy in the lockfile.
func dedupExact(fs []finding.Finding) []finding.Finding {
	type key struct {
		fp        string
		line, col int
	}
	seen := make(map[key]bool, len(fs))
	out := fs[:0]
	for _, f := range fs {
		k := key{f.Fingerprint, f.Location.StartLine, f.Location.StartColumn}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}

// ParseSpec splits an --import argument: "FORMAT:FILE" names the format,
// "FILE" leaves it to sniffing. The prefix is taken as a format only when it
// is one of Formats(), so a file name that contains ':' stays whole.
func ParseSpec(spec string) (format, path string) {
	if f, p, ok := strings.Cut(spec, ":"); ok && p != "" {
		for _, known := range formats {
			if strings.EqualFold(f, known) {
				return known, p
			}
		}
	}
	return "", spec
}

// Sniff tells the format of a result file from its content.
func Sniff(data []byte) (string, error) {
	data = bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(data) > 0 && data[0] == '[' {
		return FormatGitleaks, nil
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return "", fmt.Errorf("cannot tell the format: not a JSON object or array: %w", jsonpos.Wrap(data, err))
	}
	has := func(keys ...string) bool {
		for _, k := range keys {
			if _, ok := top[k]; ok {
				return true
			}
		}
		return false
	}
	switch {
	case has("runs") && (has("$schema") || has("version")):
		return FormatSARIF, nil
	case has("SchemaVersion", "ArtifactName", "Results"):
		return FormatTrivy, nil
	case has("generated_at", "metrics") && has("results"):
		return FormatBandit, nil
	case has("results") && !has("runs"):
		return FormatOSVScanner, nil
	}
	return "", fmt.Errorf("cannot tell the format from the content (want %s); name it as FORMAT:FILE",
		strings.Join(formats, ", "))
}

// parser holds what every format's decoder shares.
type parser struct {
	file  string
	data  []byte
	paths pathMapper
}

// decode unmarshals p.data into v, turning errors into positions.
func (p parser) decode(v any) error {
	if err := json.Unmarshal(p.data, v); err != nil {
		return jsonpos.Wrap(p.data, err)
	}
	return nil
}

// severityName parses a tool's severity word; ok is false for words that
// carry no severity ("UNKNOWN", "").
func severityName(s string) (finding.Severity, bool) {
	v, err := finding.ParseSeverity(s)
	return v, err == nil
}
