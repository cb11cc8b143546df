package route

import (
	"embed"
	"fmt"
	"os"
	"path/filepath"

	"github.com/secaudit/secaudit/internal/config"
)

// builtinPlaybooks are the spec's "Response Playbooks", one file per exit
// code.
//
//go:embed playbooks/*.md
var builtinPlaybooks embed.FS

// BuiltinPlaybook returns the embedded playbook of an exit code, or "" when
// there is none.
func BuiltinPlaybook(code int) string {
	data, err := builtinPlaybooks.ReadFile(fmt.Sprintf("playbooks/exit-code-%d.md", code))
	if err != nil {
		return ""
	}
	return string(data)
}

// LoadPlaybooks reads the playbooks the configuration names
// (routes[].playbook, relative to the configuration file) and returns them
// by exit code. Codes without an override are absent: Build falls back to
// BuiltinPlaybook.
func LoadPlaybooks(cfg *config.Config) (map[int]string, error) {
	out := map[int]string{}
	base := "."
	if cfg.Path != "" {
		base = filepath.Dir(cfg.Path)
	}
	for i, r := range cfg.Routes {
		if r.Playbook == "" {
			continue
		}
		p := r.Playbook
		if !filepath.IsAbs(p) {
			p = filepath.Join(base, p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("routes[%d].playbook: %w", i, err)
		}
		out[r.ExitCode] = string(data)
	}
	return out, nil
}
