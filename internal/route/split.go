package route

import (
	"sort"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

// group is the part of a class one team owns.
type group struct {
	team     string
	idx      []int // indices of the group's findings in the class's findings
	findings []finding.Finding
	errors   []result.Problem
	mentions []string
}

// split divides a class's findings among owning teams by the route's owner
// policy:
//   - class: the route's team owns everything;
//   - both: the route's team owns everything and the files' CODEOWNERS are
//     mentioned;
//   - codeowners: each finding goes to the configured team owning its file,
//     or to the route's team when no configured team does; other owners of
//     the file (people, unconfigured teams) are mentioned.
//
// Errors of an incomplete run always go to the route's team. A class
// present without findings or errors still yields the route team's group.
func split(own *ownership, rt config.Route, findings []finding.Finding, errs []result.Problem, maxMentions int) []group {
	policy := rt.OwnerPolicy()
	byTeam := map[string]*group{}
	var order []string
	get := func(team string) *group {
		g, ok := byTeam[team]
		if !ok {
			g = &group{team: team}
			byTeam[team] = g
			order = append(order, team)
		}
		return g
	}
	mentioned := map[string]map[string]bool{}
	for i := range findings {
		f := &findings[i]
		team := rt.Team
		fo := own.of(f.Location.Path)
		if policy == config.OwnerCodeowners && fo.team != "" {
			team = fo.team
		}
		g := get(team)
		g.idx = append(g.idx, i)
		if policy == config.OwnerClass {
			continue
		}
		if mentioned[team] == nil {
			mentioned[team] = map[string]bool{}
		}
		for _, ow := range fo.owners {
			if own.isTeam(ow, team) || mentioned[team][ow] || len(g.mentions) >= maxMentions {
				continue
			}
			mentioned[team][ow] = true
			g.mentions = append(g.mentions, ow)
		}
	}
	if len(errs) > 0 || len(findings) == 0 {
		get(rt.Team).errors = errs
	}
	sort.Strings(order)
	out := make([]group, 0, len(order))
	for _, t := range order {
		g := byTeam[t]
		if len(g.idx) == len(findings) {
			g.findings = findings // one team owns it all: no copy
		} else {
			g.findings = make([]finding.Finding, len(g.idx))
			for k, i := range g.idx {
				g.findings[k] = findings[i]
			}
		}
		out = append(out, *g)
	}
	return out
}
