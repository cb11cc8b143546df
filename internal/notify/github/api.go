package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/secaudit/secaudit/internal/notify"
)

// maxPages bounds the issue listing (100 issues a page).
const maxPages = 100

// issue is the part of GitHub's issue object the notifier reads.
type issue struct {
	Number      int     `json:"number"`
	Title       string  `json:"title"`
	Body        string  `json:"body"`
	State       string  `json:"state"`
	StateReason string  `json:"state_reason"`
	HTMLURL     string  `json:"html_url"`
	Labels      []label `json:"labels"`
	PullRequest any     `json:"pull_request"`
}

type label struct {
	Name string `json:"name"`
}

func (is issue) labelNames() []string {
	var out []string
	for _, l := range is.Labels {
		out = append(out, l.Name)
	}
	return out
}

// client calls GitHub's REST API (https://docs.github.com/rest) for one
// repository, through the shared retry stage.
type client struct {
	n     *Notifier
	base  *url.URL
	owner string
	repo  string
}

func (c *client) call(ctx context.Context, op, method, path string, query url.Values, body, out any) (*notify.Response, error) {
	u := c.base.JoinPath(path)
	u.RawQuery = query.Encode()
	return c.callURL(ctx, op, method, u.String(), body, out)
}

func (c *client) callURL(ctx context.Context, op, method, u string, body, out any) (*notify.Response, error) {
	h := http.Header{}
	h.Set("Accept", "application/vnd.github+json")
	h.Set("X-GitHub-Api-Version", "2022-11-28")
	h.Set("Authorization", "Bearer "+c.n.cfg.Token)
	h.Set("User-Agent", "secaudit")
	var resp *notify.Response
	err := c.n.cfg.Retrier.Do(ctx, func(ctx context.Context) error {
		var err error
		resp, err = notify.Send(ctx, c.n.cfg.HTTPClient, c.n.cfg.Now, notify.Call{Op: "github " + op, Method: method, URL: u, Header: h, Body: body})
		return err
	})
	if err != nil {
		return nil, err
	}
	if out != nil {
		if err := json.Unmarshal(resp.Body, out); err != nil {
			return nil, fmt.Errorf("github %s: decode response: %w", op, err)
		}
	}
	return resp, nil
}

func (c *client) repoPath(parts ...string) string {
	return strings.Join(append([]string{"repos", c.owner, c.repo}, parts...), "/")
}

// listIssues lists every issue (pull requests left out) labelled lbl, open
// and closed, following the Link header's rel="next".
func (c *client) listIssues(ctx context.Context, lbl string) ([]issue, error) {
	q := url.Values{"labels": {lbl}, "state": {"all"}, "per_page": {"100"}}
	u := c.base.JoinPath(c.repoPath("issues"))
	u.RawQuery = q.Encode()
	next := u.String()
	var out []issue
	for page := 0; next != ""; page++ {
		if page == maxPages {
			return out, fmt.Errorf("github list issues: more than %d pages labelled %q", maxPages, lbl)
		}
		var batch []issue
		resp, err := c.callURL(ctx, "list issues", http.MethodGet, next, nil, &batch)
		if err != nil {
			return nil, err
		}
		for _, is := range batch {
			if is.PullRequest == nil {
				out = append(out, is)
			}
		}
		next = c.nextLink(resp.Header.Get("Link"))
	}
	return out, nil
}

// nextLink returns the rel="next" URL of a Link header, only when it points
// at the API host (the token must never go elsewhere).
func (c *client) nextLink(h string) string {
	for _, part := range strings.Split(h, ",") {
		segs := strings.Split(part, ";")
		if len(segs) < 2 {
			continue
		}
		isNext := false
		for _, p := range segs[1:] {
			if strings.ReplaceAll(strings.TrimSpace(p), " ", "") == `rel="next"` {
				isNext = true
			}
		}
		if !isNext {
			continue
		}
		raw := strings.Trim(strings.TrimSpace(segs[0]), "<>")
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != c.base.Scheme || u.Host != c.base.Host {
			return ""
		}
		return u.String()
	}
	return ""
}

// ensureLabel makes sure lbl exists in the repository.
func (c *client) ensureLabel(ctx context.Context, lbl string) error {
	_, err := c.call(ctx, "get label", http.MethodGet, c.repoPath("labels", url.PathEscape(lbl)), nil, nil, nil)
	var e *notify.Error
	if err == nil || !errors.As(err, &e) || e.Status != http.StatusNotFound {
		return err
	}
	in := map[string]string{"name": lbl, "color": labelColor(lbl), "description": "Opened by secaudit"}
	_, err = c.call(ctx, "create label", http.MethodPost, c.repoPath("labels"), nil, in, nil)
	if errors.As(err, &e) && e.Status == http.StatusUnprocessableEntity && strings.Contains(e.Message, "already_exists") {
		return nil // created concurrently
	}
	return err
}

func labelColor(name string) string {
	switch name {
	case "security":
		return "d73a4a"
	case "critical":
		return "b60205"
	case "high":
		return "d93f0b"
	case "medium":
		return "fbca04"
	case "low":
		return "0e8a16"
	}
	return "ededed"
}

func (c *client) createIssue(ctx context.Context, title, body string, labels []string) (issue, error) {
	var out issue
	in := map[string]any{"title": title, "body": body, "labels": labels}
	_, err := c.call(ctx, "create issue", http.MethodPost, c.repoPath("issues"), nil, in, &out)
	return out, err
}

func (c *client) updateIssue(ctx context.Context, number int, in map[string]any) (issue, error) {
	var out issue
	_, err := c.call(ctx, fmt.Sprintf("update issue #%d", number), http.MethodPatch, c.repoPath("issues", fmt.Sprint(number)), nil, in, &out)
	return out, err
}

func (c *client) comment(ctx context.Context, number int, body string) error {
	_, err := c.call(ctx, fmt.Sprintf("comment on issue #%d", number), http.MethodPost, c.repoPath("issues", fmt.Sprint(number), "comments"), nil, map[string]string{"body": body}, nil)
	return err
}
