package route

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
	"github.com/secaudit/secaudit/internal/route/codeowners"
)

// Options are the inputs of Build besides the result and the configuration.
type Options struct {
	// Owners is the repository's CODEOWNERS file; nil means no file owners,
	// so every class goes to its route's team.
	Owners *codeowners.File
	// Playbooks replace the built-in playbooks per exit code (see
	// LoadPlaybooks).
	Playbooks map[int]string
}

// Build turns an audit result into a routing plan. Every class present in
// the run is routed, not only the one that set the exit code; each becomes
// one incident per owning team. Build is pure: it does no I/O and returns
// the same plan for the same input.
func Build(res *result.Result, cfg *config.Config, opts Options) (*Plan, error) {
	if res == nil || cfg == nil {
		return nil, errors.New("route: nil result or configuration")
	}
	p := &Plan{
		Repository:    res.Run.Repository,
		Branch:        res.Run.Branch,
		Commit:        res.Run.Commit,
		RunURL:        res.Run.URL,
		DefaultBranch: res.Run.DefaultBranch,
		ExitCode:      res.Verdict.ExitCode,
		Incomplete:    res.Verdict.Incomplete || len(res.Errors) > 0,
		Incidents:     []Incident{},
	}
	own := newOwnership(cfg, opts.Owners)
	classes := presentClasses(res, cfg)
	byClass := groupFindings(res, cfg, classes)
	for _, cl := range classes {
		rt, ok := routeOf(cfg, cl.Code)
		if !ok {
			return nil, fmt.Errorf("route: exit code %d has no route and no route for exit code 1 to fall back to", cl.Code)
		}
		var errs []result.Problem
		if isIncompleteClass(cfg, cl.Code) {
			errs = res.Errors
		}
		for _, g := range split(own, rt, byClass[cl.Code], errs, cfg.Routing.MaxMentions) {
			p.Incidents = append(p.Incidents, newIncident(p, cfg, opts, cl, rt, g))
		}
	}
	if p.ExitCode == 0 && len(classes) > 0 {
		p.ExitCode = classes[0].Code
	}
	p.Resolve = resolvable(res, cfg, own, p)
	return p, nil
}

// routeOf returns the route of code, falling back to the route of exit code
// 1 (general failure) for a class the configuration does not route.
func routeOf(cfg *config.Config, code int) (config.Route, bool) {
	if rt, ok := cfg.RouteFor(code); ok {
		return rt, true
	}
	rt, ok := cfg.RouteFor(1)
	rt.ExitCode = code
	return rt, ok
}

// isIncompleteClass reports whether code is the class an incomplete run
// lands in.
func isIncompleteClass(cfg *config.Config, code int) bool {
	if ec, ok := cfg.Class(code); ok {
		return ec.Match.Incomplete
	}
	return code == 1
}

// presentClasses returns the classes of the run in precedence order: the
// verdict's, plus any class a finding names that the verdict lacks, plus the
// incomplete-run class when the run was incomplete.
func presentClasses(res *result.Result, cfg *config.Config) []result.Class {
	out := make([]result.Class, 0, len(res.Verdict.Classes)+1)
	seen := map[int]bool{}
	add := func(c result.Class) {
		if seen[c.Code] || c.Code == 0 {
			return
		}
		seen[c.Code] = true
		if ec, ok := cfg.Class(c.Code); ok {
			if c.Name == "" {
				c.Name = ec.Name
			}
			if c.Title == "" {
				c.Title = ec.Title
			}
		}
		if c.Title == "" {
			c.Title = fmt.Sprintf("Exit code %d", c.Code)
		}
		out = append(out, c)
	}
	for _, c := range res.Verdict.Classes {
		add(c)
	}
	for _, f := range res.Findings {
		if f.ExitClass != 0 && !seen[f.ExitClass] {
			add(result.Class{Code: f.ExitClass})
		}
	}
	if res.Verdict.Incomplete || len(res.Errors) > 0 {
		for _, ec := range cfg.ExitCodes {
			if ec.Match.Incomplete {
				add(result.Class{Code: ec.Code})
				break
			}
		}
	}
	rank := map[int]int{}
	for i, ec := range cfg.ExitCodes {
		rank[ec.Code] = i + 1
	}
	sort.SliceStable(out, func(i, j int) bool { return rankOf(rank, out[i].Code) < rankOf(rank, out[j].Code) })
	return out
}

func rankOf(rank map[int]int, code int) int {
	if r, ok := rank[code]; ok {
		return r
	}
	return len(rank) + 1 + code
}

// groupFindings sorts the findings by class. A finding the policy left
// unclassified (ExitClass 0, an older or hand-made report) goes to the first
// present class whose match covers it.
func groupFindings(res *result.Result, cfg *config.Config, classes []result.Class) map[int][]finding.Finding {
	present := map[int]bool{}
	for _, c := range classes {
		present[c.Code] = true
	}
	codes := make([]int, len(res.Findings))
	counts := map[int]int{}
	for i := range res.Findings {
		code := res.Findings[i].ExitClass
		if code == 0 {
			code = classify(res.Findings[i], cfg, present)
		}
		codes[i] = code
		counts[code]++
	}
	out := make(map[int][]finding.Finding, len(counts))
	for code, n := range counts {
		if code != 0 {
			out[code] = make([]finding.Finding, 0, n)
		}
	}
	for i, code := range codes {
		if code != 0 {
			out[code] = append(out[code], res.Findings[i])
		}
	}
	for code := range out {
		sortFindings(out[code])
	}
	return out
}

func classify(f finding.Finding, cfg *config.Config, present map[int]bool) int {
	for _, ec := range cfg.ExitCodes {
		m := ec.Match
		if !present[ec.Code] || (!m.Unclaimed && len(m.Categories) == 0 && m.MinSeverity == "") {
			continue
		}
		if m.Unclaimed || matchesIgnoringFlags(m, f) {
			return ec.Code
		}
	}
	return 0
}

// matchesIgnoringFlags reports whether f falls in a class's categories and
// severity, whatever --fail-on-high says.
func matchesIgnoringFlags(m config.Match, f finding.Finding) bool {
	if len(m.Categories) > 0 {
		ok := false
		for _, c := range m.Categories {
			ok = ok || c == f.Category
		}
		if !ok {
			return false
		}
	}
	return m.MinSeverity == "" || f.Severity >= m.MinSev()
}

// sortFindings orders findings most severe first, then by place. It sorts
// indices and permutes once: findings are large and a run may hold tens of
// thousands.
func sortFindings(fs []finding.Finding) {
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int {
		a, b := &fs[i], &fs[j]
		if c := cmp.Compare(b.Severity, a.Severity); c != 0 {
			return c
		}
		if c := strings.Compare(a.Location.Path, b.Location.Path); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Location.StartLine, b.Location.StartLine); c != 0 {
			return c
		}
		if c := strings.Compare(a.RuleID, b.RuleID); c != 0 {
			return c
		}
		if c := strings.Compare(a.Fingerprint, b.Fingerprint); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	sorted := make([]finding.Finding, len(fs))
	for k, i := range idx {
		sorted[k] = fs[i]
	}
	copy(fs, sorted)
}
