package golang

import (
	"go/ast"
	"go/token"
	"strings"
)

// weakCrypto maps a weak primitive's package to the functions that create
// or use it, and to the rule that flags them.
var weakCrypto = map[string]struct {
	rule  string
	funcs []string
}{
	"crypto/md5":  {"go-weak-hash", []string{"New", "Sum"}},
	"crypto/sha1": {"go-weak-hash", []string{"New", "Sum"}},
	"crypto/des":  {"go-weak-cipher", []string{"NewCipher", "NewTripleDESCipher"}},
	"crypto/rc4":  {"go-weak-cipher", []string{"NewCipher"}},
}

// checkWeakCrypto flags uses of MD5, SHA-1, DES and RC4 (gosec G401/G405/
// G406 and the import blocklist G501-G503), except as the hash of an HMAC,
// where SHA-1 and MD5 are still sound.
func (f *file) checkWeakCrypto(sel *ast.SelectorExpr) {
	path, name, ok := f.pkgSel(sel)
	if !ok {
		return
	}
	w, weak := weakCrypto[path]
	if !weak || !f.enabled(w.rule) {
		return
	}
	found := false
	for _, fn := range w.funcs {
		found = found || fn == name
	}
	if !found {
		return
	}
	if len(f.stack) > 0 {
		if parent, isCall := f.stack[len(f.stack)-1].(*ast.CallExpr); isCall && parent.Fun != sel && f.isPkgFunc(parent, "crypto/hmac", "New") {
			return
		}
	}
	f.hitDetail(w.rule, sel, path+"."+name)
}

// weakTLSVersions are the crypto/tls constants below TLS 1.2.
var weakTLSVersions = map[string]bool{"VersionSSL30": true, "VersionTLS10": true, "VersionTLS11": true}

// checkTLSField flags InsecureSkipVerify: true and a MinVersion below TLS
// 1.2 (gosec G402), both in composite literals and in assignments.
func (f *file) checkTLSField(field string, value ast.Expr, at ast.Node) {
	switch field {
	case "InsecureSkipVerify":
		if isTrue(value) {
			f.hit("go-tls-insecure-skip-verify", at)
		}
	case "CipherSuites":
		if lit, ok := value.(*ast.CompositeLit); ok {
			for _, e := range lit.Elts {
				if p, n, ok := f.pkgSel(e); ok && p == "crypto/tls" && weakSuite(n) {
					f.hitDetail("go-tls-weak-cipher-suite", e, n)
				}
			}
		}
	case "MinVersion", "MaxVersion":
		if p, n, ok := f.pkgSel(value); ok && p == "crypto/tls" && weakTLSVersions[n] {
			f.hitDetail("go-tls-min-version", at, field+" "+n)
			return
		}
		if v, ok := intLit(value); ok && v > 0 && v < 0x0303 {
			f.hit("go-tls-min-version", at)
		}
	}
}

// isTrue reports whether e is the constant true (true, !false).
func isTrue(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == "true"
	case *ast.ParenExpr:
		return isTrue(e.X)
	case *ast.UnaryExpr:
		id, ok := e.X.(*ast.Ident)
		return ok && e.Op == token.NOT && id.Name == "false"
	}
	return false
}

// weakSuite reports whether a crypto/tls cipher suite constant lacks
// forward secrecy (RSA key exchange) or uses RC4, 3DES or CBC mode, as
// Mozilla's intermediate profile and gosec G402 reject.
func weakSuite(name string) bool {
	if !strings.HasPrefix(name, "TLS_") || strings.HasPrefix(name, "TLS_AES_") || strings.HasPrefix(name, "TLS_CHACHA20_") {
		return false
	}
	return strings.HasPrefix(name, "TLS_RSA_") || strings.Contains(name, "_RC4_") ||
		strings.Contains(name, "3DES") || strings.Contains(name, "_CBC_")
}

// checkTextTemplate flags importing text/template in a file that renders
// HTML: it writes to an http.ResponseWriter or holds HTML markup.
func (f *file) checkTextTemplate(imp *ast.ImportSpec) {
	if imp.Path.Value != `"text/template"` || !f.enabled("go-text-template-html") {
		return
	}
	lower := strings.ToLower(string(f.src))
	if (f.imports("net/http") && strings.Contains(lower, ".responsewriter")) ||
		strings.Contains(lower, "<html") || strings.Contains(lower, "<!doctype html") || strings.Contains(lower, "<body") {
		f.hit("go-text-template-html", imp)
	}
}

// minRSABits is the smallest RSA modulus NIST SP 800-131A accepts.
const minRSABits = 2048

// checkRSAKey flags rsa.GenerateKey with a constant size under 2048 bits
// (gosec G403).
func (f *file) checkRSAKey(call *ast.CallExpr) {
	if !f.isPkgFunc(call, "crypto/rsa", "GenerateKey", "GenerateMultiPrimeKey") || len(call.Args) < 2 {
		return
	}
	bits, ok := f.modeConst(call.Args[len(call.Args)-1])
	if ok && bits < minRSABits {
		f.hit("go-weak-rsa-key", call)
	}
}
