package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Redact masks a secret value for display. Values of 16 or more characters
// keep their first and last 4 characters; shorter values keep fewer (values
// under 8 characters keep none). A short SHA-256 prefix follows so that two
// reports of the same secret can be correlated without showing it:
//
//	Redact("0123456789abcdefghij") == "0123************ghij (sha256:6bc14bdc)"
func Redact(value string) string {
	r := []rune(value)
	n := len(r)
	keep := 0
	switch {
	case n >= 16:
		keep = 4
	case n >= 12:
		keep = 2
	case n >= 8:
		keep = 1
	}
	stars := n - 2*keep
	if stars > 24 {
		stars = 24
	}
	var b strings.Builder
	b.WriteString(string(r[:keep]))
	b.WriteString(strings.Repeat("*", stars))
	b.WriteString(string(r[n-keep:]))
	b.WriteString(" (sha256:")
	b.WriteString(ShortHash(value))
	b.WriteString(")")
	return b.String()
}

// ShortHash returns the first 8 hex digits of the SHA-256 of value.
func ShortHash(value string) string {
	sum := sha256.Sum256([]byte(value))
	return hex.EncodeToString(sum[:4])
}

// RedactIn replaces every occurrence of secret in text with Redact(secret). It
// is how a scanner builds evidence from the line that holds a secret.
func RedactIn(text, secret string) string {
	if secret == "" {
		return text
	}
	return strings.ReplaceAll(text, secret, Redact(secret))
}
