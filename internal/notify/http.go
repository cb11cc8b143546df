package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Response limits: a success body is read up to maxResponse bytes, an error
// body up to maxErrorBody and its message shown up to maxMessage characters.
const (
	maxResponse  = 8 << 20
	maxErrorBody = 64 << 10
	maxMessage   = 512
)

// Call is one HTTP request of an integration.
type Call struct {
	// Op names the call in errors ("create issue").
	Op     string
	Method string
	URL    string
	Header http.Header
	// Body, when not nil, is marshalled as JSON (unless it is []byte, sent
	// as is) with Content-Type application/json.
	Body any
}

// Response is a successful (2xx) response.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Send makes the call once. A non-2xx status or a transport failure is an
// *Error classified by Classify (transport failures and timeouts are
// retryable unless ctx itself is done). Errors never contain the URL.
func Send(ctx context.Context, client *http.Client, now func() time.Time, c Call) (*Response, error) {
	if client == nil {
		client = http.DefaultClient
	}
	if now == nil {
		now = time.Now
	}
	var body io.Reader
	if c.Body != nil {
		b, ok := c.Body.([]byte)
		if !ok {
			var err error
			if b, err = json.Marshal(c.Body); err != nil {
				return nil, &Error{Op: c.Op, Err: fmt.Errorf("encode request: %w", err)}
			}
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, c.Method, c.URL, body)
	if err != nil {
		return nil, &Error{Op: c.Op, Err: errors.New("invalid request URL")}
	}
	for k, vs := range c.Header {
		req.Header[k] = vs
	}
	if c.Body != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", "secaudit")
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, transportError(ctx, c.Op, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		retry, after := Classify(resp.StatusCode, resp.Header, now())
		return nil, &Error{Op: c.Op, Status: resp.StatusCode, Message: ServiceMessage(b), Retryable: retry, RetryAfter: after}
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, transportError(ctx, c.Op, fmt.Errorf("read response: %w", err))
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
}

// transportError strips the URL from a client error (it may hold a webhook
// secret) and marks it retryable unless the caller's context ended.
func transportError(ctx context.Context, op string, err error) *Error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &Error{Op: op, Err: err, Retryable: ctx.Err() == nil}
}

// ServiceMessage extracts a service's explanation from an error body: the
// "message" and "errors" of a JSON body (GitHub, PagerDuty) or the text
// itself (Slack), bounded to a few hundred characters.
func ServiceMessage(body []byte) string {
	var j struct {
		Message string          `json:"message"`
		Errors  json.RawMessage `json:"errors"`
		Error   string          `json:"error"`
	}
	msg := strings.TrimSpace(string(body))
	if json.Unmarshal(body, &j) == nil && (j.Message != "" || j.Error != "") {
		msg = strings.TrimSpace(j.Message + " " + j.Error)
		if len(j.Errors) > 0 && string(j.Errors) != "null" {
			msg += " " + string(j.Errors)
		}
	}
	return truncateRunes(strings.Join(strings.Fields(msg), " "), maxMessage)
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
