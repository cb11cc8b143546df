package container

import (
	"regexp"
	"strings"
)

// userinfoURL matches a URL with a password in its userinfo part.
var userinfoURL = regexp.MustCompile(`\b[a-zA-Z][a-zA-Z0-9+.-]*://([^/\s:@'"]+):([^/\s@'"]+)@[^\s'"]+`)

// checkTransport runs the rules on how a RUN step downloads and verifies:
// TLS checks, package signatures, credentials in URLs, SSH servers and
// pipefail.
func checkTransport(e *emitter, st *stage, step runStep) {
	n := step.in.node
	var tls, unsigned, sshd, pipefail bool
	for _, c := range step.script.cmds {
		tls = tls || tlsDisabled(c)
		unsigned = unsigned || unsignedPackages(c)
		sshd = sshd || installsSSHServer(c)
		if c.name == "set" && (c.mentions("pipefail") || c.hasShortFlag('o') && c.mentions("pipefail")) {
			pipefail = true
		}
	}
	if tls {
		e.node("dockerfile-tls-verification-disabled", n, "")
	}
	if unsigned {
		e.node("dockerfile-unsigned-packages", n, "")
	}
	if sshd {
		e.node("dockerfile-ssh-server", n, "")
	}
	for _, m := range userinfoURL.FindAllStringSubmatch(step.raw, -1) {
		if strings.HasPrefix(m[2], "$") {
			continue
		}
		e.secret(m[2])
		e.node("dockerfile-credentials-in-url", n, "a URL carries a user name and password")
		break
	}
	for _, c := range step.script.cmds {
		if c.name != "curl" && c.name != "wget" {
			continue
		}
		if u := plainHTTP(c.args); u != "" {
			e.node("dockerfile-plain-http-download", n, u+" is fetched over plain HTTP")
			break
		}
	}
	if len(step.script.pipes) > 0 && !pipefail && !shellHasPipefail(st) {
		e.node("dockerfile-pipefail", n, "")
	}
}

// plainHTTP returns the first http:// URL among args that is not a local
// address, "" when there is none.
func plainHTTP(args []string) string {
	for _, a := range args {
		if !strings.HasPrefix(strings.ToLower(a), "http://") {
			continue
		}
		host := strings.ToLower(strings.TrimPrefix(a[len("http://"):], "//"))
		if i := strings.IndexAny(host, "/:"); i >= 0 {
			host = host[:i]
		}
		if host == "localhost" || strings.HasPrefix(host, "127.") || host == "" || strings.HasPrefix(host, "$") {
			continue
		}
		return a
	}
	return ""
}

// tlsEnv lists environment settings that turn certificate checks off, with
// the values that do so ("" matches any value).
var tlsEnv = map[string][]string{
	"NODE_TLS_REJECT_UNAUTHORIZED": {"0"},
	"GIT_SSL_NO_VERIFY":            {"1", "true", "yes"},
	"PYTHONHTTPSVERIFY":            {"0"},
	"NPM_CONFIG_STRICT_SSL":        {"false", "0"},
	"PIP_TRUSTED_HOST":             {""},
	"CURL_INSECURE":                {"1", "true"},
}

// checkTLSEnv reports ENV settings that disable TLS verification for every
// later command and for the running container.
func checkTLSEnv(e *emitter, in instr, env map[string]string) {
	for k, v := range env {
		vals, ok := tlsEnv[strings.ToUpper(k)]
		if !ok {
			continue
		}
		for _, want := range vals {
			if want == "" || strings.EqualFold(strings.Trim(v, `"'`), want) {
				e.node("dockerfile-tls-verification-disabled", in.node, k+" turns certificate verification off")
				return
			}
		}
	}
}

// credentialsInAdd reports ADD sources with credentials in the URL.
func credentialsInAdd(e *emitter, in instr, srcs []string) {
	for _, src := range srcs {
		if m := userinfoURL.FindStringSubmatch(src); m != nil && !strings.HasPrefix(m[2], "$") {
			e.secret(m[2])
			e.node("dockerfile-credentials-in-url", in.node, "a URL carries a user name and password")
			return
		}
	}
}

func tlsDisabled(c command) bool {
	switch {
	case c.name == "curl":
		return c.hasFlag("-k", "--insecure") || (c.hasShortFlag('k') && !c.hasFlag("-K"))
	case c.name == "wget":
		return c.hasFlag("--no-check-certificate")
	case isPip(c.name):
		return c.hasFlag("--trusted-host")
	case c.name == "git":
		return c.mentions("sslVerify=false", "sslverify=false") ||
			(c.mentions("http.sslVerify", "http.sslverify") && c.mentions("false"))
	case c.name == "npm" || c.name == "yarn" || c.name == "pnpm":
		return c.mentions("strict-ssl") && c.mentions("false")
	}
	return false
}

func unsignedPackages(c command) bool {
	switch c.name {
	case "apk":
		return c.hasFlag("--allow-untrusted")
	case "yum", "dnf", "microdnf", "tdnf", "zypper":
		return c.hasFlag("--nogpgcheck", "--no-gpg-checks") || c.mentions("gpgcheck=0", "gpgcheck=false")
	case "rpm":
		return c.hasFlag("--nosignature", "--nodigest")
	case "apt-get", "apt":
		return c.hasFlag("--allow-unauthenticated") || c.mentions("AllowUnauthenticated=true", "AllowInsecureRepositories=true")
	case "dpkg":
		return c.hasFlag("--force-bad-verify")
	}
	return false
}

func installsSSHServer(c command) bool {
	install := ((c.name == "apt-get" || c.name == "apt" || c.name == "yum" || c.name == "dnf" || c.name == "zypper") && c.sub() == "install") ||
		(c.name == "apk" && c.sub() == "add")
	if !install {
		return false
	}
	for _, p := range c.operands() {
		name, _, _ := strings.Cut(p, "=")
		if name == "openssh-server" || name == "dropbear" {
			return true
		}
	}
	return false
}

// shellHasPipefail reports whether the stage's SHELL (or an ancestor's)
// sets pipefail.
func shellHasPipefail(st *stage) bool {
	for s := st; s != nil; s = s.parent {
		if s.shell != "" {
			return s.shellPipefail
		}
	}
	return false
}
