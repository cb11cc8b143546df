package route

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

// KeyPrefix starts every incident key, so notifiers can find secaudit's
// issues and incidents among others.
const KeyPrefix = "secaudit:"

// IncidentKey returns the stable key of the incident of (repository, exit
// code, team): KeyPrefix and the first 16 hex digits of a SHA-256 of the
// three. It does not depend on the findings, the branch or the run, nor on
// the case of the repository name (GitHub treats "Acme/API" and "acme/api"
// as one repository).
func IncidentKey(repository string, code int, team string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(repository) + "|" + strconv.Itoa(code) + "|" + team))
	return KeyPrefix + hex.EncodeToString(sum[:])[:16]
}

// Digest returns a hash of the sorted fingerprints of findings and of the
// errors given: it changes exactly when the set of findings (or errors)
// changes, not when their order or line numbers do.
func Digest(findings []finding.Finding, errs []result.Problem) string {
	fps := make([]string, len(findings))
	for i := range findings {
		fps[i] = fingerprintOf(&findings[i])
	}
	sort.Strings(fps)
	h := sha256.New()
	for _, k := range fps {
		h.Write([]byte(k))
		h.Write([]byte{'\n'})
	}
	if len(errs) > 0 {
		keys := make([]string, len(errs))
		for i, e := range errs {
			keys[i] = e.Source + "\x00" + e.Path + "\x00" + e.Message
		}
		sort.Strings(keys)
		h.Write([]byte("errors\n"))
		for _, k := range keys {
			h.Write([]byte(k))
			h.Write([]byte{'\n'})
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// fingerprintOf returns the finding's fingerprint, computing one from its
// category, rule, path and (redacted) evidence when a report left it empty.
func fingerprintOf(f *finding.Finding) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	return finding.Fingerprint(f.Category, f.RuleID, f.Location.Path, finding.LineKey(f.Evidence+"\x00"+f.Title))
}
