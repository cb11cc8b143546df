package notify

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Error is a failed call to a service, classified for the Retrier. Its
// message never contains the URL called: webhook URLs are credentials.
type Error struct {
	// Op says what was attempted ("create issue", "post to #security").
	Op string
	// Status is the HTTP status, or 0 when no response arrived.
	Status int
	// Message is the service's own explanation, bounded in length.
	Message string
	// Retryable says whether trying again may succeed.
	Retryable bool
	// RetryAfter is the wait the service asked for, when it did.
	RetryAfter time.Duration
	// Err is the underlying error, if any.
	Err error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	if e.Status != 0 {
		fmt.Fprintf(&b, ": %d %s", e.Status, http.StatusText(e.Status))
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Classify says whether an HTTP response status is worth retrying and how
// long the service asked to wait: 429, 408 and every 5xx are retryable, as is
// a 403 carrying Retry-After or an exhausted X-RateLimit-Remaining (GitHub's
// secondary and primary rate limits); every other 4xx is final.
func Classify(status int, h http.Header, now time.Time) (retryable bool, after time.Duration) {
	after, _ = ParseRetryAfter(h.Get("Retry-After"), now)
	switch {
	case status == http.StatusTooManyRequests, status == http.StatusRequestTimeout, status >= 500:
		return true, after
	case status == http.StatusForbidden && h.Get("Retry-After") != "":
		return true, after
	case status == http.StatusForbidden && h.Get("X-RateLimit-Remaining") == "0":
		if reset, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			if d := time.Unix(reset, 0).Sub(now); d > 0 {
				return true, d
			}
		}
		return true, after
	}
	return false, 0
}

// ParseRetryAfter parses a Retry-After header value: delay seconds or an
// HTTP date (RFC 9110 §10.2.3). A date in the past means no wait.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		return time.Duration(min(n, 86400)) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}
