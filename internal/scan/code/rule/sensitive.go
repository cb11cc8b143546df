package rule

import (
	"strings"
	"unicode"
)

// sensitiveWords are identifier words that name a secret value.
var sensitiveWords = map[string]bool{
	"token": true, "tokens": true, "secret": true, "secrets": true, "password": true, "passwords": true,
	"passwd": true, "pwd": true, "nonce": true, "salt": true, "session": true, "sessionid": true, "otp": true,
	"csrf": true, "xsrf": true, "apikey": true, "auth": true, "credential": true,
	"credentials": true, "cookie": true, "passphrase": true, "pin": true, "iv": true,
}

// identifierWords name identifiers (for Math.random-made IDs in JavaScript).
var identifierWords = map[string]bool{"id": true, "ids": true, "uuid": true, "guid": true, "sid": true}

// Sensitive reports whether an identifier names a secret value: one of its
// words (split at camelCase, '_' and digits) is a sensitive word such as
// token, key, password or nonce.
func Sensitive(ident string) bool {
	ws := words(ident)
	for i, w := range ws {
		if sensitiveWords[w] || (i > 0 && keyWord(ws[i-1], w)) {
			return true
		}
	}
	return false
}

// keyQualifiers make "key" name a secret ("apiKey", "signing_key"); alone,
// "key" is far more often a map key.
var keyQualifiers = map[string]bool{
	"api": true, "private": true, "signing": true, "encryption": true, "crypto": true, "aes": true,
	"hmac": true, "access": true, "master": true, "secret": true, "session": true, "license": true, "jwt": true,
}

func keyWord(prev, w string) bool { return (w == "key" || w == "keys") && keyQualifiers[prev] }

// SensitiveOrID is Sensitive that also accepts identifier words (id, uuid).
func SensitiveOrID(ident string) bool {
	if Sensitive(ident) {
		return true
	}
	for _, w := range words(ident) {
		if identifierWords[w] {
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
