package code

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
)

type hit struct {
	Rule string
	Line int
}

func hitsOf(fs []finding.Finding) []hit {
	var out []hit
	for _, f := range fs {
		out = append(out, hit{f.RuleID, f.Location.StartLine})
	}
	return out
}

func TestScan(t *testing.T) {
	s := defaultScanner(t)
	tests := []struct {
		name    string
		path    string
		src     string
		want    []hit
		wantErr string
	}{
		{
			name: "go parse error keeps findings before it",
			path: "cmd/bad.go",
			src:  "package main\nimport \"crypto/md5\"\nfunc f() { md5.Sum(nil) }\nfunc g( {\n",
			want: []hit{{"go-weak-hash", 3}}, wantErr: "cmd/bad.go:4:",
		},
		{
			name: "go build tags are still scanned",
			path: "tools/gen.go",
			src:  "//go:build ignore\n\npackage main\nimport \"crypto/md5\"\nvar _ = md5.New()\n",
			want: []hit{{"go-weak-hash", 5}},
		},
		{
			name: "go nosec suppresses the line",
			path: "main.go",
			src:  "package main\nimport \"crypto/md5\"\nvar _ = md5.New() // #nosec G401\nvar _ = md5.New()\n",
			want: []hit{{"go-weak-hash", 4}},
		},
		{
			name: "go gosec:disable suppresses the line",
			path: "main.go",
			src:  "package main\nimport \"crypto/md5\"\nvar _ = md5.New() //gosec:disable G401\n",
		},
		{
			name: "go import alias resolved",
			path: "main.go",
			src:  "package main\nimport weak \"crypto/des\"\nvar c, _ = weak.NewCipher(nil)\n",
			want: []hit{{"go-weak-cipher", 3}},
		},
		{
			name: "python syntax error elsewhere is tolerated",
			path: "app/x.py",
			src:  "import os\ndef broken(:\n    pass\nos.system(cmd)\n",
			want: []hit{{"py-os-system", 4}},
		},
		{
			name: "python nosec",
			path: "app/x.py",
			src:  "import os\nos.system(cmd)  # nosec B605\n",
		},
		{
			name: "python assert in tests is fine",
			path: "tests/test_x.py",
			src:  "def test_a():\n    assert 1 == 1\n",
		},
		{
			name: "python alias of a module",
			path: "app/x.py",
			src:  "import pickle as p\nimport yaml as y\np.loads(b)\ny.load(s, Loader=y.FullLoader)\n",
			want: []hit{{"py-pickle-load", 3}, {"py-yaml-load", 4}},
		},
		{
			name: "javascript syntax error elsewhere is tolerated",
			path: "web/x.js",
			src:  "const a = ;\nlet = = 3;\neval(userInput);\nfunction ok() { return 1 }\n",
			want: []hit{{"js-eval", 3}},
		},
		{
			name: "typescript annotations around a finding",
			path: "web/x.ts",
			src:  "export function show(el: HTMLElement, html: string): void {\n  el.innerHTML = html;\n}\n",
			want: []hit{{"js-inner-html", 2}},
		},
		{
			name: "minified bundle is skipped",
			path: "web/bundle-abc123.js",
			src:  "eval(x);" + strings.Repeat("var a=b+c;", 3000) + "\n",
		},
		{
			name: "empty files",
			path: "web/empty.mjs",
			src:  "",
		},
		{
			name: "binary garbage in a .py file",
			path: "x.py",
			src:  "\x00\xff\xfe(((\x00",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := s.Scan(context.Background(), scan.File{Path: tt.path, Data: []byte(tt.src)})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, hitsOf(fs)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			for _, f := range fs {
				if f.Fingerprint == "" || f.Source != Source || f.Category != finding.Code || len(f.Tags) != 1 {
					t.Errorf("incomplete finding: %+v", f)
				}
			}
		})
	}
}

func TestScanCanceled(t *testing.T) {
	s := defaultScanner(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, p := range []string{"a.go", "a.py", "a.js"} {
		if _, err := s.Scan(ctx, scan.File{Path: p, Data: []byte("x = 1\n")}); err == nil {
			t.Errorf("%s: no error for a canceled context", p)
		}
	}
}

func TestFingerprintIgnoresLineNumbers(t *testing.T) {
	s := defaultScanner(t)
	a, _ := s.Scan(context.Background(), scan.File{Path: "x.py", Data: []byte("import os\nos.system(c)\n")})
	b, _ := s.Scan(context.Background(), scan.File{Path: "x.py", Data: []byte("import os\n\n\n    \nos.system(c)\n")})
	if len(a) != 1 || len(b) != 1 || a[0].Fingerprint != b[0].Fingerprint {
		t.Fatalf("fingerprints differ across unrelated edits: %v / %v", a, b)
	}
}

func TestEvidence(t *testing.T) {
	tests := []struct{ name, line, want string }{
		{"trimmed", "\t  eval(x)  ", "eval(x)"},
		{"credential on the line is redacted", `requests.get(u, verify=False, auth=("admin", "hunter2hunter2"))`,
			`requests.get(u, verify=False, auth=("admin", "` + finding.Redact("hunter2hunter2") + `"))`},
		{"prose kept", `db.execute("SELECT * FROM users WHERE token = " + t)`, `db.execute("SELECT * FROM users WHERE token = " + t)`},
		{"long line cut", strings.Repeat("é", 250), strings.Repeat("é", 199) + "…"},
		{"200 characters kept", strings.Repeat("é", 200), strings.Repeat("é", 200)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := evidence(tt.line); got != tt.want {
				t.Errorf("evidence(%q)\n got %q\nwant %q", tt.line, got, tt.want)
			}
		})
	}
}

func TestCustomRules(t *testing.T) {
	good := config.CodeRule{
		ID: "py-no-print", Language: "python", Severity: "low", Message: "no print",
		Query: `(call function: (identifier) @f (#eq? @f "print")) @match`,
	}
	s := newTestScanner(t, config.Code{Rules: []config.CodeRule{good}, Disable: []string{"py-eval"}})
	fs, err := s.Scan(context.Background(), scan.File{Path: "a.py", Data: []byte("print(1)\neval(x)\n")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]hit{{"py-no-print", 1}}, hitsOf(fs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if fs[0].Severity != finding.Low || fs[0].Message != "no print" || fs[0].Tags[0] != "python" {
		t.Errorf("custom finding = %+v", fs[0])
	}

	tests := []struct {
		name string
		cfg  config.Code
		want string
	}{
		{"bad query", config.Code{Rules: []config.CodeRule{{ID: "x", Language: "python", Query: "(call (("}}}, "rule x: query"},
		{"no match capture", config.Code{Rules: []config.CodeRule{{ID: "x", Language: "js", Query: "(call_expression) @c"}}}, "@match"},
		{"unknown node", config.Code{Rules: []config.CodeRule{{ID: "y", Language: "javascript", Query: "(nosuchnode) @match"}}}, "rule y"},
		{"language", config.Code{Rules: []config.CodeRule{{ID: "x", Language: "ruby", Query: "(x) @match"}}}, `code.rules[0] (x): language: "ruby"`},
		{"missing id", config.Code{Rules: []config.CodeRule{{Language: "python", Query: "(call) @match"}}}, "code.rules[0]: id: required"},
		{"duplicate id", config.Code{Rules: []config.CodeRule{{ID: "py-eval", Language: "python", Query: "(call) @match"}}}, "already a rule"},
		{"severity", config.Code{Rules: []config.CodeRule{{ID: "x", Language: "python", Severity: "huge", Query: "(call) @match"}}}, "severity"},
		{"unknown disable", config.Code{Disable: []string{"py-nope"}}, `code.disable[0]: unknown rule "py-nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newScanner(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestNewFromEnv(t *testing.T) {
	s, err := New(scan.Env{Config: config.Default()})
	if err != nil {
		t.Fatal(err)
	}
	if s.Name() != "code" {
		t.Errorf("Name() = %q", s.Name())
	}
	if _, err := New(scan.Env{}); err != nil {
		t.Errorf("New without config: %v", err)
	}
}

// TestScanConcurrent scans the golden sources from many goroutines at once
// (the Runner does) and expects the sequential results.
func TestScanConcurrent(t *testing.T) {
	s := defaultScanner(t)
	files, _ := filepath.Glob(filepath.Join("testdata", "src", "*"))
	want := map[string][]hit{}
	var inputs []scan.File
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f := scan.File{Path: filepath.Base(p), Data: data}
		fs, _ := s.Scan(context.Background(), f)
		want[f.Path] = hitsOf(fs)
		inputs = append(inputs, f)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				for _, f := range inputs {
					fs, _ := s.Scan(context.Background(), f)
					if diff := cmp.Diff(want[f.Path], hitsOf(fs)); diff != "" {
						errs <- f.Path + ": " + diff
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
