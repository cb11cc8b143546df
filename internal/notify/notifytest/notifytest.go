// Package notifytest builds routing plans and no-wait retriers for tests of
// notifiers and of code that drives them.
package notifytest

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/route"
)

// Repo is the repository of the plans built here.
const Repo = "acme/shop"

// PlantedSecret is the clear value behind the secret findings built here. It
// must never appear in anything a notifier sends.
const PlantedSecret = "AKIAZ7QPLANTED0SECRET"

// Sleeps records the waits of a Retrier made by Retrier, without waiting.
type Sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

// All returns the recorded waits.
func (s *Sleeps) All() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// Retrier returns a Retrier that never waits (it records the waits in
// sleeps, which may be nil) and uses no jitter.
func Retrier(sleeps *Sleeps) *notify.Retrier {
	return &notify.Retrier{
		Sleep: func(ctx context.Context, d time.Duration) error {
			if sleeps != nil {
				sleeps.mu.Lock()
				sleeps.d = append(sleeps.d, d)
				sleeps.mu.Unlock()
			}
			return ctx.Err()
		},
		Jitter: func(d time.Duration) time.Duration { return d },
	}
}

// Now is a fixed clock.
func Now() time.Time { return time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC) }

// SecretFinding returns a redacted secret finding at path:line.
func SecretFinding(path string, line int) finding.Finding {
	f := finding.Finding{
		Category: finding.Secret, RuleID: "aws-access-key-id", Severity: finding.Critical,
		Title: "AWS access key ID", Location: finding.Location{Path: path, StartLine: line},
		Evidence: finding.RedactIn("aws_access_key_id = "+PlantedSecret, PlantedSecret),
		Source:   "secaudit/secrets",
	}
	f.SetFingerprint(finding.SecretKey(PlantedSecret) + path)
	return f
}

// VulnFinding returns a vulnerability finding.
func VulnFinding(name, version, advisory string, sev finding.Severity) finding.Finding {
	f := finding.Finding{
		Category: finding.Vulnerability, RuleID: advisory, Severity: sev, Title: "Prototype pollution in " + name,
		Location: finding.Location{Path: "package-lock.json"}, Source: "secaudit/deps",
		Package: &finding.Package{Ecosystem: "npm", Name: name, Version: version, FixedVersions: []string{"9.9.9"}, AdvisoryID: advisory},
	}
	f.SetFingerprint(finding.VulnKey("npm", name, version, advisory))
	return f
}

// Incident builds the incident of an exit code from the default
// configuration's route and team, with the given findings and a digest
// computed from their fingerprints.
func Incident(code int, fs ...finding.Finding) route.Incident {
	cfg := config.Default()
	class, _ := cfg.Class(code)
	var rt config.Route
	for _, r := range cfg.Routes {
		if r.ExitCode == code {
			rt = r
		}
	}
	digest := ""
	for _, f := range fs {
		digest += f.Fingerprint[:8]
	}
	return route.Incident{
		Key: fmt.Sprintf("%s/%d/%s", Repo, code, rt.Team), ExitCode: code, ClassName: class.Name, ClassTitle: class.Title,
		Team: rt.Team, TeamInfo: cfg.Teams[rt.Team], Severity: rt.Severity, Priority: rt.Priority, Response: rt.Response,
		Page: rt.Page, Findings: fs, Digest: fmt.Sprintf("d-%d-%s", len(fs), digest),
		Title:    fmt.Sprintf("%s in %s", class.Title, Repo),
		Playbook: "1. **Immediate Actions:**\n   - Rotate exposed credentials immediately",
		Mentions: []string{"@alice"},
		Labels:   []string{"security", rt.Severity, rt.Priority, fmt.Sprintf("exit-code-%d", code)},
		Summary:  fmt.Sprintf("%d finding(s)", len(fs)),
	}
}

// Plan returns a plan of the given incidents on the default branch.
func Plan(incidents ...route.Incident) *route.Plan {
	code := 0
	if len(incidents) > 0 {
		code = incidents[0].ExitCode
	}
	return &route.Plan{
		Repository: Repo, Branch: "main", Commit: "0123456789abcdef0123456789abcdef01234567",
		RunURL: "https://github.com/acme/shop/actions/runs/42", DefaultBranch: true, ExitCode: code, Incidents: incidents,
	}
}

// CleanPlan returns a clean default-branch plan resolving the incidents of
// the given exit codes.
func CleanPlan(codes ...int) *route.Plan {
	p := Plan()
	for _, c := range codes {
		inc := Incident(c)
		p.Resolve = append(p.Resolve, route.IncidentRef{Key: inc.Key, ExitCode: c, Team: inc.Team})
	}
	return p
}
