package vulndb

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/vulndb/cvss"
)

// rating is how severe an advisory is and what said so.
type rating struct {
	severity finding.Severity
	known    bool
	vector   string
	score    float64
}

// rate decides an advisory's severity. The rule, first match wins:
//
//  1. A CVSS vector in severity[] (the record's, then the affected
//     package's): CVSS_V4, else CVSS_V3, the highest base score if several
//     of that type. GitHub rates its advisories from the v4 vector when there
//     is one, else from v3; osv-scanner scores the same vectors. A vector is
//     reproducible evidence, so it wins over a curated word.
//  2. database_specific.severity: GHSA's CRITICAL, HIGH, MODERATE, LOW.
//  3. A CVSS_V2 vector (older than the word where both exist).
//  4. Ecosystem-specific numbers and words: database_specific.cvss_scores
//     (RubySec: cvss_v4, then cvss_v3, then cvss_v2), cvss_v3_score
//     (victims), a "severity" word in an affected entry's ecosystem_specific
//     or database_specific, an "Ubuntu" severity word.
//  5. Otherwise the highest rating of a record sharing an ID or alias with
//     it in the same index (rateFromAliases), else medium with known false.
//
// Base scores map as CVSS ratings do: critical >= 9.0, high >= 7.0,
// medium >= 4.0, low > 0, info for 0.0.
func rate(v *Vulnerability, affected []*Affected) rating {
	sevs := append([]Severity(nil), v.Severity...)
	for _, a := range affected {
		sevs = append(sevs, a.Severity...)
	}
	for _, typ := range []string{"CVSS_V4", "CVSS_V3"} {
		if r, ok := bestVector(sevs, typ); ok {
			return r
		}
	}
	if r, ok := rateDatabaseSpecific(v.DatabaseSpecific, true); ok {
		return r
	}
	if r, ok := bestVector(sevs, "CVSS_V2"); ok {
		return r
	}
	if r, ok := rateDatabaseSpecific(v.DatabaseSpecific, false); ok {
		return r
	}
	for _, a := range affected {
		for _, raw := range []json.RawMessage{a.EcosystemSpecific, a.DatabaseSpecific} {
			if r, ok := rateDatabaseSpecific(raw, false); ok {
				return r
			}
		}
	}
	for _, s := range sevs {
		if strings.EqualFold(s.Type, "Ubuntu") {
			if sev, err := finding.ParseSeverity(s.Score); err == nil {
				return rating{severity: sev, known: true}
			}
		}
	}
	return rating{severity: finding.Medium}
}

// bestVector rates the highest-scoring valid vector of one severity type.
func bestVector(sevs []Severity, typ string) (rating, bool) {
	best := rating{score: -1}
	for _, s := range sevs {
		if !strings.EqualFold(s.Type, typ) {
			continue
		}
		score, err := cvss.Score(s.Score)
		if err != nil || score <= best.score {
			continue
		}
		best = rating{severity: finding.SeverityFromScore(score), known: true, vector: strings.TrimSpace(s.Score), score: score}
	}
	return best, best.known
}

// specificSeverity is the part of a database_specific or ecosystem_specific
// object that says how severe an advisory is.
type specificSeverity struct {
	Severity    any            `json:"severity"`
	CVSSScores  map[string]any `json:"cvss_scores"`
	CVSSV3Score any            `json:"cvss_v3_score"`
}

// rateDatabaseSpecific rates a database_specific or ecosystem_specific
// object: by its severity word only when wordOnly, else by the word or the
// scores it carries.
func rateDatabaseSpecific(raw json.RawMessage, wordOnly bool) (rating, bool) {
	if len(raw) == 0 {
		return rating{}, false
	}
	var ds specificSeverity
	if err := json.Unmarshal(raw, &ds); err != nil {
		return rating{}, false
	}
	if word, ok := ds.Severity.(string); ok {
		if sev, err := finding.ParseSeverity(word); err == nil {
			return rating{severity: sev, known: true}, true
		}
	}
	if wordOnly {
		return rating{}, false
	}
	for _, k := range []string{"cvss_v4", "cvss_v3", "cvss_v2"} {
		if score, ok := number(ds.CVSSScores[k]); ok {
			return rating{severity: finding.SeverityFromScore(score), known: true, score: score}, true
		}
	}
	if score, ok := number(ds.CVSSV3Score); ok {
		return rating{severity: finding.SeverityFromScore(score), known: true, score: score}, true
	}
	return rating{}, false
}

// number reads a score given as a JSON number or a numeric string.
func number(x any) (float64, bool) {
	var f float64
	switch n := x.(type) {
	case float64:
		f = n
	case string:
		var err error
		if f, err = strconv.ParseFloat(strings.TrimSpace(n), 64); err != nil {
			return 0, false
		}
	default:
		return 0, false
	}
	if f < 0 || f > 10 {
		return 0, false
	}
	return f, true
}
