package vulndb

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/secaudit/secaudit/internal/finding"
)

func TestRate(t *testing.T) {
	const v98 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
	const v59 = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N"
	tests := []struct {
		name     string
		vuln     Vulnerability
		affected []*Affected
		want     rating
	}{
		{"cvss v3 vector", Vulnerability{Severity: []Severity{{"CVSS_V3", v98}}},
			nil, rating{finding.Critical, true, v98, 9.8}},
		{"vector wins over GHSA word", Vulnerability{Severity: []Severity{{"CVSS_V3", v59}}, DatabaseSpecific: json.RawMessage(`{"severity":"HIGH"}`)},
			nil, rating{finding.Medium, true, v59, 5.9}},
		{"v4 preferred over v3", Vulnerability{Severity: []Severity{{"CVSS_V3", v59}, {"CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}}},
			nil, rating{finding.Critical, true, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3}},
		{"highest of several v3", Vulnerability{Severity: []Severity{{"CVSS_V3", v59}, {"CVSS_V3", v98}}},
			nil, rating{finding.Critical, true, v98, 9.8}},
		{"v4 alone", Vulnerability{Severity: []Severity{{"CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}}},
			nil, rating{finding.Critical, true, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3}},
		{"v4 vector wins over GHSA word", Vulnerability{Severity: []Severity{{"CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}}, DatabaseSpecific: json.RawMessage(`{"severity":"HIGH"}`)},
			nil, rating{finding.Critical, true, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3}},
		{"GHSA word wins over v2", Vulnerability{Severity: []Severity{{"CVSS_V2", "AV:N/AC:L/Au:N/C:C/I:C/A:C"}}, DatabaseSpecific: json.RawMessage(`{"severity":"LOW"}`)},
			nil, rating{severity: finding.Low, known: true}},
		{"v2 wins over rubysec scores", Vulnerability{Severity: []Severity{{"CVSS_V2", "AV:N/AC:L/Au:N/C:C/I:C/A:C"}}, DatabaseSpecific: json.RawMessage(`{"cvss_scores":{"cvss_v3":5.0}}`)},
			nil, rating{finding.Critical, true, "AV:N/AC:L/Au:N/C:C/I:C/A:C", 10}},
		{"v2 alone", Vulnerability{Severity: []Severity{{"CVSS_V2", "AV:N/AC:M/Au:N/C:N/I:P/A:N"}}},
			nil, rating{finding.Medium, true, "AV:N/AC:M/Au:N/C:N/I:P/A:N", 4.3}},
		{"bad vector falls through to GHSA word", Vulnerability{Severity: []Severity{{"CVSS_V3", "CVSS:3.1/AV:Q"}}, DatabaseSpecific: json.RawMessage(`{"severity":"MODERATE"}`)},
			nil, rating{severity: finding.Medium, known: true}},
		{"GHSA word", Vulnerability{DatabaseSpecific: json.RawMessage(`{"severity":"CRITICAL"}`)},
			nil, rating{severity: finding.Critical, known: true}},
		{"rubysec cvss_scores prefer v4", Vulnerability{DatabaseSpecific: json.RawMessage(`{"cvss_scores":{"cvss_v3":7.5,"cvss_v4":9.1}}`)},
			nil, rating{severity: finding.Critical, known: true, score: 9.1}},
		{"rubysec cvss_scores", Vulnerability{DatabaseSpecific: json.RawMessage(`{"cvss_scores":{"cvss_v2":4.3,"cvss_v3":7.5}}`)},
			nil, rating{severity: finding.High, known: true, score: 7.5}},
		{"victims cvss_v3_score string", Vulnerability{DatabaseSpecific: json.RawMessage(`{"cvss_v3_score":"5.9"}`)},
			nil, rating{severity: finding.Medium, known: true, score: 5.9}},
		{"affected-level vector", Vulnerability{}, []*Affected{{Severity: []Severity{{"CVSS_V3", v98}}}},
			rating{finding.Critical, true, v98, 9.8}},
		{"affected ecosystem_specific word", Vulnerability{}, []*Affected{{EcosystemSpecific: json.RawMessage(`{"severity":"low"}`)}},
			rating{severity: finding.Low, known: true}},
		{"ubuntu word", Vulnerability{Severity: []Severity{{"Ubuntu", "high"}}}, nil, rating{severity: finding.High, known: true}},
		{"unknown defaults to medium", Vulnerability{DatabaseSpecific: json.RawMessage(`{"severity":"whatever"}`)},
			nil, rating{severity: finding.Medium}},
		{"malformed database_specific", Vulnerability{DatabaseSpecific: json.RawMessage(`[1,2]`)}, nil, rating{severity: finding.Medium}},
		{"zero score is info", Vulnerability{Severity: []Severity{{"CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"}}},
			nil, rating{finding.Info, true, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := rate(&tc.vuln, tc.affected)
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(rating{})); diff != "" {
				t.Errorf("rate (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFromScore(t *testing.T) {
	for score, want := range map[float64]finding.Severity{10: finding.Critical, 9.0: finding.Critical, 8.9: finding.High, 7.0: finding.High,
		6.9: finding.Medium, 4.0: finding.Medium, 3.9: finding.Low, 0.1: finding.Low, 0: finding.Info} {
		if got := finding.SeverityFromScore(score); got != want {
			t.Errorf("SeverityFromScore(%v) = %v, want %v", score, got, want)
		}
	}
}

func TestRateFromAliases(t *testing.T) {
	const v59 = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H"
	goRec := simple("GO-2023-2402", "Go", "golang.org/x/crypto", Event{Introduced: "0"}, Event{Fixed: "0.17.0"})
	goRec.Aliases = []string{"CVE-2023-48795", "GHSA-45x7-px36-x8w8"}
	ghsa := simple("GHSA-45x7-px36-x8w8", "Go", "golang.org/x/crypto", Event{Introduced: "0"}, Event{Fixed: "0.17.0"})
	ghsa.Aliases = []string{"CVE-2023-48795"}
	ghsa.Severity = []Severity{{"CVSS_V3", v59}}
	lone := simple("GO-2020-0001", "Go", "golang.org/x/crypto", Event{Introduced: "0"})
	idx := buildIndex([]*Vulnerability{&goRec, &ghsa, &lone}, "go")
	got := map[string]rating{}
	for _, en := range idx[pkgKey{"go", "golang.org/x/crypto"}] {
		got[en.vuln.ID] = en.rating
	}
	want := map[string]rating{
		"GO-2023-2402":        {finding.High, true, v59, 7.4},
		"GHSA-45x7-px36-x8w8": {finding.High, true, v59, 7.4},
		"GO-2020-0001":        {severity: finding.Medium},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(rating{})); diff != "" {
		t.Errorf("ratings (-want +got):\n%s", diff)
	}
}
