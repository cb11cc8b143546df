package github_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/notify/fake"
	"github.com/secaudit/secaudit/internal/notify/github"
	"github.com/secaudit/secaudit/internal/notify/notifytest"
)

func BenchmarkRenderBody(b *testing.B) {
	var fs []finding.Finding
	for i := range 3000 {
		fs = append(fs, notifytest.SecretFinding(fmt.Sprintf("src/module%04d/settings.py", i), i+1))
	}
	inc := notifytest.Incident(3, fs...)
	plan := notifytest.Plan(inc)
	n, err := github.New(github.Config{Token: "t"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		github.RenderBody(n, plan, inc)
	}
}

// BenchmarkNotifyUnchanged is the common CI case: five incidents already
// filed among 1,000 labelled issues (10 pages), nothing to change.
func BenchmarkNotifyUnchanged(b *testing.B) {
	gh := fake.NewGitHub(b)
	for i := range 1000 {
		gh.AddIssue(notifytest.Repo, fake.Issue{Title: "noise", Body: fmt.Sprint(i), Labels: []string{"security"}})
	}
	n, err := github.New(github.Config{BaseURL: gh.APIURL(), Token: gh.Token, HTTPClient: gh.Client(), Retrier: notifytest.Retrier(nil)})
	if err != nil {
		b.Fatal(err)
	}
	var incs = notifytest.Plan().Incidents
	for _, code := range []int{1, 2, 3, 5, 6} {
		incs = append(incs, notifytest.Incident(code, notifytest.SecretFinding("a", code)))
	}
	plan := notifytest.Plan(incs...)
	if _, err := n.Notify(context.Background(), plan); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		ds, err := n.Notify(context.Background(), plan)
		if err != nil || len(ds) != 5 || ds[0].Action != "unchanged" {
			b.Fatalf("%v %v", ds, err)
		}
	}
}
