package webhook_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/notify/notifytest"
	"github.com/secaudit/secaudit/internal/notify/webhook"
	"github.com/secaudit/secaudit/internal/route"
)

const secret = "whsec-test-0123456789"

type receiver struct {
	mu     sync.Mutex
	events []webhook.Payload
	fail   []int
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	if len(rc.fail) > 0 {
		st := rc.fail[0]
		rc.fail = rc.fail[1:]
		w.WriteHeader(st)
		return
	}
	if !webhook.Verify(secret, body, r.Header.Get(webhook.SignatureHeader)) || r.Header.Get("Content-Type") != "application/json" {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var p webhook.Payload
	if err := json.Unmarshal(body, &p); err != nil || p.Event != r.Header.Get(webhook.EventHeader) {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	if strings.Contains(string(body), notifytest.PlantedSecret) {
		http.Error(w, "secret leaked", http.StatusTeapot)
		return
	}
	rc.events = append(rc.events, p)
	w.WriteHeader(http.StatusNoContent)
}

func TestLifecycle(t *testing.T) {
	rc := &receiver{}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	n, err := webhook.New(webhook.Config{
		URL:    func(string) string { return srv.URL + "/hook?token=SECRETTOKEN" },
		Secret: secret, State: notify.NewMemoryState(), HTTPClient: srv.Client(), Retrier: notifytest.Retrier(nil), Now: notifytest.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	inc := notifytest.Incident(3, notifytest.SecretFinding("a.env", 1))
	do := func(p *route.Plan) []string {
		ds, err := n.Notify(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range ds {
			out = append(out, d.Action+" "+d.Target+" "+d.Error)
		}
		return out
	}
	target := srv.URL + " "
	rc.fail = []int{503}
	if diff := cmp.Diff([]string{"posted " + target}, do(notifytest.Plan(inc))); diff != "" {
		t.Errorf("first run (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"unchanged " + target}, do(notifytest.Plan(inc))); diff != "" {
		t.Errorf("second run (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"resolved " + target}, do(notifytest.CleanPlan(3, 2))); diff != "" {
		t.Errorf("clean run (-want +got):\n%s", diff)
	}
	if len(rc.events) != 2 || rc.events[0].Event != "trigger" || rc.events[0].Incident.Key != inc.Key || rc.events[1].Event != "resolve" {
		t.Errorf("events = %+v", rc.events)
	}
	rc.fail = []int{404}
	got := do(notifytest.Plan(inc))
	if len(got) != 1 || !strings.Contains(got[0], "404") || strings.Contains(got[0], "SECRETTOKEN") {
		t.Errorf("404 delivery = %v", got)
	}
}

func TestSignature(t *testing.T) {
	body := []byte(`{"a":1}`)
	// echo -n '{"a":1}' | openssl dgst -sha256 -hmac whsec-test-0123456789
	sig := webhook.Sign(secret, body)
	if sig != "sha256=7923f48af899b46d9209349a08b3b492ab35614c6e7adf131012f039044a3c04" || !webhook.Verify(secret, body, sig) || webhook.Verify("other", body, sig) {
		t.Errorf("Sign/Verify inconsistent: %s", sig)
	}
}
