package route

import (
	"sort"
	"strings"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

// resolvable lists the incidents this run shows are fixed: on a complete
// default-branch run, every (class, team) the configuration can produce for
// the repository that the plan does not hold. It lists nothing on other
// branches, on incomplete runs (a failed scanner may simply not have seen
// the problem) or when routing.auto_resolve is off. A class whose findings
// the run's scanners could not produce (a secrets-only scan says nothing
// about containers), or whose findings are still present but classified
// elsewhere (high dependencies without --fail-on-high), is not resolved
// either.
func resolvable(res *result.Result, cfg *config.Config, own *ownership, p *Plan) []IncidentRef {
	if !p.DefaultBranch || p.Incomplete || !cfg.Routing.AutoResolve || p.Repository == "" {
		// Without a repository the keys name nothing: resolve nothing.
		return nil
	}
	open := map[string]bool{}
	for _, inc := range p.Incidents {
		open[inc.Key] = true
	}
	covered := coveredCategories(res.Run.Scanners)
	var out []IncidentRef
	seen := map[string]bool{}
	for _, ec := range cfg.ExitCodes {
		rt, ok := cfg.RouteFor(ec.Code)
		if !ok || !canSee(ec.Match, covered) || stillPresent(ec, res.Findings) {
			continue
		}
		teams := []string{rt.Team}
		if rt.OwnerPolicy() == config.OwnerCodeowners {
			teams = append(teams, own.possibleTeams()...)
		}
		for _, t := range teams {
			key := IncidentKey(p.Repository, ec.Code, t)
			if open[key] || seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, IncidentRef{Key: key, ExitCode: ec.Code, Team: t})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].ExitCode != out[j].ExitCode {
			return out[i].ExitCode < out[j].ExitCode
		}
		return out[i].Team < out[j].Team
	})
	return out
}

// scannerCategories maps built-in scanner names to what they find.
var scannerCategories = map[string]finding.Category{
	"secrets": finding.Secret, "secret": finding.Secret, "gitleaks": finding.Secret,
	"deps": finding.Vulnerability, "dependencies": finding.Vulnerability, "vuln": finding.Vulnerability, "osv-scanner": finding.Vulnerability,
	"container": finding.Container, "docker": finding.Container, "trivy": finding.Container,
	"code": finding.Code, "sast": finding.Code, "bandit": finding.Code, "gosec": finding.Code,
}

// coveredCategories returns the categories the run's scanners look for; nil
// (meaning all) when the report does not list its scanners.
func coveredCategories(scanners []string) map[finding.Category]bool {
	if len(scanners) == 0 {
		return nil
	}
	out := map[finding.Category]bool{}
	for _, s := range scanners {
		name := strings.ToLower(s)
		if i := strings.LastIndexAny(name, ":/"); i >= 0 {
			name = name[i+1:]
		}
		if c, ok := scannerCategories[name]; ok {
			out[c] = true
		}
	}
	return out
}

// canSee reports whether a run covering these categories would have found
// the class's findings. A class without categories needs every category,
// except the incomplete-run class, which any complete run clears.
func canSee(m config.Match, covered map[finding.Category]bool) bool {
	if covered == nil || m.Incomplete {
		return true
	}
	cats := m.Categories
	if len(cats) == 0 {
		cats = []finding.Category{finding.Secret, finding.Vulnerability, finding.Container, finding.Code}
	}
	for _, c := range cats {
		if !covered[c] {
			return false
		}
	}
	return true
}

// stillPresent reports whether a class that depends on --fail-on-high still
// has matching findings that went to another class because the flag was off.
func stillPresent(ec config.ExitClass, fs []finding.Finding) bool {
	if !ec.Match.RequiresFailOnHigh {
		return false
	}
	for _, f := range fs {
		if f.ExitClass != ec.Code && matchesIgnoringFlags(ec.Match, f) {
			return true
		}
	}
	return false
}
