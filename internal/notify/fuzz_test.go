package notify_test

import (
	"net/http"
	"testing"
	"unicode/utf8"

	"github.com/secaudit/secaudit/internal/notify"
)

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"", "0", "120", "-1", "99999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT", "soon"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := notify.ParseRetryAfter(v, now)
		if d < 0 || (!ok && d != 0) {
			t.Errorf("ParseRetryAfter(%q) = %v, %v", v, d, ok)
		}
		if retry, after := notify.Classify(http.StatusTooManyRequests, http.Header{"Retry-After": {v}}, now); !retry || after < 0 {
			t.Errorf("Classify(429, %q) = %v, %v", v, retry, after)
		}
	})
}

func FuzzServiceMessage(f *testing.F) {
	for _, s := range []string{`{"message":"Validation Failed","errors":[{"code":"invalid"}]}`, "invalid_payload", `{"status":"invalid event","message":"Event object is invalid","errors":["x"]}`, "\xff\xfe", `{"message":null}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		m := notify.ServiceMessage(body)
		if utf8.RuneCountInString(m) > 512 {
			t.Errorf("message of %d characters", utf8.RuneCountInString(m))
		}
	})
}
