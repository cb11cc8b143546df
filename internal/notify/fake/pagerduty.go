package fake

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"
	"unicode/utf8"
)

// PagerDuty's documented Events API v2 limits
// (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/).
const (
	PagerDutySummaryLimit  = 1024
	PagerDutyDedupKeyLimit = 255
)

// PagerDutyEvent is an Events API v2 event as received.
type PagerDutyEvent struct {
	RoutingKey  string            `json:"routing_key"`
	EventAction string            `json:"event_action"`
	DedupKey    string            `json:"dedup_key,omitempty"`
	Payload     *PagerDutyPayload `json:"payload,omitempty"`
	Client      string            `json:"client,omitempty"`
	ClientURL   string            `json:"client_url,omitempty"`
	Links       []PagerDutyLink   `json:"links,omitempty"`
	Images      []json.RawMessage `json:"images,omitempty"`
}

// PagerDutyPayload is the payload of a trigger event.
type PagerDutyPayload struct {
	Summary       string          `json:"summary"`
	Source        string          `json:"source"`
	Severity      string          `json:"severity"`
	Timestamp     string          `json:"timestamp,omitempty"`
	Component     string          `json:"component,omitempty"`
	Group         string          `json:"group,omitempty"`
	Class         string          `json:"class,omitempty"`
	CustomDetails json.RawMessage `json:"custom_details,omitempty"`
}

// PagerDutyLink is a link of an event.
type PagerDutyLink struct {
	Href string `json:"href"`
	Text string `json:"text,omitempty"`
}

// PagerDutyIncident is what accepted events did: an incident per dedup key
// of a routing key, triggered until resolved. A trigger after a resolve opens
// a new incident, as PagerDuty does.
type PagerDutyIncident struct {
	RoutingKey string
	DedupKey   string
	Status     string // "triggered", "acknowledged" or "resolved"
	Summary    string
	Severity   string
	// Triggers counts the trigger events folded into the incident.
	Triggers int
}

// PagerDuty fakes the Events API v2 endpoint (POST /v2/enqueue). Only
// routing keys made by NewPagerDuty or AddRoutingKey are accepted. Valid
// events answer 202 {"status":"success","message":"Event processed",
// "dedup_key":...}; invalid ones 400 {"status":"invalid event",
// "message":"Event object is invalid","errors":[...]}.
type PagerDuty struct {
	server
	// RoutingKey is a valid integration key (32 characters).
	RoutingKey string
	keys       []string
	events     []PagerDutyEvent
	incidents  []*PagerDutyIncident
}

// NewPagerDuty starts a PagerDuty fake; it stops when the test ends.
func NewPagerDuty(t testing.TB) *PagerDuty {
	p := &PagerDuty{}
	p.RoutingKey = p.AddRoutingKey()
	p.start(t, p.handle)
	return p
}

// AddRoutingKey makes another valid routing key (another service).
func (p *PagerDuty) AddRoutingKey() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	k := "R0" + randHex(15)
	p.keys = append(p.keys, k)
	return k
}

// EventsURL returns the URL to configure (SECAUDIT_PAGERDUTY_EVENTS_URL).
func (p *PagerDuty) EventsURL() string { return p.URL() + "/v2/enqueue" }

// Events returns the accepted events.
func (p *PagerDuty) Events() []PagerDutyEvent {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.events)
}

// Incidents returns the incidents, oldest first.
func (p *PagerDuty) Incidents() []PagerDutyIncident {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []PagerDutyIncident
	for _, in := range p.incidents {
		out = append(out, *in)
	}
	return out
}

func pdInvalid(w http.ResponseWriter, errs ...string) int {
	writeJSON(w, http.StatusBadRequest, map[string]any{"status": "invalid event", "message": "Event object is invalid", "errors": errs})
	return http.StatusBadRequest
}

func (p *PagerDuty) handle(w http.ResponseWriter, r *http.Request, body []byte) int {
	if r.URL.Path != "/v2/enqueue" && r.URL.Path != "/v2/enqueue/" {
		writeJSON(w, http.StatusNotFound, map[string]any{"status": "not found", "message": "Not Found"})
		return http.StatusNotFound
	}
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"status": "error", "message": "Method Not Allowed"})
		return http.StatusMethodNotAllowed
	}
	if !isJSON(r) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"status": "invalid request", "message": "Content-Type must be application/json"})
		return http.StatusBadRequest
	}
	var ev PagerDutyEvent
	if err := decodeStrict(body, &ev); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"status": "invalid request", "message": "Invalid JSON", "errors": []string{err.Error()}})
		return http.StatusBadRequest
	}
	if errs := p.validate(ev); len(errs) > 0 {
		return pdInvalid(w, errs...)
	}
	if ev.DedupKey == "" {
		ev.DedupKey = randHex(16)
	}
	p.events = append(p.events, ev)
	p.apply(ev)
	writeJSON(w, http.StatusAccepted, map[string]any{"status": "success", "message": "Event processed", "dedup_key": ev.DedupKey})
	return http.StatusAccepted
}

func (p *PagerDuty) validate(ev PagerDutyEvent) []string {
	var errs []string
	if ev.RoutingKey == "" {
		errs = append(errs, "'routing_key' is missing.")
	} else if !slices.Contains(p.keys, ev.RoutingKey) {
		errs = append(errs, "'routing_key' is invalid.")
	}
	if utf8.RuneCountInString(ev.DedupKey) > PagerDutyDedupKeyLimit {
		errs = append(errs, "'dedup_key' must be 255 characters or less.")
	}
	for _, l := range ev.Links {
		if l.Href == "" {
			errs = append(errs, "'links.href' is missing.")
		}
	}
	switch ev.EventAction {
	case "trigger":
		errs = append(errs, validatePayload(ev.Payload)...)
	case "acknowledge", "resolve":
		if ev.DedupKey == "" {
			errs = append(errs, "'dedup_key' is missing.")
		}
	case "":
		errs = append(errs, "'event_action' is missing.")
	default:
		errs = append(errs, "'event_action' is invalid (must be one of trigger, acknowledge, resolve).")
	}
	return errs
}

func validatePayload(pl *PagerDutyPayload) []string {
	if pl == nil {
		return []string{"'payload' is missing."}
	}
	var errs []string
	switch n := utf8.RuneCountInString(pl.Summary); {
	case n == 0:
		errs = append(errs, "'payload.summary' is missing.")
	case n > PagerDutySummaryLimit:
		errs = append(errs, "'payload.summary' must be 1024 characters or less.")
	}
	if pl.Source == "" {
		errs = append(errs, "'payload.source' is missing.")
	}
	if !slices.Contains([]string{"critical", "error", "warning", "info"}, pl.Severity) {
		errs = append(errs, "'payload.severity' is invalid (must be one of critical, error, warning, info).")
	}
	if pl.Timestamp != "" {
		if _, err := time.Parse(time.RFC3339, pl.Timestamp); err != nil {
			errs = append(errs, "'payload.timestamp' is invalid (must be ISO 8601).")
		}
	}
	if len(pl.CustomDetails) > 0 && pl.CustomDetails[0] != '{' {
		errs = append(errs, "'payload.custom_details' must be an object.")
	}
	return errs
}

func (p *PagerDuty) apply(ev PagerDutyEvent) {
	var open *PagerDutyIncident
	for _, in := range p.incidents {
		if in.RoutingKey == ev.RoutingKey && in.DedupKey == ev.DedupKey && in.Status != "resolved" {
			open = in
		}
	}
	switch ev.EventAction {
	case "trigger":
		if open == nil {
			open = &PagerDutyIncident{RoutingKey: ev.RoutingKey, DedupKey: ev.DedupKey, Status: "triggered"}
			p.incidents = append(p.incidents, open)
		}
		open.Triggers++
		open.Summary = ev.Payload.Summary
		open.Severity = ev.Payload.Severity
	case "acknowledge":
		if open != nil {
			open.Status = "acknowledged"
		}
	case "resolve":
		if open != nil {
			open.Status = "resolved"
		}
	}
}
