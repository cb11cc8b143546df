package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/vulndb/version"
)

// pkgGroup is every vulnerability finding of one installed package in one
// manifest, shown as one line the way npm audit and osv-scanner users read
// it: "lodash 4.17.15 → 4.17.21: GHSA-…, GHSA-…".
type pkgGroup struct {
	Path, Ecosystem, Name, Version string
	Severity                       finding.Severity
	Advisories                     []string
	// Fix is the smallest version that fixes every advisory that has a fix;
	// empty when none has one.
	Fix string
	// Unfixed counts advisories with no fixed version above Version.
	Unfixed int
}

// Label is "lodash 4.17.15 → 4.17.21", "… (1 without fix)" when some
// advisories have no fixed version, or "… (no fix)" when none has one.
func (g pkgGroup) Label() string {
	s := g.Name + " " + g.Version
	if g.Fix == "" {
		return s + " (no fix)"
	}
	s += " → " + g.Fix
	if g.Unfixed > 0 {
		s += fmt.Sprintf(" (%d without fix)", g.Unfixed)
	}
	return s
}

// splitVulns separates the vulnerability findings that name a package,
// grouped per (path, package, version) in first-seen order, from the rest.
func splitVulns(fs []finding.Finding) (groups []pkgGroup, others []finding.Finding) {
	index := map[string]int{}
	for _, f := range fs {
		p := f.Package
		if f.Category != finding.Vulnerability || p == nil || p.Name == "" {
			others = append(others, f)
			continue
		}
		key := strings.Join([]string{f.Location.Path, p.Ecosystem, p.Name, p.Version}, "\x00")
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, pkgGroup{Path: f.Location.Path, Ecosystem: p.Ecosystem, Name: p.Name, Version: p.Version})
		}
		g := &groups[i]
		if f.Severity > g.Severity {
			g.Severity = f.Severity
		}
		id := p.AdvisoryID
		if id == "" {
			id = f.RuleID
		}
		g.Advisories = append(g.Advisories, id)
		if fix := fixFor(p); fix == "" {
			g.Unfixed++
		} else if g.Fix == "" || version.Compare(p.Ecosystem, fix, g.Fix) > 0 {
			g.Fix = fix
		}
	}
	for i := range groups {
		sort.Strings(groups[i].Advisories)
		groups[i].Advisories = dedupSorted(groups[i].Advisories)
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].Severity > groups[j].Severity })
	return groups, others
}

// fixFor returns the smallest fixed version above the installed one.
func fixFor(p *finding.Package) string {
	best := ""
	for _, v := range p.FixedVersions {
		if p.Version != "" && version.Compare(p.Ecosystem, v, p.Version) <= 0 {
			continue
		}
		if best == "" || version.Compare(p.Ecosystem, v, best) < 0 {
			best = v
		}
	}
	return best
}

func dedupSorted(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
