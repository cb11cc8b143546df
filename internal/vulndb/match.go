package vulndb

import (
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
		if seen[en.vuln.ID] || !en.affects(ver, qv, parse) {
			continue
		}
		seen[en.vuln.ID] = true
		out = append(out, en.advisory(qv, parse))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (en *entry) affects(ver string, qv version.Version, parse version.Ordering) bool {
	for _, a := range en.affected {
		if affects(a, ver, qv, parse) {
			return true
		}
	}
	return false
}

// affects reports whether an affected entry includes a version, the way
// osv-scanner decides it: the version is listed in versions (exactly, or
// equal in the ecosystem's ordering), or a SEMVER or ECOSYSTEM range holds
// it. GIT ranges name commits, which a version string cannot match; an entry
// with neither ranges nor versions matches nothing.
func affects(a *Affected, ver string, qv version.Version, parse version.Ordering) bool {
	for _, v := range a.Versions {
		if v == ver || parse(v).Compare(qv) == 0 {
			return true
		}
	}
	for _, r := range a.Ranges {
		if rangeContains(r, ver, qv, parse) {
			return true
		}
	}
	return false
}

// rangeContains evaluates one range as osv-scanner does: events sorted by
// version ("introduced: 0" first, ties keep their order), then a walk in
// which an introduced event opens an interval at or below the version, and a
// fixed (exclusive) or last_affected (inclusive) event closes it. Limit
// events only bound where a repository walk stops and do not change the
// result for a version.
func rangeContains(r Range, ver string, qv version.Version, parse version.Ordering) bool {
	if r.Type != RangeSemVer && r.Type != RangeEcosystem {
		return false
	}
	if len(r.Events) == 0 {
		return false
	}
	events := sortedEvents(r.Events, parse)
	affected := false
	for _, e := range events {
		if affected {
			switch {
			case e.Fixed != "":
				affected = qv.Compare(parse(e.Fixed)) < 0
			case e.LastAffected != "":
				affected = e.LastAffected == ver || qv.Compare(parse(e.LastAffected)) <= 0
			}
		} else if e.Introduced != "" {
			affected = e.Introduced == "0" || qv.Compare(parse(e.Introduced)) >= 0
		}
	}
	return affected
}

func sortedEvents(events []Event, parse version.Ordering) []Event {
	type parsed struct {
		e    Event
		zero bool
		v    version.Version
	}
	ps := make([]parsed, len(events))
	for i, e := range events {
		ps[i] = parsed{e: e, zero: e.Introduced == "0", v: parse(e.version())}
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
	out := make([]Event, len(ps))
	for i, p := range ps {
		out[i] = p.e
	}
	return out
}

// advisory builds the Advisory of an entry for a queried version.
func (en *entry) advisory(qv version.Version, parse version.Ordering) Advisory {
	v := en.vuln
	adv := Advisory{
		ID:            v.ID,
		Summary:       v.Summary,
		Severity:      en.rating.severity,
		SeverityKnown: en.rating.known,
		CVSS:          en.rating.vector,
		Score:         en.rating.score,
		URL:           "https://osv.dev/vulnerability/" + v.ID,
	}
	for _, al := range v.Aliases {
		if al != v.ID && !slices.Contains(adv.Aliases, al) {
			adv.Aliases = append(adv.Aliases, al)
		}
	}
	adv.Fixed = en.fixed(parse)
	for _, f := range adv.Fixed {
		if parse(f).Compare(qv) > 0 {
			adv.FixedAbove = f
			break
		}
	}
	return adv
}

// fixed lists the distinct fixed versions of the entry's SEMVER and
// ECOSYSTEM ranges in the ecosystem's order.
func (en *entry) fixed(parse version.Ordering) []string {
	var fixed []string
	for _, a := range en.affected {
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
