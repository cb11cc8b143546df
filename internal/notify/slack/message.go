package slack

import (
	"fmt"
	"strings"

	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/route"
)

// Message is an incoming-webhook payload
// (https://api.slack.com/reference/messaging/payload) with legacy
// attachments (https://api.slack.com/reference/messaging/attachments), the
// format of the routing guide.
type Message struct {
	Channel     string       `json:"channel,omitempty"`
	Text        string       `json:"text,omitempty"`
	Attachments []Attachment `json:"attachments"`
}

// Attachment is a coloured message attachment.
type Attachment struct {
	Fallback  string   `json:"fallback"`
	Color     string   `json:"color"`
	Title     string   `json:"title"`
	TitleLink string   `json:"title_link,omitempty"`
	Text      string   `json:"text"`
	Fields    []Field  `json:"fields"`
	Actions   []Action `json:"actions,omitempty"`
	MrkdwnIn  []string `json:"mrkdwn_in,omitempty"`
	Footer    string   `json:"footer,omitempty"`
}

// Field is a short attachment field.
type Field struct {
	Title string `json:"title"`
	Value string `json:"value"`
	Short bool   `json:"short"`
}

// Action is a link button.
type Action struct {
	Type string `json:"type"`
	Text string `json:"text"`
	URL  string `json:"url"`
}

// Slack's limits: message text is cut at 40,000 characters
// (https://api.slack.com/reference/messaging/payload); the notifier stays far
// below with at most maxLines finding lines of at most lineLimit characters
// and a field value limit of fieldLimit.
const (
	maxLines   = 15
	lineLimit  = 200
	fieldLimit = 300
)

// Caution is the colour of the guide's "caution" level, which is not one of
// Slack's colour names (good, warning, danger): Slack's own amber.
const Caution = "#daa038"

// Color returns the attachment colour of an exit code: danger for 2 and 3,
// warning for 4 and 5, caution (#daa038) for the rest; codes the guide does
// not list follow their priority (P0 danger, P1 warning).
func Color(code int, priority string) string {
	switch {
	case code == 2 || code == 3:
		return "danger"
	case code == 4 || code == 5:
		return "warning"
	case code == 1 || code == 6:
		return Caution
	case priority == "P0":
		return "danger"
	case priority == "P1":
		return "warning"
	}
	return Caution
}

func incidentMessage(plan *route.Plan, inc route.Incident) Message {
	title := fmt.Sprintf("Security Audit Failed (Exit Code: %d)", inc.ExitCode)
	var text strings.Builder
	if m := strings.TrimSpace(inc.TeamInfo.SlackMention); m != "" {
		text.WriteString(m + " ")
	}
	fmt.Fprintf(&text, "Security issues detected in %s\n", escape(plan.Repository))
	class := inc.ClassTitle
	if class == "" {
		class = inc.ClassName
	}
	fmt.Fprintf(&text, "*%s*: %d finding(s) · %s · response: %s · page: %s\n",
		escape(class), len(inc.Findings), escape(inc.Priority), escape(inc.Response), notify.YesNo(inc.Page))
	sorted := notify.Sorted(inc.Findings)
	for i, f := range sorted {
		if i == maxLines {
			fmt.Fprintf(&text, "…and %d more\n", len(sorted)-i)
			break
		}
		line := fmt.Sprintf("• [%s] %s %s: %s", f.Severity, f.RuleID, f.Location, notify.Describe(f))
		text.WriteString(escape(notify.Truncate(notify.OneLine(line), lineLimit)) + "\n")
	}
	a := Attachment{
		Fallback:  fmt.Sprintf("%s in %s", title, plan.Repository),
		Color:     Color(inc.ExitCode, inc.Priority),
		Title:     title,
		TitleLink: plan.RunURL,
		Text:      strings.TrimRight(text.String(), "\n"),
		Fields:    fields(plan, inc.ExitCode),
		MrkdwnIn:  []string{"text"},
		Footer:    "secaudit",
	}
	if plan.RunURL != "" {
		a.Actions = []Action{{Type: "button", Text: "View Run", URL: plan.RunURL}}
	}
	// The top-level text is the notification text; the mention goes there
	// too, since mentions inside attachments do not reliably notify.
	top := a.Fallback
	if m := strings.TrimSpace(inc.TeamInfo.SlackMention); m != "" {
		top = m + " " + top
	}
	return Message{Channel: inc.TeamInfo.SlackChannel, Text: top, Attachments: []Attachment{a}}
}

func resolvedMessage(plan *route.Plan, ref route.IncidentRef, channel string) Message {
	title := fmt.Sprintf("Security Audit Resolved (Exit Code: %d)", ref.ExitCode)
	a := Attachment{
		Fallback:  fmt.Sprintf("%s in %s", title, plan.Repository),
		Color:     "good",
		Title:     title,
		TitleLink: plan.RunURL,
		Text:      fmt.Sprintf("Exit code %d problems are no longer found in %s on the default branch.", ref.ExitCode, escape(plan.Repository)),
		Fields:    fields(plan, ref.ExitCode),
		Footer:    "secaudit",
	}
	if plan.RunURL != "" {
		a.Actions = []Action{{Type: "button", Text: "View Run", URL: plan.RunURL}}
	}
	return Message{Channel: channel, Text: a.Fallback, Attachments: []Attachment{a}}
}

func fields(plan *route.Plan, code int) []Field {
	f := func(title, v string) Field {
		if v == "" {
			v = "-"
		}
		return Field{Title: title, Value: notify.Truncate(escape(v), fieldLimit), Short: true}
	}
	return []Field{
		f("Repository", plan.Repository),
		f("Branch", plan.Branch),
		f("Commit", plan.Commit),
		f("Exit Code", fmt.Sprint(code)),
	}
}

// escape applies Slack's mrkdwn escaping (&, <, >) to untrusted text, so
// that findings cannot inject mentions or links
// (https://api.slack.com/reference/surfaces/formatting#escaping).
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
