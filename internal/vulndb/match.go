package vulndb

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"github.com/secaudit/secaudit/internal/vulndb/version"
)

// match returns the advisories among entries that affect ver, one per
// record ID, sorted by ID.
func match(entries []*entry, ecosystem, ver string) []Advisory {
	if len(entries) == 0 {
		return nil
	}
	parse := version.For(ecosystem)
	qv := parse(ver)
	seen := map[string]bool{}
	var out []Advisory
	for _, en := range entries {
		if seen[en.vuln.ID] {
			continue
		}
		p := en.prepare(parse)
		if !p.affects(ver, qv) {
			continue
		}
		seen[en.vuln.ID] = true
		out = append(out, en.advisory(p, qv))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// prepared is an entry with its versions parsed and its range events
// sorted, computed once per entry on its first query (entries of one index
// share one ordering).
type prepared struct {
	affected []preparedAffected
	fixed    []string
	fixedV   []version.Version
}

type preparedAffected struct {
	listed map[string]bool   // versions[], as written
	sorted []version.Version // versions[], parsed and sorted for binary search
	ranges [][]preparedEvent
}

type preparedEvent struct {
	Event
	zero bool // introduced "0"
	v    version.Version
}

func (en *entry) prepare(parse version.Ordering) *prepared {
	en.once.Do(func() {
		p := &prepared{}
		for _, a := range en.affected {
			p.affected = append(p.affected, prepareAffected(a, parse))
		}
		p.fixed = fixedVersions(en.affected, parse)
		for _, f := range p.fixed {
			p.fixedV = append(p.fixedV, parse(f))
		}
		en.prep = p
	})
	return en.prep
}

func (p *prepared) affects(ver string, qv version.Version) bool {
	for i := range p.affected {
		if p.affected[i].contains(ver, qv) {
			return true
		}
	}
	return false
}

// affects reports whether one affected entry includes a version; see
// preparedAffected.contains.
func affects(a *Affected, ver string, qv version.Version, parse version.Ordering) bool {
	pa := prepareAffected(a, parse)
	return pa.contains(ver, qv)
}

func prepareAffected(a *Affected, parse version.Ordering) preparedAffected {
	var pa preparedAffected
	if len(a.Versions) > 0 {
		pa.listed = make(map[string]bool, len(a.Versions))
		for _, v := range a.Versions {
			pa.listed[v] = true
			pa.sorted = append(pa.sorted, parse(v))
		}
		sort.SliceStable(pa.sorted, func(i, j int) bool { return pa.sorted[i].Compare(pa.sorted[j]) < 0 })
	}
	for _, r := range a.Ranges {
		if (r.Type != RangeSemVer && r.Type != RangeEcosystem) || len(r.Events) == 0 {
			continue // GIT ranges name commits, which no version string matches
		}
		pa.ranges = append(pa.ranges, sortedEvents(r.Events, parse))
	}
	return pa
}

// contains decides as osv-scanner does: the version is listed in versions
// (exactly, or equal in the ecosystem's ordering), or a SEMVER or ECOSYSTEM
// range holds it. An entry with neither ranges nor versions matches nothing.
//
// A range holds a version when, walking its events sorted by version
// ("introduced: 0" first, ties in record order), an introduced event at or
// below the version opens an interval that no later fixed (exclusive) or
// last_affected (inclusive) event closes. Limit events only bound a
// repository walk and do not change the result for a version.
func (pa *preparedAffected) contains(ver string, qv version.Version) bool {
	if pa.listed[ver] {
		return true
	}
	if i := sort.Search(len(pa.sorted), func(i int) bool { return pa.sorted[i].Compare(qv) >= 0 }); i < len(pa.sorted) && pa.sorted[i].Compare(qv) == 0 {
		return true
	}
	for _, events := range pa.ranges {
		affected := false
		for _, e := range events {
			if affected {
				switch {
				case e.Fixed != "":
					affected = qv.Compare(e.v) < 0
				case e.LastAffected != "":
					affected = e.LastAffected == ver || qv.Compare(e.v) <= 0
				}
			} else if e.Introduced != "" {
				affected = e.zero || qv.Compare(e.v) >= 0
			}
		}
		if affected {
			return true
		}
	}
	return false
}

func sortedEvents(events []Event, parse version.Ordering) []preparedEvent {
	ps := make([]preparedEvent, len(events))
	for i, e := range events {
		ps[i] = preparedEvent{Event: e, zero: e.Introduced == "0", v: parse(e.version())}
	}
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].zero != ps[j].zero {
			return ps[i].zero
		}
		if ps[i].zero {
			return false
		}
		return ps[i].v.Compare(ps[j].v) < 0
	})
	return ps
}

// fixedVersions lists the distinct fixed versions of SEMVER and ECOSYSTEM
// ranges in the ecosystem's order.
func fixedVersions(affected []*Affected, parse version.Ordering) []string {
	var fixed []string
	for _, a := range affected {
		for _, r := range a.Ranges {
			if r.Type != RangeSemVer && r.Type != RangeEcosystem {
				continue
			}
			for _, e := range r.Events {
				if e.Fixed != "" && !slices.Contains(fixed, e.Fixed) {
					fixed = append(fixed, e.Fixed)
				}
			}
		}
	}
	sort.SliceStable(fixed, func(i, j int) bool { return parse(fixed[i]).Compare(parse(fixed[j])) < 0 })
	return fixed
}

// advisory builds the Advisory of an entry for a queried version.
func (en *entry) advisory(p *prepared, qv version.Version) Advisory {
	v := en.vuln
	adv := Advisory{
		ID:            v.ID,
		Summary:       v.Summary,
		Severity:      en.rating.severity,
		SeverityKnown: en.rating.known,
		CVSS:          en.rating.vector,
		Score:         en.rating.score,
		Fixed:         slices.Clone(p.fixed),
		URL:           "https://osv.dev/vulnerability/" + v.ID,
		CWE:           slices.Clone(en.cwe),
	}
	for _, al := range v.Aliases {
		if al != v.ID && !slices.Contains(adv.Aliases, al) {
			adv.Aliases = append(adv.Aliases, al)
		}
	}
	for i, f := range p.fixedV {
		if f.Compare(qv) > 0 {
			adv.FixedAbove = p.fixed[i]
			break
		}
	}
	return adv
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return s
}

// cweIDs reads database_specific.cwe_ids; anything else there is ignored.
func cweIDs(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var ds struct {
		CWEIDs []string `json:"cwe_ids"`
	}
	if json.Unmarshal(raw, &ds) != nil {
		return nil
	}
	var out []string
	for _, id := range ds.CWEIDs {
		if strings.HasPrefix(id, "CWE-") && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
