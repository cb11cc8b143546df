package fake

import (
	"crypto/rand"
	"encoding/hex"
	"slices"
	"testing"
	"time"
)

// GitHubBodyLimit is the longest issue or comment body GitHub accepts, in
// characters.
const GitHubBodyLimit = 65536

// Issue is an issue held by the GitHub fake.
type Issue struct {
	Number      int       `json:"number"`
	Title       string    `json:"title"`
	Body        string    `json:"body"`
	State       string    `json:"state"`
	StateReason string    `json:"state_reason,omitempty"`
	Labels      []string  `json:"labels"`
	Assignees   []string  `json:"assignees"`
	Comments    []Comment `json:"comments"`
	// PullRequest marks a pull request, which the issues API lists too.
	PullRequest bool      `json:"pull_request"`
	Created     time.Time `json:"created_at"`
}

// Comment is an issue comment held by the GitHub fake.
type Comment struct {
	ID   int64  `json:"id"`
	Body string `json:"body"`
}

type ghRepo struct {
	issues []*Issue
	labels []string
}

// GitHub fakes the parts of GitHub's REST API (2022-11-28) that the GitHub
// notifier uses: labels, issues (list with label/state filters and Link
// pagination, create, get, update) and issue comments. Repositories exist on
// first use. Requests must carry "Authorization: Bearer <Token>" (or
// "token <Token>"); bodies must be JSON. Paths may carry the GitHub
// Enterprise prefix /api/v3.
type GitHub struct {
	server
	// Token is the only token the fake accepts.
	Token string
	repos map[string]*ghRepo
	ids   int64
	now   time.Time
}

// NewGitHub starts a GitHub fake; it stops when the test ends.
func NewGitHub(t testing.TB) *GitHub {
	g := &GitHub{Token: "ghp_" + randHex(18), repos: map[string]*ghRepo{}, now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	g.start(t, g.handle)
	return g
}

// APIURL returns the base URL to configure (SECAUDIT_GITHUB_API_URL), with a
// trailing slash.
func (g *GitHub) APIURL() string { return g.URL() + "/" }

// Issues returns a copy of the issues and pull requests of repo ("owner/name"),
// by number.
func (g *GitHub) Issues(repo string) []Issue {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []Issue
	if r := g.repos[repo]; r != nil {
		for _, is := range r.issues {
			c := *is
			c.Labels = slices.Clone(is.Labels)
			c.Comments = slices.Clone(is.Comments)
			out = append(out, c)
		}
	}
	return out
}

// Labels returns the labels defined in repo.
func (g *GitHub) Labels(repo string) []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	if r := g.repos[repo]; r != nil {
		return slices.Clone(r.labels)
	}
	return nil
}

// AddLabel defines a label in repo.
func (g *GitHub) AddLabel(repo, name string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	r := g.repo(repo)
	if !slices.Contains(r.labels, name) {
		r.labels = append(r.labels, name)
	}
}

// AddIssue stores an issue (or, with PullRequest set, a pull request) as if
// someone had created it, defining its labels, and returns its number.
func (g *GitHub) AddIssue(repo string, is Issue) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	r := g.repo(repo)
	for _, l := range is.Labels {
		if !slices.Contains(r.labels, l) {
			r.labels = append(r.labels, l)
		}
	}
	is.Number = len(r.issues) + 1
	if is.State == "" {
		is.State = "open"
	}
	is.Created = g.tick()
	r.issues = append(r.issues, &is)
	return is.Number
}

// SetIssueState changes the state of an issue as a person would (closing it
// by hand, for instance).
func (g *GitHub) SetIssueState(repo string, number int, state, reason string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if r := g.repos[repo]; r != nil && number >= 1 && number <= len(r.issues) {
		r.issues[number-1].State = state
		r.issues[number-1].StateReason = reason
	}
}

func (g *GitHub) repo(name string) *ghRepo {
	r := g.repos[name]
	if r == nil {
		r = &ghRepo{}
		g.repos[name] = r
	}
	return r
}

func (g *GitHub) tick() time.Time {
	g.now = g.now.Add(time.Second)
	return g.now
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
