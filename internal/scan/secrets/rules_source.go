package secrets

import "github.com/secaudit/secaudit/internal/finding"

// sourceHostRules covers source hosts: GitHub, GitLab, Bitbucket, Atlassian.
func sourceHostRules() []Rule {
	gh := func(id, title, prefix, marker string) Rule {
		return Rule{
			ID: id, Title: title, Provider: "github", Severity: finding.High,
			Keywords: []string{prefix},
			Regex:    unique(prefix + `[a-zA-Z0-9]{36}`), Entropy: 3, Check: validGitHubChecksum, Checksum: true,
			Fix: rotate("GitHub (Settings > Developer settings), or revoke it via the credential revocation API"),
			TP:  []string{`GITHUB_TOKEN=` + marker, `git clone https://x-access-token:` + marker + `@github.com/org/repo.git`},
			// A token whose last six characters are not the CRC32 of the rest is not a GitHub token.
			FP: []string{`GITHUB_TOKEN=` + prefix + `1234567890abcdefghijklmnopqrstuvwxyzAB`, `GITHUB_TOKEN=` + prefix + `aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5`},
		}
	}
	return []Rule{
		gh("github-pat", "GitHub personal access token", "ghp_", "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"),
		gh("github-oauth", "GitHub OAuth access token", "gho_", "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"),
		gh("github-app-token", "GitHub App user-to-server token", "ghu_", "ghu_CN6Zj4a3dDVhYRnKTbxTNJFoBinF5a42GyMy"),
		gh("github-app-installation-token", "GitHub App installation token", "ghs_", "ghs_JXVuLkSIc47WQAmL9xVQ2zg4mZaouq416qWT"),
		gh("github-refresh-token", "GitHub refresh token", "ghr_", "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"),
		{
			ID: "github-fine-grained-pat", Title: "GitHub fine-grained personal access token", Provider: "github", Severity: finding.High,
			Keywords: []string{"github_pat_"},
			Regex:    unique(`github_pat_[a-zA-Z0-9]{22}_[a-zA-Z0-9]{59}`), Entropy: 3,
			Fix: rotate("GitHub (Settings > Developer settings > Fine-grained tokens)"),
			TP:  []string{`token: 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`},
			FP:  []string{`token: github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`},
		},
		{
			ID: "gitlab-pat", Title: "GitLab personal access token", Provider: "gitlab", Severity: finding.High,
			Keywords: []string{"glpat-"},
			Regex:    unique(`glpat-[\w-]{20}(?:[\w.-]{7,40})?`), Entropy: 3,
			Fix: rotate("GitLab (User settings > Access tokens)"),
			TP:  []string{`GITLAB_TOKEN=glpat-oopoDzp7O8QuKEh6D0JC`, `private_token: "glpat-k39QmJWikyFE_xzzdAIDhXzK2QkI3cBXkLjS.01.886vompzo"`},
			FP:  []string{`GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx`, `GITLAB_TOKEN=glpat-<your-token>`},
		},
		{
			ID: "gitlab-pipeline-trigger-token", Title: "GitLab pipeline trigger token", Provider: "gitlab", Severity: finding.High,
			Keywords: []string{"glptt-"},
			Regex:    unique(`glptt-[0-9a-f]{40}`), Entropy: 3,
			Fix: rotate("GitLab (Settings > CI/CD > Pipeline trigger tokens)"),
			TP:  []string{`curl -F token=glptt-6fb008f86bebb2737f6a6f0fb23c6f5da2cec255 https://gitlab.example.com/api/v4/projects/1/trigger/pipeline`},
			FP:  []string{`token=glptt-TOKEN`},
		},
		{
			ID: "gitlab-runner-registration-token", Title: "GitLab runner registration token", Provider: "gitlab", Severity: finding.High,
			Keywords: []string{"gr1348941"},
			Regex:    unique(`GR1348941[\w-]{20}`), Entropy: 3,
			Fix: rotate("GitLab (Settings > CI/CD > Runners > reset registration token)"),
			TP:  []string{`--registration-token GR1348941G3JxIyiJG21DHtOR3WRb`},
			FP:  []string{`--registration-token GR1348941xxxxxxxxxxxxxxxxxxxx`},
		},
		{
			ID: "gitlab-runner-auth-token", Title: "GitLab runner authentication token", Provider: "gitlab", Severity: finding.High,
			Keywords: []string{"glrt-"},
			Regex:    unique(`glrt-[\w-]{20}(?:[\w.-]{0,40})`), Entropy: 3,
			Fix: rotate("GitLab (Settings > CI/CD > Runners)"),
			TP:  []string{`token = "glrt-UfXrG7jwrGJ2uN0JMIyF"`},
			FP:  []string{`token = "glrt-REDACTED"`},
		},
		{
			ID: "gitlab-deploy-token", Title: "GitLab deploy token", Provider: "gitlab", Severity: finding.High,
			Keywords: []string{"gldt-"},
			Regex:    unique(`gldt-[\w-]{20}`), Entropy: 3,
			Fix: rotate("GitLab (Settings > Repository > Deploy tokens)"),
			TP:  []string{`password: gldt-7fzD7VOZ5Cv38ufPZvzV`},
			FP:  []string{`password: gldt-`},
		},
		{
			ID: "gitlab-feed-token", Title: "GitLab feed token", Provider: "gitlab", Severity: finding.Medium,
			Keywords: []string{"glft-"},
			Regex:    unique(`glft-[\w-]{20}`), Entropy: 3,
			Fix: rotate("GitLab (User settings > Access tokens > Feed token)"),
			TP:  []string{`https://gitlab.com/dashboard/projects.atom?feed_token=glft-XPvHrFoue9Us9RcFJkIW`},
			FP:  []string{`feed_token=glft-xxxxxxxxxxxxxxxxxxxx`},
		},
		{
			ID: "gitlab-oauth-app-secret", Title: "GitLab OAuth application secret", Provider: "gitlab", Severity: finding.High,
			Keywords: []string{"gloas-"},
			Regex:    unique(`gloas-[\w-]{64}`), Entropy: 3,
			Fix: rotate("GitLab (Settings > Applications)"),
			TP:  []string{`client_secret: gloas-4e73cf575dcad6ba2b0aee0ca923732881584d8c4fa2815d2802827283e0ad84`},
			FP:  []string{`client_secret: gloas-secret`},
		},
		{
			ID: "gitlab-cicd-job-token", Title: "GitLab CI/CD job token", Provider: "gitlab", Severity: finding.Medium,
			Keywords: []string{"glcbt-"},
			Regex:    unique(`glcbt-[0-9a-fA-F]{1,5}_[\w-]{20}`), Entropy: 3,
			Fix: "Job tokens expire with the job; remove it from the code and use CI_JOB_TOKEN at run time.",
			TP:  []string{`JOB_TOKEN=glcbt-64_5UEKX6NPddQbvMYi2W41`},
			FP:  []string{`JOB_TOKEN=$CI_JOB_TOKEN`},
		},
		{
			ID: "gitlab-scim-token", Title: "GitLab SCIM token", Provider: "gitlab", Severity: finding.High,
			Keywords: []string{"glsoat-"},
			Regex:    unique(`glsoat-[\w-]{20}`), Entropy: 3,
			Fix: rotate("GitLab (Group settings > SAML SSO > SCIM token)"),
			TP:  []string{`scim_token: glsoat-2OyVvDt-odRThPHpi6G1`},
			FP:  []string{`scim_token: glsoat-`},
		},
		{
			ID: "gitlab-kubernetes-agent-token", Title: "GitLab Kubernetes agent token", Provider: "gitlab", Severity: finding.High,
			Keywords: []string{"glagent-"},
			Regex:    unique(`glagent-[\w-]{50}`), Entropy: 3,
			Fix: rotate("GitLab (Operate > Kubernetes clusters > agent tokens)"),
			TP:  []string{`--set config.token=glagent-9WtK7AmaVb5wNKYv0XkgfV4dRjN0gmAyZPV0BXBIp5o2ccTAJn`},
			FP:  []string{`--set config.token=glagent-TOKEN`},
		},
		{
			ID: "bitbucket-app-password", Title: "Bitbucket app password", Provider: "bitbucket", Severity: finding.High,
			Keywords: []string{"atbb"},
			Regex:    unique(`ATBB[a-zA-Z0-9]{32}`), Entropy: 3,
			Fix: rotate("Bitbucket (Personal settings > App passwords)"),
			TP:  []string{`BITBUCKET_APP_PASSWORD=ATBBmKkV9Ikdf92qrjvWeRkipW8wXmWarqp1`},
			FP:  []string{`BITBUCKET_APP_PASSWORD=ATBBxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`},
		},
		{
			ID: "bitbucket-client-secret", Title: "Bitbucket OAuth client secret", Provider: "bitbucket", Severity: finding.High,
			Keywords: []string{"bitbucket"},
			Regex:    assigned([]string{`bitbucket\w*secret\w*`}, `[a-zA-Z0-9=_-]{32,64}`), Entropy: 3.5,
			Fix: rotate("Bitbucket (Workspace settings > OAuth consumers)"),
			TP:  []string{`BITBUCKET_CLIENT_SECRET=qhbpvjhzifE5128eNz6OrSZ3e1eYhFVG0Tp4lxWvY5gX4llU`},
			FP:  []string{`BITBUCKET_CLIENT_SECRET=${BITBUCKET_SECRET}`},
		},
		{
			ID: "atlassian-api-token", Title: "Atlassian API token", Provider: "atlassian", Severity: finding.High,
			Keywords: []string{"atatt3"},
			Regex:    unique(`ATATT3[A-Za-z0-9_=-]{186}`), Entropy: 3.5,
			Fix: rotate("Atlassian account settings (Security > API tokens)"),
			TP:  []string{`JIRA_API_TOKEN=ATATT3W9XUQTw-m9za5P9IgWcH1z7_YCR_baxxxFPdAy2bw9vYnQQ9BIXkGZEkT-_o3K0_vpcIrimeFg0fhoFP1bWl8on9ksZ6ZD6aJVYteOls3pQA6qvHa_6GLyrhacWXpUczoFLK9Q-SvgvsHOVBMhBeUlXP2qnqQmYh7-ZkGRBYVnpvtd2G4sy_09oxvV`},
			FP:  []string{`JIRA_API_TOKEN=ATATT3xxxx`},
		},
		{
			ID: "sourcegraph-access-token", Title: "Sourcegraph access token", Provider: "sourcegraph", Severity: finding.High,
			Keywords: []string{"sgp_"},
			Regex:    unique(`sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}`), Entropy: 3,
			Fix: rotate("Sourcegraph (Settings > Access tokens)"),
			TP:  []string{`SRC_ACCESS_TOKEN=sgp_37443e210471948d_33296c87009e8a7f770d9106fd287db7f1adbc60`},
			FP:  []string{`SRC_ACCESS_TOKEN=sgp_local_`},
		},
	}
}
