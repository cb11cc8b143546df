// Package cvss computes CVSS base scores from vector strings: v2, v3.0 and
// v3.1 per the FIRST specifications, and v4.0 with the official macro-vector
// scoring of github.com/pandatix/go-cvss (the library osv-scanner uses).
package cvss

import (
	"fmt"
	"math"
	"strings"

	cvss40 "github.com/pandatix/go-cvss/40"
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
// §7 (including each version's Roundup), v2 follows
// https://www.first.org/cvss/v2/guide §3.2.1, and v4.0 follows
// https://www.first.org/cvss/v4.0/specification-document §8 (macro vectors
// and their lookup table, through github.com/pandatix/go-cvss/40).
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

// score4 scores a v4.0 vector. The library is strict about metric order,
// as the specification is.
func score4(vector string) (float64, error) {
	c, err := cvss40.ParseVector(strings.TrimSpace(vector))
	if err != nil {
		return 0, fmt.Errorf("cvss vector %q: %w", vector, err)
	}
	return c.Score(), nil
}
