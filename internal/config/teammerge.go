package config

import (
	"fmt"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// UnmarshalYAML decodes a team strictly (an unknown key is an error with its
// line, as for the rest of the file) and records which keys the file set, so
// that a team redefined in .secaudit.yaml keeps the default values of the
// fields it leaves out (see mergeTeamDefaults).
func (t *Team) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.MappingNode {
		known := teamKeys()
		var unknown []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if !known[k.Value] {
				unknown = append(unknown, fmt.Sprintf("line %d: field %s not found in type config.Team", k.Line, k.Value))
			}
		}
		if len(unknown) > 0 {
			return &yaml.TypeError{Errors: unknown}
		}
	}
	type plain Team // no methods: no recursion
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*t = Team(p)
	t.Set = nil
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			t.Set = append(t.Set, n.Content[i].Value)
		}
	}
	return nil
}

// teamKeys returns the YAML keys of Team's fields.
func teamKeys() map[string]bool {
	out := map[string]bool{}
	rt := reflect.TypeOf(Team{})
	for i := 0; i < rt.NumField(); i++ {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			out[name] = true
		}
	}
	return out
}

// defaultTeams decodes the teams of the embedded defaults alone (no
// validation, so it may run inside Validate).
func defaultTeams() map[string]Team {
	var d struct {
		Teams map[string]Team `yaml:"teams"`
	}
	if err := yaml.Unmarshal(defaultsYAML, &d); err != nil {
		return nil
	}
	return d.Teams
}

// mergeTeamDefaults completes each team the file redefined with the default
// team of the same key: fields the file did not set keep their default.
// Setting a field to "" clears it. Set is emptied afterwards.
func (c *Config) mergeTeamDefaults() {
	var defaults map[string]Team
	for key, t := range c.Teams {
		if t.Set == nil {
			continue
		}
		if defaults == nil {
			defaults = defaultTeams()
		}
		if base, ok := defaults[key]; ok {
			t = mergeTeam(base, t)
		}
		t.Set = nil
		c.Teams[key] = t
	}
}

// mergeTeam returns base with the fields over set (those named in over.Set)
// taken from over.
func mergeTeam(base, over Team) Team {
	set := map[string]bool{}
	for _, k := range over.Set {
		set[k] = true
	}
	out := reflect.ValueOf(&base).Elem()
	src := reflect.ValueOf(over)
	rt := out.Type()
	for i := 0; i < rt.NumField(); i++ {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("yaml"), ",")
		if set[name] {
			out.Field(i).Set(src.Field(i))
		}
	}
	return base
}
