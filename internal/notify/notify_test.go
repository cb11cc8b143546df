package notify_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/notify/notifytest"
	"github.com/secaudit/secaudit/internal/route"
)

type stub struct {
	name  string
	ds    []notify.Delivery
	err   error
	panic bool
}

func (s stub) Name() string { return s.name }
func (s stub) Notify(context.Context, *route.Plan) ([]notify.Delivery, error) {
	if s.panic {
		panic("bug")
	}
	return s.ds, s.err
}

func TestRun(t *testing.T) {
	plan := notifytest.Plan(notifytest.Incident(3))
	got := notify.Run(context.Background(), plan, []notify.Notifier{
		stub{name: "a", err: errors.New("a: misconfigured")},
		stub{name: "b", panic: true},
		stub{name: "c", ds: []notify.Delivery{{Notifier: "c", IncidentKey: "k", Action: notify.ActionPosted}}},
	})
	want := []notify.Delivery{
		{Notifier: "a", Action: "skipped", Error: "a: misconfigured"},
		{Notifier: "b", Action: "skipped", Error: "b: internal error: bug"},
		{Notifier: "c", IncidentKey: "k", Action: "posted"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Run (-want +got):\n%s", diff)
	}
}

func TestTeamVar(t *testing.T) {
	for team, want := range map[string]string{"security": "SLACK_WEBHOOK_SECURITY", "infra-oncall": "SLACK_WEBHOOK_INFRA_ONCALL", "Dev Team 2": "SLACK_WEBHOOK_DEV_TEAM_2"} {
		if got := notify.TeamVar("SLACK_WEBHOOK", team); got != want {
			t.Errorf("TeamVar(%q) = %q, want %q", team, got, want)
		}
	}
}

func TestFileState(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "state.json")
	s := notify.NewFileState(path, notifytest.Now)
	if _, ok, err := s.Get(ctx, "slack", "k"); ok || err != nil {
		t.Fatalf("Get on a missing file = %v, %v", ok, err)
	}
	if err := s.Set(ctx, "slack", "k", "d1"); err != nil {
		t.Fatal(err)
	}
	// A second process sees the first one's state.
	s2 := notify.NewFileState(path, nil)
	if d, ok, err := s2.Get(ctx, "slack", "k"); d != "d1" || !ok || err != nil {
		t.Errorf("Get after reopen = %q, %v, %v", d, ok, err)
	}
	if _, ok, _ := s2.Get(ctx, "email", "k"); ok {
		t.Error("state leaks across notifiers")
	}
	if err := s2.Delete(ctx, "slack", "k"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := notify.NewFileState(path, nil).Get(ctx, "slack", "k"); ok {
		t.Error("Delete did not persist")
	}
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := notify.NewFileState(path, nil).Get(ctx, "slack", "k")
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("corrupt file: err = %v, want an error naming %s", err, path)
	}
}

func TestDefaultStatePath(t *testing.T) {
	got, err := notify.DefaultStatePath(func(k string) string {
		if k == "SECAUDIT_STATE_FILE" {
			return "/x/state.json"
		}
		return ""
	})
	if err != nil || got != "/x/state.json" {
		t.Errorf("DefaultStatePath = %q, %v", got, err)
	}
}

func FuzzFileState(f *testing.F) {
	f.Add([]byte(`{"version":1,"notifiers":{"slack":{"k":{"digest":"d"}}}}`))
	f.Add([]byte(`{"notifiers":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "s.json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s := notify.NewFileState(path, notifytest.Now)
		if _, _, err := s.Get(context.Background(), "slack", "k"); err != nil {
			return
		}
		if err := s.Set(context.Background(), "slack", "k", "d"); err != nil {
			t.Fatalf("Set after a successful load: %v", err)
		}
	})
}
