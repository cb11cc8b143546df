package rule

import (
	"strings"
	"unicode"
)

// sensitiveWords are identifier words that name a secret value.
var sensitiveWords = map[string]bool{
	"token": true, "tokens": true, "secret": true, "secrets": true, "password": true, "passwords": true,
	"passwd": true, "pwd": true, "nonce": true, "salt": true, "session": true, "sessionid": true, "otp": true,
	"csrf": true, "xsrf": true, "apikey": true, "key": true, "auth": true, "credential": true,
	"credentials": true, "cookie": true, "passphrase": true, "pin": true, "iv": true,
}

// identifierWords name identifiers (for Math.random-made IDs in JavaScript).
var identifierWords = map[string]bool{"id": true, "ids": true, "uuid": true, "guid": true, "sid": true}

// Sensitive reports whether an identifier names a secret value: one of its
// words (split at camelCase, '_' and digits) is a sensitive word such as
// token, key, password or nonce.
func Sensitive(ident string) bool {
	for _, w := range words(ident) {
		if sensitiveWords[w] {
			return true
		}
	}
	return false
}

// SensitiveOrID is Sensitive that also accepts identifier words (id, uuid).
func SensitiveOrID(ident string) bool {
	for _, w := range words(ident) {
		if sensitiveWords[w] || identifierWords[w] {
			return true
		}
	}
	return false
}

// words splits an identifier into lower-case words.
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r):
			flush()
			continue
		case unicode.IsUpper(r) && len(cur) > 0:
			prevLower := unicode.IsLower(rs[i-1])
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if prevLower || nextLower {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return out
}
