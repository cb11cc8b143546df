package github_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/notify/fake"
	"github.com/secaudit/secaudit/internal/notify/github"
	"github.com/secaudit/secaudit/internal/notify/notifytest"
	"github.com/secaudit/secaudit/internal/result"
	"github.com/secaudit/secaudit/internal/route"
)

var update = flag.Bool("update", false, "rewrite golden files")

const repo = notifytest.Repo

func newNotifier(t *testing.T, gh *fake.GitHub, base string) *github.Notifier {
	t.Helper()
	if base == "" {
		base = gh.APIURL()
	}
	n, err := github.New(github.Config{BaseURL: base, Token: gh.Token, HTTPClient: gh.Client(), Retrier: notifytest.Retrier(nil), Now: notifytest.Now})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func run(t *testing.T, n *github.Notifier, plan *route.Plan) []string {
	t.Helper()
	ds, err := n.Notify(context.Background(), plan)
	if err != nil {
		t.Fatalf("Notify: %v", err)
	}
	var out []string
	for _, d := range ds {
		if d.Error != "" {
			t.Errorf("delivery %s failed: %s", d.IncidentKey, d.Error)
		}
		out = append(out, fmt.Sprintf("%d %s %s", d.ExitCode, d.Action, d.Target))
	}
	return out
}

func mutations(gh *fake.GitHub, from int) int {
	n := 0
	for _, r := range gh.Requests()[from:] {
		if r.Method != "GET" {
			n++
		}
	}
	return n
}

func TestLifecycle(t *testing.T) {
	gh := fake.NewGitHub(t)
	n := newNotifier(t, gh, "")
	secrets := notifytest.Incident(3, notifytest.SecretFinding("config/app.env", 3))
	vulns := notifytest.Incident(2, notifytest.VulnFinding("lodash", "4.17.4", "GHSA-jf85-cpcp-j695", finding.Critical))
	url := func(n int) string { return fmt.Sprintf("https://github.example/%s/issues/%d", repo, n) }

	// First run: one issue per incident, labels created.
	got := run(t, n, notifytest.Plan(secrets, vulns))
	if diff := cmp.Diff([]string{"3 created " + url(1), "2 created " + url(2)}, got); diff != "" {
		t.Fatalf("first run (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"security", "critical", "P0", "exit-code-3", "exit-code-2"}, gh.Labels(repo)); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	is := gh.Issues(repo)[0]
	if !strings.Contains(is.Body, "<!-- secaudit:incident="+secrets.Key+" -->") || is.State != "open" {
		t.Errorf("issue 1 = %+v, want an open issue with the incident marker", is)
	}

	// Second identical run: nothing changes.
	before := len(gh.Requests())
	got = run(t, n, notifytest.Plan(secrets, vulns))
	if diff := cmp.Diff([]string{"3 unchanged " + url(1), "2 unchanged " + url(2)}, got); diff != "" {
		t.Errorf("second run (-want +got):\n%s", diff)
	}
	if m := mutations(gh, before); m != 0 {
		t.Errorf("second run made %d changes, want 0", m)
	}

	// Changed findings: body rewritten and exactly one comment.
	changed := notifytest.Incident(3, notifytest.SecretFinding("config/app.env", 3), notifytest.SecretFinding("deploy/.env", 9))
	got = run(t, n, notifytest.Plan(changed, vulns))
	if diff := cmp.Diff([]string{"3 updated " + url(1), "2 unchanged " + url(2)}, got); diff != "" {
		t.Errorf("changed run (-want +got):\n%s", diff)
	}
	is = gh.Issues(repo)[0]
	if len(is.Comments) == 1 && (!strings.Contains(is.Comments[0].Body, "**1 new**, **0 fixed**") || !strings.Contains(is.Comments[0].Body, "deploy/.env:9")) {
		t.Errorf("change comment does not name the new finding:\n%s", is.Comments[0].Body)
	}
	if len(is.Comments) != 1 || !strings.Contains(is.Body, "deploy/.env") || !strings.Contains(is.Body, "secaudit:digest="+changed.Digest) {
		t.Errorf("after change: %d comments, body has new finding %v", len(is.Comments), strings.Contains(is.Body, "deploy/.env"))
	}

	// Clean default-branch run: both issues closed with a comment.
	got = run(t, n, notifytest.CleanPlan(3, 2, 4))
	if diff := cmp.Diff([]string{"3 closed " + url(1), "2 closed " + url(2)}, got); diff != "" {
		t.Errorf("clean run (-want +got):\n%s", diff)
	}
	for _, is := range gh.Issues(repo) {
		if is.State != "closed" || is.StateReason != "completed" {
			t.Errorf("issue %d state = %s/%s, want closed/completed", is.Number, is.State, is.StateReason)
		}
	}
	// A second clean run does nothing.
	before = len(gh.Requests())
	if got := run(t, n, notifytest.CleanPlan(3, 2)); len(got) != 0 || mutations(gh, before) != 0 {
		t.Errorf("second clean run = %v, want nothing", got)
	}

	// The class comes back: the resolved issue is reopened, not duplicated.
	got = run(t, n, notifytest.Plan(changed))
	if diff := cmp.Diff([]string{"3 reopened " + url(1)}, got); diff != "" {
		t.Errorf("regression run (-want +got):\n%s", diff)
	}
	if is := gh.Issues(repo)[0]; is.State != "open" || strings.Contains(is.Body, "secaudit:state=resolved") {
		t.Errorf("reopened issue: state %s, resolved marker kept: %v", is.State, strings.Contains(is.Body, "secaudit:state=resolved"))
	}
	if n := len(gh.Issues(repo)); n != 2 {
		t.Errorf("%d issues, want 2", n)
	}
	if leaks := gh.Leaks(notifytest.PlantedSecret, gh.Token); len(leaks) > 0 {
		t.Errorf("leaks: %v", leaks)
	}
}

func TestManualClose(t *testing.T) {
	gh := fake.NewGitHub(t)
	n := newNotifier(t, gh, "")
	inc := notifytest.Incident(6, notifytest.SecretFinding("a.py", 1))
	run(t, n, notifytest.Plan(inc))
	gh.SetIssueState(repo, 1, "closed", "not_planned")
	if got := run(t, n, notifytest.Plan(inc)); !strings.HasPrefix(got[0], "6 unchanged") {
		t.Errorf("same findings after a manual close = %v, want unchanged", got)
	}
	if gh.Issues(repo)[0].State != "closed" {
		t.Error("a manually closed issue was reopened with the same findings")
	}
	inc2 := notifytest.Incident(6, notifytest.SecretFinding("a.py", 1), notifytest.SecretFinding("b.py", 1))
	if got := run(t, n, notifytest.Plan(inc2)); !strings.HasPrefix(got[0], "6 reopened") {
		t.Errorf("new findings after a manual close = %v, want reopened", got)
	}
}

func TestFindsIssueByMarkerAcrossPages(t *testing.T) {
	gh := fake.NewGitHub(t)
	n := newNotifier(t, gh, "")
	inc := notifytest.Incident(5, notifytest.SecretFinding("Dockerfile", 1))
	target := gh.AddIssue(repo, fake.Issue{Title: "ours", Body: "<!-- secaudit:incident=" + inc.Key + " -->\n<!-- secaudit:digest=" + inc.Digest + " -->", Labels: []string{"security", "medium"}})
	for i := range 150 {
		gh.AddIssue(repo, fake.Issue{Title: "noise", Body: fmt.Sprintf("issue %d", i), Labels: []string{"security"}})
	}
	// Same title but no marker, and a pull request carrying the marker: neither is ours.
	gh.AddIssue(repo, fake.Issue{Title: inc.Title, Body: "hand-written", Labels: []string{"security"}})
	gh.AddIssue(repo, fake.Issue{Title: "PR", Body: "<!-- secaudit:incident=" + inc.Key + " -->", Labels: []string{"security"}, PullRequest: true})
	got := run(t, n, notifytest.Plan(inc))
	want := []string{fmt.Sprintf("5 unchanged https://github.example/%s/issues/%d", repo, target)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	pages := 0
	for _, r := range gh.Requests() {
		if r.Method == "GET" && strings.HasSuffix(r.Path, "/issues") {
			pages++
			if !strings.Contains(r.Query, "labels=security") || !strings.Contains(r.Query, "state=all") {
				t.Errorf("listing query %q lacks labels=security&state=all", r.Query)
			}
		}
	}
	if pages != 2 {
		t.Errorf("listed %d pages, want 2", pages)
	}
}

func TestBodyLimit(t *testing.T) {
	gh := fake.NewGitHub(t)
	n := newNotifier(t, gh, "")
	var fs []finding.Finding
	for i := range 3000 {
		f := notifytest.SecretFinding(fmt.Sprintf("src/very/long/path/to/module%04d/settings.py", i), i+1)
		f.Title = strings.Repeat("long title ", 20)
		fs = append(fs, f)
	}
	run(t, n, notifytest.Plan(notifytest.Incident(3, fs...)))
	is := gh.Issues(repo)
	if len(is) != 1 {
		t.Fatalf("%d issues, want 1", len(is))
	}
	if len([]rune(is[0].Body)) > fake.GitHubBodyLimit || !strings.Contains(is[0].Body, "more findings") {
		t.Errorf("body is %d characters, has 'more findings': %v", len(is[0].Body), strings.Contains(is[0].Body, "more findings"))
	}
}

func TestRetries(t *testing.T) {
	gh := fake.NewGitHub(t)
	n := newNotifier(t, gh, "")
	gh.FailNext(2, 502)
	got := run(t, n, notifytest.Plan(notifytest.Incident(3, notifytest.SecretFinding("a", 1))))
	if len(got) != 1 || !strings.HasPrefix(got[0], "3 created") || len(gh.Issues(repo)) != 1 {
		t.Errorf("after two 502s: %v, %d issues", got, len(gh.Issues(repo)))
	}

	bad, err := github.New(github.Config{BaseURL: gh.APIURL(), Token: "wrong", HTTPClient: gh.Client(), Retrier: notifytest.Retrier(nil)})
	if err != nil {
		t.Fatal(err)
	}
	before := len(gh.Requests())
	ds, err := bad.Notify(context.Background(), notifytest.Plan(notifytest.Incident(3)))
	if err != nil || len(ds) != 1 || !strings.Contains(ds[0].Error, "401") || !strings.Contains(ds[0].Error, "Bad credentials") {
		t.Errorf("bad token: %+v, %v; want a 401 Bad credentials delivery error", ds, err)
	}
	if n := len(gh.Requests()) - before; n != 1 {
		t.Errorf("a 401 was tried %d times, want 1", n)
	}
	if strings.Contains(fmt.Sprint(ds), "wrong") {
		t.Error("the token appears in a delivery")
	}
}

func TestEnterpriseURL(t *testing.T) {
	gh := fake.NewGitHub(t)
	n := newNotifier(t, gh, gh.URL()+"/api/v3/")
	got := run(t, n, notifytest.Plan(notifytest.Incident(4, notifytest.VulnFinding("a", "1", "GHSA-x", finding.High))))
	if len(got) != 1 || !strings.HasPrefix(got[0], "4 created") {
		t.Errorf("GHE run = %v", got)
	}
	for _, r := range gh.Requests() {
		if !strings.HasPrefix(r.Path, "/api/v3/repos/") {
			t.Errorf("request to %s, want under /api/v3/", r.Path)
		}
	}
	if body := gh.Issues(repo)[0].Body; !strings.Contains(body, gh.URL()+"/"+repo+"/commit/") {
		t.Errorf("GHE links do not point at the enterprise host:\n%s", body)
	}
}

func TestBadConfig(t *testing.T) {
	if _, err := github.New(github.Config{}); err == nil {
		t.Error("no token accepted")
	}
	if _, err := github.New(github.Config{Token: "t", BaseURL: "ftp://x"}); err == nil {
		t.Error("ftp URL accepted")
	}
	n, _ := github.New(github.Config{Token: "t"})
	p := notifytest.Plan(notifytest.Incident(3))
	p.Repository = "no-slash"
	if _, err := n.Notify(context.Background(), p); err == nil {
		t.Error("bad repository accepted")
	}
}

func TestBodyGolden(t *testing.T) {
	gh := fake.NewGitHub(t)
	n := newNotifier(t, gh, "https://api.github.com/")
	_ = n
	inc := notifytest.Incident(3, notifytest.SecretFinding("config/app.env", 3), notifytest.SecretFinding("ops/deploy|prod.sh", 12))
	inc.Findings[1].Title = "Token @everyone <script>"
	inc.Errors = []result.Problem{{Source: "deps", Path: "go.sum", Message: "parse go.sum: line 3: malformed"}}
	body := github.RenderBody(n, notifytest.Plan(inc), inc)
	golden := filepath.Join("testdata", "issue-body.md")
	if *update {
		if err := os.WriteFile(golden, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if diff := cmp.Diff(string(want), body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	if strings.Contains(body, notifytest.PlantedSecret) {
		t.Error("body holds the planted secret")
	}
}

var _ notify.Notifier = (*github.Notifier)(nil)

func TestLabelEndpointMissing(t *testing.T) {
	// A token that may not manage labels: label calls fail, the issue is
	// still created (GitHub creates named labels itself) or the issue
	// call's own error is reported.
	gh := fake.NewGitHub(t)
	gh.AddLabel(repo, "security")
	gh.AddLabel(repo, "medium")
	client := &http.Client{Transport: denyLabels{gh.Client().Transport}}
	n, err := github.New(github.Config{BaseURL: gh.APIURL(), Token: gh.Token, HTTPClient: client, Retrier: notifytest.Retrier(nil)})
	if err != nil {
		t.Fatal(err)
	}
	inc := notifytest.Incident(5, notifytest.SecretFinding("Dockerfile", 1))
	inc.Labels = []string{"medium", "exit-code-5"}
	ds, err := n.Notify(context.Background(), notifytest.Plan(inc))
	if err != nil || len(ds) != 1 || ds[0].Action != "created" || !strings.Contains(ds[0].Error, "422") {
		t.Errorf("deliveries = %+v, %v; want a create failing with the fake's 422 on the unknown label", ds, err)
	}
	inc.Labels = []string{"medium"}
	ds, err = n.Notify(context.Background(), notifytest.Plan(inc))
	if err != nil || len(ds) != 1 || ds[0].Action != "created" || ds[0].Error != "" {
		t.Errorf("deliveries = %+v, %v; want created", ds, err)
	}
}

type denyLabels struct{ rt http.RoundTripper }

func (d denyLabels) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.Contains(r.URL.Path, "/labels") {
		return &http.Response{StatusCode: 403, Status: "403 Forbidden", Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{"message":"Resource not accessible by integration"}`)), Request: r}, nil
	}
	return d.rt.RoundTrip(r)
}
