package container

import (
	"fmt"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// secretWords are the name fragments that mark a variable as a credential.
var secretWords = []string{"PASSWORD", "PASSWD", "PASSPHRASE", "TOKEN", "SECRET", "API_KEY", "APIKEY",
	"PRIVATE_KEY", "ACCESS_KEY", "AUTH_KEY", "CREDENTIAL", "DB_PASS", "_PWD"}

// notSecretSuffixes mark variables that configure a secret rather than hold
// one (PASSWORD_FILE=/run/secrets/db, TOKEN_URL=https://...).
var notSecretSuffixes = []string{"_FILE", "_PATH", "_DIR", "_URL", "_URI", "_HOST", "_PORT", "_USER",
	"_USERNAME", "_NAME", "_LENGTH", "_LEN", "_TTL", "_EXPIRY", "_EXPIRATION", "_TIMEOUT", "_HEADER",
	"_ENDPOINT", "_TYPE", "_ENABLED", "_REQUIRED", "_MIN", "_MAX", "_MODE", "_METHOD", "_ALGORITHM"}

// isSecretName reports whether an environment or build-arg name looks like
// it holds a credential.
func isSecretName(name string) bool {
	n := strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
	for _, s := range notSecretSuffixes {
		if strings.HasSuffix(n, s) {
			return false
		}
	}
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// isLiteralSecret reports whether a value is a literal that could be a
// credential: not empty, not a reference to another variable, not a
// boolean or a path.
func isLiteralSecret(v string) bool {
	v = strings.TrimSpace(v)
	if len(v) < 3 || strings.Contains(v, "$") || strings.HasPrefix(v, "/") || strings.HasPrefix(v, "./") {
		return false
	}
	switch strings.ToLower(v) {
	case "true", "false", "yes", "no", "on", "off", "null", "none", "nil", "undefined":
		return false
	}
	return true
}

// checkEnv reports ENV entries with a credential name and literal value.
func checkEnv(e *emitter, in instr, c *instructions.EnvCommand) {
	env := map[string]string{}
	for _, kv := range c.Env {
		env[kv.Key] = kv.Value
	}
	checkTLSEnv(e, in, env)
	for _, kv := range c.Env {
		if isSecretName(kv.Key) && isLiteralSecret(kv.Value) {
			e.secret(kv.Value)
			e.node("dockerfile-secret-env", in.node, fmt.Sprintf("ENV %s is set to a literal value", kv.Key))
		}
	}
}

// checkArg reports ARGs with a credential name: with a literal default
// (the value is in the Dockerfile and the image history) or without one
// (the value passed with --build-arg lands in the image history).
func checkArg(e *emitter, in instr) {
	a, ok := in.cmd.(*instructions.ArgCommand)
	if !ok {
		return
	}
	for _, kv := range a.Args {
		if !isSecretName(kv.Key) {
			continue
		}
		switch {
		case kv.Value != nil && isLiteralSecret(*kv.Value):
			e.secret(*kv.Value)
			e.node("dockerfile-secret-arg", in.node, fmt.Sprintf("ARG %s has a literal default", kv.Key))
		case kv.Value == nil:
			e.node("dockerfile-secret-build-arg", in.node, fmt.Sprintf("ARG %s is meant to receive a credential", kv.Key))
		}
	}
}

// credentialFile reports whether a COPY/ADD source names a private key or
// credential file.
func credentialFile(src string) bool {
	base := strings.ToLower(path.Base(strings.TrimRight(src, "/")))
	switch base {
	case "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".npmrc", ".pypirc", ".netrc", ".git-credentials",
		".htpasswd", ".ssh", ".aws", ".gnupg", ".env", "credentials.json", "service-account.json":
		return true
	}
	// A bare "credentials" is often a source directory; the AWS file is
	// recognised by its directory.
	if strings.HasSuffix(strings.ToLower(strings.TrimRight(src, "/")), ".aws/credentials") {
		return true
	}
	if strings.HasPrefix(base, ".env.") {
		rest := strings.TrimPrefix(base, ".env.")
		return rest != "example" && rest != "sample" && rest != "template" && rest != "dist"
	}
	switch path.Ext(base) {
	case ".key", ".p12", ".pfx", ".ppk", ".jks", ".keystore":
		return true
	}
	return false
}
