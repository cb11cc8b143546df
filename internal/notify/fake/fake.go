// Package fake provides httptest fakes of GitHub's issues API, Slack's
// incoming webhooks and PagerDuty's Events API v2. Each fake validates
// requests the way the real service does (authentication, content type,
// required fields, enum values, documented size limits), answers with the
// real status codes and bodies, keeps state (issues, messages, incidents) and
// records every raw request so tests can assert that no secret leaks.
//
// Failures are injected with FailNext and RateLimitNext; they apply to the
// next requests in arrival order, before any validation.
package fake

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// maxBody is the largest request body a fake reads; larger bodies get 413.
const maxBody = 4 << 20

// Request is one request a fake received, recorded before validation.
type Request struct {
	Method string
	// Path is the URL path; Query its raw query.
	Path   string
	Query  string
	Header http.Header
	Body   []byte
	// Status is the status code the fake answered with.
	Status int
}

// fault is an injected failure.
type fault struct {
	status     int
	retryAfter string
}

// server is what every fake shares: an httptest server on 127.0.0.1, the
// request log and the fault queue. Handlers run under mu, one at a time.
type server struct {
	srv    *httptest.Server
	mu     sync.Mutex
	reqs   []Request
	faults []fault
}

// start starts the server with handler h, which runs with s.mu held and
// returns the status it wrote.
func (s *server) start(t testing.TB, h func(w http.ResponseWriter, r *http.Request, body []byte) int) {
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		rec := Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body}
		var status int
		switch {
		case err != nil:
			status = http.StatusBadRequest
			http.Error(w, "cannot read body", status)
		case len(body) > maxBody:
			status = http.StatusRequestEntityTooLarge
			http.Error(w, "request entity too large", status)
		case len(s.faults) > 0:
			f := s.faults[0]
			s.faults = s.faults[1:]
			status = f.status
			if f.retryAfter != "" {
				w.Header().Set("Retry-After", f.retryAfter)
			}
			writeJSON(w, status, map[string]any{"message": http.StatusText(status)})
		default:
			status = h(w, r, body)
		}
		rec.Status = status
		s.reqs = append(s.reqs, rec)
	}))
	t.Cleanup(s.srv.Close)
}

// URL returns the base URL of the server ("http://127.0.0.1:port").
func (s *server) URL() string { return s.srv.URL }

// Client returns an HTTP client for the server.
func (s *server) Client() *http.Client { return s.srv.Client() }

// FailNext makes the next n requests fail with the given HTTP status.
func (s *server) FailNext(n, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults = append(s.faults, fault{status: status})
	}
}

// RateLimitNext makes the next n requests fail with 429 Too Many Requests
// and the given Retry-After header value (seconds or an HTTP date; empty
// sends none).
func (s *server) RateLimitNext(n int, retryAfter string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults = append(s.faults, fault{status: http.StatusTooManyRequests, retryAfter: retryAfter})
	}
}

// Requests returns every request received so far, failed ones included.
func (s *server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.reqs))
	copy(out, s.reqs)
	return out
}

// Leaks returns a description of every recorded request whose body, path,
// query or headers contain one of the given values; empty when none does.
// Authentication headers are expected to carry credentials and are skipped.
func (s *server) Leaks(values ...string) []string {
	var out []string
	for i, r := range s.Requests() {
		var hdr bytes.Buffer
		for k, vs := range r.Header {
			if k == "Authorization" {
				continue
			}
			fmt.Fprintf(&hdr, "%s: %s\n", k, strings.Join(vs, ","))
		}
		for _, v := range values {
			if v == "" {
				continue
			}
			if bytes.Contains(r.Body, []byte(v)) || strings.Contains(r.Path+"?"+r.Query, v) || strings.Contains(hdr.String(), v) {
				out = append(out, fmt.Sprintf("request %d (%s %s) contains a planted value", i, r.Method, r.Path))
			}
		}
	}
	return out
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = jsonEncode(w, v)
}

func isJSON(r *http.Request) bool {
	ct := r.Header.Get("Content-Type")
	return ct == "application/json" || strings.HasPrefix(ct, "application/json;")
}
