package importer

import (
	"regexp"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
)

// Values that look like secrets inside text whose secret value the tool did
// not give separately: a quoted literal, or what follows "=" or ":".
var (
	quotedValue   = regexp.MustCompile(`"([^"\n]{4,})"|'([^'\n]{4,})'|` + "`([^`\\n]{4,})`")
	assignedValue = regexp.MustCompile(`([A-Za-z0-9_.\-]*)([ \t]*[:=][ \t]*)([^\s"'` + "`" + `,;(){}\[\]=:]{6,})`)
	plainNumber   = regexp.MustCompile(`^[0-9][0-9.]*$`)
	longToken     = regexp.MustCompile(`[A-Za-z0-9_\-+/=.]{20,}`)
	credentialish = regexp.MustCompile(`(?i)passw|passwd|pwd|secret|credential|token|api[-_ ]?key|private[-_ ]?key|hard[-_ ]?coded|access[-_ ]?key`)
)

// credentialCWEs are CWEs about stored or hard-coded credentials: findings
// with them may quote a secret in their message or snippet.
var credentialCWEs = map[string]bool{
	"CWE-259": true, "CWE-798": true, "CWE-321": true, "CWE-522": true,
	"CWE-256": true, "CWE-257": true, "CWE-260": true, "CWE-312": true,
	"CWE-313": true, "CWE-315": true, "CWE-540": true, "CWE-547": true,
}

// isCredentialRule reports whether a finding is about a credential, from
// its CWEs or the words of its rule, so its text must be masked.
func isCredentialRule(cwes []string, words ...string) bool {
	for _, c := range cwes {
		if credentialCWEs[strings.ToUpper(c)] {
			return true
		}
	}
	for _, w := range words {
		if credentialish.MatchString(w) {
			return true
		}
	}
	return false
}

// maskValues redacts every quoted literal, assigned value and long
// letter-and-digit token in text with
// finding.Redact, leaving values already masked by the tool ("*****") as
// they are. It is for text that may hold a secret whose exact value the
// tool did not report separately (a trivy Match, a bandit
// "Possible hardcoded password: '...'" message, a gosec G101 snippet).
func maskValues(text string) string {
	// Assigned values first: the quoted pass then skips what is already
	// redacted, and no pass sees the other's "(sha256:...)" suffix.
	text = assignedValue.ReplaceAllStringFunc(text, func(m string) string {
		sub := assignedValue.FindStringSubmatch(m)
		key, sep, value := sub[1], sub[2], sub[3]
		if !credentialish.MatchString(key) && !secretLike(value) {
			return m
		}
		return key + sep + maskOne(value)
	})
	text = quotedValue.ReplaceAllStringFunc(text, func(m string) string {
		q, inner := m[:1], m[1:len(m)-1]
		return q + maskOne(inner) + q
	})
	// A bare token (a key pasted on its own line) has neither quotes nor
	// "=": mask long runs that mix letters and digits.
	return longToken.ReplaceAllStringFunc(text, func(m string) string {
		if !strings.ContainsAny(m, "0123456789") || strings.Trim(m, "0123456789") == "" {
			return m
		}
		return finding.Redact(m)
	})
}

// secretLike tells a value that may be a secret from a word, a path or a
// version: it mixes digits with letters, or is long and mixes upper with
// lower case.
func secretLike(v string) bool {
	if plainNumber.MatchString(v) {
		return false
	}
	digit := strings.ContainsAny(v, "0123456789")
	upper := strings.ToLower(v) != v
	lower := strings.ToUpper(v) != v
	return digit && (upper || lower) || upper && lower && len(v) >= 16
}

func maskOne(v string) string {
	if strings.Trim(v, "*•x ") == "" || strings.Contains(v, "(sha256:") {
		return v
	}
	return finding.Redact(v)
}

// redactSecret builds the evidence of a secret whose value the tool gave:
// the value is replaced inside the matched text; when the match does not
// contain it verbatim, only the redacted value is shown.
func redactSecret(match, secret string) string {
	if secret == "" {
		return maskValues(match)
	}
	if match == "" || !strings.Contains(match, secret) {
		return finding.Redact(secret)
	}
	return finding.RedactIn(match, secret)
}
