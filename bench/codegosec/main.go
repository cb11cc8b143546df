// Command codegosec measures secaudit's Go rules on gosec's own labelled
// samples (testutils/gXXX_samples.go in the gosec module): each sample is
// source code with the number of issues gosec must report. A sample counts
// as flagged when our mapped rule fires at least once on it.
//
//	go run ./bench/codegosec [-show G201] [GOSEC_MODULE_DIR]
//
// The default directory is gosec v2.30.0 in the module cache; the command
// skips with a message when it is absent.
package main

import (
	"context"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/secaudit/secaudit/internal/scan/code/golang"
	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

// mapping sends a gosec rule to the secaudit rules that cover it.
var mapping = map[string][]string{
	"G201": {"go-sql-injection"}, "G202": {"go-sql-injection"}, "G701": {"go-sql-injection"},
	"G204": {"go-command-injection"}, "G702": {"go-command-injection"},
	"G401": {"go-weak-hash"}, "G501": {"go-weak-hash"}, "G505": {"go-weak-hash"},
	"G403": {"go-weak-rsa-key"},
	"G405": {"go-weak-cipher"}, "G502": {"go-weak-cipher"}, "G503": {"go-weak-cipher"},
	"G402": {"go-tls-insecure-skip-verify", "go-tls-min-version", "go-tls-weak-cipher-suite"},
	"G404": {"go-weak-rand"},
	"G114": {"go-http-listen-no-timeout"}, "G112": {"go-http-server-no-timeout"},
	"G301": {"go-dir-permissions"}, "G302": {"go-file-permissions"}, "G306": {"go-file-permissions"},
	"G305": {"go-zip-slip"}, "G303": {"go-unsafe-tempfile"},
	"G304": {"go-path-traversal"}, "G703": {"go-path-traversal"},
	"G107": {"go-ssrf"}, "G704": {"go-ssrf"},
	"G203": {"go-unescaped-template"}, "G705": {"go-reflected-xss", "go-unescaped-template", "go-text-template-html"},
}

type sample struct {
	files []string
	want  int
}

func main() {
	show := flag.String("show", "", "print the misclassified samples of this gosec rule (G201...)")
	flag.Parse()
	dir := filepath.Join(os.Getenv("HOME"), "go/pkg/mod/github.com/securego/gosec/v2@v2.30.0")
	if flag.NArg() > 0 {
		dir = flag.Arg(0)
	}
	if _, err := os.Stat(filepath.Join(dir, "testutils")); err != nil {
		fmt.Println("gosec samples not found (go mod download github.com/securego/gosec/v2@v2.30.0): skipped")
		return
	}
	a := golang.New(nil)
	ids := make([]string, 0, len(mapping))
	for id := range mapping {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	fmt.Printf("%-6s %-60s %5s %5s %5s %5s\n", "gosec", "secaudit rule(s)", "TP", "FN", "FP", "TN")
	var tp, fn, fp, tn int
	for _, id := range ids {
		samples, err := load(filepath.Join(dir, "testutils", strings.ToLower(id)+"_samples.go"))
		if err != nil {
			fmt.Printf("%-6s %v\n", id, err)
			continue
		}
		var c [4]int
		for _, s := range samples {
			flagged := false
			for i, src := range s.files {
				hits, _ := a.Analyze(context.Background(), fmt.Sprintf("f%d.go", i), []byte(src))
				flagged = flagged || covers(hits, mapping[id])
			}
			if id == *show && (s.want > 0) != flagged {
				fmt.Printf("--- %s want %d, flagged %v:\n%s\n", id, s.want, flagged, strings.Join(s.files, "\n// next file\n"))
			}
			switch {
			case s.want > 0 && flagged:
				c[0]++
			case s.want > 0:
				c[1]++
			case flagged:
				c[2]++
			default:
				c[3]++
			}
		}
		tp, fn, fp, tn = tp+c[0], fn+c[1], fp+c[2], tn+c[3]
		fmt.Printf("%-6s %-60s %5d %5d %5d %5d\n", id, strings.Join(mapping[id], " + "), c[0], c[1], c[2], c[3])
	}
	fmt.Printf("%-6s %-60s %5d %5d %5d %5d\n", "total", "", tp, fn, fp, tn)
}

func covers(hits []rule.Hit, ids []string) bool {
	for _, h := range hits {
		for _, id := range ids {
			if h.Rule.ID == id {
				return true
			}
		}
	}
	return false
}

// load reads the CodeSample literals of one samples file: {[]string{src...}, n, cfg}.
func load(path string) ([]sample, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	var out []sample
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok || len(lit.Elts) < 2 {
			return true
		}
		srcs, ok := lit.Elts[0].(*ast.CompositeLit)
		if !ok {
			return true
		}
		num, ok := lit.Elts[1].(*ast.BasicLit)
		if !ok || num.Kind != token.INT {
			return true
		}
		var s sample
		s.want, _ = strconv.Atoi(num.Value)
		for _, e := range srcs.Elts {
			if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
				if v, err := strconv.Unquote(b.Value); err == nil {
					s.files = append(s.files, v)
				}
			}
		}
		if len(s.files) > 0 {
			out = append(out, s)
		}
		return false
	})
	return out, nil
}
