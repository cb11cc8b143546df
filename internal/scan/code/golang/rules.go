package golang

import (
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

// Rules returns the built-in Go rules, each with the snippets it must and
// must not flag.
func Rules() []rule.Rule {
	rules := table()
	for i := range rules {
		rules[i].Language = "go"
	}
	return rules
}

func table() []rule.Rule {
	return []rule.Rule{
		{
			ID: "go-sql-injection", Peer: "G201/G202", CWE: []string{"CWE-89"}, Severity: finding.High, Confidence: "high",
			Title:   "SQL query built from non-constant strings",
			Message: "The query passed to a database/sql method is built by concatenation or fmt.Sprintf from values that are not constants; an attacker who controls one can change the statement.",
			Fix:     "Use placeholders (? or $1) and pass the values as arguments to Query/Exec.",
			Positive: []string{
				"package p\nimport \"database/sql\"\nfunc f(db *sql.DB, id string) { db.Query(\"SELECT * FROM users WHERE id = \" + id) }\n",
				"package p\nimport (\"fmt\"; \"context\")\nfunc f(ctx context.Context, db DB, name string) { db.ExecContext(ctx, fmt.Sprintf(\"DELETE FROM t WHERE name = '%s'\", name)) }\n",
				"package p\nfunc f(db DB, o string) { q := \"SELECT a FROM t ORDER BY \"; q += o; db.QueryRow(q) }\n",
				"package p\nfunc f(db DB, o string) { q := \"SELECT a FROM t WHERE b = \"; q = q + o; db.Query(q) }\n",
				"package p\nfunc build(n string) string { return \"SELECT * FROM t WHERE n = '\" + n + \"'\" }\nfunc f(db DB, n string) { q := build(n); db.Query(q) }\n",
				"package p\nimport \"fmt\"\nfunc f(db *gorm.DB, name string) { db.Where(fmt.Sprintf(\"name = '%s'\", name)).Find(&u) }\n",
				"package p\nfunc f(db *gorm.DB, col string) { db.Order(col + \" desc\").Find(&u) }\n",
			},
			Negative: []string{
				"package p\nfunc f(db DB, id string) { db.Query(\"SELECT * FROM users WHERE id = ?\", id) }\n",
				"package p\nconst table = \"users\"\nfunc f(db DB) { db.Query(\"SELECT * FROM \" + table) }\n",
				"package p\nimport \"fmt\"\nfunc f(db DB, n int) { db.Query(fmt.Sprintf(\"SELECT * FROM t LIMIT %d\", n)) }\n",
				"package p\nfunc f(t T, name string) { t.Exec(\"hello \" + name) }\n",
				"package p\nfunc f(db *gorm.DB, name string) { db.Where(\"name = ?\", name).Find(&u) }\n",
				"package p\nfunc f(q Q, a string) { q.Where(a + b) }\n",
				"package p\nimport \"strconv\"\nfunc f(db DB, id int) { db.Query(\"SELECT * FROM t WHERE id = \" + strconv.Itoa(id)) }\n",
				"package p\nimport (\"fmt\"; \"github.com/lib/pq\")\nfunc f(db DB, t string) { db.Query(fmt.Sprintf(\"SELECT * FROM %s\", pq.QuoteIdentifier(t))) }\n",
				"package p\nfunc f(db DB, o string) { q := \"SELECT a FROM t ORDER BY \" + o; q = \"SELECT a FROM t\"; db.Query(q) }\n",
			},
		},
		{
			ID: "go-command-injection", Peer: "G204", CWE: []string{"CWE-78"}, Severity: finding.High, Confidence: "high",
			Title:   "Shell command built from non-constant input",
			Message: "exec.Command runs a shell with a command line that is not a constant; shell metacharacters in it run arbitrary commands.",
			Fix:     "Run the program directly with exec.Command(name, args...) and pass untrusted values as separate arguments, never through sh -c.",
			Positive: []string{
				"package p\nimport \"os/exec\"\nfunc f(file string) { exec.Command(\"sh\", \"-c\", \"cat \"+file).Run() }\n",
				"package p\nimport (x \"os/exec\"; \"context\")\nfunc f(ctx context.Context, s string) { x.CommandContext(ctx, \"/bin/bash\", \"-c\", s).Run() }\n",
				"package p\nimport (\"net/http\"; \"os/exec\")\nfunc h(w http.ResponseWriter, r *http.Request) { exec.Command(\"git\", \"log\", r.URL.Query().Get(\"ref\")).Run() }\n",
			},
			Negative: []string{
				"package p\nimport \"os/exec\"\nfunc f(file string) { exec.Command(\"cat\", file).Run() }\n",
				"package p\nimport \"os/exec\"\nfunc f() { exec.Command(\"sh\", \"-c\", \"ls -l\").Run() }\n",
			},
		},
		{
			ID: "go-weak-hash", Peer: "G401/G501/G505", CWE: []string{"CWE-328"}, Severity: finding.Medium, Confidence: "high",
			Title:   "Weak hash function (MD5 or SHA-1)",
			Message: "MD5 and SHA-1 are broken for collision resistance and must not protect integrity, signatures or passwords.",
			Fix:     "Use crypto/sha256 (or SHA-3); for passwords use bcrypt, scrypt or argon2.",
			Positive: []string{
				"package p\nimport \"crypto/md5\"\nfunc f(b []byte) [16]byte { return md5.Sum(b) }\n",
				"package p\nimport h \"crypto/sha1\"\nfunc f() { _ = h.New() }\n",
			},
			Negative: []string{
				"package p\nimport \"crypto/sha256\"\nfunc f(b []byte) [32]byte { return sha256.Sum256(b) }\n",
				"package p\nimport (\"crypto/hmac\"; \"crypto/sha1\")\nfunc f(k []byte) { _ = hmac.New(sha1.New, k) }\n",
				"package p\nfunc f(md5 M) { md5.Sum(nil) }\n",
			},
		},
		{
			ID: "go-weak-cipher", Peer: "G405/G406/G502/G503", CWE: []string{"CWE-327"}, Severity: finding.High, Confidence: "high",
			Title:   "Broken cipher (DES, 3DES or RC4)",
			Message: "DES, triple DES and RC4 are broken or too weak to protect data.",
			Fix:     "Use AES-GCM (crypto/aes with crypto/cipher.NewGCM) or golang.org/x/crypto/chacha20poly1305.",
			Positive: []string{
				"package p\nimport \"crypto/des\"\nfunc f(k []byte) { des.NewCipher(k) }\n",
				"package p\nimport \"crypto/rc4\"\nfunc f(k []byte) { rc4.NewCipher(k) }\n",
			},
			Negative: []string{"package p\nimport \"crypto/aes\"\nfunc f(k []byte) { aes.NewCipher(k) }\n"},
		},
		{
			ID: "go-weak-rsa-key", Peer: "G403", CWE: []string{"CWE-326"}, Severity: finding.Medium, Confidence: "high",
			Title:    "RSA key shorter than 2048 bits",
			Message:  "RSA keys under 2048 bits can be factored with feasible resources (NIST SP 800-131A disallows them).",
			Fix:      "Generate at least 2048-bit keys (3072 for use past 2030), or use ECDSA/Ed25519.",
			Positive: []string{"package p\nimport (\"crypto/rand\"; \"crypto/rsa\")\nfunc f() { rsa.GenerateKey(rand.Reader, 1024) }\n"},
			Negative: []string{"package p\nimport (\"crypto/rand\"; \"crypto/rsa\")\nfunc f() { rsa.GenerateKey(rand.Reader, 2048) }\n"},
		},
		{
			ID: "go-tls-insecure-skip-verify", Peer: "G402", CWE: []string{"CWE-295"}, Severity: finding.High, Confidence: "high",
			Title:   "TLS certificate verification disabled",
			Message: "InsecureSkipVerify: true accepts any certificate, so a man in the middle can read and change the traffic.",
			Fix:     "Remove InsecureSkipVerify; to trust a private CA, add it to tls.Config.RootCAs.",
			Positive: []string{
				"package p\nimport \"crypto/tls\"\nvar c = &tls.Config{InsecureSkipVerify: true}\n",
				"package p\nfunc f(c *T) { c.InsecureSkipVerify = true }\n",
				"package p\nimport \"crypto/tls\"\nvar c = &tls.Config{InsecureSkipVerify: !false}\n",
			},
			Negative: []string{"package p\nimport \"crypto/tls\"\nvar c = &tls.Config{InsecureSkipVerify: false}\n"},
		},
		{
			ID: "go-tls-min-version", Peer: "G402", CWE: []string{"CWE-327"}, Severity: finding.Medium, Confidence: "high",
			Title:   "TLS version below 1.2 allowed",
			Message: "MinVersion (or MaxVersion) allows SSL 3.0, TLS 1.0 or TLS 1.1, deprecated by RFC 8996 for known weaknesses.",
			Fix:     "Set MinVersion: tls.VersionTLS12 or higher, and do not cap MaxVersion below it.",
			Positive: []string{
				"package p\nimport \"crypto/tls\"\nvar c = &tls.Config{MinVersion: tls.VersionTLS10}\n",
				"package p\nimport t \"crypto/tls\"\nfunc f(c *t.Config) { c.MinVersion = t.VersionTLS11 }\n",
			},
			Negative: []string{"package p\nimport \"crypto/tls\"\nvar c = &tls.Config{MinVersion: tls.VersionTLS12}\n"},
		},
		{
			ID: "go-tls-weak-cipher-suite", Peer: "G402", CWE: []string{"CWE-327"}, Severity: finding.Medium, Confidence: "high",
			Title:    "Weak TLS cipher suite",
			Message:  "The suite uses RSA key exchange (no forward secrecy), RC4, 3DES or CBC mode, which Mozilla's intermediate profile rejects.",
			Fix:      "Leave CipherSuites unset (Go picks secure suites) or list only ECDHE suites with AES-GCM or ChaCha20-Poly1305.",
			Positive: []string{"package p\nimport \"crypto/tls\"\nvar c = &tls.Config{CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256}}\n"},
			Negative: []string{"package p\nimport \"crypto/tls\"\nvar c = &tls.Config{CipherSuites: []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}}\n"},
		},
		{
			ID: "go-weak-rand", Peer: "G404", CWE: []string{"CWE-338"}, Severity: finding.Medium, Confidence: "medium",
			Title:   "math/rand used for a secret value",
			Message: "math/rand is predictable; a token, key, nonce or password made with it can be guessed.",
			Fix:     "Use crypto/rand (rand.Read, rand.Text) for anything secret.",
			Positive: []string{
				"package p\nimport \"math/rand\"\nfunc f() int { token := rand.Int63(); return int(token) }\n",
				"package p\nimport \"math/rand\"\nconst letters = \"abc\"\nfunc newSessionID(n int) string { b := make([]byte, n); for i := range b { b[i] = letters[rand.Intn(len(letters))] }; return string(b) }\n",
				"package p\nimport mr \"math/rand/v2\"\nvar c = Config{APIKey: mr.Uint64()}\n",
			},
			Negative: []string{
				"package p\nimport \"math/rand\"\nfunc jitter() int { delay := rand.Intn(100); return delay }\n",
				"package p\nimport \"crypto/rand\"\nfunc token(b []byte) { rand.Read(b) }\n",
			},
		},
		{
			ID: "go-http-listen-no-timeout", Peer: "G114", CWE: []string{"CWE-400"}, Severity: finding.Medium, Confidence: "high",
			Title:    "HTTP server without timeouts",
			Message:  "http.ListenAndServe and its siblings use a server with no timeouts, so slow clients can hold connections open forever (Slowloris).",
			Fix:      "Create an &http.Server{ReadHeaderTimeout: 10 * time.Second, ...} and call its ListenAndServe method.",
			Positive: []string{"package p\nimport \"net/http\"\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n"},
			Negative: []string{"package p\nimport (\"net/http\"; \"time\")\nfunc main() { s := &http.Server{Addr: \":8080\", ReadHeaderTimeout: time.Second}; s.ListenAndServe() }\n"},
		},
		{
			ID: "go-http-server-no-timeout", Peer: "G112", CWE: []string{"CWE-400"}, Severity: finding.Medium, Confidence: "medium",
			Title:   "http.Server without a read timeout",
			Message: "The server sets neither ReadHeaderTimeout nor ReadTimeout, so slow clients can exhaust its connections (Slowloris).",
			Fix:     "Set ReadHeaderTimeout (and ReadTimeout/WriteTimeout where possible) on the http.Server.",
			Positive: []string{
				"package p\nimport \"net/http\"\nfunc f(h http.Handler) *http.Server { return &http.Server{Addr: \":80\", Handler: h} }\n",
				"package p\nimport (\"net/http\"; \"time\")\nfunc f() { pub := &http.Server{}; in := &http.Server{}; in.ReadHeaderTimeout = time.Second; pub.ListenAndServe() }\n",
				"package p\nimport \"net/http\"\nvar s = &http.Server{ReadHeaderTimeout: 0}\n",
			},
			Negative: []string{
				"package p\nimport (\"net/http\"; \"time\")\nvar s = &http.Server{ReadTimeout: time.Second}\n",
				"package p\nimport (\"net/http\"; \"time\")\nfunc f() { s := &http.Server{}; s.ReadHeaderTimeout = time.Second }\n",
			},
		},
		{
			ID: "go-file-permissions", Peer: "G302/G306", CWE: []string{"CWE-276"}, Severity: finding.Medium, Confidence: "high",
			Title:   "File created with permissions wider than 0600",
			Message: "The file is readable or writable by other users of the machine.",
			Fix:     "Use 0o600 for files holding anything private (0o644 only for files meant to be public).",
			Positive: []string{
				"package p\nimport \"os\"\nfunc f(b []byte) { os.WriteFile(\"out\", b, 0644) }\n",
				"package p\nimport \"os\"\nfunc f() { os.OpenFile(\"log\", os.O_CREATE|os.O_WRONLY, os.FileMode(0o666)) }\n",
				"package p\nimport \"os\"\nfunc f() { os.Chmod(\"x\", 0777) }\n",
				"package p\nimport \"os\"\nconst mode = 0o755\nfunc f() { os.OpenFile(\"x\", os.O_CREATE, mode) }\n",
				"package p\nimport \"os\"\nfunc f(b []byte) { os.WriteFile(\"x\", b, 0600|0044) }\n",
			},
			Negative: []string{
				"package p\nimport \"os\"\nfunc f(b []byte) { os.WriteFile(\"out\", b, 0600) }\n",
				"package p\nimport \"os\"\nfunc f() { os.OpenFile(\"log\", os.O_RDONLY, 0644) }\n",
			},
		},
		{
			ID: "go-dir-permissions", Peer: "G301", CWE: []string{"CWE-276"}, Severity: finding.Medium, Confidence: "high",
			Title:    "Directory created with permissions wider than 0750",
			Message:  "Other users of the machine can list or write the directory.",
			Fix:      "Use 0o750 or 0o700.",
			Positive: []string{"package p\nimport \"os\"\nfunc f() { os.MkdirAll(\"d\", 0777) }\n", "package p\nimport (\"io/fs\"; \"os\")\nfunc f() { os.Mkdir(\"d\", fs.ModePerm) }\n"},
			Negative: []string{"package p\nimport \"os\"\nfunc f() { os.MkdirAll(\"d\", 0o750) }\n"},
		},
		{
			ID: "go-zip-slip", Peer: "G305", CWE: []string{"CWE-22"}, Severity: finding.High, Confidence: "medium",
			Title:   "Archive entry path used without a traversal check (zip slip)",
			Message: "A path is built from an archive entry's Name and nothing checks that it stays inside the destination, so an entry named ../../x writes anywhere.",
			Fix:     "Reject entries for which !filepath.IsLocal(name), or check strings.HasPrefix(target, filepath.Clean(dest)+string(os.PathSeparator)).",
			Positive: []string{
				"package p\nimport (\"archive/zip\"; \"os\"; \"path/filepath\")\nfunc f(r *zip.Reader, dst string) { for _, e := range r.File { p := filepath.Join(dst, e.Name); os.Create(p) } }\n",
				"package p\nimport (\"archive/tar\"; \"os\")\nfunc f(tr *tar.Reader) { h, _ := tr.Next(); os.Create(h.Name) }\n",
			},
			Negative: []string{
				"package p\nimport (\"archive/zip\"; \"os\"; \"path/filepath\")\nfunc f(r *zip.Reader, dst string) { for _, e := range r.File { if !filepath.IsLocal(e.Name) { continue }; os.Create(filepath.Join(dst, e.Name)) } }\n",
				"package p\nimport (\"os\"; \"path/filepath\")\nfunc f(u User, dst string) { os.Create(filepath.Join(dst, u.Name)) }\n",
				"package p\nimport (\"archive/zip\"; \"io\"; \"path\")\nfunc f(w io.Writer, es []E) { zw := zip.NewWriter(w); for _, e := range es { zw.Create(path.Join(\"base\", e.Name)) } }\n",
			},
		},
		{
			ID: "go-text-template-html", Peer: "", CWE: []string{"CWE-79"}, Severity: finding.Medium, Confidence: "medium",
			Title:   "text/template used to render HTML",
			Message: "text/template does not escape its input, so values rendered into HTML allow cross-site scripting.",
			Fix:     "Import html/template instead: it has the same API and escapes by context.",
			Positive: []string{
				"package p\nimport (\"net/http\"; \"text/template\")\nvar t = template.Must(template.New(\"\").Parse(\"hi {{.}}\"))\nfunc h(w http.ResponseWriter, r *http.Request) { t.Execute(w, r.URL.Query().Get(\"n\")) }\n",
				"package p\nimport \"text/template\"\nvar t = template.Must(template.New(\"\").Parse(\"<html><body>{{.}}</body></html>\"))\n",
			},
			Negative: []string{
				"package p\nimport (\"net/http\"; \"html/template\")\nvar t = template.Must(template.New(\"\").Parse(\"hi {{.}}\"))\nfunc h(w http.ResponseWriter, r *http.Request) { t.Execute(w, nil) }\n",
				"package p\nimport \"text/template\"\nvar t = template.Must(template.New(\"\").Parse(\"package {{.}}\"))\n",
			},
		},
		{
			ID: "go-path-traversal", Peer: "G304", CWE: []string{"CWE-22"}, Severity: finding.High, Confidence: "medium",
			Title:   "File path taken from the request",
			Message: "A file is opened or served from a path that comes from the request, so ../ reaches any file the process can read.",
			Fix:     "Use http.FileServer/os.Root, or check filepath.IsLocal(name) and join it to a fixed base directory.",
			Positive: []string{
				"package p\nimport (\"net/http\"; \"os\")\nfunc h(w http.ResponseWriter, r *http.Request) { b, _ := os.ReadFile(r.URL.Query().Get(\"f\")); w.Write(b) }\n",
				"package p\nimport \"net/http\"\nfunc h(w http.ResponseWriter, r *http.Request) { name := r.FormValue(\"n\"); http.ServeFile(w, r, \"/srv/\"+name) }\n",
			},
			Negative: []string{"package p\nimport (\"net/http\"; \"os\")\nfunc h(w http.ResponseWriter, r *http.Request) { b, _ := os.ReadFile(\"index.html\"); w.Write(b) }\n"},
		},
		{
			ID: "go-ssrf", Peer: "G107", CWE: []string{"CWE-918"}, Severity: finding.High, Confidence: "medium",
			Title:    "Server-side request to a URL taken from the request",
			Message:  "The server fetches a URL chosen by the client, which can reach internal services and cloud metadata endpoints (SSRF).",
			Fix:      "Allow-list the hosts (and schemes) the server may fetch, and block private and link-local addresses in the dialer.",
			Positive: []string{"package p\nimport \"net/http\"\nfunc h(w http.ResponseWriter, r *http.Request) { u := r.URL.Query().Get(\"url\"); http.Get(u) }\n"},
			Negative: []string{
				"package p\nimport \"net/http\"\nfunc f(u string) { http.Get(u) }\n",
				"package p\nimport \"net/http\"\nfunc h(w http.ResponseWriter, r *http.Request) { u := lookup(r.FormValue(\"id\")); http.Get(u) }\n",
				"package p\nimport (\"net/http\"; \"net/http/httptest\")\nfunc f() { ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _ = r.FormValue(\"n\") })); http.Get(ts.URL) }\n",
			},
		},
		{
			ID: "go-open-redirect", Peer: "", CWE: []string{"CWE-601"}, Severity: finding.Medium, Confidence: "medium",
			Title:    "Redirect to a URL taken from the request",
			Message:  "Redirecting to a request-supplied URL lets attackers send users to a site of their choice from a trusted link.",
			Fix:      "Redirect only to relative paths you check, or to an allow-list of hosts.",
			Positive: []string{"package p\nimport \"net/http\"\nfunc h(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, r.FormValue(\"next\"), http.StatusFound) }\n"},
			Negative: []string{"package p\nimport \"net/http\"\nfunc h(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, \"/home\", http.StatusFound) }\n"},
		},
		{
			ID: "go-reflected-xss", Peer: "G705", CWE: []string{"CWE-79"}, Severity: finding.Medium, Confidence: "medium",
			Title:   "Request input written to the HTTP response",
			Message: "Request data written to the response unescaped is reflected cross-site scripting when the browser renders it as HTML.",
			Fix:     "Render through html/template (which escapes), escape with html.EscapeString, or set Content-Type to text/plain or application/json.",
			Positive: []string{
				"package p\nimport (\"fmt\"; \"net/http\")\nfunc h(w http.ResponseWriter, r *http.Request) { name := r.URL.Query().Get(\"n\"); fmt.Fprintf(w, \"<h1>%s</h1>\", name) }\n",
				"package p\nimport \"net/http\"\nfunc h(w http.ResponseWriter, r *http.Request) { d := r.FormValue(\"d\"); w.Write([]byte(d)) }\n",
			},
			Negative: []string{
				"package p\nimport (\"fmt\"; \"net/http\")\nfunc h(w http.ResponseWriter, r *http.Request) { fmt.Fprintf(w, \"<h1>hi</h1>\") }\n",
				"package p\nimport (\"fmt\"; \"html\"; \"net/http\")\nfunc h(w http.ResponseWriter, r *http.Request) { fmt.Fprintf(w, \"<h1>%s</h1>\", html.EscapeString(r.FormValue(\"n\"))) }\n",
				"package p\nimport (\"fmt\"; \"net/http\")\nfunc h(w http.ResponseWriter, r *http.Request) { w.Header().Set(\"Content-Type\", \"text/plain\"); fmt.Fprint(w, r.FormValue(\"d\")) }\n",
				"package p\nimport (\"fmt\"; \"os\"; \"net/http\")\nfunc h(r *http.Request) { fmt.Fprint(os.Stdout, r.FormValue(\"d\")) }\n",
			},
		},
		{
			ID: "go-unescaped-template", Peer: "G203", CWE: []string{"CWE-79"}, Severity: finding.Medium, Confidence: "medium",
			Title:    "Unescaped value in html/template",
			Message:  "template.HTML, JS, URL and the like switch off html/template's escaping; a non-constant value in them is cross-site scripting if it carries user data.",
			Fix:      "Pass the plain string and let html/template escape it; sanitize (bluemonday) before converting if markup is really needed.",
			Positive: []string{"package p\nimport \"html/template\"\nfunc f(s string) template.HTML { return template.HTML(s) }\n"},
			Negative: []string{"package p\nimport \"html/template\"\nconst br = template.HTML(\"<br>\")\n"},
		},
		{
			ID: "go-unsafe-tempfile", Peer: "G303", CWE: []string{"CWE-377"}, Severity: finding.Medium, Confidence: "high",
			Title:   "File created at a predictable path in a shared temporary directory",
			Message: "Another local user can create or symlink the file first and make the program write where they want.",
			Fix:     "Use os.CreateTemp(\"\", \"name-*\") or os.MkdirTemp, which pick an unpredictable name.",
			Positive: []string{
				"package p\nimport \"os\"\nfunc f() { os.Create(\"/tmp/app.log\") }\n",
				"package p\nimport (\"os\"; \"path/filepath\")\nfunc f(b []byte) { os.WriteFile(filepath.Join(os.TempDir(), \"state\"), b, 0600) }\n",
				"package p\nimport (\"os\"; \"path/filepath\")\nconst tmp = \"/var/tmp\"\nfunc f(b []byte) { os.WriteFile(filepath.Join(tmp, \"state\"), b, 0600) }\n",
			},
			Negative: []string{
				"package p\nimport \"os\"\nfunc f() { os.CreateTemp(\"\", \"app-*\") }\n",
				"package p\nimport \"os\"\nfunc f() { os.Create(\"out/app.log\") }\n",
			},
		},
	}
}
