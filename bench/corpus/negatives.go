package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// negativeFormat is a hard negative: text that looks like a secret but is
// not one. line renders it for a file kind.
type negativeFormat struct {
	family string
	line   func(g *gen, k kind) []string
}

func (f negativeFormat) item(g *gen, k kind) item {
	return item{lines: f.line(g, k), family: f.family}
}

// assignNeg is a negative written as an ordinary assignment.
func assignNeg(family, name string, value func(g *gen) string) negativeFormat {
	return negativeFormat{family: family, line: func(g *gen, k kind) []string {
		return []string{k.assign(k.naming(name), value(g), true)}
	}}
}

// reference renders a read of a secret from the environment, in the
// idiom of each file kind.
func reference(g *gen, k kind) []string {
	names := []string{"api_key", "db_password", "stripe_secret_key", "github_token", "secret_key"}
	n := names[g.r.IntN(len(names))]
	env := strings.ToUpper(n)
	var v string
	switch k.name {
	case "py":
		return []string{k.naming(n) + ` = os.environ["` + env + `"]`}
	case "js":
		return []string{"const " + k.naming(n) + " = process.env." + env + ";"}
	case "go":
		return []string{"var " + k.naming(n) + ` = os.Getenv("` + env + `")`}
	case "tf":
		v = "${var." + n + "}"
	case "yaml":
		v = "{{ .Values." + k.naming(n) + " }}"
	default:
		v = "${" + env + "}"
	}
	return []string{k.assign(k.naming(n), v, false)}
}

// negativeFormats lists the hard negatives.
func negativeFormats() []negativeFormat {
	return []negativeFormat{
		assignNeg("example-key", "aws_access_key_id", c("AKIAIOSFODNN7EXAMPLE")),
		assignNeg("example-key", "aws_secret_access_key", c("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
		assignNeg("placeholder", "api_key", c("your-api-key")),
		assignNeg("placeholder", "github_token", c("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")),
		assignNeg("placeholder", "auth_token", c("<TOKEN>")),
		assignNeg("placeholder", "db_password", c("changeme")),
		assignNeg("placeholder", "stripe_secret_key", c("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx")),
		assignNeg("placeholder", "secret_key", c("REPLACE_ME_WITH_A_REAL_SECRET")),
		{family: "reference", line: reference},
		{family: "reference", line: reference},
		assignNeg("hash", "checksum_md5", r(hexLower, 32)),
		assignNeg("hash", "content_sha256", r(hexLower, 64)),
		assignNeg("hash", "secret_sha1", r(hexLower, 40)),
		assignNeg("git-sha", "commit", r(hexLower, 40)),
		assignNeg("uuid", "request_id", uuidV),
		assignNeg("uuid", "tenant_id", uuidV),
		assignNeg("integrity", "integrity", lit(c("sha512-"), r(b64, 86), c("=="))),
		assignNeg("public-key", "ssh_public_key", func(g *gen) string { return g.sshPublicKey() }),
		{family: "public-key", line: func(g *gen, k kind) []string {
			ls := g.publicKeyLines()
			if k.block != nil {
				return k.block(k.naming("jwt_public_key"), ls)
			}
			return ls
		}},
		assignNeg("base64-image", "logo", lit(c("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA"), r(b64, 120), c("="))),
		assignNeg("identifier", "password_field", c("user_password")),
		assignNeg("identifier", "token_url", c("https://oauth2.example.org/token")),
		assignNeg("identifier", "secret_name", c("billing-api-credentials")),
		// A GitHub token whose CRC32 checksum does not match is not one.
		assignNeg("bad-checksum", "github_token", lit(c("ghp_"), r(alnum, 36))),
		assignNeg("version", "image_digest", lit(c("nginx@sha256:"), r(hexLower, 64))),
	}
}

// writeFixedFiles writes the files whose shape is fixed: a go.sum and a
// package-lock.json (integrity hashes only), and a GCP service account key.
func writeFixedFiles(root string, g *gen) ([]Label, error) {
	var labels []Label
	var sum strings.Builder
	for i := range 40 {
		mod := fmt.Sprintf("github.com/%s/%s v1.%d.0", g.s("abcdefghijklmnopqrstuvwxyz", 6), g.s("abcdefghijklmnopqrstuvwxyz", 5), i)
		fmt.Fprintf(&sum, "%s h1:%s=\n%s/go.mod h1:%s=\n", mod, g.s(b64, 43), mod, g.s(b64, 43))
	}
	lock := "{\n  \"name\": \"web\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n"
	for i := range 30 {
		lock += fmt.Sprintf("    \"node_modules/pkg-%d\": {\n      \"version\": \"1.%d.0\",\n      \"resolved\": \"https://registry.npmjs.org/pkg-%d/-/pkg-%d-1.%d.0.tgz\",\n      \"integrity\": \"sha512-%s==\"\n    },\n", i, i, i, i, i, g.s(b64, 86))
		labels = append(labels, Label{Path: "web/package-lock.json", Line: 5 + 5*i + 3, Family: "integrity"})
	}
	lock += "    \"\": {}\n  }\n}\n"
	pk := g.pemKey("PKCS8")
	sa := fmt.Sprintf("{\n  \"type\": \"service_account\",\n  \"project_id\": \"billing-%s\",\n  \"private_key_id\": \"%s\",\n  \"private_key\": \"%s\\n\",\n  \"client_email\": \"ci@billing.iam.gserviceaccount.com\"\n}\n",
		g.s(lowerAN, 6), g.s(hexLower, 40), strings.Join(pk, `\n`))
	labels = append(labels,
		Label{Path: "deploy/gcp-service-account.json", Line: 4, Family: "gcp", IsSecret: true},
		Label{Path: "deploy/gcp-service-account.json", Line: 5, Family: "private-key", IsSecret: true})
	for p, data := range map[string]string{"go.sum": sum.String(), "web/package-lock.json": lock, "deploy/gcp-service-account.json": sa} {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			return nil, fmt.Errorf("write %s: %w", p, err)
		}
	}
	return labels, nil
}
