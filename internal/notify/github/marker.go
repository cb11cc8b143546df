package github

import (
	"strings"
)

// Hidden markers in the issue body: how the notifier finds an incident's
// issue again (never by title, which people edit), whether its findings
// changed, and whether secaudit itself closed it.
const (
	markerPrefix   = "<!-- secaudit:"
	markerSuffix   = " -->"
	markerIncident = "incident"
	markerDigest   = "digest"
	markerState    = "state"
	markerFindings = "findings"
	stateResolved  = "resolved"
)

// marker returns the hidden marker name=value. Characters that could end
// the HTML comment or the line are escaped.
func marker(name, value string) string {
	value = escapeMarker(value)
	return markerPrefix + name + "=" + value + markerSuffix
}

// markerValue returns the value of the first marker name in body.
func markerValue(body, name string) (string, bool) {
	start := markerPrefix + name + "="
	i := strings.Index(body, start)
	if i < 0 {
		return "", false
	}
	rest := body[i+len(start):]
	j := strings.Index(rest, markerSuffix)
	if j < 0 {
		return "", false
	}
	return rest[:j], true
}

// hasIncident reports whether body carries the marker of incident key.
func hasIncident(body, key string) bool {
	return strings.Contains(body, marker(markerIncident, key))
}

func escapeMarker(v string) string {
	return strings.NewReplacer("%", "%25", ">", "%3E", "\n", "%0A", "\r", "%0D").Replace(v)
}
