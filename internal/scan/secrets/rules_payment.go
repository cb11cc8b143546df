package secrets

import "github.com/secaudit/secaudit/internal/finding"

// paymentRules covers payment providers: Stripe, Square, PayPal/Braintree,
// Shopify and others.
func paymentRules() []Rule {
	stripeFix := rotate("the Stripe dashboard (Developers > API keys > Roll key)")
	shopify := func(id, title, prefix string) Rule {
		return Rule{
			ID: id, Title: title, Provider: "shopify", Severity: finding.High,
			Keywords: []string{prefix},
			Regex:    unique(prefix + `[a-fA-F0-9]{32}`), Entropy: 3,
			Fix: rotate("the Shopify admin (Apps > Develop apps > API credentials)"),
			TP:  []string{`SHOPIFY_TOKEN=` + prefix + `a4c123b1612dd272d1371c17149d4395`},
			FP:  []string{`SHOPIFY_TOKEN=` + prefix + `xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`},
		}
	}
	return []Rule{
		{
			ID: "stripe-secret-key", Title: "Stripe live secret key", Provider: "stripe", Severity: finding.Critical,
			Keywords: []string{"sk_live_", "sk_prod_"},
			Regex:    unique(`sk_(?:live|prod)_[a-zA-Z0-9]{24,247}`), Entropy: 3,
			Fix: stripeFix,
			TP:  []string{`STRIPE_SECRET_KEY=sk_live_6baeCN6Zj4a3dDVhYRnKTbxT`, `Stripe.api_key = "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"`},
			FP:  []string{`STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx`, `sk_live_4eC39HqLyjWDarjtT1zdp7dc`},
		},
		{
			ID: "stripe-restricted-key", Title: "Stripe live restricted key", Provider: "stripe", Severity: finding.Critical,
			Keywords: []string{"rk_live_", "rk_prod_"},
			Regex:    unique(`rk_(?:live|prod)_[a-zA-Z0-9]{24,247}`), Entropy: 3,
			Fix: stripeFix,
			TP:  []string{`STRIPE_KEY=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`},
			FP:  []string{`STRIPE_KEY=rk_live_...`},
		},
		{
			ID: "stripe-test-secret-key", Title: "Stripe test-mode secret key", Provider: "stripe", Severity: finding.Medium, Confidence: "medium",
			Keywords: []string{"sk_test_", "rk_test_"},
			Regex:    unique(`[sr]k_test_[a-zA-Z0-9]{24,247}`), Entropy: 3,
			Fix: stripeFix,
			TP:  []string{`STRIPE_SECRET_KEY=sk_test_7sVTUUJ596lLlGUriAX1DyyX`},
			FP:  []string{`STRIPE_SECRET_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc`},
		},
		{
			ID: "stripe-webhook-secret", Title: "Stripe webhook signing secret", Provider: "stripe", Severity: finding.High,
			Keywords: []string{"whsec_"},
			Regex:    unique(`whsec_[a-zA-Z0-9]{32,64}`), Entropy: 3,
			Fix: rotate("the Stripe dashboard (Developers > Webhooks > Roll secret)"),
			TP:  []string{`STRIPE_WEBHOOK_SECRET=whsec_N9iYw1mXJft5isGXNwAMnEYYnWLeEdpo`},
			FP:  []string{`STRIPE_WEBHOOK_SECRET=whsec_...`},
		},
		{
			ID: "square-access-token", Title: "Square access token", Provider: "square", Severity: finding.Critical,
			Keywords: []string{"eaaa", "sq0atp-"},
			Regex:    unique(`(?:EAAA[\w-]{60}|sq0atp-[\w-]{22})`), Entropy: 3.5,
			Fix: rotate("the Square developer dashboard (Credentials)"),
			TP:  []string{`SQUARE_ACCESS_TOKEN=EAAAOUpTP-j33ZyXOivikASDTyPhQz0ziAFnPzMtgBoxpAKLG3JxIyiJG21DHtOR`, `SQUARE_TOKEN=sq0atp-3WRbUfXrG7jwrGJ2uN0JMI`},
			FP:  []string{`SQUARE_ACCESS_TOKEN=EAAAxxxxxxxx`},
		},
		{
			ID: "square-oauth-secret", Title: "Square OAuth application secret", Provider: "square", Severity: finding.High,
			Keywords: []string{"sq0csp-"},
			Regex:    unique(`sq0csp-[\w-]{43}`), Entropy: 3.5,
			Fix: rotate("the Square developer dashboard (OAuth > Replace secret)"),
			TP:  []string{`SQUARE_APP_SECRET=sq0csp-yF7fzD7VOZ5Cv38ufPZvzVXPvHrFoue9Us9RcFJkIWH`},
			FP:  []string{`SQUARE_APP_SECRET=sq0csp-xxx`},
		},
		{
			ID: "braintree-access-token", Title: "PayPal Braintree access token", Provider: "paypal", Severity: finding.Critical,
			Keywords: []string{"access_token$production$"},
			Regex:    unique(`access_token\$production\$[a-z0-9]{16}\$[a-f0-9]{32}`), Entropy: 3,
			Fix: rotate("the Braintree control panel (API keys)"),
			TP:  []string{`BRAINTREE_TOKEN=access_token$production$3ogz5kok16zv0mwu$2b0aee0ca923732881584d8c4fa2815d`},
			FP:  []string{`BRAINTREE_TOKEN=access_token$production$<merchant>$<token>`},
		},
		{
			ID: "braintree-sandbox-token", Title: "PayPal Braintree sandbox access token", Provider: "paypal", Severity: finding.Medium,
			Keywords: []string{"access_token$sandbox$"},
			Regex:    unique(`access_token\$sandbox\$[a-z0-9]{16}\$[a-f0-9]{32}`), Entropy: 3,
			Fix: rotate("the Braintree sandbox control panel (API keys)"),
			TP:  []string{`BRAINTREE_TOKEN=access_token$sandbox$erbfqfoeqh3av90r$4173581569969e58b081006f7e3dfc96`},
			FP:  []string{`BRAINTREE_TOKEN=access_token$sandbox$x$y`},
		},
		{
			ID: "paypal-client-secret", Title: "PayPal REST client secret", Provider: "paypal", Severity: finding.Critical,
			Keywords: []string{"paypal"},
			Regex:    assigned([]string{`paypal\w*secret\w*`}, `E[A-Za-z0-9_-]{79}`), Entropy: 4,
			Fix: rotate("the PayPal developer dashboard (Apps & Credentials)"),
			TP:  []string{`PAYPAL_CLIENT_SECRET=EThPHpi6G19WtK7AmaVb5wNKYv0XkgfV4dRjN0gmAyZPV0BXBIp5o2ccTAJnf-JaI5sH2TA35HkDmv62`},
			FP:  []string{`PAYPAL_CLIENT_SECRET=${PAYPAL_SECRET}`},
		},
		shopify("shopify-access-token", "Shopify access token", "shpat_"),
		shopify("shopify-custom-app-token", "Shopify custom app access token", "shpca_"),
		shopify("shopify-private-app-token", "Shopify private app access token", "shppa_"),
		shopify("shopify-shared-secret", "Shopify shared secret", "shpss_"),
		{
			ID: "plaid-access-token", Title: "Plaid access token", Provider: "plaid", Severity: finding.High,
			Keywords: []string{"access-production-", "access-development-", "access-sandbox-"},
			Regex:    unique(`access-(?:production|development|sandbox)-` + uuid), Entropy: 3,
			Fix: "Rotate the item's access token (/item/access_token/invalidate) and remove it from the code.",
			TP:  []string{`PLAID_ACCESS_TOKEN=access-production-7f80e222-f828-767e-fc2f-91624a8940f1`},
			FP:  []string{`PLAID_ACCESS_TOKEN=access-sandbox-<uuid>`},
		},
		{
			ID: "razorpay-key-secret", Title: "Razorpay live key ID", Provider: "razorpay", Severity: finding.High,
			Keywords: []string{"rzp_live_"},
			Regex:    unique(`rzp_live_[a-zA-Z0-9]{14}`), Entropy: 3,
			Fix: rotate("the Razorpay dashboard (Settings > API keys)"),
			TP:  []string{`RAZORPAY_KEY=rzp_live_VHh6iDhVIjXITT`},
			FP:  []string{`RAZORPAY_KEY=rzp_live_XXXXXXXXXXXXXX`},
		},
		{
			ID: "flutterwave-secret-key", Title: "Flutterwave secret key", Provider: "flutterwave", Severity: finding.High,
			Keywords: []string{"flwseck-", "flwseck_test-"},
			Regex:    unique(`FLWSECK(?:_TEST)?-[a-hA-H0-9]{32}-X`), Entropy: 3,
			Fix: rotate("the Flutterwave dashboard (Settings > API keys)"),
			TP:  []string{`FLW_SECRET_KEY=FLWSECK-e3692f09e2e8c662248b483b7ffc050f-X`},
			FP:  []string{`FLW_SECRET_KEY=FLWSECK-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-X`},
		},
		{
			ID: "gocardless-api-token", Title: "GoCardless access token", Provider: "gocardless", Severity: finding.High,
			Keywords: []string{"live_"},
			Regex:    assigned([]string{`gocardless\w*`}, `live_[a-zA-Z0-9_=-]{40}`), Entropy: 3.5,
			Fix: rotate("the GoCardless dashboard (Developers > Access tokens)"),
			TP:  []string{`GOCARDLESS_ACCESS_TOKEN=live_vpcIrimeFg0fhoFP1bWl8on9ksZ6ZD6aJVYteOls`},
			FP:  []string{`GOCARDLESS_ACCESS_TOKEN=live_xxx`},
		},
		{
			ID: "coinbase-access-token", Title: "Coinbase access token", Provider: "coinbase", Severity: finding.High,
			Keywords: []string{"coinbase"},
			Regex:    assigned([]string{`coinbase\w*`}, `[a-zA-Z0-9_-]{64}`), Entropy: 4,
			Fix: rotate("Coinbase (Settings > API)"),
			TP:  []string{`COINBASE_ACCESS_TOKEN=3pQA6qvHa_6GLyrhacWXpUczoFLK9Q-SvgvsHOVBMhBeUlXP2qnqQmYh7-ZkGRBY`},
			FP:  []string{`COINBASE_ACCESS_TOKEN=${COINBASE_TOKEN}`},
		},
	}
}
