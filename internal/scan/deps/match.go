package deps

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/vulndb/version"
)

// Source is the Source of the findings this scanner makes.
const Source = "secaudit/deps"

// maxTitle bounds a finding's title, in runes.
const maxTitle = 120

// match queries the database once per distinct package version (several
// at a time) and returns one finding per package, advisory group and
// manifest, sorted by path, line and rule. Query errors are returned per
// ecosystem, once each.
func match(ctx context.Context, db Database, pkgs []Package) ([]finding.Finding, []error) {
	keys := distinctKeys(pkgs)
	results := make([][]Advisory, len(keys))
	errs := make([]error, len(keys))
	var (
		wg   sync.WaitGroup
		next = make(chan int)
	)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				k := keys[i]
				results[i], errs[i] = db.Query(k.eco, k.name, k.version)
			}
		}()
	}
	for i := range keys {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()

	groups := make(map[pkgKey][]advisoryGroup, len(keys))
	var qerrs []error
	failed := make(map[string]bool)
	for i, k := range keys {
		if errs[i] != nil {
			if !failed[k.eco] {
				failed[k.eco] = true
				qerrs = append(qerrs, fmt.Errorf("query %s advisories: %w", k.eco, errs[i]))
			}
			continue
		}
		if len(results[i]) > 0 {
			groups[k] = groupAdvisories(k.eco, results[i])
		}
	}
	seen := make(map[string]bool)
	var out []finding.Finding
	for _, p := range pkgs {
		for _, g := range groups[pkgKey{p.Ecosystem, p.Name, p.Version}] {
			f := newFinding(p, g)
			if !seen[f.Fingerprint] {
				seen[f.Fingerprint] = true
				out = append(out, f)
			}
		}
	}
	slices.SortFunc(out, func(a, b finding.Finding) int {
		return cmp.Or(cmp.Compare(a.Location.Path, b.Location.Path), cmp.Compare(a.Location.StartLine, b.Location.StartLine),
			cmp.Compare(a.Package.Name, b.Package.Name), cmp.Compare(a.RuleID, b.RuleID))
	})
	return out, qerrs
}

// distinctKeys returns each package version once, interleaved across
// ecosystems: the database parses an ecosystem on its first query, so the
// workers' first queries go to different ecosystems and load them in
// parallel.
func distinctKeys(pkgs []Package) []pkgKey {
	seen := make(map[pkgKey]bool, len(pkgs))
	byEco := make(map[string][]pkgKey)
	var ecos []string
	for _, p := range pkgs {
		k := pkgKey{p.Ecosystem, p.Name, p.Version}
		if seen[k] {
			continue
		}
		seen[k] = true
		if byEco[k.eco] == nil {
			ecos = append(ecos, k.eco)
		}
		byEco[k.eco] = append(byEco[k.eco], k)
	}
	keys := make([]pkgKey, 0, len(seen))
	for i := 0; len(keys) < len(seen); i++ {
		for _, eco := range ecos {
			if i < len(byEco[eco]) {
				keys = append(keys, byEco[eco][i])
			}
		}
	}
	return keys
}

// advisoryGroup is the advisories of one package version that are the same
// vulnerability: records that name each other (directly or through a shared
// alias such as a CVE) are grouped, as osv-scanner does.
type advisoryGroup struct {
	ID            string   // the representative record ID
	Aliases       []string // every other ID of the group, sorted
	Summary       string
	Severity      finding.Severity
	SeverityKnown bool
	Fixed         []string
	FixedAbove    string
	URL           string
	CWE           []string
}

// groupAdvisories merges advisories that share an ID or alias.
func groupAdvisories(eco string, advs []Advisory) []advisoryGroup {
	parent := make([]int, len(advs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	owner := make(map[string]int)
	for i, a := range advs {
		for _, id := range append([]string{a.ID}, a.Aliases...) {
			if j, ok := owner[id]; ok {
				parent[find(i)] = find(j)
			} else {
				owner[id] = i
			}
		}
	}
	members := make(map[int][]Advisory)
	var roots []int
	for i, a := range advs {
		r := find(i)
		if _, ok := members[r]; !ok {
			roots = append(roots, r)
		}
		members[r] = append(members[r], a)
	}
	out := make([]advisoryGroup, 0, len(roots))
	for _, r := range roots {
		out = append(out, mergeGroup(eco, members[r]))
	}
	slices.SortFunc(out, func(a, b advisoryGroup) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// mergeGroup builds one group from its records. The representative is the
// smallest record ID, so the choice is stable; the severity is the highest
// known one; the suggested fix is the highest of the members' smallest
// fixes, since it must fix every record of the group.
func mergeGroup(eco string, advs []Advisory) advisoryGroup {
	slices.SortFunc(advs, func(a, b Advisory) int { return cmp.Compare(a.ID, b.ID) })
	g := advisoryGroup{ID: advs[0].ID, Severity: finding.Medium}
	ids := make(map[string]bool)
	fixed := make(map[string]bool)
	for _, a := range advs {
		ids[a.ID] = true
		for _, al := range a.Aliases {
			ids[al] = true
		}
		if g.Summary == "" {
			g.Summary = strings.TrimSpace(a.Summary)
		}
		if g.URL == "" {
			g.URL = a.URL
		}
		if a.SeverityKnown && (!g.SeverityKnown || a.Severity > g.Severity) {
			g.Severity, g.SeverityKnown = a.Severity, true
		}
		for _, v := range a.Fixed {
			fixed[v] = true
		}
		for _, c := range a.CWE {
			if !slices.Contains(g.CWE, c) {
				g.CWE = append(g.CWE, c)
			}
		}
		if a.FixedAbove != "" && (g.FixedAbove == "" || version.Compare(eco, a.FixedAbove, g.FixedAbove) > 0) {
			g.FixedAbove = a.FixedAbove
		}
	}
	delete(ids, g.ID)
	for id := range ids {
		g.Aliases = append(g.Aliases, id)
	}
	sort.Strings(g.Aliases)
	for v := range fixed {
		g.Fixed = append(g.Fixed, v)
	}
	slices.SortFunc(g.Fixed, func(a, b string) int { return version.Compare(eco, a, b) })
	return g
}

// newFinding turns one vulnerable package and advisory group into a finding.
func newFinding(p Package, g advisoryGroup) finding.Finding {
	summary := g.Summary
	if summary == "" {
		summary = "known vulnerability " + g.ID
	}
	f := finding.Finding{
		Category: finding.Vulnerability,
		RuleID:   g.ID,
		Severity: g.Severity,
		Title:    truncate(p.Name+"@"+p.Version+": "+summary, maxTitle),
		Message:  message(p, g),
		Location: finding.Location{Path: p.Path, StartLine: p.Line},
		Fix:      "No fixed version yet",
		CWE:      g.CWE,
		Tags:     []string{p.Ecosystem},
		Package: &finding.Package{
			Ecosystem:     p.Ecosystem,
			Name:          p.Name,
			Version:       p.Version,
			Direct:        p.Direct,
			FixedVersions: g.Fixed,
			AdvisoryID:    g.ID,
			Aliases:       g.Aliases,
		},
		Source: Source,
	}
	if g.FixedAbove != "" {
		f.Fix = fixHint(p, g.FixedAbove)
	}
	f.Fingerprint = finding.Fingerprint(finding.Vulnerability, g.ID, p.Path, finding.VulnKey(p.Ecosystem, p.Name, p.Version, g.ID))
	return f
}

// fixHint says which version to upgrade to, spelled the way the
// ecosystem's tools want it: Go modules take a "v" prefix, and the Go
// standard library is upgraded with the toolchain.
func fixHint(p Package, fixed string) string {
	if p.Ecosystem == Go {
		if p.Name == "stdlib" {
			return "Upgrade the Go toolchain to " + fixed
		}
		if !strings.HasPrefix(fixed, "v") {
			fixed = "v" + fixed
		}
	}
	return "Upgrade " + p.Name + " to " + fixed
}

// message describes the finding in a sentence or two.
func message(p Package, g advisoryGroup) string {
	var b strings.Builder
	kind := "transitive"
	if p.Direct {
		kind = "direct"
	}
	fmt.Fprintf(&b, "%s %s (%s, %s dependency) is affected by %s", p.Name, p.Version, p.Ecosystem, kind, g.ID)
	if len(g.Aliases) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(g.Aliases, ", "))
	}
	if g.Summary != "" {
		fmt.Fprintf(&b, ": %s", truncate(g.Summary, 300))
	}
	b.WriteString(".")
	if g.FixedAbove != "" {
		fmt.Fprintf(&b, " Fixed in %s.", g.FixedAbove)
	} else {
		b.WriteString(" No fixed version is known.")
	}
	if !g.SeverityKnown {
		b.WriteString(" The advisory gives no severity; it is reported as medium.")
	}
	if g.URL != "" {
		fmt.Fprintf(&b, " See %s", g.URL)
	}
	return b.String()
}

// truncate bounds s to n runes, ending a cut string with "...".
func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-3]) + "..."
}
