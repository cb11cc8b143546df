package secrets

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
)

// TestHardNegatives lists text that looks like a secret but is not one; no
// rule may report any of it, in any file kind.
func TestHardNegatives(t *testing.T) {
	tests := []struct{ name, text string }{
		{"aws example key id", `aws_access_key_id = AKIAIOSFODNN7EXAMPLE`},
		{"aws example secret", `aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`},
		{"aws example secret 2", `secret_access_key: je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY`},
		{"jwt.io example", `Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`},
		{"slack docs token", `token = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy"`},
		{"stripe docs key", `stripe.api_key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"`},
		{"your-api-key", `api_key = "your-api-key"`},
		{"xxxx", `API_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxx`},
		{"angle placeholder", `token: <TOKEN>`},
		{"changeme", `password = "changeme123"`},
		{"shell variable", `password=${DB_PASSWORD}`},
		{"helm template", `password: {{ .Values.postgresql.password }}`},
		{"python environ", `SECRET_KEY = os.environ["SECRET_KEY"]`},
		{"python getenv", `api_key = os.getenv("API_KEY")`},
		{"node env", `const apiKey = process.env.API_KEY;`},
		{"go getenv", `token := os.Getenv("GITHUB_TOKEN")`},
		{"md5", `secret_hash = "5d41402abc4b2a76b9719d911017c592"`},
		{"sha1", `token = "da39a3ee5e6b4b0d3255bfef95601890afd80709"`},
		{"sha256", `secret = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"`},
		{"uuid", `api_key = "123e4567-e89b-12d3-a456-426614174000"`},
		{"git sha", `commit: 9fceb02d0ae598e95dc970b74767f19372d61af8`},
		{"npm integrity", `"integrity": "sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg=="`},
		{"yarn integrity", `  integrity sha1-3M5SwF9kTymManq5Nr1yTO/786Q=`},
		{"go.sum line", `golang.org/x/text v0.3.7 h1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk=`},
		{"ssh public key", `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7vbqajDhA2kz7sZ3sGk9YJ5tP1xXq8YvXj0s7yFbD8H3lRkQ9 user@host`},
		{"pem public key", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----"},
		{"certificate", "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----"},
		{"base64 image", `background: url(data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==);`},
		{"password prompt", `password_prompt = "Enter your password:"`},
		{"password field", `<input type="password" name="password">`},
		{"token url", `token_url: https://oauth2.googleapis.com/token`},
		{"secret name reference", `secretName: my-app-tls`},
		{"dummy db url", `DATABASE_URL=postgres://postgres:postgres@localhost:5432/app`},
		{"template db url", `DATABASE_URL=postgres://${USER}:${PASSWORD}@db:5432/app`},
		{"bad github checksum", `GITHUB_TOKEN=ghp_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5`},
		{"variable in code", `password = self.password`},
		{"typed field", `Password string ` + "`json:\"password\"`"},
		{"name inside a value", `"product_id": "libvirt-daemon-driver-secret-0:4.5.0-35.el8.x86_64"`},
		{"id of a secret", `SecretID: "fpjqlhnwb19zds35k7tf0lq9"`},
		{"truncated in docs", `"identitytoken": "9cbaf023786cd7..."`},
		{"base64 sentence", `AccessToken: "dGhpcyBpcyBhIHZhbHVl"`},
		{"base64 dummy password", `password: cGFzc3dvcmQ=`},
		{"sigv4 scope", `Authorization: AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYID/20170101/us-east-1/s3/aws4_request`},
		{"env var names", `Password: "XDG_CONFIG_HOME-bar"`},
		{"docker auth user:pass", `{"auths": {"r.example.com": {"auth": "dXNlcm5hbWU6cGFzc3dvcmQ="}}}`},
		{"url-encoded dummy", `"http://jane:p%40ssword@google.com"`},
		{"token shape in an image", `<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB+AKIA2OGYBAH6TAEXMPL3+AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY">`},
		{"list of names", `__all__ = ["IDToken", "CodeIDToken", "ImplicitIDToken", "HybridIDToken", "UserInfo"]`},
		{"pagination token", `"NextToken": "E5SlJDSTZleUxFUHBGdkN0cFB1U3ZrcTZ6TXF0SENZUTNSbnU3UmUyTm=="`},
		{"type annotation", `    private_key: rsa.RSAPrivateKey,`},
		{"format string", `msg = f'token: "{cur_token.__class__}"'`},
		{"date", `"PasswordLastUsed": "2016-06-06T17:36:07Z",`},
		{"crypto test vector", `SharedSecret: "46fc62106420ff012e54a434fbdd2d25ccc5852060561e68040dd7778997bd7b",`},
	}
	s := newTestScanner(t, config.Secrets{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, p := range []string{"config.yaml", ".env", "app.py", "main.go", "README.md"} {
				if got := scanString(t, s, p, tt.text); len(got) > 0 {
					t.Errorf("%s: got %s, want nothing", p, ruleIDs(got))
				}
			}
		})
	}
}

// TestFinding checks every field of a finding, and that the clear value
// appears nowhere in it.
func TestFinding(t *testing.T) {
	const key = "AKIA2OGYBAH6TAEXMPL3"
	const secret = "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"
	text := "# deploy\n[default]\naws_access_key_id = " + key + "\naws_secret_access_key = " + secret + "\n"
	s := newTestScanner(t, config.Secrets{})
	got := scanString(t, s, "deploy/credentials", text)
	want := []finding.Finding{
		{
			Category: finding.Secret, RuleID: "aws-access-token", Severity: finding.Critical, Confidence: "high",
			Title: "AWS access key ID", Message: "AWS access key ID found: " + finding.Redact(key),
			Location: finding.Location{Path: "deploy/credentials", StartLine: 3, StartColumn: 21, EndLine: 3, EndColumn: 40},
			Evidence: "aws_access_key_id = " + finding.Redact(key),
			CWE:      []string{"CWE-798"}, Tags: []string{"aws"}, Source: "secaudit/secrets",
			Fingerprint: finding.Fingerprint(finding.Secret, "aws-access-token", "deploy/credentials", finding.SecretKey(key)),
		},
		{
			Category: finding.Secret, RuleID: "aws-secret-access-key", Severity: finding.Critical, Confidence: "high",
			Title: "AWS secret access key", Message: "AWS secret access key found: " + finding.Redact(secret),
			Location: finding.Location{Path: "deploy/credentials", StartLine: 4, StartColumn: 25, EndLine: 4, EndColumn: 64},
			Evidence: "aws_secret_access_key = " + finding.Redact(secret),
			CWE:      []string{"CWE-798"}, Tags: []string{"aws"}, Source: "secaudit/secrets",
			Fingerprint: finding.Fingerprint(finding.Secret, "aws-secret-access-key", "deploy/credentials", finding.SecretKey(secret)),
		},
	}
	for i := range got {
		got[i].Fix = ""
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	for _, f := range got {
		all := f.Message + f.Evidence + f.Title + f.Fingerprint
		if strings.Contains(all, key) || strings.Contains(all, secret) {
			t.Errorf("%s: clear secret in finding %+v", f.RuleID, f)
		}
	}
}

// TestEvidenceRedactsEveryLineSecret: two secrets on one line, each finding's
// evidence hides both; a long line is cut to 200 bytes.
func TestEvidenceRedactsEveryLineSecret(t *testing.T) {
	a, b := "sk_live_Qm3xT9pLr2Vb8Nc4Kd7Wf1Hy", "xoxb-2389472938472-2938472938472-QpXrT4nB8vL2mK9sW3dF6hJz"
	line := strings.Repeat("pad ", 60) + "stripe=" + a + " slack=" + b + strings.Repeat(" tail", 60)
	got := scanString(t, newTestScanner(t, config.Secrets{}), "a.txt", line)
	if len(got) != 2 {
		t.Fatalf("got %d findings (%s), want 2", len(got), ruleIDs(got))
	}
	for _, f := range got {
		if strings.Contains(f.Evidence, a) || strings.Contains(f.Evidence, b) || len(f.Evidence) > maxEvidence {
			t.Errorf("%s: bad evidence %q", f.RuleID, f.Evidence)
		}
	}
}

func TestMultilinePrivateKey(t *testing.T) {
	body := "MIIEowIBAAKCAQEAwJ2Kx7VqP4tLmZ8nB3rY6sD1fH9gK2jW5cE0uA7iO4pQ\nzR8vT3yN6bM1xL9kJ2hG5fD8sA4wE7qU0iY3oP6lK9jH2gF5dS8aZ1xC4vB7n\n"
	text := "config:\n  key: |\n    -----BEGIN RSA PRIVATE KEY-----\n    " + body + "    -----END RSA PRIVATE KEY-----\n"
	got := scanString(t, newTestScanner(t, config.Secrets{}), "values.yaml", text)
	if len(got) != 1 || got[0].RuleID != "private-key" {
		t.Fatalf("got %s, want private-key", ruleIDs(got))
	}
	loc := got[0].Location
	if loc.StartLine != 3 || loc.EndLine != 6 || loc.StartColumn != 5 {
		t.Errorf("location %+v, want lines 3-6 from column 5", loc)
	}
}

func TestConfig(t *testing.T) {
	const internal = "INTERNAL-ab12cd34ef56gh78"
	text := "svc_token = " + internal + "\nGITLAB_TOKEN=glpat-Xq9vB2nL7mK4pR8sT1wZ\n"
	tests := []struct {
		name string
		cfg  config.Secrets
		path string
		want []string
	}{
		{"defaults", config.Secrets{}, "a.env", []string{"generic-api-key", "gitlab-pat"}},
		{"custom rule wins over generic", config.Secrets{Rules: []config.SecretRule{{
			ID: "internal-token", Regex: `INTERNAL-[a-z0-9]{16}`, Keywords: []string{"internal-"}, Severity: "critical",
		}}}, "a.env", []string{"internal-token", "gitlab-pat"}},
		{"custom rule without keywords", config.Secrets{Rules: []config.SecretRule{{
			ID: "internal-token", Regex: `(INTERNAL-[a-z0-9]{16})`, SecretGroup: 1,
		}}}, "a.env", []string{"internal-token", "gitlab-pat"}},
		{"custom rule path filter", config.Secrets{Rules: []config.SecretRule{{
			ID: "internal-token", Regex: `INTERNAL-[a-z0-9]{16}`, Keywords: []string{"internal-"}, Paths: []string{"deploy/**"},
		}}}, "a.env", []string{"generic-api-key", "gitlab-pat"}},
		// A rule that recognises a value's shape but rejects it also keeps
		// the generic rules quiet about it.
		{"custom rule entropy gate", config.Secrets{Rules: []config.SecretRule{{
			ID: "internal-token", Regex: `INTERNAL-[a-z0-9]{16}`, Keywords: []string{"internal-"}, Entropy: 5.5,
		}}}, "a.env", []string{"gitlab-pat"}},
		{"disabled rule", config.Secrets{Disable: []string{"gitlab-pat"}}, "a.env", []string{"generic-api-key", "generic-api-key"}},
		{"allowlist regex", config.Secrets{Allowlist: config.SecretAllowlist{Regexes: []string{`^glpat-Xq9`}}}, "a.env", []string{"generic-api-key"}},
		{"stopword", config.Secrets{Allowlist: config.SecretAllowlist{Stopwords: []string{"internal"}}}, "a.env", []string{"gitlab-pat"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestScanner(t, tt.cfg)
			got := strings.Split(ruleIDs(scanString(t, s, tt.path, text)), ",")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rules (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLongLine: a secret in the middle of a megabyte-long line is found by
// a keyword rule and by a custom rule without keywords.
func TestLongLine(t *testing.T) {
	s := newTestScanner(t, config.Secrets{Rules: []config.SecretRule{{ID: "internal-token", Regex: `INTERNAL-[a-z0-9]{16}`}}})
	pad := strings.Repeat("x=1;", 1<<18)
	text := pad + " sk_live_Qm3xT9pLr2Vb8Nc4Kd7Wf1Hy INTERNAL-ab12cd34ef56gh78 " + pad
	got := strings.Split(ruleIDs(scanString(t, s, "bundle.min.js", text)), ",")
	if diff := cmp.Diff([]string{"stripe-secret-key", "internal-token"}, got); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  config.Secrets
		want string
	}{
		{"bad regex", config.Secrets{Rules: []config.SecretRule{{ID: "x", Regex: `(`}}}, "secrets.rules[0]"},
		{"missing id", config.Secrets{Rules: []config.SecretRule{{Regex: `x`}}}, "id: required"},
		{"bad group", config.Secrets{Rules: []config.SecretRule{{ID: "x", Regex: `a(b)`, SecretGroup: 2}}}, "secret_group"},
		{"bad severity", config.Secrets{Rules: []config.SecretRule{{ID: "x", Regex: `a`, Severity: "urgent"}}}, "severity"},
		{"bad glob", config.Secrets{Allowlist: config.SecretAllowlist{Paths: []string{"a/[b"}}}, "allowlist.paths[0]"},
		{"bad allow regex", config.Secrets{Allowlist: config.SecretAllowlist{Regexes: []string{"("}}}, "allowlist.regexes[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(scan.Env{Config: &config.Config{Secrets: tt.cfg}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New: error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestWants(t *testing.T) {
	s := newTestScanner(t, config.Secrets{Allowlist: config.SecretAllowlist{Paths: []string{"testdata/**", "**/*.snap", "vendor", "third_party/"}}})
	tests := map[string]bool{
		"vendor/github.com/x/y.go": false, "third_party/a/b.txt": false, "vendored/a.go": true,
		"config/app.yaml": true, "package-lock.json": true, ".env": true, "go.sum": false, "sub/go.sum": false,
		"testdata/keys.pem": false, "ui/__snapshots__/a.snap": false, "logo.png": false, "app.jar": false,
	}
	for p, want := range tests {
		if got := s.Wants(p); got != want {
			t.Errorf("Wants(%q) = %v, want %v", p, got, want)
		}
	}
	if s.Name() != "secrets" {
		t.Errorf("Name() = %q", s.Name())
	}
}

func TestScanCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := newTestScanner(t, config.Secrets{})
	if _, err := s.Scan(ctx, scan.File{Path: "a", Data: []byte("x")}); err == nil {
		t.Error("Scan on a canceled context: want an error")
	}
}

// FuzzScan: any input scans without panicking, and no finding's evidence
// or message holds the value its fingerprint was built from in clear.
func FuzzScan(f *testing.F) {
	f.Add("aws_secret_access_key = Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdo\n")
	f.Add("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n")
	f.Add("password: \"p@ss\xffw0rd-Xy9!\"")
	s := newTestScanner(f, config.Secrets{})
	f.Fuzz(func(t *testing.T, data string) {
		got, err := s.Scan(context.Background(), scan.File{Path: "f.env", Data: []byte(data)})
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range got {
			if fd.Location.StartLine < 1 || fd.Location.StartColumn < 1 || fd.Location.EndLine < fd.Location.StartLine {
				t.Errorf("bad location %+v", fd.Location)
			}
		}
	})
}
