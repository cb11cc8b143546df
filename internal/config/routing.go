package config

// Team is one owning team of the contact matrix.
type Team struct {
	// Name is the display name ("Security Team").
	Name string `yaml:"name"`
	// GitHubTeam is the team's handle ("@org/security-team").
	GitHubTeam string `yaml:"github_team"`
	// SlackChannel is the team's channel ("#security-critical").
	SlackChannel string `yaml:"slack_channel"`
	// SlackMention is put in front of Slack messages ("<!channel>").
	SlackMention string `yaml:"slack_mention"`
	// Email is the team's address.
	Email string `yaml:"email"`
}

// Route says who owns an exit-code class and how urgently.
type Route struct {
	ExitCode int `yaml:"exit_code"`
	// Team is a key of Config.Teams.
	Team string `yaml:"team"`
	// Severity is the label used on issues ("critical", "high").
	Severity string `yaml:"severity"`
	// Priority is P0, P1 or P2.
	Priority string `yaml:"priority"`
	// Response is the response time in words ("Immediate", "Same day").
	Response string `yaml:"response"`
	// Page says whether the class pages on-call.
	Page bool `yaml:"page"`
}

// Routing holds routing settings that are not per class.
type Routing struct{}

// TeamFor returns the key and the display name of the team that owns exit
// code code, or empty strings when no route names one.
func (c *Config) TeamFor(code int) (key, name string) {
	for _, r := range c.Routes {
		if r.ExitCode == code {
			return r.Team, c.Teams[r.Team].Name
		}
	}
	return "", ""
}

func (c *Config) validateRouting() []error { return nil }
