package github

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzMarkers feeds issue bodies, which anyone with access can edit, to the
// marker reader: it must never panic, and a key must round-trip through
// marker and hasIncident.
func FuzzMarkers(f *testing.F) {
	f.Add("<!-- secaudit:incident=acme/shop/3/security -->\n<!-- secaudit:digest=abc -->", "acme/shop/3/security")
	f.Add("<!-- secaudit:digest=", "k-->x")
	f.Add("", "%3E")
	f.Fuzz(func(t *testing.T, body, key string) {
		markerValue(body, markerDigest)
		markerValue(body, markerIncident)
		find([]issue{{Body: body, State: "open"}, {Body: body, State: "closed"}}, key)
		m := marker(markerIncident, key)
		if !hasIncident(body+m, key) {
			t.Errorf("marker of %q not found after appending it", key)
		}
		if strings.Count(m, "-->") != 1 {
			t.Errorf("marker %q of key %q ends early", m, key)
		}
	})
}

// FuzzNextLink feeds Link headers from the API to the paginator: it must
// never follow a link to another host.
func FuzzNextLink(f *testing.F) {
	f.Add(`<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last"`)
	f.Add(`<https://evil.example/x>; rel="next"`)
	f.Add(`<>; rel=next,,;`)
	base, _ := url.Parse("https://api.github.com/")
	c := &client{base: base}
	f.Fuzz(func(t *testing.T, h string) {
		next := c.nextLink(h)
		if next == "" {
			return
		}
		u, err := url.Parse(next)
		if err != nil || u.Host != "api.github.com" || u.Scheme != "https" {
			t.Errorf("nextLink(%q) = %q, off the API host", h, next)
		}
	})
}
