// Command containerscan runs secaudit's container scanner over a directory
// and, given trivy's JSON results for the same directory, prints per-rule
// hit counts of both tools side by side for the rules they share. It is the
// engine of bench/container.sh and not part of the product.
//
// Usage:
//
//	containerscan [-trivy trivy.json] DIR
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/scan"
	"github.com/secaudit/secaudit/internal/scan/container"
)

// trivyRules maps trivy's Dockerfile check IDs to ours.
var trivyRules = container.TrivyChecks()

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "containerscan:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fl := flag.NewFlagSet("containerscan", flag.ContinueOnError)
	trivyJSON := fl.String("trivy", "", "trivy config --format json output for the same directory, or a directory of\nsuch outputs, one per subdirectory of DIR named <subdirectory>.json")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return errors.New("usage: containerscan [-trivy trivy.json] DIR")
	}
	root := fl.Arg(0)
	ours, files, perr, err := scanDir(ctx, root)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "secaudit: %d files, %d findings, %d files rejected by the parser\n", files, total(ours), perr)
	if *trivyJSON == "" {
		printOurs(out, ours)
		return nil
	}
	theirs, err := readTrivyPath(*trivyJSON)
	if err != nil {
		return err
	}
	printComparison(out, ours, theirs)
	return nil
}

// readTrivyPath reads one trivy report, or every <sub>.json report in a
// directory, prefixing targets with <sub>/.
func readTrivyPath(p string) (hits, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return readTrivy(p, "")
	}
	reports, err := filepath.Glob(filepath.Join(p, "*.json"))
	if err != nil {
		return nil, err
	}
	all := hits{}
	for _, r := range reports {
		h, err := readTrivy(r, strings.TrimSuffix(filepath.Base(r), ".json")+"/")
		if err != nil {
			return nil, err
		}
		for rule, files := range h {
			for f, c := range files {
				for i := 0; i < c; i++ {
					all.add(rule, f)
				}
			}
		}
	}
	return all, nil
}

// hits maps a rule to the set of files it fired on, with hit counts.
type hits map[string]map[string]int

func (h hits) add(rule, file string) {
	if h[rule] == nil {
		h[rule] = map[string]int{}
	}
	h[rule][file]++
}

func total(h hits) int {
	n := 0
	for _, fs := range h {
		for _, c := range fs {
			n += c
		}
	}
	return n
}

func scanDir(ctx context.Context, root string) (hits, int, int, error) {
	s, err := container.New(scan.Env{Root: root, FS: os.DirFS(root), Config: &config.Config{}})
	if err != nil {
		return nil, 0, 0, err
	}
	h := hits{}
	files, rejected := 0, 0
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if !s.Wants(rel) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		fs, serr := s.Scan(ctx, scan.File{Path: rel, Data: data})
		if serr != nil {
			rejected++
			fmt.Fprintln(os.Stderr, "warning:", serr)
		}
		for _, f := range fs {
			h.add(f.RuleID, rel)
		}
		return nil
	})
	return h, files, rejected, err
}

var dsID = regexp.MustCompile(`DS-?0*(\d+)`)

// readTrivy reads trivy's JSON report and returns failed Dockerfile checks
// by normalized ID ("DS001").
func readTrivy(p, prefix string) (hits, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var rep struct {
		Results []struct {
			Target            string
			Type              string
			Misconfigurations []struct {
				ID, AVDID, Status string
			}
		}
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, fmt.Errorf("parse %s: %w", p, err)
	}
	h := hits{}
	for _, r := range rep.Results {
		for _, m := range r.Misconfigurations {
			if m.Status != "" && m.Status != "FAIL" {
				continue
			}
			id := m.ID
			if mm := dsID.FindStringSubmatch(m.ID + " " + m.AVDID); mm != nil {
				n, _ := strconv.Atoi(mm[1])
				id = fmt.Sprintf("DS%03d", n)
			}
			h.add(id, prefix+r.Target)
		}
	}
	return h, nil
}

func printOurs(out io.Writer, ours hits) {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "rule\tfindings\tfiles")
	for _, r := range sortedKeys(ours) {
		n := 0
		for _, c := range ours[r] {
			n += c
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\n", r, n, len(ours[r]))
	}
	tw.Flush()
}

// printComparison prints, per trivy check, file-level agreement: files both
// tools flag, files only one flags, and hit counts.
func printComparison(out io.Writer, ours, theirs hits) {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "trivy\tsecaudit rule\ttrivy hits\tour hits\tfiles both\tonly trivy\tonly ours")
	var both, onlyT, onlyO int
	ids := sortedKeys(trivyRules)
	for _, id := range ids {
		ourFiles := map[string]int{}
		for _, r := range trivyRules[id] {
			for f, c := range ours[r] {
				ourFiles[f] += c
			}
		}
		b, t, o := agree(theirs[id], ourFiles)
		both, onlyT, onlyO = both+b, onlyT+t, onlyO+o
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\n", id, strings.Join(trivyRules[id], "+"),
			sum(theirs[id]), sum(ourFiles), b, t, o)
	}
	fmt.Fprintf(tw, "total\t\t\t\t%d\t%d\t%d\n", both, onlyT, onlyO)
	tw.Flush()
	if both+onlyT+onlyO > 0 {
		fmt.Fprintf(out, "file-level agreement on shared rules: %.1f%% (both / (both + only one))\n",
			100*float64(both)/float64(both+onlyT+onlyO))
	}
	for _, id := range sortedKeys(theirs) {
		if _, ok := trivyRules[id]; !ok {
			fmt.Fprintf(out, "trivy check without a secaudit equivalent: %s (%d hits)\n", id, sum(theirs[id]))
		}
	}
	mapped := map[string]bool{}
	for _, rs := range trivyRules {
		for _, r := range rs {
			mapped[r] = true
		}
	}
	fmt.Fprintln(out, "\nsecaudit rules without a trivy equivalent (findings, files):")
	for _, r := range sortedKeys(ours) {
		if !mapped[r] {
			fmt.Fprintf(out, "  %-40s %4d %4d\n", r, sum(ours[r]), len(ours[r]))
		}
	}
	if os.Getenv("VERBOSE") != "" {
		printDifferences(out, ours, theirs)
	}
}

// printDifferences lists, per shared rule, the files only one tool flags.
func printDifferences(out io.Writer, ours, theirs hits) {
	for _, id := range sortedKeys(trivyRules) {
		ourFiles := map[string]int{}
		for _, r := range trivyRules[id] {
			for f, c := range ours[r] {
				ourFiles[f] += c
			}
		}
		for _, f := range sortedKeys(theirs[id]) {
			if ourFiles[f] == 0 {
				fmt.Fprintf(out, "only trivy %s %s\n", id, f)
			}
		}
		for _, f := range sortedKeys(ourFiles) {
			if theirs[id][f] == 0 {
				fmt.Fprintf(out, "only ours  %s %s\n", id, f)
			}
		}
	}
}

func agree(t, o map[string]int) (both, onlyT, onlyO int) {
	for f := range t {
		if o[f] > 0 {
			both++
		} else {
			onlyT++
		}
	}
	for f := range o {
		if t[f] == 0 {
			onlyO++
		}
	}
	return both, onlyT, onlyO
}

func sum(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
