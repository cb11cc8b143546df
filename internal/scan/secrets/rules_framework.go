package secrets

import "github.com/secaudit/secaudit/internal/finding"

// frameworkRules covers the signing keys of web frameworks: a leaked one
// lets anyone forge sessions and cookies.
func frameworkRules() []Rule {
	return []Rule{
		{
			ID: "rails-secret-key-base", Title: "Rails secret_key_base", Provider: "rails", Severity: finding.High,
			Keywords: []string{"secret_key_base", "secretkeybase", "secret.key.base", "secret-key-base"},
			Regex:    assigned([]string{`secret[_.-]?key[_.-]?base`}, `[a-f0-9]{64,256}`), Entropy: 3,
			Fix: "Generate a new secret (`bin/rails secret`), store it in encrypted credentials or the environment, and remove it from the code.",
			TP:  []string{`  secret_key_base: e0ec946fcefea5ce0d4d924f3c8db11dffeb7d10b320a69133c47a9641ab7d204d22c94f10c1ce1e187c643805fec5b2d2ba322c17bac533c110e6c6378ba84c`},
			FP:  []string{`  secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>`},
		},
		{
			ID: "rails-master-key", Title: "Rails master key", Provider: "rails", Severity: finding.Critical,
			Keywords: []string{"rails_master_key"},
			Regex:    assigned([]string{`rails_master_key`}, `[a-f0-9]{32}`), Entropy: 3,
			Fix: "Rotate the master key (re-create config/credentials.yml.enc), then remove it from the code.",
			TP:  []string{`RAILS_MASTER_KEY=5f2bd3ea9c1e4a6b8d7f0c2e4a6b8d9f`},
			FP:  []string{`RAILS_MASTER_KEY=${RAILS_MASTER_KEY}`},
		},
		{
			ID: "laravel-app-key", Title: "Laravel APP_KEY", Provider: "laravel", Severity: finding.High,
			Keywords: []string{"app_key"},
			Regex:    `(?i:APP_KEY)\s*=\s*["']?(base64:[A-Za-z0-9+/]{42,44}={0,2})`, Entropy: 3.5,
			Fix: "Generate a new key (`php artisan key:generate`), keep it in the environment and remove it from the code.",
			TP:  []string{`APP_KEY=base64:hQ3mZp8vR2tY6wK9sN4bL7xC1fJ5gD0aE3uI8oP2qW4=`},
			FP:  []string{`APP_KEY=`, `APP_KEY=base64:${APP_KEY}`},
		},
		{
			ID: "django-secret-key", Title: "Django SECRET_KEY", Provider: "django", Severity: finding.High,
			Keywords: []string{"secret_key"},
			Regex:    `(?:^|\s)SECRET_KEY\s*=\s*(?:"([^"\n]{30,100})"|'([^'\n]{30,100})')`, Entropy: 4,
			Fix: "Generate a new key (django.core.management.utils.get_random_secret_key), load it from the environment and remove it from the code.",
			TP:  []string{`SECRET_KEY = 'zh!=!gq(w^_t[sBR29954x)HI+$ehwss*xYNQeu([xcWMhdzzr'`, `SECRET_KEY = "django-insecure-k9#v2m!x8q@p4z&w7r$t1y5u0e3i6o^a*s-d+f=g(h)j"`},
			FP:  []string{`SECRET_KEY = os.environ["SECRET_KEY"]`, `SECRET_KEY = "your-secret-key-goes-here-change-me-now"`},
		},
		{
			ID: "wordpress-auth-salt", Title: "WordPress authentication key or salt", Provider: "wordpress", Severity: finding.Medium,
			Keywords: []string{"auth_key", "auth_salt", "logged_in_key", "logged_in_salt", "nonce_key", "nonce_salt"},
			Regex:    `define\(\s*['"](?:SECURE_)?(?:AUTH|LOGGED_IN|NONCE)_(?:KEY|SALT)['"]\s*,\s*'([^'\n]{32,128})'`, Entropy: 4,
			Fix: "Generate new keys (https://api.wordpress.org/secret-key/1.1/salt/), which logs every user out, and keep them out of the repository.",
			TP:  []string{`define('AUTH_KEY',         'MW1pxMctoyA(>M%0Vl 2(#o0|2$cB+K|.G$hB~4` + "`" + `Juw@]:(5;oVUl<<W3^e_R-fg');`},
			FP:  []string{`define('AUTH_KEY',         'put your unique phrase here');`},
		},
	}
}
