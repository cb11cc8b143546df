package importer

import (
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
)

// Tag words that decide a SARIF result's category (docs/import-mapping.md).
var (
	secretTags    = wordSet("secret", "secrets", "leak", "leaks", "gitleaks", "credential-leak")
	vulnTags      = wordSet("vulnerability", "vulnerabilities", "dependency", "dependencies", "sca", "supply-chain", "cve")
	containerTags = wordSet("misconfiguration", "misconfig", "dockerfile", "docker", "container", "containers",
		"kubernetes", "k8s", "helm", "compose", "docker-compose", "iac", "terraform", "cloudformation")
	severityTags = map[string]finding.Severity{
		"critical": finding.Critical, "high": finding.High, "medium": finding.Medium,
		"moderate": finding.Medium, "low": finding.Low,
	}
	// Tools whose every result is of one category.
	secretTools = wordSet("gitleaks", "trufflehog", "detect-secrets")
	vulnTools   = wordSet("osv-scanner", "grype", "dependency-check", "snyk")
	codeTools   = wordSet("gosec", "semgrep", "codeql", "bandit", "eslint", "brakeman")
	infraTools  = wordSet("hadolint", "checkov", "kics", "tfsec")

	advisoryID = regexp.MustCompile(`^(CVE|GHSA|GO|PYSEC|RUSTSEC|OSV|GMS|GSD|DLA|DSA|DTSA|ALAS\d*|ALSA|ALBA|RHSA|RLSA|USN|BIT|CGA|MAL|UVI|PSF|RXSA|SUSE-SU|openSUSE-SU|ELSA)-`)
	commitHash = regexp.MustCompile(`^[0-9a-f]{40}$`)
	cweRef     = regexp.MustCompile(`(?i)\bcwe[-_/ :]?0*([1-9]\d{0,4})\b`)
)

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// sarifCategory decides a result's category: rule tags first, then what the
// tool and the rule ID say, then the file, and code otherwise.
func sarifCategory(tool, ruleID string, tags []string, filePath string) finding.Category {
	for _, t := range tags {
		switch t = strings.ToLower(strings.TrimSpace(t)); {
		case secretTags[t]:
			return finding.Secret
		case vulnTags[t]:
			return finding.Vulnerability
		case containerTags[t]:
			return finding.Container
		}
	}
	id := strings.ToUpper(ruleID)
	switch {
	case tool == "trivy" && (strings.HasPrefix(id, "AVD-DS-") || strings.HasPrefix(id, "DS") ||
		strings.HasPrefix(id, "AVD-KSV-") || strings.HasPrefix(id, "KSV")):
		return finding.Container
	case secretTools[tool]:
		return finding.Secret
	case vulnTools[tool] || advisoryID.MatchString(id):
		return finding.Vulnerability
	case infraTools[tool]:
		return finding.Container
	case codeTools[tool]:
		if isContainerFile(filePath) || strings.HasPrefix(strings.ToLower(ruleID), "dockerfile.") {
			return finding.Container
		}
		return finding.Code
	case isContainerFile(filePath):
		return finding.Container
	}
	return finding.Code
}

// isContainerFile reports whether a path names a Dockerfile or a compose
// file.
func isContainerFile(p string) bool {
	base := strings.ToLower(path.Base(p))
	return base == "dockerfile" || strings.HasPrefix(base, "dockerfile.") || strings.HasSuffix(base, ".dockerfile") ||
		base == "containerfile" || strings.HasPrefix(base, "docker-compose") || strings.HasPrefix(base, "compose.")
}

// sarifSeverity decides a result's severity: the security-severity score
// (result, then rule), then a severity word among the tags (gosec and trivy
// add one), then the result's level, the rule's default level, and SARIF's
// default level "warning". explicit is false when the log said nothing.
func sarifSeverity(rule *sarifRule, r *sarifResult, tags []string) (sev finding.Severity, explicit bool) {
	for _, props := range []map[string]any{r.Properties, rule.Properties} {
		if s, err := strconv.ParseFloat(strings.TrimSpace(stringProp(props, "security-severity")), 64); err == nil {
			return finding.SeverityFromScore(s), true
		}
	}
	for _, t := range tags {
		if s, ok := severityTags[strings.ToLower(strings.TrimSpace(t))]; ok {
			return s, true
		}
	}
	level := firstNonEmpty(r.Level, rule.DefaultConfiguration.Level)
	switch strings.ToLower(level) {
	case "error":
		return finding.High, true
	case "note":
		return finding.Low, true
	case "none":
		return finding.Info, true
	}
	return finding.Medium, level != ""
}

// sarifCWEs collects CWE IDs from the rule's relationships to the CWE
// taxonomy (gosec), its tags ("external/cwe/cwe-079" in CodeQL, "CWE-89:
// ..." in semgrep) and a "cwe" property.
func sarifCWEs(rule *sarifRule, tags []string) []string {
	var out []string
	for _, rel := range rule.Relationships {
		if strings.EqualFold(rel.Target.ToolComponent.Name, "CWE") {
			if n, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(rel.Target.ID), "CWE-")); err == nil && n > 0 {
				out = append(out, "CWE-"+strconv.Itoa(n))
			}
		}
	}
	refs := append(append([]string(nil), tags...), stringsProp(rule.Properties, "cwe")...)
	for _, t := range refs {
		for _, m := range cweRef.FindAllStringSubmatch(t, -1) {
			out = append(out, "CWE-"+m[1])
		}
	}
	return uniqueSorted(out)
}

// osv-scanner: "Package 'pyyaml@5.1' is vulnerable to 'CVE-2019-20477'
// (also known as 'PYSEC-2020-176', 'GHSA-3pqx-4fqf-j49f')."
var (
	osvPackageMsg = regexp.MustCompile(`Package '([^']+)@([^'@]+)' is vulnerable to '([^']+)'`)
	osvAlsoKnown  = regexp.MustCompile(`'([^']+)'`)
	// trivy: "Package: lodash\nInstalled Version: 4.17.15\n...Fixed Version: 4.17.21"
	trivyField = regexp.MustCompile(`(?m)^(Package|Installed Version|Fixed Version):\s*(.+?)\s*$`)
)

// sarifVuln fills the package of a vulnerability result from the message
// conventions of osv-scanner and trivy, and fingerprints it by package.
func sarifVuln(f *finding.Finding, rule *sarifRule, r *sarifResult, snippet string) {
	msg := firstNonEmpty(r.Message.Text, r.Message.Markdown)
	pkg := &finding.Package{AdvisoryID: f.RuleID, Ecosystem: ecosystemOf(f.Location.Path)}
	if m := osvPackageMsg.FindStringSubmatch(msg); m != nil {
		pkg.Name, pkg.Version = m[1], m[2]
		if _, aka, ok := strings.Cut(msg, "also known as"); ok {
			for _, a := range osvAlsoKnown.FindAllStringSubmatch(aka, -1) {
				pkg.Aliases = append(pkg.Aliases, a[1])
			}
		}
		pkg.FixedVersions = osvHelpFixes(rule.Help.Text, pkg.Name)
	}
	for _, m := range trivyField.FindAllStringSubmatch(msg, -1) {
		switch m[1] {
		case "Package":
			pkg.Name = m[2]
		case "Installed Version":
			pkg.Version = m[2]
		case "Fixed Version":
			for _, v := range strings.Split(m[2], ",") {
				if v = strings.TrimSpace(v); v != "" {
					pkg.FixedVersions = append(pkg.FixedVersions, v)
				}
			}
		}
	}
	pkg.FixedVersions = sortVersions(pkg.Ecosystem, pkg.FixedVersions)
	pkg.Aliases = without(uniqueSorted(pkg.Aliases), pkg.AdvisoryID)
	if pkg.Name == "" {
		// An unknown convention: keep the advisory, fingerprint by line.
		f.Evidence = truncateRunes(strings.TrimSpace(snippet), 300)
		f.SetFingerprint(sarifKey(r, f.Evidence, f.Message, f.Location))
		return
	}
	f.Package = pkg
	f.Fix = vulnFix(pkg.Ecosystem, pkg.Name, pkg.Version, pkg.FixedVersions)
	f.SetFingerprint(finding.VulnKey(pkg.Ecosystem, pkg.Name, pkg.Version, pkg.AdvisoryID))
}

// osvHelpFixes reads the "Fixed Versions" table of an osv-scanner rule's
// help: "| PYSEC-2020-176 | pyyaml | 5.2b1 |".
func osvHelpFixes(help, name string) []string {
	var out []string
	inFixed := false
	for _, line := range strings.Split(help, "\n") {
		if strings.Contains(line, "Fixed Version") {
			inFixed = true
		}
		if !inFixed {
			continue
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if len(cells) != 3 || !strings.EqualFold(strings.TrimSpace(cells[1]), name) {
			continue
		}
		for _, v := range strings.Split(cells[2], ",") {
			if v = strings.TrimSpace(v); v != "" && !strings.HasPrefix(v, "--") && !strings.Contains(v, " ") && !commitHash.MatchString(v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// ecosystemOf guesses the OSV ecosystem from a manifest or lockfile name,
// for SARIF results that do not say it.
func ecosystemOf(p string) string {
	base := strings.ToLower(path.Base(p))
	switch {
	case base == "package-lock.json" || base == "npm-shrinkwrap.json" || base == "yarn.lock" ||
		base == "pnpm-lock.yaml" || base == "package.json" || base == "bun.lock":
		return "npm"
	case base == "go.mod" || base == "go.sum":
		return "Go"
	case strings.HasPrefix(base, "requirements") || base == "pipfile.lock" || base == "poetry.lock" ||
		base == "uv.lock" || base == "pdm.lock" || base == "pylock.toml":
		return "PyPI"
	case base == "gemfile.lock" || base == "gems.locked":
		return "RubyGems"
	case base == "cargo.lock":
		return "crates.io"
	case base == "composer.lock":
		return "Packagist"
	case base == "pom.xml" || base == "gradle.lockfile" || strings.HasSuffix(base, ".gradle") || base == "buildscript-gradle.lockfile":
		return "Maven"
	case base == "packages.lock.json" || strings.HasSuffix(base, ".csproj"):
		return "NuGet"
	case base == "pubspec.lock":
		return "Pub"
	case base == "mix.lock":
		return "Hex"
	}
	return ""
}
