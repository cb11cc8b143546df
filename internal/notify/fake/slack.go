package fake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// Slack's documented message limits
// (https://api.slack.com/reference/messaging/payload,
// https://api.slack.com/reference/block-kit/blocks).
const (
	SlackTextLimit        = 40000
	SlackBlockLimit       = 50
	SlackAttachmentLimit  = 100
	slackFieldValueLimit  = 2000
	slackButtonTextLimit  = 75
	slackButtonURLLimit   = 3000
	slackBlockTextLimit   = 3000
	slackHeaderTextLimit  = 150
	slackSectionFieldsMax = 10
)

var slackColor = regexp.MustCompile(`^(good|warning|danger|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})$`)

// SlackMessage is one message an incoming webhook accepted.
type SlackMessage struct {
	// Channel is the channel the webhook is bound to.
	Channel string
	// Payload is the decoded JSON the webhook received.
	Payload SlackPayload
	// Raw is the request body.
	Raw []byte
}

// SlackPayload is an incoming-webhook message
// (https://api.slack.com/messaging/webhooks).
type SlackPayload struct {
	Channel     string            `json:"channel,omitempty"`
	Username    string            `json:"username,omitempty"`
	IconEmoji   string            `json:"icon_emoji,omitempty"`
	IconURL     string            `json:"icon_url,omitempty"`
	Text        string            `json:"text,omitempty"`
	Mrkdwn      *bool             `json:"mrkdwn,omitempty"`
	Blocks      []json.RawMessage `json:"blocks,omitempty"`
	Attachments []SlackAttachment `json:"attachments,omitempty"`
	UnfurlLinks *bool             `json:"unfurl_links,omitempty"`
	UnfurlMedia *bool             `json:"unfurl_media,omitempty"`
	ThreadTS    string            `json:"thread_ts,omitempty"`
}

// SlackAttachment is a (legacy) message attachment
// (https://api.slack.com/reference/messaging/attachments).
type SlackAttachment struct {
	Fallback   string            `json:"fallback,omitempty"`
	Color      string            `json:"color,omitempty"`
	Pretext    string            `json:"pretext,omitempty"`
	AuthorName string            `json:"author_name,omitempty"`
	Title      string            `json:"title,omitempty"`
	TitleLink  string            `json:"title_link,omitempty"`
	Text       string            `json:"text,omitempty"`
	Fields     []SlackField      `json:"fields,omitempty"`
	Actions    []SlackAction     `json:"actions,omitempty"`
	Blocks     []json.RawMessage `json:"blocks,omitempty"`
	MrkdwnIn   []string          `json:"mrkdwn_in,omitempty"`
	Footer     string            `json:"footer,omitempty"`
	TS         json.Number       `json:"ts,omitempty"`
}

// SlackField is an attachment field.
type SlackField struct {
	Title string `json:"title"`
	Value string `json:"value"`
	Short bool   `json:"short,omitempty"`
}

// SlackAction is an attachment link button.
type SlackAction struct {
	Type  string `json:"type"`
	Text  string `json:"text"`
	URL   string `json:"url"`
	Style string `json:"style,omitempty"`
	Name  string `json:"name,omitempty"`
	Value string `json:"value,omitempty"`
}

// Slack fakes Slack incoming webhooks. Each webhook made by Webhook is bound
// to one channel, as real ones are; posting to an unknown hook is 404
// no_service. Accepted messages answer 200 "ok"; invalid ones the documented
// 400 errors (invalid_payload, no_text, too_many_attachments, invalid_blocks,
// msg_too_long, invalid_attachments).
type Slack struct {
	server
	hooks    map[string]string // path -> channel
	messages []SlackMessage
}

// NewSlack starts a Slack fake; it stops when the test ends.
func NewSlack(t testing.TB) *Slack {
	s := &Slack{hooks: map[string]string{}}
	s.start(t, s.handle)
	return s
}

// Webhook creates an incoming webhook bound to channel and returns its
// secret URL.
func (s *Slack) Webhook(channel string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	path := fmt.Sprintf("/services/T0FAKE0001/B%08d/%s", len(s.hooks)+1, randHex(12))
	s.hooks[path] = channel
	return s.URL() + path
}

// Messages returns the messages accepted so far.
func (s *Slack) Messages() []SlackMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]SlackMessage, len(s.messages))
	copy(out, s.messages)
	return out
}

func slackError(w http.ResponseWriter, status int, msg string) int {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(msg))
	return status
}

func (s *Slack) handle(w http.ResponseWriter, r *http.Request, body []byte) int {
	channel, ok := s.hooks[r.URL.Path]
	switch {
	case !ok:
		return slackError(w, http.StatusNotFound, "no_service")
	case r.Method != http.MethodPost:
		return slackError(w, http.StatusMethodNotAllowed, "invalid_method")
	case !isJSON(r):
		return slackError(w, http.StatusBadRequest, "invalid_payload")
	}
	var p SlackPayload
	if err := decodeStrict(body, &p); err != nil {
		return slackError(w, http.StatusBadRequest, "invalid_payload")
	}
	if msg := validateSlack(p); msg != "" {
		return slackError(w, http.StatusBadRequest, msg)
	}
	s.messages = append(s.messages, SlackMessage{Channel: channel, Payload: p, Raw: body})
	return slackError(w, http.StatusOK, "ok")
}

// validateSlack returns Slack's error string for an invalid payload, or "".
func validateSlack(p SlackPayload) string {
	if p.Text == "" && len(p.Blocks) == 0 && len(p.Attachments) == 0 {
		return "no_text"
	}
	if utf8.RuneCountInString(p.Text) > SlackTextLimit {
		return "msg_too_long"
	}
	if len(p.Attachments) > SlackAttachmentLimit {
		return "too_many_attachments"
	}
	if len(p.Blocks) > SlackBlockLimit {
		return "invalid_blocks"
	}
	if msg := validateBlocks(p.Blocks); msg != "" {
		return msg
	}
	for _, a := range p.Attachments {
		if msg := validateAttachment(a); msg != "" {
			return msg
		}
	}
	return ""
}

func validateAttachment(a SlackAttachment) string {
	if a.Color != "" && !slackColor.MatchString(a.Color) {
		return "invalid_attachments"
	}
	if a.Text == "" && a.Fallback == "" && a.Title == "" && len(a.Fields) == 0 && len(a.Blocks) == 0 {
		return "invalid_attachments"
	}
	if utf8.RuneCountInString(a.Text) > SlackTextLimit {
		return "msg_too_long"
	}
	for _, f := range a.Fields {
		if f.Title == "" && f.Value == "" || utf8.RuneCountInString(f.Value) > slackFieldValueLimit {
			return "invalid_attachments"
		}
	}
	for _, b := range a.Actions {
		if b.Type != "button" || b.Text == "" || utf8.RuneCountInString(b.Text) > slackButtonTextLimit {
			return "invalid_attachments"
		}
		if !strings.HasPrefix(b.URL, "https://") && !strings.HasPrefix(b.URL, "http://") || len(b.URL) > slackButtonURLLimit {
			return "invalid_attachments"
		}
	}
	if len(a.Blocks) > SlackBlockLimit {
		return "invalid_blocks"
	}
	return validateBlocks(a.Blocks)
}

// validateBlocks checks the block types and text limits of the blocks a
// notifier may send (header, section, context, divider, actions).
func validateBlocks(blocks []json.RawMessage) string {
	type text struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	for _, raw := range blocks {
		var b struct {
			Type     string            `json:"type"`
			Text     *text             `json:"text"`
			Fields   []text            `json:"fields"`
			Elements []json.RawMessage `json:"elements"`
		}
		if err := json.Unmarshal(raw, &b); err != nil {
			return "invalid_blocks"
		}
		switch b.Type {
		case "header":
			if b.Text == nil || b.Text.Type != "plain_text" || utf8.RuneCountInString(b.Text.Text) > slackHeaderTextLimit {
				return "invalid_blocks"
			}
		case "section":
			if b.Text == nil && len(b.Fields) == 0 || len(b.Fields) > slackSectionFieldsMax {
				return "invalid_blocks"
			}
			if b.Text != nil && (b.Text.Text == "" || utf8.RuneCountInString(b.Text.Text) > slackBlockTextLimit) {
				return "invalid_blocks"
			}
		case "context", "actions":
			if len(b.Elements) == 0 {
				return "invalid_blocks"
			}
		case "divider", "image", "rich_text", "input", "file", "video":
		default:
			return "invalid_blocks"
		}
	}
	return ""
}
