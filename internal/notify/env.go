package notify

import "strings"

// TeamVar returns the per-team environment variable prefix_TEAM: the team
// key upper-cased with every other character than A-Z and 0-9 turned into
// '_' (TeamVar("SLACK_WEBHOOK", "security") == "SLACK_WEBHOOK_SECURITY").
func TeamVar(prefix, team string) string {
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteByte('_')
	for _, r := range strings.ToUpper(team) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// Lookup returns the value of the first of names that getenv sets, and its
// name.
func Lookup(getenv func(string) string, names ...string) (value, name string) {
	for _, n := range names {
		if n == "" {
			continue
		}
		if v := strings.TrimSpace(getenv(n)); v != "" {
			return v, n
		}
	}
	return "", ""
}
