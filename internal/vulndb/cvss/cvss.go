// Package cvss computes CVSS base scores from vector strings: v3.0 and v3.1
// exactly per the FIRST specification, v2 per its guide, and v4.0 by a
// documented approximation (see Score).
package cvss

import (
	"fmt"
	"math"
	"strings"
)

// Version returns the CVSS version a vector declares: "2.0", "3.0", "3.1",
// "4.0", or "" when it is not a CVSS vector.
func Version(vector string) string {
	v := strings.TrimSpace(vector)
	switch {
	case strings.HasPrefix(v, "CVSS:3.0/"):
		return "3.0"
	case strings.HasPrefix(v, "CVSS:3.1/"):
		return "3.1"
	case strings.HasPrefix(v, "CVSS:4.0/"):
		return "4.0"
	case strings.HasPrefix(v, "AV:") || strings.HasPrefix(v, "(AV:"):
		return "2.0"
	}
	return ""
}

// Score returns the base score (0.0 to 10.0) of a CVSS vector.
//
// v3.0 and v3.1 follow https://www.first.org/cvss/v3.1/specification-document
// §7 (including each version's Roundup). v2 follows
// https://www.first.org/cvss/v2/guide §3.2.1. v4.0 is approximated: the
// official v4 score needs the macro-vector lookup table of
// https://www.first.org/cvss/v4.0/specification-document §8, so instead the
// v4 base metrics are mapped onto v3.1 (AT:P raises AC to High, UI:P/A is
// UI:R, an impact on subsequent systems above the vulnerable system's is a
// scope change) and scored with the v3.1 formula. The approximation keeps the
// qualitative rating of common vectors (9.3 AV:N/AC:L/…/VC:H/VI:H/VA:H reads
// 9.8, both critical) but is not the official number.
func Score(vector string) (float64, error) {
	switch Version(vector) {
	case "3.0":
		return score3(vector, false)
	case "3.1":
		return score3(vector, true)
	case "4.0":
		return score4(vector)
	case "2.0":
		return score2(vector)
	}
	return 0, fmt.Errorf("cvss vector %q: unknown version prefix", vector)
}

// metrics splits "CVSS:3.1/AV:N/AC:L" into {AV:N, AC:L}, rejecting
// duplicates and malformed parts.
func metrics(vector string) (map[string]string, error) {
	v := strings.Trim(strings.TrimSpace(vector), "()")
	parts := strings.Split(v, "/")
	if strings.HasPrefix(parts[0], "CVSS:") {
		parts = parts[1:]
	}
	m := make(map[string]string, len(parts))
	for _, p := range parts {
		k, val, ok := strings.Cut(p, ":")
		if !ok || k == "" || val == "" {
			return nil, fmt.Errorf("cvss vector %q: malformed metric %q", vector, p)
		}
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("cvss vector %q: metric %s given twice", vector, k)
		}
		m[k] = val
	}
	return m, nil
}

// lookup reads mandatory metric k of m through the weights table.
func lookup(vector string, m map[string]string, k string, weights map[string]float64) (float64, error) {
	val, ok := m[k]
	if !ok {
		return 0, fmt.Errorf("cvss vector %q: missing metric %s", vector, k)
	}
	w, ok := weights[val]
	if !ok {
		return 0, fmt.Errorf("cvss vector %q: bad value %s:%s", vector, k, val)
	}
	return w, nil
}

var (
	v3AV  = map[string]float64{"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2}
	v3AC  = map[string]float64{"L": 0.77, "H": 0.44}
	v3PRU = map[string]float64{"N": 0.85, "L": 0.62, "H": 0.27}
	v3PRC = map[string]float64{"N": 0.85, "L": 0.68, "H": 0.5}
	v3UI  = map[string]float64{"N": 0.85, "R": 0.62}
	v3CIA = map[string]float64{"H": 0.56, "L": 0.22, "N": 0}
	v3S   = map[string]float64{"U": 0, "C": 1}
)

func score3(vector string, v31 bool) (float64, error) {
	m, err := metrics(vector)
	if err != nil {
		return 0, err
	}
	return base3(vector, m, v31)
}

func base3(vector string, m map[string]string, v31 bool) (float64, error) {
	var errs []error
	get := func(k string, w map[string]float64) float64 {
		x, err := lookup(vector, m, k, w)
		if err != nil {
			errs = append(errs, err)
		}
		return x
	}
	changed := get("S", v3S) == 1
	pr := v3PRU
	if changed {
		pr = v3PRC
	}
	av, ac, prw, ui := get("AV", v3AV), get("AC", v3AC), get("PR", pr), get("UI", v3UI)
	c, i, a := get("C", v3CIA), get("I", v3CIA), get("A", v3CIA)
	if len(errs) > 0 {
		return 0, errs[0]
	}
	iss := 1 - (1-c)*(1-i)*(1-a)
	impact := 6.42 * iss
	if changed {
		impact = 7.52*(iss-0.029) - 3.25*math.Pow(iss-0.02, 15)
	}
	if impact <= 0 {
		return 0, nil
	}
	expl := 8.22 * av * ac * prw * ui
	total := impact + expl
	if changed {
		total *= 1.08
	}
	total = math.Min(total, 10)
	if v31 {
		return roundup31(total), nil
	}
	return math.Ceil(total*10) / 10, nil
}

// roundup31 is CVSS v3.1's Roundup (Appendix A), which avoids float error.
func roundup31(x float64) float64 {
	n := int64(math.Round(x * 100000))
	if n%10000 == 0 {
		return float64(n) / 100000
	}
	return float64(n/10000+1) / 10
}

var (
	v2AV  = map[string]float64{"L": 0.395, "A": 0.646, "N": 1.0}
	v2AC  = map[string]float64{"H": 0.35, "M": 0.61, "L": 0.71}
	v2Au  = map[string]float64{"M": 0.45, "S": 0.56, "N": 0.704}
	v2CIA = map[string]float64{"N": 0, "P": 0.275, "C": 0.660}
)

func score2(vector string) (float64, error) {
	m, err := metrics(vector)
	if err != nil {
		return 0, err
	}
	var errs []error
	get := func(k string, w map[string]float64) float64 {
		x, err := lookup(vector, m, k, w)
		if err != nil {
			errs = append(errs, err)
		}
		return x
	}
	av, ac, au := get("AV", v2AV), get("AC", v2AC), get("Au", v2Au)
	c, i, a := get("C", v2CIA), get("I", v2CIA), get("A", v2CIA)
	if len(errs) > 0 {
		return 0, errs[0]
	}
	impact := 10.41 * (1 - (1-c)*(1-i)*(1-a))
	if impact == 0 {
		return 0, nil
	}
	expl := 20 * av * ac * au
	s := (0.6*impact + 0.4*expl - 1.5) * 1.176
	return math.Round(s*10) / 10, nil
}

// score4 approximates a v4.0 base score through v3.1; see Score.
func score4(vector string) (float64, error) {
	m, err := metrics(vector)
	if err != nil {
		return 0, err
	}
	for _, k := range []string{"AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"} {
		if _, ok := m[k]; !ok {
			return 0, fmt.Errorf("cvss vector %q: missing metric %s", vector, k)
		}
	}
	rank := map[string]int{"N": 0, "L": 1, "H": 2}
	for _, k := range []string{"VC", "VI", "VA", "SC", "SI", "SA"} {
		if _, ok := rank[m[k]]; !ok {
			return 0, fmt.Errorf("cvss vector %q: bad value %s:%s", vector, k, m[k])
		}
	}
	v3 := map[string]string{"AV": m["AV"], "AC": m["AC"], "PR": m["PR"], "S": "U"}
	if m["AT"] == "P" {
		v3["AC"] = "H"
	} else if m["AT"] != "N" {
		return 0, fmt.Errorf("cvss vector %q: bad value AT:%s", vector, m["AT"])
	}
	switch m["UI"] {
	case "N":
		v3["UI"] = "N"
	case "P", "A":
		v3["UI"] = "R"
	default:
		return 0, fmt.Errorf("cvss vector %q: bad value UI:%s", vector, m["UI"])
	}
	pairs := [][2]string{{"C", "VC"}, {"I", "VI"}, {"A", "VA"}}
	subs := []string{"SC", "SI", "SA"}
	sub := 0
	vuln := 0
	for i, p := range pairs {
		v3[p[0]] = m[p[1]]
		vuln = max(vuln, rank[m[p[1]]])
		sub = max(sub, rank[m[subs[i]]])
	}
	if sub > vuln {
		v3["S"] = "C"
		for i, p := range pairs {
			if rank[m[subs[i]]] > rank[v3[p[0]]] {
				v3[p[0]] = m[subs[i]]
			}
		}
	}
	return base3(vector, v3, true)
}
