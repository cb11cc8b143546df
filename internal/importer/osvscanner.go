package importer

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/vulndb/version"
)

// osvReport is osv-scanner's JSON output (`osv-scanner --format json`, v1
// and v2 share these fields).
type osvReport struct {
	Results []struct {
		Source struct {
			Path string `json:"path"`
			Type string `json:"type"`
		} `json:"source"`
		Packages []osvPackage `json:"packages"`
	} `json:"results"`
}

type osvPackage struct {
	Package struct {
		Name      string `json:"name"`
		Version   string `json:"version"`
		Ecosystem string `json:"ecosystem"`
		Commit    string `json:"commit"`
	} `json:"package"`
	Vulnerabilities []osvVuln `json:"vulnerabilities"`
	Groups          []struct {
		IDs         []string `json:"ids"`
		Aliases     []string `json:"aliases"`
		MaxSeverity string   `json:"max_severity"`
	} `json:"groups"`
}

type osvVuln struct {
	ID       string   `json:"id"`
	Summary  string   `json:"summary"`
	Details  string   `json:"details"`
	Aliases  []string `json:"aliases"`
	Affected []struct {
		Package struct {
			Ecosystem string `json:"ecosystem"`
			Name      string `json:"name"`
		} `json:"package"`
		Ranges []struct {
			Type   string              `json:"type"`
			Events []map[string]string `json:"events"`
		} `json:"ranges"`
	} `json:"affected"`
	DatabaseSpecific struct {
		Severity string   `json:"severity"`
		CWEIDs   []string `json:"cwe_ids"`
	} `json:"database_specific"`
}

func (p parser) osvScanner() ([]finding.Finding, error) {
	var rep osvReport
	if err := p.decode(&rep); err != nil {
		return nil, err
	}
	var fs []finding.Finding
	for ri, res := range rep.Results {
		path := p.paths.path(res.Source.Path)
		for pi, pkg := range res.Packages {
			if pkg.Package.Name == "" {
				return nil, fmt.Errorf("results[%d].packages[%d]: package has no name", ri, pi)
			}
			for _, g := range pkg.Groups {
				if len(g.IDs) == 0 {
					continue
				}
				fs = append(fs, osvFinding(path, pkg, g.IDs, g.Aliases, g.MaxSeverity))
			}
		}
	}
	return fs, nil
}

// osvFinding is one finding per (package, group of aliased advisories), as
// osv-scanner itself counts them.
func osvFinding(path string, pkg osvPackage, ids, aliases []string, maxSeverity string) finding.Finding {
	// The smallest ID represents the group, as in the built-in deps scanner,
	// so both fingerprint the same advisory alike.
	ids = append([]string(nil), ids...)
	sort.Strings(ids)
	id := ids[0]
	inGroup := map[string]bool{}
	for _, x := range ids {
		inGroup[x] = true
	}
	var (
		summary, dbSeverity string
		fixed, cwes         []string
		all                 = append(append([]string(nil), ids[1:]...), aliases...)
	)
	for _, v := range pkg.Vulnerabilities {
		if !inGroup[v.ID] {
			continue
		}
		if summary == "" || v.ID == id {
			summary = firstNonEmpty(v.Summary, firstLine(v.Details))
		}
		if dbSeverity == "" {
			dbSeverity = v.DatabaseSpecific.Severity
		}
		cwes = append(cwes, v.DatabaseSpecific.CWEIDs...)
		all = append(all, v.Aliases...)
		fixed = append(fixed, osvFixed(v, pkg.Package.Name)...)
	}
	name, ver, eco := pkg.Package.Name, pkg.Package.Version, pkg.Package.Ecosystem
	if ver == "" {
		ver = pkg.Package.Commit
	}
	sev := osvSeverity(maxSeverity, dbSeverity)
	fixed = sortVersions(eco, fixed)
	f := finding.Finding{
		Category: finding.Vulnerability,
		RuleID:   id,
		Severity: sev,
		Title:    firstNonEmpty(summary, id+" in "+name),
		Message:  vulnMessage(name, ver, eco, id, summary),
		Location: finding.Location{Path: path},
		Fix:      vulnFix(eco, name, ver, fixed),
		CWE:      uniqueSorted(cwes),
		Tags:     nonEmpty(eco),
		Package: &finding.Package{
			Ecosystem: eco, Name: name, Version: ver,
			FixedVersions: fixed, AdvisoryID: id, Aliases: without(uniqueSorted(all), id),
		},
		Source: "osv-scanner",
	}
	f.SetFingerprint(finding.VulnKey(eco, name, ver, id))
	return f
}

// osvSeverity prefers the group's CVSS score, then the advisory database's
// word ("HIGH", "MODERATE"); with neither it is medium, as an unrated
// advisory is still a known vulnerability.
func osvSeverity(maxSeverity, dbSeverity string) finding.Severity {
	if s, err := strconv.ParseFloat(strings.TrimSpace(maxSeverity), 64); err == nil {
		return finding.SeverityFromScore(s)
	}
	if s, ok := severityName(dbSeverity); ok {
		return s
	}
	return finding.Medium
}

// osvFixed returns the fixed versions of v's ranges for the named package.
func osvFixed(v osvVuln, name string) []string {
	var out []string
	for _, a := range v.Affected {
		if a.Package.Name != "" && !strings.EqualFold(a.Package.Name, name) {
			continue
		}
		for _, r := range a.Ranges {
			if strings.EqualFold(r.Type, "GIT") {
				continue // commit hashes, not versions
			}
			for _, e := range r.Events {
				if fx := e["fixed"]; fx != "" {
					out = append(out, fx)
				}
			}
		}
	}
	return out
}

func vulnMessage(name, ver, eco, id, summary string) string {
	s := fmt.Sprintf("%s %s", name, ver)
	if eco != "" {
		s += " (" + eco + ")"
	}
	s += " is affected by " + id
	if summary != "" {
		s += ": " + summary
	}
	return s
}

func vulnFix(eco, name, installed string, fixed []string) string {
	for _, v := range fixed {
		if installed == "" || version.Compare(eco, v, installed) > 0 {
			return fmt.Sprintf("Upgrade %s to %s or later.", name, v)
		}
	}
	return fmt.Sprintf("No fixed version of %s is known: remove it or mitigate the advisory.", name)
}

// sortVersions sorts and de-duplicates versions, smallest first.
func sortVersions(eco string, vs []string) []string {
	sort.Slice(vs, func(i, j int) bool { return version.Compare(eco, vs[i], vs[j]) < 0 })
	var out []string
	for i, v := range vs {
		if i == 0 || v != vs[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func uniqueSorted(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	c := append([]string(nil), s...)
	sort.Strings(c)
	out := c[:0]
	for i, v := range c {
		if v != "" && (i == 0 || v != c[i-1]) {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func without(s []string, x string) []string {
	var out []string
	for _, v := range s {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, v := range s {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > 200 {
		s = string(r[:199]) + "…"
	}
	return s
}
