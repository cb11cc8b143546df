package importer

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
)

// shortHash finds the "(sha256:1a2b3c4d)" that finding.Redact appends.
var shortHash = regexp.MustCompile(`\(sha256:([0-9a-f]{8})\)`)

// DedupKey returns a key under which findings of different tools about the
// same problem compare equal, where Fingerprint (which includes the rule ID)
// does not:
//
//   - a secret: category, path and the secret's short SHA-256, read from
//     the "(sha256:…)" suffix of its redacted evidence, so gitleaks'
//     "aws-access-token" and the built-in "aws-access-key-id" on the same
//     value in the same file collapse. Without that hash (the tool masked
//     the value), the start line stands in.
//   - a vulnerability with a package: category, path, ecosystem, name and
//     version (lower-cased) and one canonical advisory ID: the smallest CVE
//     among the advisory and its aliases, else the smallest GHSA, else the
//     advisory ID, so osv-scanner's GHSA and trivy's CVE collapse.
//   - anything else: the finding's Fingerprint.
//
// When two findings share a key, keep the built-in one.
func DedupKey(f finding.Finding) string {
	switch {
	case f.Category == finding.Secret:
		if m := shortHash.FindStringSubmatch(f.Evidence); m != nil {
			return join("secret", f.Location.Path, "sha256:"+m[1])
		}
		return join("secret", f.Location.Path, "line:"+strconv.Itoa(f.Location.StartLine))
	case f.Category == finding.Vulnerability && f.Package != nil && f.Package.Name != "":
		p := f.Package
		return join("vulnerability", f.Location.Path,
			finding.VulnKey(strings.ToLower(p.Ecosystem), strings.ToLower(p.Name), p.Version, canonicalAdvisory(p, f.RuleID)))
	}
	return join(string(f.Category), f.Fingerprint)
}

// canonicalAdvisory picks the ID every tool can agree on for an advisory.
func canonicalAdvisory(p *finding.Package, ruleID string) string {
	ids := append([]string{firstNonEmpty(p.AdvisoryID, ruleID)}, p.Aliases...)
	sort.Strings(ids)
	for _, prefix := range []string{"CVE-", "GHSA-"} {
		for _, id := range ids {
			if strings.HasPrefix(strings.ToUpper(id), prefix) {
				return strings.ToUpper(id)
			}
		}
	}
	return ids[0]
}

func join(parts ...string) string { return strings.Join(parts, "\x00") }
