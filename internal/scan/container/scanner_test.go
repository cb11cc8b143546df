package container

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
)

func TestWants(t *testing.T) {
	s := newTestScanner(t, nil)
	for p, want := range map[string]bool{
		"Dockerfile":                      true,
		"build/Dockerfile.prod":           true,
		"api.Dockerfile":                  true,
		"svc/web.dockerfile":              true,
		"Containerfile":                   true,
		"Containerfile.ubi":               true,
		"docker-compose.yml":              true,
		"deploy/docker-compose.prod.yaml": true,
		"compose.yaml":                    true,
		"compose.override.yml":            true,
		"main.go":                         false,
		"docker-compose.json":             false,
		"README.Dockerfile.md":            false,
		"Dockerfile.go":                   false,
		"docs/Dockerfile.md":              false,
		"Dockerfile.j2":                   false,
		"Dockerfile.dockerignore":         false,
		"Dockerfile.rego":                 false,
		"dockerfiles/notes.txt":           false,
		".github/workflows/ci.yml":        true, // a possible Kubernetes manifest
		"deploy/app.json":                 false,
	} {
		if got := s.Wants(p); got != want {
			t.Errorf("Wants(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	s := newTestScanner(t, nil)
	for _, tc := range []struct {
		name, path, src string
		wantErr         []string // substrings of the error
		wantRules       []string // findings still reported
	}{
		{
			name: "unknown instruction", path: "Dockerfile",
			src:       "FROM debian\nFROBNICATE x\nEXPOSE 22\n",
			wantErr:   []string{"Dockerfile", "line 2", "unknown instruction"},
			wantRules: []string{"dockerfile-image-latest", "dockerfile-expose-ssh"},
		},
		{
			name: "instruction before FROM", path: "svc/Dockerfile",
			src:     "RUN make\n",
			wantErr: []string{"svc/Dockerfile", "no FROM"},
		},
		{
			name: "bad flag", path: "Dockerfile",
			src:       "FROM d:1\nRUN --network=bogus true\nUSER root\n",
			wantErr:   []string{"line 2", "bogus"},
			wantRules: []string{"dockerfile-root-user"},
		},
		{
			name: "bad yaml", path: "docker-compose.yml",
			src:     "services:\n  app:\n    image: [unclosed\n",
			wantErr: []string{"docker-compose.yml", "line"},
		},
		{
			name: "bad compose type", path: "compose.yaml",
			src:     "services:\n  app:\n    image: nginx:1\n    ports: 12\n",
			wantErr: []string{"compose.yaml", "line 4", "ports"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := scanOne(t, s, tc.path, tc.src)
			if err == nil {
				t.Fatalf("no error; findings %v", ruleIDs(got))
			}
			for _, sub := range tc.wantErr {
				if !strings.Contains(err.Error(), sub) {
					t.Errorf("error %q does not mention %q", err, sub)
				}
			}
			var rules []string
			for _, id := range ruleIDs(got) {
				if contains(tc.wantRules, id) {
					rules = append(rules, id)
				}
			}
			if len(rules) != len(tc.wantRules) {
				t.Errorf("findings %v, want to include %v", ruleIDs(got), tc.wantRules)
			}
		})
	}
}

func TestNotComposeYAML(t *testing.T) {
	s := newTestScanner(t, nil)
	for _, src := range []string{"", "# nothing\n", "name: x\nsteps: [a]\n", "- a\n- b\n"} {
		got, err := scanOne(t, s, "compose-notes.yml", src)
		if err != nil || len(got) != 0 {
			t.Errorf("%q: got %v, %v; want nothing", src, ruleIDs(got), err)
		}
	}
}

func TestDisable(t *testing.T) {
	src := "FROM debian\nEXPOSE 22\n"
	s := newTestScanner(t, nil, "dockerfile-image-latest", "dockerfile-missing-healthcheck", "dockerfile-root-user")
	got, err := scanOne(t, s, "Dockerfile", src)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"dockerfile-expose-ssh"}, ruleIDs(got)); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	cfg := &config.Config{}
	cfg.Container.Disable = []string{"dockerfile-no-such-rule"}
	if _, err := New(scan.Env{Config: cfg}); err == nil || !strings.Contains(err.Error(), "dockerfile-no-such-rule") {
		t.Errorf("New with unknown rule: err = %v, want it named", err)
	}
}

// TestLocations checks lines of multi-line instructions, heredocs, the
// escape directive and compose keys.
func TestLocations(t *testing.T) {
	type loc struct {
		Rule       string
		Start, End int
	}
	for _, tc := range []struct {
		name, path, src string
		want            []loc
	}{
		{
			name: "continuation and heredoc", path: "Dockerfile",
			src: "# syntax=docker/dockerfile:1\nFROM debian:12\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends \\\n      curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n" +
				"RUN <<EOF\nset -e\nchmod 777 /srv\nEOF\nUSER app\nHEALTHCHECK NONE\n",
			want: []loc{{"dockerfile-image-no-digest", 2, 2}, {"dockerfile-chmod-777", 6, 9}},
		},
		{
			name: "escape directive", path: "Dockerfile",
			src:  "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Invoke-WebRequest https://x.io/a.ps1 `\n    -OutFile a.ps1; cd C:\\app\nWORKDIR C:\\app\nUSER ContainerUser\nHEALTHCHECK NONE\n",
			want: []loc{{"dockerfile-image-no-digest", 2, 2}},
		},
		{
			name: "compose", path: "docker-compose.yml",
			src:  "version: \"3.8\"\nservices:\n  web:\n    image: nginx:1.25\n    privileged: true\n    cap_add:\n      - NET_BIND_SERVICE\n      - SYS_ADMIN\n    volumes:\n      - ./html:/usr/share/nginx/html\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
			want: []loc{{"compose-privileged", 5, 5}, {"compose-cap-add", 8, 8}, {"compose-docker-socket", 11, 11}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := scanOne(t, newTestScanner(t, nil), tc.path, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			var locs []loc
			for _, f := range got {
				locs = append(locs, loc{f.RuleID, f.Location.StartLine, f.Location.EndLine})
			}
			if diff := cmp.Diff(tc.want, locs); diff != "" {
				t.Errorf("locations (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNoSecretLeaks checks that no secret value appears in clear anywhere
// in a finding, whichever rule reported it.
func TestNoSecretLeaks(t *testing.T) {
	const pw = "Sup3rS3cretPassw0rd!"
	const tok = "ghp_0123456789abcdefghijABCDEFGHIJklmnop"
	for _, tc := range []struct{ path, src string }{
		{"Dockerfile", "FROM debian\nENV DB_PASSWORD=" + pw + " MODE=prod\nARG GH_TOKEN=" + tok + "\nRUN echo " + pw + " | sudo tee /etc/pw && chmod 777 /etc/pw\n"},
		{"Dockerfile", "FROM debian:12\nRUN git clone https://bot:" + tok + "@git.example.com/a.git && cd a | sh\nADD https://u:" + pw + "@x.example.com/a.tgz /\n"},
		{"k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: x\n      env:\n        - name: API_TOKEN\n          value: " + tok + "\n"},
		{"docker-compose.yml", "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: \"" + pw + "\"\n      X: 1\n"},
		{"compose.yml", "services:\n  db:\n    image: postgres\n    environment:\n      - POSTGRES_PASSWORD=" + pw + "\n      - GITHUB_TOKEN=" + tok + "\n"},
	} {
		got, _ := scanOne(t, newTestScanner(t, nil), tc.path, tc.src)
		if len(got) == 0 {
			t.Errorf("%s: no findings", tc.path)
		}
		b, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{pw, tok} {
			if strings.Contains(string(b), secret) {
				t.Errorf("%s: secret %q leaked: %s", tc.path, secret[:4], b)
			}
		}
	}
}

// TestFingerprintStable checks that fingerprints ignore line moves and
// re-indentation and differ between findings.
func TestFingerprintStable(t *testing.T) {
	a := "FROM debian:12\nRUN curl https://x.io/i | sh\nEXPOSE 22\n"
	b := "# a comment\n\nFROM debian:12\nRUN   curl https://x.io/i  |  sh\nLABEL a=b\nEXPOSE 22\n"
	fa, _ := scanOne(t, newTestScanner(t, nil), "Dockerfile", a)
	fb, _ := scanOne(t, newTestScanner(t, nil), "Dockerfile", b)
	byRule := func(fs []finding.Finding) map[string]string {
		m := map[string]string{}
		for _, f := range fs {
			m[f.RuleID] = f.Fingerprint
		}
		return m
	}
	ma, mb := byRule(fa), byRule(fb)
	if diff := cmp.Diff(ma, mb); diff != "" {
		t.Errorf("fingerprints changed (-a +b):\n%s", diff)
	}
	seen := map[string]string{}
	for id, fp := range ma {
		if other, dup := seen[fp]; dup {
			t.Errorf("rules %s and %s share fingerprint %s", id, other, fp)
		}
		seen[fp] = id
	}
}

func TestEvidenceBounded(t *testing.T) {
	src := "FROM debian:12\nRUN sudo true " + strings.Repeat("&& echo abcdefghij ", 50) + "\n"
	got, err := scanOne(t, newTestScanner(t, nil), "Dockerfile", src)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range got {
		if n := len([]rune(f.Evidence)); n > maxEvidence {
			t.Errorf("%s: evidence has %d runes, want <= %d", f.RuleID, n, maxEvidence)
		}
		if f.Category != finding.Container || f.Source != Source || len(f.Tags) != 1 || f.Fingerprint == "" || f.Fix == "" {
			t.Errorf("%s: incomplete finding %+v", f.RuleID, f)
		}
	}
}

// TestTolerated checks inputs that must load without error.
func TestTolerated(t *testing.T) {
	for _, tc := range []struct {
		name, path, src string
		want            []string
	}{
		{name: "empty dockerfile", path: "Dockerfile", src: ""},
		{name: "comments only", path: "Dockerfile", src: "# syntax=docker/dockerfile:1\n# nothing yet\n"},
		{name: "crlf", path: "Dockerfile", src: "FROM debian:12\r\nUSER root\r\nHEALTHCHECK NONE\r\n",
			want: []string{"dockerfile-image-no-digest", "dockerfile-root-user"}},
		{name: "variables where numbers go", path: "compose.yaml",
			src:  "services:\n  db:\n    image: ${DB_IMAGE}\n    ports: [\"${DB_PORT:-5432}:5432\"]\n    environment:\n      POSTGRES_PASSWORD: ${PW:?set it}\n    privileged: ${PRIV:-false}\n",
			want: []string{"compose-database-port-exposed"}},
		{name: "profiles, extends, env_file, include", path: "compose.yaml",
			src:  "include:\n  - other.yml\nservices:\n  dbg:\n    profiles: [debug]\n    extends:\n      file: base.yml\n      service: base\n    env_file: .env\n    image: busybox\n",
			want: []string{"compose-image-latest"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := scanOne(t, newTestScanner(t, nil), tc.path, tc.src)
			if err != nil {
				t.Fatalf("Scan: %v", err)
			}
			if diff := cmp.Diff(tc.want, ruleIDs(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("rules (-want +got):\n%s", diff)
			}
		})
	}
}

// TestConcurrentScan runs one scanner from many goroutines (run with -race).
func TestConcurrentScan(t *testing.T) {
	s := newTestScanner(t, nil)
	srcs := map[string]string{
		"Dockerfile":         "FROM debian\nRUN curl x | sh\nENV API_KEY=abcdef123456\n",
		"docker-compose.yml": "services:\n  a:\n    image: x\n    privileged: true\n",
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		for p, src := range srcs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := scanOne(t, s, p, src); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
}
