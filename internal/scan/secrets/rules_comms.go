package secrets

import "github.com/secaudit/secaudit/internal/finding"

// commsRules covers messaging and e-mail APIs: Twilio, SendGrid, Mailgun,
// Mailchimp and others.
func commsRules() []Rule {
	return []Rule{
		{
			ID: "twilio-api-key", Title: "Twilio API key", Provider: "twilio", Severity: finding.High,
			Keywords: []string{"twilio"},
			Regex:    assigned([]string{`twilio\w*`}, `SK[0-9a-fA-F]{32}`), Entropy: 3,
			Fix: rotate("the Twilio console (Account > API keys & tokens)"),
			TP:  []string{`TWILIO_API_KEY=SKa4c123b1612dd272d1371c17149d4395`},
			FP:  []string{`TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`},
		},
		{
			ID: "twilio-auth-token", Title: "Twilio auth token", Provider: "twilio", Severity: finding.High,
			Keywords: []string{"twilio"},
			Regex:    assigned([]string{`twilio\w*(?:auth|token|secret)\w*`}, hex32), Entropy: 3,
			Fix: rotate("the Twilio console (Account > API keys & tokens > Auth token)"),
			TP:  []string{`TWILIO_AUTH_TOKEN=36b3216fdaeeb975729fae923d5a4fd1`},
			FP:  []string{`TWILIO_AUTH_TOKEN=your_auth_token`},
		},
		{
			ID: "sendgrid-api-token", Title: "SendGrid API key", Provider: "sendgrid", Severity: finding.High,
			Keywords: []string{"sg."},
			Regex:    unique(`SG\.[\w-]{22}\.[\w-]{43}`), Entropy: 4,
			Fix: rotate("SendGrid (Settings > API Keys)"),
			TP:  []string{`SENDGRID_API_KEY=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`},
			FP:  []string{`SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`},
		},
		{
			ID: "mailgun-private-api-token", Title: "Mailgun private API key", Provider: "mailgun", Severity: finding.High,
			Keywords: []string{"key-"},
			Regex:    unique(`key-[a-f0-9]{32}`), Entropy: 3,
			Fix: rotate("Mailgun (Settings > API Keys)"),
			TP:  []string{`MAILGUN_API_KEY=key-c3fc1626e53a13043b026c48bbf33fef`},
			FP:  []string{`MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`},
		},
		{
			ID: "mailgun-signing-key", Title: "Mailgun webhook signing key", Provider: "mailgun", Severity: finding.High,
			Keywords: []string{"mailgun"},
			Regex:    assigned([]string{`mailgun\w*`}, `[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}`), Entropy: 3,
			Fix: rotate("Mailgun (Settings > Webhooks > HTTP webhook signing key)"),
			TP:  []string{`MAILGUN_SIGNING_KEY=f9243a8f506b40928b5b7a767c76fb00-8f86bebb-2737f6a6`},
			FP:  []string{`MAILGUN_SIGNING_KEY=<key>`},
		},
		{
			ID: "mailchimp-api-key", Title: "Mailchimp API key", Provider: "mailchimp", Severity: finding.High,
			Keywords: []string{"-us"},
			Regex:    unique(`[a-f0-9]{32}-us\d{1,2}`), Entropy: 3,
			Fix: rotate("Mailchimp (Account > Extras > API keys)"),
			TP:  []string{`MAILCHIMP_API_KEY=f0fb23c6f5da2cec255404e4fb440034-us21`},
			FP:  []string{`lang = "en-us"`},
		},
		{
			ID: "mandrill-api-key", Title: "Mailchimp Transactional (Mandrill) API key", Provider: "mailchimp", Severity: finding.High,
			Keywords: []string{"mandrill"},
			Regex:    assigned([]string{`mandrill\w*`}, `(?:md-)?[a-zA-Z0-9_-]{22}`), Entropy: 3.5,
			Fix: rotate("Mandrill (Settings > API keys)"),
			TP:  []string{`MANDRILL_API_KEY=md-tOR3WRbUfXrG7jwrGJ2uN0`},
			FP:  []string{`MANDRILL_API_KEY=${MANDRILL_KEY}`},
		},
		{
			ID: "postmark-server-token", Title: "Postmark server token", Provider: "postmark", Severity: finding.High,
			Keywords: []string{"postmark"},
			Regex:    assigned([]string{`postmark\w*`}, uuid), Entropy: 3,
			Fix: rotate("Postmark (Server > API Tokens)"),
			TP:  []string{`POSTMARK_SERVER_TOKEN=454f31af-3176-813e-02ea-68ef786e4d3c`},
			FP:  []string{`POSTMARK_SERVER_TOKEN=POSTMARK_API_TEST`},
		},
		{
			ID: "sendinblue-api-token", Title: "Brevo (Sendinblue) API key", Provider: "brevo", Severity: finding.High,
			Keywords: []string{"xkeysib-", "xsmtpsib-"},
			Regex:    unique(`x(?:key|smtp)sib-[a-f0-9]{64}-[a-zA-Z0-9]{16}`), Entropy: 3,
			Fix: rotate("Brevo (SMTP & API > API keys)"),
			TP:  []string{`BREVO_API_KEY=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`},
			FP:  []string{`BREVO_API_KEY=xkeysib-xxx`},
		},
		{
			ID: "mailjet-api-key", Title: "Mailjet API secret", Provider: "mailjet", Severity: finding.High,
			Keywords: []string{"mailjet", "mj_apikey"},
			Regex:    assigned([]string{`mailjet\w*`, `mj_apikey_\w+`}, hex32), Entropy: 3,
			Fix: rotate("Mailjet (Account settings > API key management)"),
			TP:  []string{`MJ_APIKEY_PRIVATE=d84173581569969e58b081006f7e3dfc`},
			FP:  []string{`MJ_APIKEY_PRIVATE=$MJ_KEY`},
		},
		{
			ID: "vonage-api-secret", Title: "Vonage (Nexmo) API secret", Provider: "vonage", Severity: finding.High,
			Keywords: []string{"nexmo", "vonage"},
			Regex:    assigned([]string{`(?:nexmo|vonage)\w*secret\w*`}, `[a-zA-Z0-9]{16}`), Entropy: 3.2,
			Fix: rotate("the Vonage API dashboard (Settings > API keys)"),
			TP:  []string{`VONAGE_API_SECRET=WJiDELCrujke8PM3`},
			FP:  []string{`VONAGE_API_SECRET=${VONAGE_SECRET}`},
		},
		{
			ID: "messagebird-api-token", Title: "MessageBird API key", Provider: "messagebird", Severity: finding.High,
			Keywords: []string{"messagebird", "message-bird", "message_bird"},
			Regex:    assigned([]string{`message[_-]?bird\w*`}, `[a-zA-Z0-9]{25}`), Entropy: 3.5,
			Fix: rotate("the MessageBird dashboard (Developers > API access)"),
			TP:  []string{`MESSAGEBIRD_API_KEY=r804eluGRA35grOtWgIcFiI2T`},
			FP:  []string{`MESSAGEBIRD_API_KEY=<key>`},
		},
	}
}
