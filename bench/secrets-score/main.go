// Command secrets-score scores secret scanners against a labelled corpus
// (see bench/corpus): recall over the planted secrets and precision over
// the reported lines, matching findings to labels by path and line.
//
//	go run ./bench/secrets-score -labels DIR/labels.json -secaudit sa.json -gitleaks gl.json -root DIR
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// label is one planted line of the corpus.
type label struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Family   string `json:"family"`
	IsSecret bool   `json:"is_secret"`
}

// hit is one reported line.
type hit struct {
	Path string
	Line int
	Rule string
}

type key struct {
	path string
	line int
}

func main() {
	labelsPath := flag.String("labels", "", "labels.json of the corpus (required)")
	saPath := flag.String("secaudit", "", "secaudit JSON report (result.Result)")
	glPath := flag.String("gitleaks", "", "gitleaks JSON report")
	tvPath := flag.String("trivy", "", "trivy JSON report (trivy fs --scanners secret --format json)")
	root := flag.String("root", "", "corpus directory, stripped from gitleaks paths")
	verbose := flag.Bool("v", false, "list misses and false positives")
	flag.Parse()
	if err := run(*labelsPath, *saPath, *glPath, *tvPath, *root, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "secrets-score:", err)
		os.Exit(1)
	}
}

func run(labelsPath, saPath, glPath, tvPath, root string, verbose bool) error {
	if labelsPath == "" {
		return fmt.Errorf("-labels is required")
	}
	var labels []label
	if err := readJSON(labelsPath, &labels); err != nil {
		return err
	}
	fmt.Printf("%-10s %8s %8s %8s %8s %9s %10s\n", "tool", "secrets", "found", "recall", "reported", "correct", "precision")
	var sa, gl *result
	if saPath != "" {
		hits, err := secauditHits(saPath)
		if err != nil {
			return err
		}
		sa = score("secaudit", labels, hits, verbose)
	}
	if glPath != "" {
		hits, err := gitleaksHits(glPath, root)
		if err != nil {
			return err
		}
		gl = score("gitleaks", labels, hits, verbose)
	}
	if tvPath != "" {
		hits, err := trivyHits(tvPath)
		if err != nil {
			return err
		}
		score("trivy", labels, hits, verbose)
	}
	if sa != nil {
		ok := sa.recall >= 0.95 && sa.precision >= 0.95
		if gl != nil {
			ok = ok && sa.recall >= gl.recall && sa.precision >= gl.precision
		}
		verdict := "MET"
		if !ok {
			verdict = "NOT MET"
		}
		fmt.Printf("targets (recall and precision >= 0.95, and >= gitleaks'): %s\n", verdict)
	}
	return nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	return nil
}

func secauditHits(path string) ([]hit, error) {
	var res struct {
		Findings []struct {
			RuleID   string `json:"rule_id"`
			Category string `json:"category"`
			Location struct {
				Path      string `json:"path"`
				StartLine int    `json:"start_line"`
			} `json:"location"`
		} `json:"findings"`
	}
	if err := readJSON(path, &res); err != nil {
		return nil, err
	}
	var hits []hit
	for _, f := range res.Findings {
		if f.Category != "" && f.Category != "secret" {
			continue
		}
		hits = append(hits, hit{Path: f.Location.Path, Line: f.Location.StartLine, Rule: f.RuleID})
	}
	return hits, nil
}

func gitleaksHits(path, root string) ([]hit, error) {
	var res []struct {
		RuleID    string
		File      string
		StartLine int
	}
	if err := readJSON(path, &res); err != nil {
		return nil, err
	}
	absRoot, _ := filepath.Abs(root)
	var hits []hit
	for _, f := range res {
		p := filepath.ToSlash(f.File)
		for _, prefix := range []string{filepath.ToSlash(absRoot) + "/", filepath.ToSlash(filepath.Clean(root)) + "/"} {
			if root != "" {
				p = strings.TrimPrefix(p, prefix)
			}
		}
		hits = append(hits, hit{Path: p, Line: f.StartLine, Rule: f.RuleID})
	}
	return hits, nil
}

// result is one tool's score.
type result struct{ recall, precision float64 }

func trivyHits(path string) ([]hit, error) {
	var res struct {
		Results []struct {
			Target  string
			Secrets []struct {
				RuleID    string
				StartLine int
			}
		}
	}
	if err := readJSON(path, &res); err != nil {
		return nil, err
	}
	var hits []hit
	for _, r := range res.Results {
		for _, s := range r.Secrets {
			hits = append(hits, hit{Path: filepath.ToSlash(r.Target), Line: s.StartLine, Rule: s.RuleID})
		}
	}
	return hits, nil
}

// score prints recall (planted secrets reported) and precision (reported
// lines that hold a planted secret).
func score(tool string, labels []label, hits []hit, verbose bool) *result {
	byLine := map[key]label{}
	secrets := 0
	for _, l := range labels {
		byLine[key{l.Path, l.Line}] = l
		if l.IsSecret {
			secrets++
		}
	}
	reported := map[key][]string{}
	for _, h := range hits {
		k := key{h.Path, h.Line}
		reported[k] = append(reported[k], h.Rule)
	}
	found, correct := 0, 0
	var misses, fps []string
	for _, l := range labels {
		if !l.IsSecret {
			continue
		}
		if _, ok := reported[key{l.Path, l.Line}]; ok {
			found++
		} else {
			misses = append(misses, fmt.Sprintf("miss %s:%d %s", l.Path, l.Line, l.Family))
		}
	}
	for k, rules := range reported {
		if l, ok := byLine[k]; ok && l.IsSecret {
			correct++
		} else {
			fam := "unlabelled"
			if ok {
				fam = l.Family
			}
			fps = append(fps, fmt.Sprintf("false positive %s:%d %s (%s)", k.path, k.line, strings.Join(rules, ","), fam))
		}
	}
	recall, precision := ratio(found, secrets), ratio(correct, len(reported))
	fmt.Printf("%-10s %8d %8d %8.3f %8d %9d %10.3f\n", tool, secrets, found, recall, len(reported), correct, precision)
	if verbose {
		sort.Strings(misses)
		sort.Strings(fps)
		for _, s := range append(misses, fps...) {
			fmt.Printf("  %s: %s\n", tool, s)
		}
	}
	return &result{recall: recall, precision: precision}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
