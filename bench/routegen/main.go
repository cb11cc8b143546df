// Command routegen writes a synthetic audit report and CODEOWNERS file for
// bench/route.sh: N findings across F files in 5 directories, each owned by
// one of the 5 default teams, spread over every exit class.
//
//	go run ./bench/routegen -findings 10000 -files 500 -out DIR
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

func main() {
	n := flag.Int("findings", 10000, "findings to generate")
	files := flag.Int("files", 500, "files to spread them over")
	out := flag.String("out", ".", "directory to write report.json and .github/CODEOWNERS into")
	flag.Parse()
	if err := run(*n, *files, *out); err != nil {
		fmt.Fprintln(os.Stderr, "routegen:", err)
		os.Exit(1)
	}
}

func run(n, files int, out string) error {
	if files < 1 {
		return fmt.Errorf("-files must be positive")
	}
	dirs := []string{"security", "platform", "infra", "src", "ops"}
	handles := []string{"@org/security-team", "@org/platform-team", "@org/infra-team", "@org/dev-team", "@org/devops"}
	owners := "* @org/devops\n"
	for i, d := range dirs {
		owners += fmt.Sprintf("/%s/ %s @user%d\n", d, handles[i], i)
	}
	kinds := []struct {
		cat   finding.Category
		sev   finding.Severity
		class int
	}{{finding.Secret, finding.High, 3}, {finding.Vulnerability, finding.Critical, 2}, {finding.Vulnerability, finding.High, 4},
		{finding.Container, finding.Medium, 5}, {finding.Code, finding.Medium, 6}, {finding.Vulnerability, finding.Low, 1}}
	res := result.Result{SchemaVersion: result.SchemaVersion, Tool: result.Tool{Name: "routegen"},
		Run: result.Run{Repository: "acme/bench", Branch: "main", Commit: "0000000", DefaultBranch: true}}
	counts := map[int]int{}
	for i := 0; i < n; i++ {
		file := i % files
		k := kinds[i%len(kinds)]
		f := finding.Finding{Category: k.cat, Severity: k.sev, ExitClass: k.class, RuleID: fmt.Sprintf("rule-%d", i%40),
			Title: "synthetic finding", Source: "routegen",
			Location: finding.Location{Path: fmt.Sprintf("%s/pkg%d/file%d.go", dirs[file%len(dirs)], file%17, file), StartLine: i%300 + 1}}
		f.SetFingerprint(fmt.Sprint(i))
		res.Findings = append(res.Findings, f)
		counts[k.class]++
	}
	for _, code := range []int{3, 2, 4, 5, 6, 1} {
		if counts[code] > 0 {
			res.Verdict.Classes = append(res.Verdict.Classes, result.Class{Code: code, Findings: counts[code]})
		}
	}
	if len(res.Verdict.Classes) > 0 {
		res.Verdict.ExitCode = res.Verdict.Classes[0].Code
	}
	data, err := json.Marshal(res)
	if err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(out, ".github"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "report.json"), data, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, ".github", "CODEOWNERS"), []byte(owners), 0o644)
}
