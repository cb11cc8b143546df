package secrets

import (
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
)

// registryRules covers package and image registries.
func registryRules() []Rule {
	return []Rule{
		{
			ID: "npm-access-token", Title: "npm access token", Provider: "npm", Severity: finding.High,
			Keywords: []string{"npm_"},
			Regex:    unique(`npm_[a-zA-Z0-9]{36}`), Entropy: 3, Check: validNPMChecksum, Checksum: true,
			Fix: rotate("npmjs.com (Access Tokens), or `npm token revoke`"),
			TP:  []string{`//registry.npmjs.org/:_authToken=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`, `NPM_TOKEN=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`},
			FP:  []string{`NPM_TOKEN=npm_1234567890abcdefghijklmnopqrstuvwxyz`, `NPM_TOKEN=npm_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5`},
		},
		{
			ID: "npmrc-auth-token", Title: "npm registry auth token", Provider: "npm", Severity: finding.High,
			Keywords: []string{"_authtoken"},
			Regex:    `(?:^|:)_authToken\s*=\s*["']?([A-Za-z0-9+/._=-]{20,})` + tokenEnd, Entropy: 3.5,
			Fix: rotate("the registry (npm token revoke, or the registry's token page)"),
			TP:  []string{`//npm.pkg.example.com/:_authToken=6b3216fd-aeeb-9757-29fa-e923d5a4fd12`},
			FP:  []string{`//registry.npmjs.org/:_authToken=${NPM_TOKEN}`},
		},
		{
			ID: "npmrc-basic-auth", Title: "npm registry basic auth", Provider: "npm", Severity: finding.High,
			Keywords: []string{"_auth"},
			Regex:    `(?m)(?:^|:)_auth\s*=\s*["']?([A-Za-z0-9+/]{8,}={0,2})` + tokenEnd, Check: basicAuthPair,
			Fix: "Change the registry password, then remove _auth from .npmrc and use a token from the environment.",
			TP:  []string{`_auth = YnVpbGQtYm90OlQ3cW1YcDJ2TDlr`, `//npm.example.com/:_auth=ZGVwbG95OmhKOHpRNHdSMnQ=`},
			FP:  []string{`_auth = ${NPM_AUTH}`, `_auth=bm90YXBhaXI=`},
		},
		{
			ID: "pypi-upload-token", Title: "PyPI upload token", Provider: "pypi", Severity: finding.High,
			Keywords: []string{"pypi-ageichlwas5vcmc", "pypi-agendgvzdc5wexbplm9yzw"},
			Regex:    unique(`pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[\w-]{50,1000}`), Entropy: 4,
			Fix: rotate("PyPI (Account settings > API tokens)"),
			TP:  []string{`password = pypi-AgEIcHlwaS5vcmcvpZHtZrjmTJAMJTT1_NXa0IrleG6woopoDzp7O8QuKEh6D0JCk39QmJWikyFE_xzzdAIDhXzK2QkI3cBXkLjSgSOUpTP-j33ZyXOivikASDTyPhQz0ziAFnP`, `TWINE_PASSWORD: pypi-AgENdGVzdC5weXBpLm9yZwzMtgBoxpAKLG3JxIyiJG21DHtOR3WRbUfXrG7jwrGJ2uN0JMIyF7fzD7VOZ5Cv38ufPZvzVXPvHrFoue9Us9RcFJkI`},
			FP:  []string{`# upload tokens start with pypi-AgEIcHlwaS5vcmc`, `password = pypi-your-token`},
		},
		{
			ID: "rubygems-api-token", Title: "RubyGems API key", Provider: "rubygems", Severity: finding.High,
			Keywords: []string{"rubygems_"},
			Regex:    unique(`rubygems_[a-f0-9]{48}`), Entropy: 3,
			Fix: rotate("rubygems.org (Settings > API keys)"),
			TP:  []string{`:rubygems_api_key: rubygems_84e73cf575dcad6ba2b0aee0ca923732881584d8c4fa2815`},
			FP:  []string{`:rubygems_api_key: rubygems_`},
		},
		{
			ID: "nuget-api-key", Title: "NuGet API key", Provider: "nuget", Severity: finding.High,
			Keywords: []string{"oy2"},
			Regex:    unique(`oy2[a-z0-9]{43}`), Entropy: 3.5,
			Fix: rotate("nuget.org (API keys)"),
			TP:  []string{`dotnet nuget push pkg.nupkg --api-key oy21erbfqfoeqh3av90ric7phkqdlmtt7ns26lrwbqcab6`},
			FP:  []string{`--api-key oy2xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`},
		},
		{
			ID: "dockerhub-pat", Title: "Docker Hub access token", Provider: "docker", Severity: finding.High,
			Keywords: []string{"dckr_pat_", "dckr_oat_"},
			Regex:    unique(`dckr_(?:pat|oat)_[\w-]{27,32}`), Entropy: 3.5,
			Fix: rotate("Docker Hub (Account settings > Personal access tokens)"),
			TP:  []string{`echo dckr_pat_OyVvDt-odRThPHpi6G19WtK7Ama | docker login -u me --password-stdin`},
			FP:  []string{`DOCKER_TOKEN=dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx`},
		},
		{
			ID: "docker-config-auth", Title: "Docker registry credentials", Provider: "docker", Severity: finding.High,
			Keywords: []string{`"auth"`},
			Regex:    `"auth"\s*:\s*"([A-Za-z0-9+/]{12,}={0,2})"`, Entropy: 3, Check: basicAuthPair,
			Fix: "Change the registry password or token, then remove the docker config file from the repository.",
			TP:  []string{`{"auths":{"registry.example.com":{"auth":"Y2ktYm90OmNGaUkyVEJBSFMwR056TFpLRjJ6"}}}`},
			FP:  []string{`"auth": "bm90LWEtcGFpcg=="`, `"auth": ""`},
		},
		{
			ID: "kubernetes-docker-config", Title: "Registry credentials in a Kubernetes pull secret", Provider: "docker", Severity: finding.High,
			Keywords: []string{".dockerconfigjson", ".dockercfg"},
			Regex:    `\.docker(?:configjson|cfg)["']?\s*:\s*["']?([A-Za-z0-9+/]{20,}={0,2})`, Entropy: 4, Check: dockerConfigAuth,
			Fix: "Change the registry password or token, then delete the manifest from the repository and create the pull secret at deploy time.",
			TP:  []string{`  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5leGFtcGxlLmNvbSI6eyJhdXRoIjoiWkdWd2JHOTVPbWhLT0hwUk5IZFNNblE9In19fQ==`},
			FP:  []string{`  .dockerconfigjson: eyE1x2a3MpLe`, `  .dockerconfigjson: {{ .Values.pullSecret }}`},
		},
		{
			ID: "jfrog-api-key", Title: "JFrog Artifactory API key", Provider: "jfrog", Severity: finding.High,
			Keywords: []string{"akcp"},
			Regex:    unique(`AKCp[0-9][a-zA-Z0-9]{68}`), Entropy: 4,
			Fix: rotate("JFrog Platform (Edit profile > API key)"),
			TP:  []string{`ARTIFACTORY_API_KEY=AKCp8uJDMB0LO5UHWfCFWn05Gq59Pb2P1JJeE5bzXsm9gvjoucOmKkV9Ikdf92qrjvWeRkipW`},
			FP:  []string{`ARTIFACTORY_API_KEY=AKCp8xxxx`},
		},
		{
			ID: "jfrog-identity-token", Title: "JFrog identity/reference token", Provider: "jfrog", Severity: finding.High,
			Keywords: []string{"cmvmdgtu"},
			Regex:    unique(`cmVmdGtu[A-Za-z0-9]{56}`), Entropy: 4,
			Fix: rotate("JFrog Platform (Edit profile > Identity tokens)"),
			TP:  []string{`JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOj8wXmWarqp1qhbpvjhzifE5128eNz6OrSZ3e1eYhFVG0Tp4lxWQ`},
			FP:  []string{`JFROG_ACCESS_TOKEN=cmVmdGtu`},
		},
		{
			ID: "clojars-api-token", Title: "Clojars deploy token", Provider: "clojars", Severity: finding.High,
			Keywords: []string{"clojars_"},
			Regex:    unique(`(?i:CLOJARS_)[a-z0-9]{60}`), Entropy: 3,
			Fix: rotate("Clojars (Dashboard > Deploy tokens)"),
			TP:  []string{`CLOJARS_PASSWORD=CLOJARS_8f7e4qeqpno35ye4scmejvqtia4d5rgn5s7s333h9mtf4bs3e62rynnefj7q`},
			FP:  []string{`CLOJARS_PASSWORD=CLOJARS_TOKEN`},
		},
		{
			ID: "crates-io-api-token", Title: "crates.io API token", Provider: "crates.io", Severity: finding.High,
			Keywords: []string{"cio"},
			Regex:    unique(`cio[a-zA-Z0-9]{32}`), Entropy: 3.5,
			Fix: rotate("crates.io (Account settings > API tokens)"),
			TP:  []string{`CARGO_REGISTRY_TOKEN=cioyN8cqeWHu7jNEVvuVP1A0yVhSPJk9QMO`},
			FP:  []string{`let x = precious_value_of_the_function_call;`},
		},
		{
			ID: "gradle-publish-key", Title: "Gradle plugin portal key", Provider: "gradle", Severity: finding.High,
			Keywords: []string{"gradle.publish"},
			Regex:    assigned([]string{`gradle\.publish\.(?:key|secret)`}, `[a-zA-Z0-9]{32}`), Entropy: 3.5,
			Fix: rotate("the Gradle plugin portal (API keys)"),
			TP:  []string{`gradle.publish.secret=K7rL0KmLrP7yxCj0vlIGN4POtb4NxRmH`},
			FP:  []string{`gradle.publish.secret=${GRADLE_SECRET}`},
		},
	}
}

// dockerConfigAuth accepts base64 of a docker config whose auths hold a
// user:password pair.
func dockerConfigAuth(v string) bool {
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return false
	}
	var cfg struct {
		Auths map[string]struct {
			Auth     string `json:"auth"`
			Password string `json:"password"`
		} `json:"auths"`
	}
	if json.Unmarshal(b, &cfg) != nil {
		return false
	}
	for _, a := range cfg.Auths {
		if basicAuthPair(a.Auth) || a.Password != "" && notDummyPassword(a.Password) {
			return true
		}
	}
	return false
}

// basicAuthPair accepts a base64 value that decodes to user:password, as in
// a docker config's "auth" field.
func basicAuthPair(v string) bool {
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		if b, err = base64.RawStdEncoding.DecodeString(v); err != nil {
			return false
		}
	}
	s := string(b)
	i := strings.IndexByte(s, ':')
	return i > 0 && len(s)-i-1 >= 6 && !strings.ContainsAny(s, "\x00\n") && notDummyPassword(s[i+1:])
}
