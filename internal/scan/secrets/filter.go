package secrets

import (
	"bytes"
	"encoding/base64"
	"math"
	"regexp"
	"strings"
)

// entropy returns the Shannon entropy of s in bits per byte.
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	n := float64(len(s))
	var h float64
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// knownExamples are documented example credentials: vendors print them in
// their manuals, so they appear in code and docs and are never live.
var knownExamples = []string{
	"AKIAIOSFODNN7EXAMPLE",
	"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
	"je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
	"AKIAI44QH8DHBEXAMPLE",
	"ASIAIOSFODNN7EXAMPLE",
	"AIDAJQABLZS4A3QDU576Q",
	"sk_test_4eC39HqLyjWDarjtT1zdp7dc",
	"pk_test_TYooMQauvdEDq54NiTphI7jx",
	"sk_live_4eC39HqLyjWDarjtT1zdp7dc",
	"xoxb-not-a-real-token",
	"xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy", // Slack's API docs
	// jwt.io's example token, printed in countless tutorials.
	"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
	"AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe", // Google Maps docs
	// Azurite's well-known development storage key.
	"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
	"gho_16C7e42F292c6912E7710c838347Ae178B4a",
	"ghp_16C7e42F292c6912E7710c838347Ae178B4a",
}

// placeholderWords, found anywhere in a value, mark it as a placeholder or
// documentation text rather than a credential.
var placeholderWords = []string{
	"example", "****", "....", "your_", "your-", "yourkey", "yourtoken", "yourpassword",
	"placeholder", "changeme", "change_me", "change-me", "replace_me", "replaceme", "dummy",
	"redacted", "insert_", "insert-", "${", "{{", "}}", "%(", "$(", "#{",
	"0123456", "1234567", "abcdefg", "qwerty", "_here", "-here", "todo", "fixme", "notreal",
	"not_real", "not-a-real", "fake",
}

// isKnownExample reports whether v is a documented example credential.
func isKnownExample(v string) bool {
	for _, e := range knownExamples {
		if v == e {
			return true
		}
	}
	return false
}

// isPlaceholder reports whether v is a documented example, a template
// reference or an obvious placeholder. It applies to every rule.
func isPlaceholder(v string) bool {
	if isKnownExample(v) {
		return true
	}
	l := strings.ToLower(v)
	if len(v) > 120 {
		// Long values (keys, JWTs) hold runs like "xxxx" by chance; only
		// an explicit marker makes them examples.
		return strings.Contains(l, "example") || strings.Contains(l, "....") || angleRe.MatchString(v)
	}
	for _, w := range placeholderWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return strings.Contains(v, "xxxx") || strings.Contains(v, "XXXX") || angleRe.MatchString(v) || repeats(v, 6)
}

// angleRe finds an <angle-bracket placeholder>.
var angleRe = regexp.MustCompile(`<[A-Za-z_][\w .-]*>`)

// repeats reports whether v has a run of n identical bytes ("aaaaaa",
// "000000"), which random tokens practically never have.
func repeats(v string, n int) bool {
	run := 1
	for i := 1; i < len(v); i++ {
		if v[i] == v[i-1] {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 1
		}
	}
	return false
}

var (
	hexRe       = regexp.MustCompile(`^(?:[0-9a-f]+|[0-9A-F]+)$`)
	uuidRe      = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	integrityRe = regexp.MustCompile(`^(?:sha1|sha256|sha384|sha512|md5)[-:]`)
	identRe     = regexp.MustCompile(`^[A-Za-z_$][\w$]*(?:(?:\.|->|::)[A-Za-z_$][\w$]*)*(?:\(\)?)?$`)
	pathRe      = regexp.MustCompile(`^(?:\.{0,2}/|[a-zA-Z]:\\|~/)[\w./\\-]*$|^[a-z0-9_-]+(?:/[a-z0-9_.-]+)+/?$`)
	numberRe    = regexp.MustCompile(`^[0-9.,:+-]+$`)
	letterCase  = regexp.MustCompile(`^[a-z]+(?:[_.-][a-z]+)*$|^[A-Z]+(?:[_.-][A-Z]+)*$`)
)

// referenceMarkers show a value that names where a secret comes from
// (environment, vault, template) instead of holding it.
var referenceMarkers = []string{
	"os.environ", "os.getenv", "getenv(", "process.env", "env.", "env[", "env(", "environ[",
	"secrets.", "vault:", "ssm:", "arn:aws", "keyvault", "config.", "settings.", "self.", "this.",
	"params.", "values.", "var.", "local.", "data.", "import.meta", "system.getproperty",
	"request.", "req.", "args.", "options.", "opts.", "props.",
}

// referenceWords, as whole words of a value (my_test_token, null), show a
// name or a keyword rather than a credential. Inside a run of letters they
// mean nothing: random tokens spell "nil" or "test" by chance.
var referenceWords = []string{
	"none", "null", "nil", "undefined", "true", "false", "string", "bytes", "password", "passwd",
	"secret", "token", "apikey", "api", "key", "credential", "credentials", "sha256", "sha512", "hash",
	"base64", "encrypted", "required", "optional", "default", "sample", "test", "mock", "stub",
}

// hasWord reports whether w occurs in l (lower case) with no letter on
// either side.
func hasWord(l, w string) bool {
	for i := 0; ; {
		j := strings.Index(l[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || !isLetter(l[j-1])
		after := j+len(w) == len(l) || !isLetter(l[j+len(w)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// wellKnownDigests are digests of the empty string, which code compares
// against; a random hex value under a credential's name is reported like
// any other value (names saying hash, sha or checksum are never matched).
var wellKnownDigests = map[string]bool{
	"d41d8cd98f00b204e9800998ecf8427e":                                 true, // md5("")
	"da39a3ee5e6b4b0d3255bfef95601890afd80709":                         true, // sha1("")
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855": true, // sha256("")
	"4b825dc642cb6eb9a060e54bf8d69288fbee4904":                         true, // git's empty tree
}

// isGenericNoise reports whether a value captured by a generic rule (an
// assignment to a name like password or api_key) is not a credential: a
// reference, identifier, path, number, hash, UUID, integrity string or word.
func isGenericNoise(v string) bool {
	l := strings.ToLower(v)
	for _, m := range referenceMarkers {
		if strings.Contains(l, m) {
			return true
		}
	}
	for _, w := range referenceWords {
		if hasWord(l, w) {
			return true
		}
	}
	switch {
	case strings.HasSuffix(v, "...") || strings.Contains(v, "\u2026"):
		return true // truncated in documentation
	case strings.HasPrefix(v, "eyJ"):
		return true // base64 JSON: a JWT is the jwt rule's
	case base64Text(v), wordy(v), dateScopeRe.MatchString(v), dateRe.MatchString(v):
		return true
	case strings.Contains(v, "{") && strings.Contains(v, "}"):
		return true // a template or format string
	case wellKnownDigests[l], len(v) > 48 && hexRe.MatchString(v):
		// Long hex is a digest or a test vector; tokens in hex are 32 or
		// 40 digits.
		return true
	case uuidRe.MatchString(v), integrityRe.MatchString(l), identRe.MatchString(v) && !hasDigit(v) && (strings.Contains(v, ".") || !mixedCase(v) || camelWords(v)),
		pathRe.MatchString(v), numberRe.MatchString(v), letterCase.MatchString(v):
		return true
	case strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://"):
		return true
	}
	return !hasDigit(v) && !hasSymbol(v) && (!mixedCase(v) || camelWords(v)) // a plain word
}

// mixedCase reports whether v mixes cases the way random tokens do (a third
// to nine tenths of its letters upper case), unlike camelCase identifiers
// and CONSTANT_NAMES.
func mixedCase(v string) bool {
	up, letters := 0, 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case 'A' <= c && c <= 'Z':
			up++
			letters++
		case 'a' <= c && c <= 'z':
			letters++
		}
	}
	return letters >= 12 && up*10 >= letters*3 && up*10 <= letters*9
}

// wordy reports whether v is words joined by separators, without digits
// (XDG_CONFIG_HOME, Bearer-token): a name, not a random value.
func wordy(v string) bool {
	if hasDigit(v) {
		return false
	}
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == '_' || r == '-' || r == '.' })
	if len(parts) == 0 {
		return false
	}
	for _, p := range parts {
		if !wordRe.MatchString(p) {
			return false
		}
	}
	return true
}

// dateScopeRe finds a /YYYYMMDD/ path segment, as in an AWS SigV4
// credential scope.
var dateScopeRe = regexp.MustCompile(`/(?:19|20)\d{6}/`)

// dateRe is an ISO 8601 date.
var dateRe = regexp.MustCompile(`^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d)?`)

var wordRe = regexp.MustCompile(`^(?:[A-Z]+|[A-Z]?[a-z]+(?:[A-Z][a-z]+)*)$`)

// base64Text reports whether v is base64 of plain text with a space in it
// ("dGhpcyBpcyBhIHZhbHVl" is "this is a value"): an encoded sentence.
func base64Text(v string) bool {
	if len(v) < 8 {
		return false
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		if b, err = base64.RawStdEncoding.DecodeString(v); err != nil {
			return false
		}
	}
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	// A sentence, or an encoded dummy password.
	return bytes.ContainsRune(b, ' ') || !notDummyPassword(string(b))
}

// camelWords reports whether the lower-case runs of v are word-long (3
// letters on average), as in HybridIDToken, unlike random mixed-case
// strings, whose runs average under 2.
func camelWords(v string) bool {
	runs, total, cur := 0, 0, 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && 'a' <= v[i] && v[i] <= 'z' {
			cur++
			continue
		}
		if cur > 0 {
			runs++
			total += cur
			cur = 0
		}
	}
	return runs > 0 && total >= 3*runs
}

func hasDigit(v string) bool {
	return strings.ContainsAny(v, "0123456789")
}

func hasSymbol(v string) bool {
	return strings.ContainsAny(v, "!#%&*+/=?@^_~-")
}
