package notify_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/notify/notifytest"
)

var now = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)

func TestClassify(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		header    map[string]string
		retry     bool
		wantAfter time.Duration
	}{
		{"500", 500, nil, true, 0},
		{"502", 502, nil, true, 0},
		{"503 with Retry-After seconds", 503, map[string]string{"Retry-After": "7"}, true, 7 * time.Second},
		{"429 no header", 429, nil, true, 0},
		{"429 seconds", 429, map[string]string{"Retry-After": "3"}, true, 3 * time.Second},
		{"429 HTTP date", 429, map[string]string{"Retry-After": now.Add(90 * time.Second).Format(http.TimeFormat)}, true, 90 * time.Second},
		{"429 past date", 429, map[string]string{"Retry-After": now.Add(-time.Hour).Format(http.TimeFormat)}, true, 0},
		{"429 garbage", 429, map[string]string{"Retry-After": "soon"}, true, 0},
		{"408", 408, nil, true, 0},
		{"400", 400, nil, false, 0},
		{"401", 401, nil, false, 0},
		{"404", 404, nil, false, 0},
		{"410 archived channel", 410, nil, false, 0},
		{"422", 422, nil, false, 0},
		{"403 plain", 403, nil, false, 0},
		{"403 secondary rate limit", 403, map[string]string{"Retry-After": "60"}, true, time.Minute},
		{"403 primary rate limit", 403, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1764763230"}, true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tc.header {
				h.Set(k, v)
			}
			retry, after := notify.Classify(tc.status, h, now)
			if retry != tc.retry || after != tc.wantAfter {
				t.Errorf("Classify(%d) = %v, %v; want %v, %v", tc.status, retry, after, tc.retry, tc.wantAfter)
			}
		})
	}
}

func TestRetrier(t *testing.T) {
	retryable := &notify.Error{Op: "op", Status: 500, Retryable: true}
	tests := []struct {
		name     string
		errs     []error // returned by successive attempts; nil ends
		budget   time.Duration
		attempts int
		sleeps   []time.Duration
		wantErr  bool
	}{
		{"success", []error{nil}, 0, 1, nil, false},
		{"500 twice then ok", []error{retryable, retryable, nil}, 0, 3, []time.Duration{500 * time.Millisecond, time.Second}, false},
		{"not retryable", []error{&notify.Error{Op: "op", Status: 400}}, 0, 1, nil, true},
		{"plain error", []error{errors.New("boom")}, 0, 1, nil, true},
		{"retry after honoured", []error{&notify.Error{Status: 429, Retryable: true, RetryAfter: 3 * time.Second}, nil}, 0, 2, []time.Duration{3 * time.Second}, false},
		{"retry after beyond budget", []error{&notify.Error{Status: 429, Retryable: true, RetryAfter: time.Hour}}, 0, 1, nil, true},
		{"budget spent", []error{retryable, retryable, retryable, retryable, retryable}, 2 * time.Second, 3, []time.Duration{500 * time.Millisecond, time.Second}, true},
		{"max attempts", []error{retryable, retryable, retryable, retryable, retryable, retryable, retryable, retryable, retryable}, time.Hour, 8, []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var sleeps notifytest.Sleeps
			r := notifytest.Retrier(&sleeps)
			r.MaxElapsed = tc.budget
			n := 0
			err := r.Do(context.Background(), func(context.Context) error {
				n++
				return tc.errs[n-1]
			})
			if (err != nil) != tc.wantErr {
				t.Errorf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if n != tc.attempts {
				t.Errorf("attempts = %d, want %d", n, tc.attempts)
			}
			if diff := cmp.Diff(tc.sleeps, sleeps.All()); diff != "" {
				t.Errorf("sleeps (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRetrierStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r := &notify.Retrier{Initial: time.Hour, Max: time.Hour, MaxElapsed: 10 * time.Hour}
	n := 0
	done := make(chan error)
	go func() {
		done <- r.Do(ctx, func(context.Context) error { n++; return &notify.Error{Status: 503, Retryable: true} })
	}()
	time.Sleep(10 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "interrupted") {
			t.Errorf("err = %v, want an interrupted retry", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Do did not return after cancel")
	}
}

func TestSendErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/hooks/SECRETPATH/422":
			w.WriteHeader(422)
			w.Write([]byte(`{"message":"Validation Failed","errors":[{"field":"body"}]}`))
		case "/hooks/SECRETPATH/429":
			w.Header().Set("Retry-After", "2")
			w.WriteHeader(429)
		case "/hooks/SECRETPATH/slack":
			w.WriteHeader(404)
			w.Write([]byte("channel_not_found"))
		default:
			w.WriteHeader(500)
			w.Write([]byte(strings.Repeat("x", 100000)))
		}
	}))
	defer srv.Close()
	tests := []struct {
		path      string
		status    int
		retryable bool
		after     time.Duration
		msg       string
	}{
		{"/hooks/SECRETPATH/422", 422, false, 0, `Validation Failed [{"field":"body"}]`},
		{"/hooks/SECRETPATH/429", 429, true, 2 * time.Second, ""},
		{"/hooks/SECRETPATH/slack", 404, false, 0, "channel_not_found"},
		{"/hooks/SECRETPATH/500", 500, true, 0, strings.Repeat("x", 511) + "…"},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			_, err := notify.Send(context.Background(), srv.Client(), func() time.Time { return now }, notify.Call{Op: "post", Method: "POST", URL: srv.URL + tc.path, Body: map[string]string{"a": "b"}})
			var e *notify.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *notify.Error", err)
			}
			got := []any{e.Status, e.Retryable, e.RetryAfter, e.Message}
			if diff := cmp.Diff([]any{tc.status, tc.retryable, tc.after, tc.msg}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if strings.Contains(err.Error(), "SECRETPATH") {
				t.Errorf("error %q shows the URL", err)
			}
		})
	}
	t.Run("transport error hides URL", func(t *testing.T) {
		_, err := notify.Send(context.Background(), nil, nil, notify.Call{Op: "post", Method: "POST", URL: "http://127.0.0.1:1/hooks/SECRETPATH"})
		var e *notify.Error
		if !errors.As(err, &e) || !e.Retryable || strings.Contains(err.Error(), "SECRETPATH") {
			t.Errorf("err = %v, want a retryable error without the URL", err)
		}
	})
}

func TestRetrierCountsCallTime(t *testing.T) {
	clock := now
	r := notifytest.Retrier(nil)
	r.MaxElapsed = 10 * time.Second
	r.Now = func() time.Time { return clock }
	n := 0
	err := r.Do(context.Background(), func(context.Context) error {
		n++
		clock = clock.Add(6 * time.Second) // a slow call
		return &notify.Error{Status: 504, Retryable: true}
	})
	if err == nil || n != 2 {
		t.Errorf("attempts = %d, err = %v; want 2 attempts within 10s of 6s calls", n, err)
	}
}
