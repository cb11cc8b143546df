package importer

import (
	"fmt"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
)

// trivyReport is trivy's JSON output (`trivy fs|image|config --format json`,
// SchemaVersion 2).
type trivyReport struct {
	ArtifactName string        `json:"ArtifactName"`
	Results      []trivyResult `json:"Results"`
}

type trivyResult struct {
	Target            string `json:"Target"`
	Class             string `json:"Class"`
	Type              string `json:"Type"`
	Vulnerabilities   []trivyVuln
	Misconfigurations []trivyMisconf
	Secrets           []trivySecret
}

type trivyVuln struct {
	VulnerabilityID  string   `json:"VulnerabilityID"`
	PkgID            string   `json:"PkgID"`
	PkgName          string   `json:"PkgName"`
	PkgPath          string   `json:"PkgPath"`
	InstalledVersion string   `json:"InstalledVersion"`
	FixedVersion     string   `json:"FixedVersion"`
	Severity         string   `json:"Severity"`
	Title            string   `json:"Title"`
	Description      string   `json:"Description"`
	PrimaryURL       string   `json:"PrimaryURL"`
	CweIDs           []string `json:"CweIDs"`
	VendorIDs        []string `json:"VendorIDs"`
}

type trivyMisconf struct {
	Type          string `json:"Type"`
	ID            string `json:"ID"`
	AVDID         string `json:"AVDID"`
	Title         string `json:"Title"`
	Description   string `json:"Description"`
	Message       string `json:"Message"`
	Resolution    string `json:"Resolution"`
	Severity      string `json:"Severity"`
	PrimaryURL    string `json:"PrimaryURL"`
	Status        string `json:"Status"`
	CauseMetadata struct {
		StartLine int `json:"StartLine"`
		EndLine   int `json:"EndLine"`
		Code      struct {
			Lines []struct {
				Number  int    `json:"Number"`
				Content string `json:"Content"`
				IsCause bool   `json:"IsCause"`
			} `json:"Lines"`
		} `json:"Code"`
	} `json:"CauseMetadata"`
}

type trivySecret struct {
	RuleID    string `json:"RuleID"`
	Category  string `json:"Category"`
	Severity  string `json:"Severity"`
	Title     string `json:"Title"`
	StartLine int    `json:"StartLine"`
	EndLine   int    `json:"EndLine"`
	Match     string `json:"Match"`
}

// trivyEcosystems maps trivy's package types to OSV ecosystem names, so
// imported vulnerabilities compare with the built-in scanner's.
var trivyEcosystems = map[string]string{
	"npm": "npm", "yarn": "npm", "pnpm": "npm", "node-pkg": "npm", "bun": "npm",
	"gomod": "Go", "gobinary": "Go",
	"pip": "PyPI", "pipenv": "PyPI", "poetry": "PyPI", "python-pkg": "PyPI", "uv": "PyPI",
	"bundler": "RubyGems", "gemspec": "RubyGems",
	"cargo": "crates.io", "rustbinary": "crates.io",
	"composer": "Packagist", "composer-vendor": "Packagist",
	"pom": "Maven", "gradle": "Maven", "jar": "Maven", "sbt": "Maven",
	"nuget": "NuGet", "dotnet-core": "NuGet", "packages-props": "NuGet",
	"pub": "Pub", "hex": "Hex", "mix": "Hex", "conan": "ConanCenter", "cocoapods": "CocoaPods",
	"swift": "SwiftURL", "alpine": "Alpine", "debian": "Debian", "ubuntu": "Ubuntu",
	"redhat": "Red Hat", "rocky": "Rocky Linux", "alma": "AlmaLinux", "wolfi": "Wolfi",
	"chainguard": "Chainguard", "photon": "Photon OS", "amazon": "Amazon Linux", "suse": "SUSE",
}

// trivyContainerTypes are the misconfiguration types that describe
// containers: they go to the container class, other IaC to code.
var trivyContainerTypes = map[string]bool{
	"dockerfile": true, "docker-compose": true, "compose": true, "kubernetes": true, "helm": true,
}

func (p parser) trivy() ([]finding.Finding, error) {
	var rep trivyReport
	if err := p.decode(&rep); err != nil {
		return nil, err
	}
	var fs []finding.Finding
	for i, res := range rep.Results {
		path := p.paths.path(res.Target)
		for j, v := range res.Vulnerabilities {
			if v.VulnerabilityID == "" || v.PkgName == "" {
				return nil, fmt.Errorf("Results[%d].Vulnerabilities[%d]: no VulnerabilityID or PkgName", i, j)
			}
			fs = append(fs, trivyVulnFinding(path, res.Type, v))
		}
		for _, m := range res.Misconfigurations {
			if strings.EqualFold(m.Status, "PASS") || strings.EqualFold(m.Status, "EXCEPTION") {
				continue
			}
			fs = append(fs, trivyMisconfFinding(path, res.Type, m))
		}
		for _, s := range res.Secrets {
			fs = append(fs, trivySecretFinding(path, s))
		}
	}
	return fs, nil
}

func trivySeverity(s string) finding.Severity {
	if v, ok := severityName(s); ok {
		return v
	}
	return finding.Medium
}

func trivyVulnFinding(path, typ string, v trivyVuln) finding.Finding {
	eco := trivyEcosystems[strings.ToLower(typ)]
	if eco == "" {
		eco = typ
	}
	var fixed []string
	for _, fx := range strings.Split(v.FixedVersion, ",") {
		if fx = strings.TrimSpace(fx); fx != "" {
			fixed = append(fixed, fx)
		}
	}
	fixed = sortVersions(eco, fixed)
	title := firstNonEmpty(v.Title, firstLine(v.Description), v.VulnerabilityID+" in "+v.PkgName)
	f := finding.Finding{
		Category: finding.Vulnerability,
		RuleID:   v.VulnerabilityID,
		Severity: trivySeverity(v.Severity),
		Title:    title,
		Message:  vulnMessage(v.PkgName, v.InstalledVersion, eco, v.VulnerabilityID, v.Title),
		Location: finding.Location{Path: path},
		Fix:      vulnFix(eco, v.PkgName, v.InstalledVersion, fixed),
		CWE:      uniqueSorted(v.CweIDs),
		Tags:     nonEmpty(eco, "trivy"),
		Package: &finding.Package{
			Ecosystem: eco, Name: v.PkgName, Version: v.InstalledVersion, FixedVersions: fixed,
			AdvisoryID: v.VulnerabilityID, Aliases: without(uniqueSorted(v.VendorIDs), v.VulnerabilityID),
		},
		Source: "trivy",
	}
	f.SetFingerprint(finding.VulnKey(eco, v.PkgName, v.InstalledVersion, v.VulnerabilityID))
	return f
}

func trivyMisconfFinding(path, typ string, m trivyMisconf) finding.Finding {
	cat := finding.Code
	if trivyContainerTypes[strings.ToLower(firstNonEmpty(typ, m.Type))] {
		cat = finding.Container
	}
	id := firstNonEmpty(m.AVDID, m.ID)
	var cause string
	for _, l := range m.CauseMetadata.Code.Lines {
		if l.IsCause {
			cause = strings.TrimSpace(l.Content)
			break
		}
	}
	f := finding.Finding{
		Category: cat,
		RuleID:   id,
		Severity: trivySeverity(m.Severity),
		Title:    firstNonEmpty(m.Title, id),
		Message:  firstNonEmpty(m.Message, m.Description),
		Location: finding.Location{Path: path, StartLine: m.CauseMetadata.StartLine, EndLine: m.CauseMetadata.EndLine},
		Evidence: cause,
		Fix:      m.Resolution,
		Tags:     nonEmpty(strings.ToLower(typ), "trivy"),
		Source:   "trivy",
	}
	if isCredentialRule(nil, f.Title, f.Message) {
		f.Evidence, f.Message = maskValues(f.Evidence), maskValues(f.Message)
	}
	f.SetFingerprint(finding.LineKey(firstNonEmpty(cause, f.Message)))
	return f
}

func trivySecretFinding(path string, s trivySecret) finding.Finding {
	// trivy masks the secret in Match with '*'; mask again in case a
	// version or flag did not.
	ev := maskValues(s.Match)
	f := finding.Finding{
		Category: finding.Secret,
		RuleID:   s.RuleID,
		Severity: trivySeverity(s.Severity),
		Title:    firstNonEmpty(s.Title, secretTitle(s.RuleID)),
		Message:  firstNonEmpty(s.Title, s.RuleID) + " found by trivy",
		Location: finding.Location{Path: path, StartLine: s.StartLine, EndLine: s.EndLine},
		Evidence: ev,
		Fix:      "Revoke and rotate the secret, then remove it from the code (and from git history if it was pushed).",
		CWE:      []string{"CWE-798"},
		Tags:     nonEmpty(s.Category, "trivy"),
		Source:   "trivy",
	}
	// The value is masked, so the masked line is the best identity there is.
	f.SetFingerprint(finding.LineKey(ev))
	return f
}
