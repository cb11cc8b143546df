package secrets

import "github.com/secaudit/secaudit/internal/finding"

// chatRules covers chat platforms: Slack, Discord, Telegram, Teams.
func chatRules() []Rule {
	slackFix := rotate("Slack (api.slack.com/apps > your app > OAuth & Permissions, or revoke via auth.revoke)")
	return []Rule{
		{
			ID: "slack-bot-token", Title: "Slack bot token", Provider: "slack", Severity: finding.High,
			Keywords: []string{"xoxb-"},
			Regex:    unique(`xoxb-[0-9]{10,13}-[0-9]{10,13}(?:-[a-zA-Z0-9]{24})?`), Entropy: 3,
			Fix: slackFix,
			TP:  []string{`SLACK_BOT_TOKEN=xoxb-526018159083-0166131860913-eeby3abP3E2Zs8IQ9Y7aJZqh`},
			FP:  []string{`SLACK_BOT_TOKEN=xoxb-your-token`, `SLACK_BOT_TOKEN=xoxb-1234567890-1234567890123-xxxxxxxxxxxxxxxxxxxxxxxx`},
		},
		{
			ID: "slack-user-token", Title: "Slack user token", Provider: "slack", Severity: finding.High,
			Keywords: []string{"xoxp-", "xoxe-"},
			Regex:    unique(`xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}`), Entropy: 3,
			Fix: slackFix,
			TP:  []string{`token = "xoxp-219935181909-378657975432-3194875749118-d5a4fd12aabfe228f219e9cb0eb53f16"`},
			FP:  []string{`token = "xoxp-0000"`},
		},
		{
			ID: "slack-app-token", Title: "Slack app-level token", Provider: "slack", Severity: finding.High,
			Keywords: []string{"xapp-"},
			Regex:    unique(`(?i:xapp)-\d-[A-Z0-9]+-\d+-[a-z0-9]+`), Entropy: 3,
			Fix: slackFix,
			TP:  []string{`SLACK_APP_TOKEN=xapp-1-ASIPZZ5FK2Z-8426846563212-4770f58904dba41ecccc3fc1626e53a13043b026c48bbf33feff9243a8f506b4`},
			FP:  []string{`SLACK_APP_TOKEN=xapp-your-token`},
		},
		{
			ID: "slack-config-token", Title: "Slack configuration token", Provider: "slack", Severity: finding.High,
			Keywords: []string{"xoxe.xox"},
			Regex:    unique(`xoxe\.xox[bp]-\d-[A-Z0-9]{163,166}`), Entropy: 3,
			Fix: slackFix,
			TP:  []string{`SLACK_CONFIG_TOKEN=xoxe.xoxp-1-8B7TFQ7XKWO886VOMPZOM75WBBR4QMW2WXFOGO4MVN4A4WFHYM4L1VFZ3ZFKKIBJ3J4WJ99IBAG7I1MNBQNS6PUQ80IDW3706I8J76B2LAJLJ4H9DU7794G9DPMRCG629BE2U66MR26846P7Q9M2I0HZ2UEP1ENTHJXJ`},
			FP:  []string{`SLACK_CONFIG_TOKEN=xoxe.xoxp-1-TOKEN`},
		},
		{
			ID: "slack-legacy-token", Title: "Slack legacy token", Provider: "slack", Severity: finding.High,
			Keywords: []string{"xoxo-", "xoxs-", "xoxa-", "xoxr-"},
			Regex:    unique(`xox[osar]-\d+-\d+-\d+-[a-fA-F\d]+`), Entropy: 3,
			Fix: slackFix,
			TP:  []string{`SLACK_TOKEN=xoxs-4273167232-68656355150-587706589481-3732881584d8c4fa2815d2802827283e0ad84173581569969e58b081006f7e3d`},
			FP:  []string{`SLACK_TOKEN=xoxs-x`},
		},
		{
			ID: "slack-webhook-url", Title: "Slack incoming webhook URL", Provider: "slack", Severity: finding.High,
			Keywords: []string{"hooks.slack.com"},
			Regex:    `(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/(T[A-Z0-9]{8,12}/[AB][A-Z0-9]{8,12}/[a-zA-Z0-9]{24,48})`, Entropy: 3,
			Fix: "Regenerate the webhook (Slack app > Incoming Webhooks), then remove the URL from the code.",
			TP:  []string{`SLACK_WEBHOOK=https://hooks.slack.com/services/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`},
			FP:  []string{`SLACK_WEBHOOK=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX`},
		},
		{
			ID: "discord-bot-token", Title: "Discord bot token", Provider: "discord", Severity: finding.High,
			Keywords: []string{"discord", "bot_token"},
			Regex:    assigned([]string{`discord\w*`, `bot_token`}, `[MNO][a-zA-Z\d_-]{23,25}\.[a-zA-Z\d_-]{6}\.[a-zA-Z\d_-]{27,38}`), Entropy: 4,
			Fix: rotate("the Discord developer portal (Bot > Reset token)"),
			TP:  []string{`DISCORD_TOKEN=MZKF2zuJDMB0LO5UHWfCFWn0.BXBIp5.o2ccTAJnf-JaI5sH2TA35HkDmv62V_X0w8B8yW`},
			FP:  []string{`DISCORD_TOKEN=your.discord.token`},
		},
		{
			ID: "discord-webhook-url", Title: "Discord webhook URL", Provider: "discord", Severity: finding.High,
			Keywords: []string{"discord.com/api/webhooks", "discordapp.com/api/webhooks"},
			Regex:    `discord(?:app)?\.com/api/webhooks/\d{17,20}/([\w-]{60,68})`, Entropy: 4,
			Fix: "Delete the webhook (channel settings > Integrations > Webhooks) and create a new one.",
			TP:  []string{`url: https://discord.com/api/webhooks/143337761740931925/WcH1z7_YCR_baxxxFPdAy2bw9vYnQQ9BIXkGZEkT-_o3K0_vpcIrimeFg0fhoFP1bWl8`},
			FP:  []string{`url: https://discord.com/api/webhooks/123/token`},
		},
		{
			ID: "discord-client-secret", Title: "Discord client secret", Provider: "discord", Severity: finding.High,
			Keywords: []string{"discord"},
			Regex:    assigned([]string{`discord\w*secret\w*`}, `[a-zA-Z0-9_-]{32}`), Entropy: 3.5,
			Fix: rotate("the Discord developer portal (OAuth2 > Reset secret)"),
			TP:  []string{`DISCORD_CLIENT_SECRET=on9ksZ6ZD6aJVYteOls3pQA6qvHa_6GL`},
			FP:  []string{`DISCORD_CLIENT_SECRET=${DISCORD_SECRET}`},
		},
		{
			ID: "telegram-bot-token", Title: "Telegram bot token", Provider: "telegram", Severity: finding.High,
			Keywords: []string{":aa"},
			Regex:    `(?:^|[^\w:])(\d{8,10}:AA[\w-]{33})` + tokenEnd, Entropy: 3.5,
			Fix: "Revoke the token with @BotFather (/revoke), then remove it from the code.",
			TP:  []string{`TELEGRAM_BOT_TOKEN=7654444634:AAzoFLK9Q-SvgvsHOVBMhBeUlXP2qnqQmYh`, `bot = Bot("074952883:AABYVnpvtd2G4sy_09oxvVDSJJDwA50GT4c")`},
			FP:  []string{`TELEGRAM_BOT_TOKEN=123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`},
		},
		{
			ID: "teams-webhook-url", Title: "Microsoft Teams incoming webhook URL", Provider: "microsoft-teams", Severity: finding.High,
			Keywords: []string{"webhook.office.com", "outlook.office.com/webhook", "outlook.office365.com/webhook"},
			Regex:    `https://(?:[a-z0-9-]+\.webhook\.office\.com/webhookb2|outlook\.office(?:365)?\.com/webhook)/([a-z0-9-]{36}@[a-z0-9-]{36}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9-]{36}(?:/[\w-]{40,})?)`, Entropy: 3,
			Fix: "Remove the connector from the channel and create a new webhook, then remove the URL from the code.",
			TP:  []string{`TEAMS_WEBHOOK=https://contoso.webhook.office.com/webhookb2/48d33296-c870-09e8-a7f7-70d9106fd287@db7f1adb-c609-26f6-967e-7893f57fd14c/IncomingWebhook/1604d115cea325a65e19cbae530282bd/36cb9d21-f6be-6abf-0d7c-1c1e21862ab8`},
			FP:  []string{`TEAMS_WEBHOOK=https://contoso.webhook.office.com/webhookb2/<id>`},
		},
		{
			ID: "mattermost-access-token", Title: "Mattermost access token", Provider: "mattermost", Severity: finding.Medium,
			Keywords: []string{"mattermost"},
			Regex:    assigned([]string{`mattermost\w*token`}, `[a-z0-9]{26}`), Entropy: 3.5,
			Fix: rotate("Mattermost (Profile > Security > Personal access tokens)"),
			TP:  []string{`MATTERMOST_TOKEN=vcqurtaebog43yq15i5latjpuu`},
			FP:  []string{`MATTERMOST_TOKEN=$MM_TOKEN`},
		},
	}
}
