package secrets

import (
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
	// Azurite's well-known development storage key.
	"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
	"gho_16C7e42F292c6912E7710c838347Ae178B4a",
	"ghp_16C7e42F292c6912E7710c838347Ae178B4a",
}

// placeholderWords, found anywhere in a value, mark it as a placeholder or
// documentation text rather than a credential.
var placeholderWords = []string{
	"example", "xxxx", "****", "....", "your_", "your-", "yourkey", "yourtoken", "yourpassword",
	"placeholder", "changeme", "change_me", "change-me", "replace_me", "replaceme", "dummy",
	"redacted", "insert_", "insert-", "<", ">", "${", "{{", "}}", "%(", "$(", "#{",
	"0123456", "1234567", "abcdefg", "qwerty", "_here", "-here", "todo", "fixme", "notreal",
	"not_real", "not-a-real", "fake",
}

// isPlaceholder reports whether v is a documented example, a template
// reference or an obvious placeholder. It applies to every rule.
func isPlaceholder(v string) bool {
	for _, e := range knownExamples {
		if v == e {
			return true
		}
	}
	l := strings.ToLower(v)
	if len(v) > 120 {
		// Long values (keys, JWTs) hold runs like "xxxx" by chance; only
		// an explicit marker makes them examples.
		return strings.Contains(l, "example") || strings.Contains(l, "....") || strings.Contains(l, "<")
	}
	for _, w := range placeholderWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return repeats(v, 6)
}

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
	pathRe      = regexp.MustCompile(`^(?:\.{0,2}/|[a-zA-Z]:\\|~/)[\w./\\-]*$|^[\w-]+(?:/[\w.-]+)+/?$`)
	numberRe    = regexp.MustCompile(`^[0-9.,:+-]+$`)
	letterCase  = regexp.MustCompile(`^[a-z]+(?:[_.-][a-z]+)*$|^[A-Z]+(?:[_.-][A-Z]+)*$`)
)

// referenceMarkers show a value that names where a secret comes from
// (environment, vault, template) instead of holding it.
var referenceMarkers = []string{
	"os.environ", "os.getenv", "getenv(", "process.env", "env.", "env[", "env(", "environ[",
	"secrets.", "vault:", "ssm:", "arn:aws", "keyvault", "config.", "settings.", "self.", "this.",
	"params.", "values.", "var.", "local.", "data.", "import.meta", "system.getproperty",
	"request.", "req.", "args.", "options.", "opts.", "props.", "none", "null", "nil", "undefined",
	"true", "false", "string", "bytes", "password", "passwd", "secret", "token", "apikey",
	"api_key", "credential", "sha256", "sha512", "hash", "base64", "encrypted", "required",
	"optional", "default", "sample", "test", "mock", "stub",
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
	switch {
	case hexRe.MatchString(v) && (len(v) == 32 || len(v) == 40 || len(v) == 56 || len(v) == 64 || len(v) == 96 || len(v) == 128):
		return true // md5, sha1, sha224, sha256, sha384, sha512 digests and git SHAs
	case uuidRe.MatchString(v), integrityRe.MatchString(l), identRe.MatchString(v) && !hasDigit(v),
		pathRe.MatchString(v), numberRe.MatchString(v), letterCase.MatchString(v):
		return true
	case strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://"):
		return true
	}
	return !hasDigit(v) && !hasSymbol(v) // a plain word
}

func hasDigit(v string) bool {
	return strings.ContainsAny(v, "0123456789")
}

func hasSymbol(v string) bool {
	return strings.ContainsAny(v, "!#%&*+/=?@^_~-")
}
