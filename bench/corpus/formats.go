package main

import (
	"fmt"
	"strings"
)

// secretFormat is one kind of secret: the name it is usually assigned to
// (snake_case) and a generator of values in the provider's format. Values
// are drawn fresh for every plant.
type secretFormat struct {
	family string
	name   string
	value  func(g *gen) string
	// lines, when set, generates a multi-line value instead (private keys).
	lines func(g *gen) []string
}

func (f secretFormat) item(g *gen, k kind) item {
	name := k.naming(f.name)
	if f.lines != nil {
		ls := f.lines(g)
		if k.block != nil {
			ls = k.block(name, ls)
		}
		// The label points at the BEGIN line, where scanners report a key.
		at := 0
		for i, l := range ls {
			if strings.Contains(l, "-----BEGIN") {
				at = i
				break
			}
		}
		return item{lines: ls, at: at, family: f.family, isSecret: true}
	}
	v := f.value(g)
	// Tokens with a recognisable shape also turn up outside assignments:
	// in calls, headers, command lines and prose.
	if !contextual[f.name] && f.family != "generic" && g.r.IntN(4) == 0 {
		return item{lines: []string{freeContext(g, k, v)}, family: f.family, isSecret: true}
	}
	return item{lines: []string{k.assign(name, v, g.r.IntN(2) == 0)}, family: f.family, isSecret: true}
}

// contextual lists the formats that only their name identifies (a bare
// UUID or hex string could be anything): they are always planted as
// assignments.
var contextual = map[string]bool{
	"aws_secret_access_key": true, "alibaba_access_key_secret": true, "ibmcloud_api_key": true,
	"cloudflare_api_token": true, "twilio_auth_token": true, "twilio_api_key": true, "dd_api_key": true,
	"cohere_api_key": true, "heroku_api_key": true, "snyk_token": true, "postmark_server_token": true,
	"splunk_hec_token": true, "mistral_api_key": true, "facebook_app_secret": true, "okta_api_token": true,
	"auth0_client_secret": true, "mattermost_token": true, "ngrok_authtoken": true, "scw_secret_key": true,
	"secret_key_base": true, "netlify_auth_token": true, "pagerduty_api_key": true, "launchdarkly_access_token": true,
	"discord_bot_token": true, "paypal_client_secret": true, "database_url": false,
}

// freeContext renders a value outside an assignment, in the idiom of k.
func freeContext(g *gen, k kind, v string) string {
	var forms []string
	switch k.name {
	case "py":
		forms = []string{`client = Client(api_key="%s")`, `requests.get(url, headers={"X-Api-Key": "%s"})`}
	case "js":
		forms = []string{`const client = new Client("%s");`, `fetch(url, { headers: { "X-Api-Key": "%s" } });`}
	case "go":
		forms = []string{`client := api.NewClient("%s")`, `req.Header.Set("X-Api-Key", "%s")`}
	case "md", "env", "dockerfile":
		forms = []string{"# the key is %s", `# curl -H "X-Api-Key: %s" https://api.example.org`}
	case "yaml":
		forms = []string{`  args: ["--token", "%s"]`, `  # token %s`}
	default:
		forms = []string{`# %s`}
	}
	if k.name == "json" || k.name == "xml" || k.name == "properties" || k.name == "tf" {
		return k.assign(k.naming("credentials"), v, true)
	}
	return fmt.Sprintf(forms[g.r.IntN(len(forms))], v)
}

func lit(parts ...func(g *gen) string) func(g *gen) string {
	return func(g *gen) string {
		var b strings.Builder
		for _, p := range parts {
			b.WriteString(p(g))
		}
		return b.String()
	}
}

func c(s string) func(*gen) string { return func(*gen) string { return s } }
func r(cs string, n int) func(*gen) string {
	return func(g *gen) string { return g.s(cs, n) }
}
func rr(cs string, lo, hi int) func(*gen) string {
	return func(g *gen) string { return g.between(cs, lo, hi) }
}
func uuidV(g *gen) string { return g.uuid() }

// secretFormats lists the planted secrets, by provider family.
func secretFormats() []secretFormat {
	return []secretFormat{
		{family: "aws", name: "aws_access_key_id", value: lit(c("AKIA"), r(base32, 16))},
		{family: "aws", name: "aws_secret_access_key", value: r(b64, 40)},
		{family: "gcp", name: "google_api_key", value: lit(c("AIza"), r(urlsafe, 35))},
		{family: "gcp", name: "oauth_client_secret", value: lit(c("GOCSPX-"), r(urlsafe, 28))},
		{family: "azure", name: "storage_connection_string", value: lit(c("DefaultEndpointsProtocol=https;AccountName=prodstore;AccountKey="), r(b64, 86), c("==;EndpointSuffix=core.windows.net"))},
		{family: "azure", name: "azure_client_secret", value: lit(r(alnum, 3), r(digits, 1), c("Q~"), r(urlsafe+".~", 34))},
		{family: "digitalocean", name: "digitalocean_token", value: lit(c("dop_v1_"), r(hexLower, 64))},
		{family: "alibaba", name: "alibaba_access_key_id", value: lit(c("LTAI"), r(alnum, 20))},
		{family: "alibaba", name: "alibaba_access_key_secret", value: r(alnum, 30)},
		{family: "ibm", name: "ibmcloud_api_key", value: r(urlsafe, 44)},
		{family: "github", name: "github_token", value: func(g *gen) string { return g.checksummed("ghp_") }},
		{family: "github", name: "gh_oauth_token", value: func(g *gen) string { return g.checksummed("gho_") }},
		{family: "github", name: "gh_app_token", value: func(g *gen) string { return g.checksummed("ghs_") }},
		{family: "github", name: "github_pat", value: lit(c("github_pat_"), r(alnum, 22), c("_"), r(alnum, 59))},
		{family: "gitlab", name: "gitlab_token", value: lit(c("glpat-"), r(urlsafe, 20))},
		{family: "bitbucket", name: "bitbucket_app_password", value: lit(c("ATBB"), r(alnum, 32))},
		{family: "atlassian", name: "jira_api_token", value: lit(c("ATATT3"), r(urlsafe, 186))},
		{family: "npm", name: "npm_token", value: func(g *gen) string { return g.checksummed("npm_") }},
		{family: "pypi", name: "twine_password", value: lit(c("pypi-AgEIcHlwaS5vcmc"), rr(urlsafe, 60, 160))},
		{family: "rubygems", name: "gem_host_api_key", value: lit(c("rubygems_"), r(hexLower, 48))},
		{family: "nuget", name: "nuget_api_key", value: lit(c("oy2"), r(lowerAN, 43))},
		{family: "docker", name: "docker_hub_token", value: lit(c("dckr_pat_"), r(urlsafe, 27))},
		{family: "jfrog", name: "artifactory_api_key", value: lit(c("AKCp8"), r(alnum, 68))},
		{family: "slack", name: "slack_bot_token", value: lit(c("xoxb-"), r(digits, 12), c("-"), r(digits, 13), c("-"), r(alnum, 24))},
		{family: "slack", name: "slack_webhook_url", value: lit(c("https://hooks.slack.com/services/T"), r(upperAN, 8), c("/B"), r(upperAN, 10), c("/"), r(alnum, 24))},
		{family: "discord", name: "discord_webhook", value: lit(c("https://discord.com/api/webhooks/"), r(digits, 18), c("/"), r(urlsafe, 68))},
		{family: "telegram", name: "telegram_bot_token", value: lit(r(digits, 10), c(":AA"), r(urlsafe, 33))},
		{family: "microsoft-teams", name: "teams_webhook_url", value: func(g *gen) string {
			return "https://contoso.webhook.office.com/webhookb2/" + g.uuid() + "@" + g.uuid() + "/IncomingWebhook/" + g.s(hexLower, 32) + "/" + g.uuid()
		}},
		{family: "stripe", name: "stripe_secret_key", value: lit(c("sk_live_"), rr(alnum, 24, 99))},
		{family: "stripe", name: "stripe_restricted_key", value: lit(c("rk_live_"), rr(alnum, 24, 99))},
		{family: "square", name: "square_access_token", value: lit(c("EAAA"), r(urlsafe, 60))},
		{family: "paypal", name: "braintree_access_token", value: lit(c("access_token$production$"), r(lowerAN, 16), c("$"), r(hexLower, 32))},
		{family: "shopify", name: "shopify_access_token", value: lit(c("shpat_"), r(hexLower, 32))},
		{family: "twilio", name: "twilio_auth_token", value: r(hexLower, 32)},
		{family: "twilio", name: "twilio_api_key", value: lit(c("SK"), r(hexLower, 32))},
		{family: "sendgrid", name: "sendgrid_api_key", value: lit(c("SG."), r(urlsafe, 22), c("."), r(urlsafe, 43))},
		{family: "mailgun", name: "mailgun_api_key", value: lit(c("key-"), r(hexLower, 32))},
		{family: "mailchimp", name: "mailchimp_api_key", value: lit(r(hexLower, 32), c("-us"), r("123456789", 1), r(digits, 1))},
		{family: "datadog", name: "dd_api_key", value: r(hexLower, 32)},
		{family: "newrelic", name: "new_relic_api_key", value: lit(c("NRAK-"), r(upperAN, 27))},
		{family: "sentry", name: "sentry_auth_token", value: lit(c("sntryu_"), r(hexLower, 64))},
		{family: "grafana", name: "grafana_token", value: lit(c("glsa_"), r(alnum, 32), c("_"), r(hexLower, 8))},
		{family: "openai", name: "openai_api_key", value: lit(c("sk-proj-"), r(urlsafe, 58), c("T3BlbkFJ"), r(urlsafe, 58))},
		{family: "anthropic", name: "anthropic_api_key", value: lit(c("sk-ant-api03-"), r(urlsafe, 93), c("AA"))},
		{family: "huggingface", name: "hf_token", value: lit(c("hf_"), r(letters, 34))},
		{family: "cohere", name: "cohere_api_key", value: r(alnum, 40)},
		{family: "vault", name: "vault_token", value: lit(c("hvs.CAESI"), r(urlsafe, 100))},
		{family: "heroku", name: "heroku_api_key", value: uuidV},
		{family: "databricks", name: "databricks_token", value: lit(c("dapi"), r(hexLower, 32))},
		{family: "pulumi", name: "pulumi_access_token", value: lit(c("pul-"), r(hexLower, 40))},
		{family: "sonarqube", name: "sonar_token", value: lit(c("squ_"), r(hexLower, 40))},
		{family: "postman", name: "postman_api_key", value: lit(c("PMAK-"), r(hexLower, 24), c("-"), r(hexLower, 34))},
		{family: "linear", name: "linear_api_key", value: lit(c("lin_api_"), r(alnum, 40))},
		{family: "doppler", name: "doppler_token", value: lit(c("dp.pt."), r(alnum, 43))},
		{family: "age", name: "age_identity", value: lit(c("AGE-SECRET-KEY-1"), r("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58))},
		{family: "tailscale", name: "ts_authkey", value: lit(c("tskey-auth-"), r(alnum, 12), c("-"), r(alnum, 32))},
		{family: "supabase", name: "supabase_access_token", value: lit(c("sbp_"), r(hexLower, 40))},
		{family: "hubspot", name: "hubspot_token", value: lit(c("pat-na1-"), uuidV)},
		{family: "flutterwave", name: "flw_secret_key", value: lit(c("FLWSECK-"), r(hexLower, 32), c("-X"))},
		{family: "dynatrace", name: "dt_api_token", value: lit(c("dt0c01."), r(upperAN, 24), c("."), r(upperAN, 64))},
		{family: "database", name: "database_url", value: func(g *gen) string {
			schemes := []string{"postgres", "postgresql", "mysql", "mongodb+srv", "redis", "amqps"}
			return schemes[g.r.IntN(len(schemes))] + "://svc_" + g.s(letters, 5) + ":" + g.s(alnum, 12+g.r.IntN(12)) + "@db-" + g.s(lowerAN, 6) + ".internal:5432/app"
		}},
		{family: "jwt", name: "session_jwt", value: func(g *gen) string { return g.jwt() }},
		{family: "private-key", name: "tls_private_key", lines: func(g *gen) []string { return g.pemKey("RSA") }},
		{family: "private-key", name: "signing_key_pem", lines: func(g *gen) []string { return g.pemKey("EC") }},
		{family: "private-key", name: "deploy_ssh_key", lines: func(g *gen) []string { return g.pemKey("OPENSSH") }},
		{family: "gitlab", name: "gitlab_runner_token", value: lit(c("glrt-"), r(urlsafe, 20))},
		{family: "gitlab", name: "gitlab_deploy_token", value: lit(c("gldt-"), r(urlsafe, 20))},
		{family: "gitlab", name: "trigger_token", value: lit(c("glptt-"), r(hexLower, 40))},
		{family: "sourcegraph", name: "src_access_token", value: lit(c("sgp_"), r(hexLower, 16), c("_"), r(hexLower, 40))},
		{family: "circleci", name: "circle_token", value: lit(c("CCIPAT_"), r(alnum, 22), c("_"), r(hexLower, 40))},
		{family: "buildkite", name: "buildkite_api_token", value: lit(c("bkua_"), r(hexLower, 40))},
		{family: "snyk", name: "snyk_token", value: uuidV},
		{family: "netlify", name: "netlify_auth_token", value: lit(c("nfp_"), r(alnum, 36))},
		{family: "terraform", name: "tfe_token", value: lit(r(alnum, 14), c(".atlasv1."), r(urlsafe, 67))},
		{family: "cloudflare", name: "cloudflare_api_token", value: r(urlsafe, 40)},
		{family: "cloudflare", name: "origin_ca_key", value: lit(c("v1.0-"), r(hexLower, 24), c("-"), r(hexLower, 146))},
		{family: "heroku", name: "heroku_token", value: lit(c("HRKU-AA"), r(urlsafe, 58))},
		{family: "scaleway", name: "scw_secret_key", value: uuidV},
		{family: "flyio", name: "fly_api_token", value: lit(c("fo1_"), r(urlsafe, 43))},
		{family: "gcp", name: "google_refresh_token", value: lit(c("1//0"), r(urlsafe, 60))},
		{family: "azure", name: "azure_openai_key", value: lit(r(alnum, 52), c("JQQJ99"), r(alnum, 26))},
		{family: "clojars", name: "clojars_token", value: lit(c("CLOJARS_"), r(lowerAN, 60))},
		{family: "crates.io", name: "cargo_registry_token", value: lit(c("cio"), r(alnum, 32))},
		{family: "jfrog", name: "jfrog_access_token", value: lit(c("cmVmdGtuOjAxOj"), r(alnum, 50))},
		{family: "slack", name: "slack_app_token", value: lit(c("xapp-1-A"), r(upperAN, 10), c("-"), r(digits, 13), c("-"), r(hexLower, 64))},
		{family: "discord", name: "discord_bot_token", value: lit(c("M"), r(alnum, 23), c("."), r(urlsafe, 6), c("."), r(urlsafe, 38))},
		{family: "mattermost", name: "mattermost_token", value: r(lowerAN, 26)},
		{family: "square", name: "square_app_secret", value: lit(c("sq0csp-"), r(urlsafe, 43))},
		{family: "paypal", name: "paypal_client_secret", value: lit(c("E"), r(urlsafe, 79))},
		{family: "shopify", name: "shopify_shared_secret", value: lit(c("shpss_"), r(hexLower, 32))},
		{family: "plaid", name: "plaid_access_token", value: lit(c("access-production-"), uuidV)},
		{family: "razorpay", name: "razorpay_key_id", value: lit(c("rzp_live_"), r(alnum, 14))},
		{family: "stripe", name: "stripe_webhook_secret", value: lit(c("whsec_"), r(alnum, 32))},
		{family: "postmark", name: "postmark_server_token", value: uuidV},
		{family: "brevo", name: "brevo_api_key", value: lit(c("xkeysib-"), r(hexLower, 64), c("-"), r(alnum, 16))},
		{family: "newrelic", name: "new_relic_license_key", value: lit(r(hexLower, 36), c("NRAL"))},
		{family: "sentry", name: "sentry_org_token", value: lit(c("sntrys_eyJ"), r(urlsafe, 120))},
		{family: "grafana", name: "grafana_cloud_token", value: lit(c("glc_"), r(alnum, 64))},
		{family: "splunk", name: "splunk_hec_token", value: uuidV},
		{family: "pagerduty", name: "pagerduty_api_key", value: lit(c("u+"), r(urlsafe, 18))},
		{family: "replicate", name: "replicate_api_token", value: lit(c("r8_"), r(alnum, 37))},
		{family: "groq", name: "groq_api_key", value: lit(c("gsk_"), r(alnum, 52))},
		{family: "perplexity", name: "pplx_api_key", value: lit(c("pplx-"), r(alnum, 48))},
		{family: "xai", name: "xai_api_key", value: lit(c("xai-"), r(alnum, 80))},
		{family: "langchain", name: "langsmith_api_key", value: lit(c("lsv2_pt_"), r(hexLower, 32), c("_"), r(hexLower, 10))},
		{family: "mistral", name: "mistral_api_key", value: r(alnum, 32)},
		{family: "vault", name: "vault_batch_token", value: lit(c("hvb.AAAAAQ"), r(urlsafe, 160))},
		{family: "1password", name: "op_service_account_token", value: lit(c("ops_eyJ"), r(alnum, 260))},
		{family: "planetscale", name: "planetscale_token", value: lit(c("pscale_tkn_"), r(urlsafe, 43))},
		{family: "openshift", name: "openshift_token", value: lit(c("sha256~"), r(urlsafe, 43))},
		{family: "gcp", name: "fcm_server_key", value: lit(c("AAAA"), r(urlsafe, 7), c(":APA91b"), r(urlsafe, 134))},
		{family: "ngrok", name: "ngrok_authtoken", value: lit(c("2"), r(alnum, 26), c("_"), r(alnum, 21))},
		{family: "facebook", name: "facebook_app_secret", value: r(hexLower, 32)},
		{family: "okta", name: "okta_api_token", value: lit(c("00"), r(urlsafe, 40))},
		{family: "auth0", name: "auth0_client_secret", value: r(urlsafe, 64)},
		{family: "mapbox", name: "mapbox_secret_token", value: lit(c("sk.eyJ1Ijoi"), r(urlsafe, 40), c("."), r(urlsafe, 22))},
		{family: "contentful", name: "contentful_token", value: lit(c("CFPAT-"), r(urlsafe, 43))},
		{family: "figma", name: "figma_token", value: lit(c("figd_"), r(urlsafe, 40))},
		{family: "notion", name: "notion_token", value: lit(c("ntn_"), r(digits, 11), r(alnum, 35))},
		{family: "launchdarkly", name: "launchdarkly_access_token", value: lit(c("api-"), uuidV)},
		{family: "easypost", name: "easypost_api_key", value: lit(c("EZAK"), r(alnum, 54))},
		{family: "shippo", name: "shippo_token", value: lit(c("shippo_live_"), r(hexLower, 40))},
		{family: "typeform", name: "typeform_token", value: lit(c("tfp_"), r(urlsafe, 59))},
		{family: "prefect", name: "prefect_api_key", value: lit(c("pnu_"), r(alnum, 36))},
		{family: "rails", name: "secret_key_base", value: r(hexLower, 128)},
		{family: "kubernetes", name: "registry_auth", value: func(g *gen) string {
			return "https://" + g.s(lowerAN, 8) + ":" + g.s(alnum, 20) + "@registry.internal.example.org/v2/"
		}},
		{family: "private-key", name: "pgp_private_key", lines: func(g *gen) []string {
			ls := []string{"-----BEGIN PGP PRIVATE KEY BLOCK-----", ""}
			for range 6 {
				ls = append(ls, g.s(b64, 64))
			}
			return append(ls, "="+g.s(b64, 4), "-----END PGP PRIVATE KEY BLOCK-----")
		}},
		{family: "generic", name: "db_password", value: func(g *gen) string { return g.password() }},
		{family: "generic", name: "smtp_password", value: func(g *gen) string { return g.password() }},
		{family: "generic", name: "secret_key", value: rr(urlsafe, 32, 50)},
		{family: "generic", name: "api_key", value: rr(alnum, 24, 40)},
		{family: "generic", name: "client_secret", value: rr(urlsafe, 24, 40)},
		{family: "generic", name: "auth_token", value: rr(alnum, 32, 48)},
	}
}
