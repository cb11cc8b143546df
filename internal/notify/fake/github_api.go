package fake

import (
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

func ghError(w http.ResponseWriter, status int, msg string, errs ...map[string]string) int {
	body := map[string]any{"message": msg, "documentation_url": "https://docs.github.com/rest", "status": strconv.Itoa(status)}
	if len(errs) > 0 {
		body["errors"] = errs
	}
	writeJSON(w, status, body)
	return status
}

func (g *GitHub) handle(w http.ResponseWriter, r *http.Request, body []byte) int {
	auth := r.Header.Get("Authorization")
	switch {
	case auth == "":
		return ghError(w, http.StatusUnauthorized, "Requires authentication")
	case auth != "Bearer "+g.Token && auth != "token "+g.Token:
		return ghError(w, http.StatusUnauthorized, "Bad credentials")
	}
	if r.Header.Get("User-Agent") == "" {
		return ghError(w, http.StatusForbidden, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header")
	}
	if (r.Method == http.MethodPost || r.Method == http.MethodPatch) && !isJSON(r) {
		return ghError(w, http.StatusUnsupportedMediaType, "Unsupported 'Content-Type' header")
	}
	w.Header().Set("X-RateLimit-Limit", "5000")
	w.Header().Set("X-RateLimit-Remaining", "4999")
	path := strings.TrimPrefix(r.URL.Path, "/api/v3")
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if len(parts) < 4 || parts[0] != "repos" {
		return ghError(w, http.StatusNotFound, "Not Found")
	}
	repo := g.repo(parts[1] + "/" + parts[2])
	rest := parts[3:]
	switch {
	case rest[0] == "labels" && len(rest) == 1:
		return g.labels(w, r, repo, body)
	case rest[0] == "labels" && len(rest) == 2 && r.Method == http.MethodGet:
		name, _ := url.PathUnescape(rest[1])
		if !slices.Contains(repo.labels, name) {
			return ghError(w, http.StatusNotFound, "Not Found")
		}
		writeJSON(w, http.StatusOK, labelJSON(name))
		return http.StatusOK
	case rest[0] == "issues" && len(rest) == 1:
		if r.Method == http.MethodGet {
			return g.listIssues(w, r, repo)
		}
		if r.Method == http.MethodPost {
			return g.createIssue(w, r, repo, body)
		}
	case rest[0] == "issues" && len(rest) >= 2:
		n, err := strconv.Atoi(rest[1])
		if err != nil || n < 1 || n > len(repo.issues) {
			return ghError(w, http.StatusNotFound, "Not Found")
		}
		is := repo.issues[n-1]
		switch {
		case len(rest) == 2 && r.Method == http.MethodGet:
			writeJSON(w, http.StatusOK, g.issueJSON(r, is))
			return http.StatusOK
		case len(rest) == 2 && r.Method == http.MethodPatch:
			return g.updateIssue(w, r, repo, is, body)
		case len(rest) == 3 && rest[2] == "comments" && r.Method == http.MethodPost:
			return g.comment(w, r, is, body)
		case len(rest) == 3 && rest[2] == "comments" && r.Method == http.MethodGet:
			var out []map[string]any
			for _, c := range is.Comments {
				out = append(out, map[string]any{"id": c.ID, "body": c.Body})
			}
			writeJSON(w, http.StatusOK, out)
			return http.StatusOK
		}
	}
	return ghError(w, http.StatusNotFound, "Not Found")
}

func labelJSON(name string) map[string]any {
	return map[string]any{"name": name, "color": "ededed", "default": false}
}

func (g *GitHub) labels(w http.ResponseWriter, r *http.Request, repo *ghRepo, body []byte) int {
	if r.Method == http.MethodGet {
		out := []map[string]any{}
		for _, l := range repo.labels {
			out = append(out, labelJSON(l))
		}
		writeJSON(w, http.StatusOK, out)
		return http.StatusOK
	}
	if r.Method != http.MethodPost {
		return ghError(w, http.StatusNotFound, "Not Found")
	}
	var in struct {
		Name        string `json:"name"`
		Color       string `json:"color"`
		Description string `json:"description"`
	}
	if err := decodeStrict(body, &in); err != nil {
		return ghError(w, http.StatusBadRequest, "Problems parsing JSON")
	}
	switch {
	case in.Name == "":
		return ghError(w, http.StatusUnprocessableEntity, "Validation Failed", map[string]string{"resource": "Label", "code": "missing_field", "field": "name"})
	case in.Color != "" && !isHexColor(in.Color):
		return ghError(w, http.StatusUnprocessableEntity, "Validation Failed", map[string]string{"resource": "Label", "code": "invalid", "field": "color"})
	case slices.Contains(repo.labels, in.Name):
		return ghError(w, http.StatusUnprocessableEntity, "Validation Failed", map[string]string{"resource": "Label", "code": "already_exists", "field": "name"})
	}
	repo.labels = append(repo.labels, in.Name)
	writeJSON(w, http.StatusCreated, labelJSON(in.Name))
	return http.StatusCreated
}

func isHexColor(s string) bool {
	if len(s) != 6 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

func (g *GitHub) listIssues(w http.ResponseWriter, r *http.Request, repo *ghRepo) int {
	q := r.URL.Query()
	state := q.Get("state")
	if state == "" {
		state = "open"
	}
	if state != "open" && state != "closed" && state != "all" {
		return ghError(w, http.StatusUnprocessableEntity, "Validation Failed", map[string]string{"resource": "Issue", "code": "invalid", "field": "state"})
	}
	perPage, page := 30, 1
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return ghError(w, http.StatusUnprocessableEntity, "Validation Failed")
		}
		perPage = min(n, 100)
	}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return ghError(w, http.StatusUnprocessableEntity, "Validation Failed")
		}
		page = n
	}
	var want []string
	if v := q.Get("labels"); v != "" {
		want = strings.Split(v, ",")
	}
	var match []*Issue
	for i := len(repo.issues) - 1; i >= 0; i-- { // newest first, GitHub's default sort
		is := repo.issues[i]
		if state != "all" && is.State != state {
			continue
		}
		ok := true
		for _, l := range want {
			if !slices.Contains(is.Labels, strings.TrimSpace(l)) {
				ok = false
			}
		}
		if ok {
			match = append(match, is)
		}
	}
	last := max(1, (len(match)+perPage-1)/perPage)
	lo := min((page-1)*perPage, len(match))
	hi := min(lo+perPage, len(match))
	out := []map[string]any{}
	for _, is := range match[lo:hi] {
		out = append(out, g.issueJSON(r, is))
	}
	var links []string
	link := func(p int, rel string) {
		q2 := r.URL.Query()
		q2.Set("page", strconv.Itoa(p))
		links = append(links, fmt.Sprintf("<%s%s?%s>; rel=%q", g.URL(), r.URL.Path, q2.Encode(), rel))
	}
	if page < last {
		link(page+1, "next")
		link(last, "last")
	}
	if page > 1 {
		link(1, "first")
		link(page-1, "prev")
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	writeJSON(w, http.StatusOK, out)
	return http.StatusOK
}

func (g *GitHub) issueJSON(r *http.Request, is *Issue) map[string]any {
	labels := []map[string]any{}
	for _, l := range is.Labels {
		labels = append(labels, labelJSON(l))
	}
	repoPath := strings.Join(strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/api/v3"), "/"), "/")[1:3], "/")
	m := map[string]any{
		"id":           int64(is.Number) * 1000,
		"number":       is.Number,
		"title":        is.Title,
		"body":         is.Body,
		"state":        is.State,
		"state_reason": nilIfEmpty(is.StateReason),
		"labels":       labels,
		"comments":     len(is.Comments),
		"html_url":     fmt.Sprintf("https://github.example/%s/issues/%d", repoPath, is.Number),
		"url":          fmt.Sprintf("%s/repos/%s/issues/%d", g.URL(), repoPath, is.Number),
		"created_at":   is.Created.Format(time.RFC3339),
		"user":         map[string]any{"login": "secaudit-bot"},
	}
	if is.PullRequest {
		m["pull_request"] = map[string]any{"url": fmt.Sprintf("%s/repos/%s/pulls/%d", g.URL(), repoPath, is.Number)}
	}
	return m
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

type issueInput struct {
	Title       *string   `json:"title"`
	Body        *string   `json:"body"`
	State       *string   `json:"state"`
	StateReason *string   `json:"state_reason"`
	Labels      *[]string `json:"labels"`
	Assignees   *[]string `json:"assignees"`
	Milestone   any       `json:"milestone"`
}

// validate checks an issue create or update the way GitHub does; it
// returns a written status, or 0 when the input is valid.
func (g *GitHub) validate(w http.ResponseWriter, repo *ghRepo, in issueInput, create bool) int {
	invalid := func(code, field string, msg ...string) int {
		e := map[string]string{"resource": "Issue", "code": code, "field": field}
		if len(msg) > 0 {
			e["message"] = msg[0]
		}
		return ghError(w, http.StatusUnprocessableEntity, "Validation Failed", e)
	}
	if create && (in.Title == nil || strings.TrimSpace(*in.Title) == "") {
		return invalid("missing_field", "title")
	}
	if in.Title != nil && utf8.RuneCountInString(*in.Title) > 256 {
		return invalid("custom", "title", "title is too long (maximum is 256 characters)")
	}
	if in.Body != nil && utf8.RuneCountInString(*in.Body) > GitHubBodyLimit {
		return invalid("custom", "body", "body is too long (maximum is 65536 characters)")
	}
	if in.State != nil && *in.State != "open" && *in.State != "closed" {
		return invalid("invalid", "state")
	}
	if in.StateReason != nil && !slices.Contains([]string{"completed", "not_planned", "reopened"}, *in.StateReason) {
		return invalid("invalid", "state_reason")
	}
	if in.Labels != nil {
		for _, l := range *in.Labels {
			if !slices.Contains(repo.labels, l) {
				return ghError(w, http.StatusUnprocessableEntity, "Validation Failed", map[string]string{"resource": "Label", "code": "invalid", "field": "labels", "value": l})
			}
		}
	}
	return 0
}

func (g *GitHub) createIssue(w http.ResponseWriter, r *http.Request, repo *ghRepo, body []byte) int {
	var in issueInput
	if err := decodeStrict(body, &in); err != nil {
		return ghError(w, http.StatusBadRequest, "Problems parsing JSON")
	}
	if st := g.validate(w, repo, in, true); st != 0 {
		return st
	}
	is := &Issue{Number: len(repo.issues) + 1, Title: *in.Title, State: "open", Created: g.tick()}
	if in.Body != nil {
		is.Body = *in.Body
	}
	if in.Labels != nil {
		is.Labels = slices.Clone(*in.Labels)
	}
	if in.Assignees != nil {
		is.Assignees = slices.Clone(*in.Assignees)
	}
	repo.issues = append(repo.issues, is)
	writeJSON(w, http.StatusCreated, g.issueJSON(r, is))
	return http.StatusCreated
}

func (g *GitHub) updateIssue(w http.ResponseWriter, r *http.Request, repo *ghRepo, is *Issue, body []byte) int {
	var in issueInput
	if err := decodeStrict(body, &in); err != nil {
		return ghError(w, http.StatusBadRequest, "Problems parsing JSON")
	}
	if st := g.validate(w, repo, in, false); st != 0 {
		return st
	}
	if in.Title != nil {
		is.Title = *in.Title
	}
	if in.Body != nil {
		is.Body = *in.Body
	}
	if in.State != nil {
		if *in.State != is.State {
			is.StateReason = ""
			if *in.State == "open" {
				is.StateReason = "reopened"
			} else {
				is.StateReason = "completed"
			}
		}
		is.State = *in.State
	}
	if in.StateReason != nil {
		is.StateReason = *in.StateReason
	}
	if in.Labels != nil {
		is.Labels = slices.Clone(*in.Labels)
	}
	writeJSON(w, http.StatusOK, g.issueJSON(r, is))
	return http.StatusOK
}

func (g *GitHub) comment(w http.ResponseWriter, r *http.Request, is *Issue, body []byte) int {
	var in struct {
		Body *string `json:"body"`
	}
	if err := decodeStrict(body, &in); err != nil {
		return ghError(w, http.StatusBadRequest, "Problems parsing JSON")
	}
	if in.Body == nil || strings.TrimSpace(*in.Body) == "" {
		return ghError(w, http.StatusUnprocessableEntity, "Validation Failed", map[string]string{"resource": "IssueComment", "code": "missing_field", "field": "body"})
	}
	if utf8.RuneCountInString(*in.Body) > GitHubBodyLimit {
		return ghError(w, http.StatusUnprocessableEntity, "Validation Failed", map[string]string{"resource": "IssueComment", "code": "custom", "field": "body", "message": "body is too long (maximum is 65536 characters)"})
	}
	g.ids++
	c := Comment{ID: g.ids, Body: *in.Body}
	is.Comments = append(is.Comments, c)
	writeJSON(w, http.StatusCreated, map[string]any{"id": c.ID, "body": c.Body, "html_url": fmt.Sprintf("https://github.example/issues/%d#issuecomment-%d", is.Number, c.ID)})
	return http.StatusCreated
}
