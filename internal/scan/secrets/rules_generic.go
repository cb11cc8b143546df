package secrets

import "github.com/secaudit/secaudit/internal/finding"

// genericValue is a credential-looking value: quoted (spaces excluded), or
// unquoted up to a delimiter.
const genericValue = `(?:\\?"([^"\s\\]{8,128})\\?"|'([^'\s]{8,128})'|\x60([^\x60\s]{8,128})\x60|([A-Za-z0-9_.=+/@!~^*#&?%-]{8,128}))`

// genericAssign is an assignment or key/value separator, without the
// looser forms (",", ">") the provider rules accept.
const genericAssign = `(?:\\?["']?\s{0,3}(?::=|=>|\?=|=|:)\s{0,3}|["']\s*,\s*)`

// genericRules are the context rules: a value assigned to a name that says
// it is a credential. They run last and lose to any specific rule.
func genericRules() []Rule {
	return []Rule{
		{
			ID: "generic-password", Title: "Hard-coded password", Provider: "generic", Severity: finding.Medium, Confidence: "medium",
			Keywords: []string{"passw", "pwd", "passphrase"},
			Regex:    `(?i:(?:password|passwd|passphrase|pwd)[\w.-]{0,20})` + genericAssign + genericValue + tokenEnd, Entropy: 2.5, Generic: true, Check: notDummyPassword,
			Fix: "Change the password, then remove it from the code and load it from a secret store or the environment.",
			TP:  []string{`define('DB_PASSWORD', 'kP3xM9vR2nQ8');`, `{"config": "{\"db_password\": \"kP3xM9vR2nQ8wL\"}"}`, `DB_PASSWORD=fJo69=Ck7%R4Btr8`, `password: "UB-s7FS7o6S5HbrI_FdN"`, `"smtp_password": "DOlC-87Q#=sexw",`, `spring.datasource.password=kcVNVAc+#hva9F^rLh`},
			FP: []string{`password = os.environ["DB_PASSWORD"]`, `password: ${DB_PASSWORD}`, `PASSWORD=changeme`, `password = "{{ .Values.db.password }}"`,
				`password_hash = "5f4dcc3b5aa765d61d8327deb882cf99"`, `password: "<your-password>"`, `password = getenv("PASS")`, `password: xxxxxxxxxxxx`},
		},
		{
			ID: "generic-api-key", Title: "Hard-coded API key or token", Provider: "generic", Severity: finding.Medium, Confidence: "medium",
			Keywords: []string{"api_key", "api-key", "api.key", "apikey", "access.key", "private.key", "api_secret", "secret", "token", "access_key", "access-key", "accesskey", "credential", "private_key", "private-key", "privatekey", "signing_key", "encryption_key", "master_key", "auth_key"},
			Regex: `(?i:(?:api[_.-]?key|apikey|api[_.-]?secret|secret|token|access[_.-]?key|accesskey|credentials?|private[_.-]?key|privatekey|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|auth[_.-]?key)[\w.-]{0,20})` +
				genericAssign + genericValue + tokenEnd, Entropy: 3.5, Generic: true,
			Fix: "Rotate the credential with its issuer, then remove it from the code and load it from a secret store or the environment.",
			TP:  []string{`api_key = "9xVQ2zg4mZaouqKLiMcVbpT4r5yHUig4"`, `CLIENT_SECRET=7dvani2xjLE-7RaGVoo-ALvpZHtZrjmTJAMJTT1_`, `"accessToken": "rbBGI09QYNdaKy8isWydfhl3TvtnythpZPPPP6Ue"`, `app.secret_key = 'p7O8QuKEh6D0JCk39QmJWikyFE+xzzdA'`},
			FP: []string{`api_key = process.env.API_KEY`, `token: {{ .Values.token }}`, `secret = "d41d8cd98f00b204e9800998ecf8427e"`,
				`integrity: "sha512-IDhXzK2QkI3cBXkLjSgSOUpTP/j33ZyXOivikASDTyPhQz0ziAFnPzMtgBoxpAKLG3JxIyiJG21DHtOR3WRbUf=="`, `token = "123e4567-e89b-12d3-a456-426614174000"`, `commit_token = "da39a3ee5e6b4b0d3255bfef95601890afd80709"`,
				`secret_name = "my-app-secret-name"`, `token_url = "https://oauth2.example.com/token"`, `image: data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==`},
		},
		{
			ID: "authorization-bearer", Title: "Bearer token in an Authorization header", Provider: "generic", Severity: finding.High, Confidence: "medium",
			Keywords: []string{"bearer "},
			Regex:    `(?i:authorization["']?\s*[:=,]\s*["']?bearer\s+)([A-Za-z0-9._~+/-]{20,}=*)`,
			Entropy:  3.5, Check: func(v string) bool { return !isGenericNoise(v) },
			Fix: "Revoke the token, then remove the header from the code and read the token at run time.",
			TP:  []string{`curl -H "Authorization: Bearer kP3xM9vR2nQ8wL5tB7yZ4cF1hJ6d" https://api.example.org`},
			FP:  []string{`Authorization: Bearer ${TOKEN}`, `"Authorization": "Bearer " + token`},
		},
		{
			ID: "authorization-basic", Title: "Basic credentials in an Authorization header", Provider: "generic", Severity: finding.High, Confidence: "medium",
			Keywords: []string{"basic "},
			Regex:    `(?i:authorization["']?\s*[:=,]\s*["']?basic\s+)([A-Za-z0-9+/]{12,}={0,2})`,
			Entropy:  3, Check: basicAuthPair,
			Fix: "Change the password, then remove the header from the code and read the credentials at run time.",
			TP:  []string{`headers = {"Authorization": "Basic ZGVwbG95OmhKOHpRNHdSMnQ="}`},
			FP:  []string{`Authorization: Basic dXNlcjpwYXNzd29yZA==`, `Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l`, `Authorization: Basic jpvcGVuc2VzYW1lYWxhZGRpb`},
		},
		{
			ID: "netrc-password", Title: "Password in a .netrc entry", Provider: "generic", Severity: finding.High, Confidence: "medium",
			Keywords: []string{"machine "},
			Regex:    `(?s:\bmachine\s+\S+\s+login\s+\S+\s+password\s+)(\S{6,128})`, NextLines: 2, Entropy: 2.5,
			Check: func(v string) bool { return notDummyPassword(v) && !isGenericNoise(v) },
			Fix:   "Change the password, then remove the .netrc file from the repository.",
			TP:    []string{"machine api.heroku.com\n  login ci@example.org\n  password hJ8zQ4wR2tLm9", "machine ftp.example.org login deploy password Xq9vB2nL7mK4"},
			FP: []string{"machine ftp.example.org login anonymous password guest", "the machine login password prompt",
				"type netrcLine struct {\n\tmachine  string\n\tlogin    string\n\tpassword string\n}", "machine vcs-test.golang.org\n\tlogin aladdin\n\tpassword opensesame"},
		},
		{
			ID: "generic-credential-field", Title: "Hard-coded credential", Provider: "generic", Severity: finding.Medium, Confidence: "medium",
			Keywords: []string{"passw", "pwd", "secret", "token", "api_key", "apikey", "api-key", "access_key", "private_key", "credential"},
			// A Kubernetes env entry (name, then value on the next line),
			// an XML element, or a Dockerfile ENV/ARG in its space form.
			Regex: `(?i:name:\s*["']?[\w.-]*` + genericNames + `[\w.-]*["']?\s*\n\s*value:\s*)` + genericValue + tokenEnd +
				`|(?i:<[\w.:-]*` + genericNames + `[\w.-]*>)\s*([^<\s]{8,128})\s*</` +
				`|(?im:^\s*(?:ENV|ARG)\s+[\w.-]*` + genericNames + `[\w.-]*\s+)` + genericValue + `(?:\s|$)`,
			Entropy: 3, Generic: true, NextLines: 1, Check: notDummyPassword,
			Fix: "Rotate the credential, then remove it from the manifest and reference a secret store (a Kubernetes Secret, build secrets) instead.",
			TP: []string{"env:\n  - name: DB_PASSWORD\n    value: \"hJ8zQ4wR2tLm9\"", `<apiKey>Xq9vB2nL7mK4pR8sT1wZ</apiKey>`,
				"ENV STRIPE_TOKEN kP3xM9vR2nQ8wL5t"},
			FP: []string{"- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:", `<password>${DB_PASSWORD}</password>`, "ENV TOKEN_FILE /run/secrets/token"},
		},
	}
}

// genericNames are the names that say a value is a credential.
const genericNames = `(?:password|passwd|passphrase|pwd|api[_.-]?key|apikey|api[_.-]?secret|secret|token|access[_.-]?key|accesskey|credentials?|private[_.-]?key|privatekey|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|auth[_.-]?key)`

// genericKeySuffixes, ending a generic match's name, show a value about a
// credential rather than the credential (SecretID, TokenEndpoint).
var genericKeySuffixes = []string{
	"id", "ids", "name", "names", "url", "uri", "path", "file", "type", "length", "size", "count", "field",
	"endpoint", "version", "format", "ref", "arn", "header", "prefix", "label", "key_id", "keyid", "regex",
}

// genericKeyStops, in the name a generic rule matched, show a value that is
// about a credential but is not one.
var genericKeyStops = []string{
	"_length", "_len", "_hash", "hashed", "_field", "_policy", "_file", "_path", "_dir", "_name", "_id", "_url", "_uri",
	"_endpoint", "_reset", "_min", "_max", "_regex", "_pattern", "_prompt", "_label", "_enabled", "_required",
	"_expires", "_expiry", "_ttl", "_type", "_format", "_header", "_param", "_env", "_var", "_ref", "_arn", "_version",
	"_count", "_size", "_timeout", "_mode", "_strategy", "_provider", "_source", "_store", "_manager", "_prefix",
	"_suffix", "_key_id", "keyid", "length", "filename", "fingerprint", "_placeholder", "_hint", "_kind", "_class",
	"_method", "_scheme", "_validator", "_cache", "_algorithm", "_algo", "_bucket", "_issuer", "_audience",
	"hash", "sha1", "sha256", "sha512", "md5", "digest", "checksum", "commit", "revision", "etag",
	// Pagination, anti-forgery and request tokens are not credentials.
	"next", "continuation", "page", "paging", "cursor", "change", "update", "verification", "verifier",
	"csrf", "xsrf", "nonce", "output", "copy", "idempotency", "clienttoken", "client_token", "request",
	"prompt", "lastused", "last_used", "expir", "created", "policy",
	"tokenizer", "tokentype", "tokenurl", "token_url", "secretname", "secretref", "-name", "-file", "-path", "-id",
	"-ref", "-url", "namespace", "public", "author", "index", "_count", "_prev", "_next",
}
