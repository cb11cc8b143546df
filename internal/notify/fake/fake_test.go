package fake

import (
	"net/http"
	"strings"
	"testing"
)

func post(t *testing.T, url, auth, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "test")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp.StatusCode, b.String()
}

func TestPagerDutyValidation(t *testing.T) {
	p := NewPagerDuty(t)
	long := strings.Repeat("x", 1025)
	tests := []struct {
		name, body string
		want       int
	}{
		{"valid trigger", `{"routing_key":"` + p.RoutingKey + `","event_action":"trigger","dedup_key":"k","payload":{"summary":"s","source":"r","severity":"critical"}}`, 202},
		{"unknown key", `{"routing_key":"nope","event_action":"trigger","payload":{"summary":"s","source":"r","severity":"critical"}}`, 400},
		{"bad severity", `{"routing_key":"` + p.RoutingKey + `","event_action":"trigger","payload":{"summary":"s","source":"r","severity":"high"}}`, 400},
		{"long summary", `{"routing_key":"` + p.RoutingKey + `","event_action":"trigger","payload":{"summary":"` + long + `","source":"r","severity":"info"}}`, 400},
		{"bad action", `{"routing_key":"` + p.RoutingKey + `","event_action":"close","dedup_key":"k"}`, 400},
		{"resolve", `{"routing_key":"` + p.RoutingKey + `","event_action":"resolve","dedup_key":"k"}`, 202},
		{"not json", `{`, 400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, body := post(t, p.EventsURL(), "", tc.body); got != tc.want {
				t.Errorf("status = %d, want %d (%s)", got, tc.want, body)
			}
		})
	}
	in := p.Incidents()
	if len(in) != 1 || in[0].Status != "resolved" {
		t.Errorf("incidents = %+v, want one resolved", in)
	}
}

func TestSlackValidation(t *testing.T) {
	s := NewSlack(t)
	hook := s.Webhook("#sec")
	tests := []struct {
		name, url, body string
		want            int
	}{
		{"text", hook, `{"text":"hi"}`, 200},
		{"attachment", hook, `{"attachments":[{"color":"danger","title":"t","fields":[{"title":"a","value":"b","short":true}],"actions":[{"type":"button","text":"View Run","url":"https://x"}]}]}`, 200},
		{"bad color", hook, `{"attachments":[{"color":"caution","title":"t"}]}`, 400},
		{"empty", hook, `{}`, 400},
		{"too long", hook, `{"text":"` + strings.Repeat("a", SlackTextLimit+1) + `"}`, 400},
		{"unknown hook", s.URL() + "/services/T/B/x", `{"text":"hi"}`, 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, body := post(t, tc.url, "", tc.body); got != tc.want {
				t.Errorf("status = %d, want %d (%s)", got, tc.want, body)
			}
		})
	}
	if n := len(s.Messages()); n != 2 {
		t.Errorf("messages = %d, want 2", n)
	}
}

func TestGitHubValidation(t *testing.T) {
	g := NewGitHub(t)
	g.AddLabel("o/r", "security")
	api := g.URL() + "/repos/o/r/issues"
	tests := []struct {
		name, auth, body string
		want             int
	}{
		{"no auth", "", `{"title":"t"}`, 401},
		{"bad token", "Bearer nope", `{"title":"t"}`, 401},
		{"unknown label", "Bearer " + g.Token, `{"title":"t","labels":["critical"]}`, 422},
		{"no title", "Bearer " + g.Token, `{"body":"b"}`, 422},
		{"too long", "Bearer " + g.Token, `{"title":"t","body":"` + strings.Repeat("b", GitHubBodyLimit+1) + `"}`, 422},
		{"ok", "Bearer " + g.Token, `{"title":"t","labels":["security"]}`, 201},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, body := post(t, api, tc.auth, tc.body); got != tc.want {
				t.Errorf("status = %d, want %d (%s)", got, tc.want, body)
			}
		})
	}
	g.FailNext(1, 502)
	if got, _ := post(t, api, "Bearer "+g.Token, `{"title":"t"}`); got != 502 {
		t.Errorf("injected failure: status = %d, want 502", got)
	}
	if n := len(g.Issues("o/r")); n != 1 {
		t.Errorf("issues = %d, want 1", n)
	}
}
