package route

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/route/codeowners"
)

// TestExamples keeps the shipped example configuration and CODEOWNERS valid
// and routing as their comments say.
func TestExamples(t *testing.T) {
	dir := filepath.Join("..", "..", "examples", "github-actions")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("examples not present")
	}
	cfg, err := config.Load(filepath.Join(dir, "secaudit.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "CODEOWNERS"))
	if err != nil {
		t.Fatal(err)
	}
	owners, err := codeowners.Parse(data, "CODEOWNERS")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(res(
		fnd(finding.Vulnerability, finding.High, 4, "requirements.txt", "GHSA-1"),
		fnd(finding.Container, finding.Medium, 5, "Dockerfile", "root"),
		fnd(finding.Code, finding.Medium, 6, "src/app.py", "eval"),
		fnd(finding.Secret, finding.High, 3, "src/settings.py", "key"),
	), cfg, Options{Owners: owners})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int]string{}
	for _, inc := range p.Incidents {
		got[inc.ExitCode] = inc.Team + " " + inc.TeamInfo.SlackChannel
	}
	want := map[int]string{3: "security #sec-incidents", 4: "platform #platform-alerts", 5: "infrastructure #infra-alerts", 6: "development #code-quality"}
	for code, w := range want {
		if got[code] != w {
			t.Errorf("exit code %d routes to %q, want %q", code, got[code], w)
		}
	}
}
