package route

import (
	"sort"
	"strings"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/route/codeowners"
)

// ownership answers, per file, which configured team owns it and which
// CODEOWNERS owners to mention. Answers are cached per path: a run has many
// findings in few files.
type ownership struct {
	file *codeowners.File
	// teamOf maps a lower-cased owner (github_team or a codeowners alias) to
	// a team key.
	teamOf map[string]string
	cache  map[string]fileOwners
}

type fileOwners struct {
	team   string   // first owner that is a configured team; "" when none
	owners []string // every owner of the file, as written
}

func newOwnership(cfg *config.Config, file *codeowners.File) *ownership {
	o := &ownership{file: file, teamOf: map[string]string{}, cache: map[string]fileOwners{}}
	// Sorted keys make a handle claimed by two teams resolve the same way
	// every run.
	for _, key := range cfg.TeamKeys() {
		t := cfg.Teams[key]
		for _, h := range append([]string{t.GitHubTeam}, t.Codeowners...) {
			h = strings.ToLower(strings.TrimSpace(h))
			if _, taken := o.teamOf[h]; h != "" && !taken {
				o.teamOf[h] = key
			}
		}
	}
	return o
}

// of returns the owners of path.
func (o *ownership) of(path string) fileOwners {
	if o.file == nil {
		return fileOwners{}
	}
	if fo, ok := o.cache[path]; ok {
		return fo
	}
	owners, _ := o.file.Owners(path)
	fo := fileOwners{owners: owners}
	for _, ow := range owners {
		if t, ok := o.teamOf[strings.ToLower(ow)]; ok {
			fo.team = t
			break
		}
	}
	o.cache[path] = fo
	return fo
}

// isTeam reports whether owner stands for the team with key team.
func (o *ownership) isTeam(owner, team string) bool {
	return o.teamOf[strings.ToLower(owner)] == team
}

// possibleTeams returns every configured team some CODEOWNERS rule names:
// the teams a codeowners-routed class could go to.
func (o *ownership) possibleTeams() []string {
	if o.file == nil {
		return nil
	}
	set := map[string]bool{}
	for _, r := range o.file.Rules {
		for _, ow := range r.Owners {
			if t, ok := o.teamOf[strings.ToLower(ow)]; ok {
				set[t] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
