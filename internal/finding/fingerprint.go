package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Fingerprint returns the stable identity of a finding: a hash of the
// category, rule, path and a normalized key. The key is what makes the finding
// the same across runs: for a secret, SecretKey of the value; for a
// vulnerability, VulnKey; otherwise LineKey of the flagged line. Line numbers
// never enter it, so unrelated edits above a finding do not change it.
func Fingerprint(c Category, ruleID, path, key string) string {
	h := sha256.New()
	for _, part := range []string{string(c), ruleID, path, key} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// SecretKey returns the fingerprint key of a secret value: a SHA-256 of it, so
// the value itself never leaves the scanner.
func SecretKey(value string) string {
	sum := sha256.Sum256([]byte(value))
	return hex.EncodeToString(sum[:])
}

// VulnKey returns the fingerprint key of a vulnerable package.
func VulnKey(ecosystem, name, version, advisoryID string) string {
	return ecosystem + "/" + name + "@" + version + "/" + advisoryID
}

// LineKey normalizes a flagged line for fingerprinting: surrounding space is
// trimmed and runs of white space collapse to one space, so re-indenting a
// line keeps its fingerprint. A key longer than maxLineKey bytes (a minified
// line) is replaced by its SHA-256, so that the many findings of one such
// line do not each hash all of it again.
func LineKey(line string) string {
	key := strings.Join(strings.Fields(line), " ")
	if len(key) > maxLineKey {
		sum := sha256.Sum256([]byte(key))
		return "sha256:" + hex.EncodeToString(sum[:])
	}
	return key
}

// maxLineKey is the longest line key kept as text.
const maxLineKey = 512

// SetFingerprint fills f.Fingerprint from its category, rule, path and the
// given key.
func (f *Finding) SetFingerprint(key string) {
	f.Fingerprint = Fingerprint(f.Category, f.RuleID, f.Location.Path, key)
}
