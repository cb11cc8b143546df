package container

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
	"gopkg.in/yaml.v3"
)

// scanCompose loads a compose file with compose-go and checks every
// service. A YAML document without a top-level "services" mapping is not a
// compose file (compose*.yml also matches unrelated files) and yields
// nothing.
func (s *Scanner) scanCompose(ctx context.Context, f scan.File) ([]finding.Finding, error) {
	idx, err := indexYAML(f.Data)
	if err != nil {
		return nil, fmt.Errorf("parse compose file %s: %w", f.Path, err)
	}
	if idx == nil {
		return nil, nil
	}
	if err := idx.validate(); err != nil {
		return nil, fmt.Errorf("load compose file %s: %w", f.Path, err)
	}
	proj, err := loadCompose(ctx, f, false)
	if err != nil {
		// Uninterpolated references fail to load where a number or a
		// structure is expected (ports: ["${PORT:-80}:80"]): retry
		// interpolated with no variable set, so defaults apply. Checks
		// that care whether a value was a reference read the raw YAML.
		if proj, err = loadCompose(ctx, f, true); err != nil {
			msg := strings.Join(strings.Fields(err.Error()), " ")
			if m := errKeyPath.FindStringSubmatch(msg); m != nil {
				if l := idx.line(m[1], m[2], ""); l > 0 {
					msg = fmt.Sprintf("line %d: %s", l, msg)
				}
			}
			return nil, fmt.Errorf("load compose file %s: %s", f.Path, msg)
		}
	}
	e := &emitter{s: s, path: f.Path, kind: "compose"}
	c := composeCheck{e: e, idx: idx, lines: bytes.Split(f.Data, []byte("\n"))}
	names := make([]string, 0, len(proj.Services)+len(proj.DisabledServices))
	all := map[string]types.ServiceConfig{}
	for _, set := range []types.Services{proj.Services, proj.DisabledServices} {
		for name, svc := range set {
			if _, dup := all[name]; !dup {
				names = append(names, name)
			}
			all[name] = svc
		}
	}
	sort.Strings(names)
	for _, name := range names {
		c.service(name, all[name])
	}
	return e.finish(), nil
}

// loadCompose loads one compose file in isolation: no env_file, include or
// extends files read from disk, no path resolution, and every profile
// enabled. Without interpolate, "${VAR}" stays as written; with it, every
// variable is empty, defaults apply and required markers (${VAR:?msg}) are
// dropped: the scan runs without the deployment's environment.
func loadCompose(ctx context.Context, f scan.File, interpolate bool) (*types.Project, error) {
	data := f.Data
	if interpolate {
		data = requiredVar.ReplaceAll(data, []byte("$${$1}"))
	}
	details := types.ConfigDetails{
		WorkingDir:  "/" + path.Dir(f.Path),
		ConfigFiles: []types.ConfigFile{{Filename: f.Path, Content: data}},
		Environment: types.Mapping{},
	}
	return loader.LoadWithContext(ctx, details, func(o *loader.Options) {
		o.SetProjectName("secaudit", true)
		o.SkipValidation = true
		o.SkipInterpolation = !interpolate
		o.SkipNormalization = true
		o.ResolvePaths = false
		o.SkipConsistencyCheck = true
		o.SkipExtends = true
		o.SkipInclude = true
		o.SkipResolveEnvironment = true
		o.SkipResolveLabels = true
		o.Profiles = []string{"*"}
		if interpolate && o.Interpolate != nil {
			// Every variable is set and empty: defaults (${X:-d}) apply and
			// compose-go does not log "variable is not set" warnings.
			o.Interpolate.LookupValue = func(string) (string, bool) { return "", true }
		}
	})
}

// errKeyPath finds the service and key a compose-go error is about, in
// either of its spellings: services.web.ports or services[web].ports.
var errKeyPath = regexp.MustCompile(`services(?:\.|\[)([^.\]\s:']+)\]?\.([a-z_]+)`)

// requiredVar matches ${VAR:?message} and ${VAR?message}.
var requiredVar = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*):?\?[^}]*\}`)

// yamlIndex maps services and their keys to source lines.
type yamlIndex struct {
	services map[string]*yaml.Node // service name -> its key node's value
	keys     map[string]*yaml.Node // service name -> key node of the service
}

// indexYAML parses data with yaml.v3 and indexes the services mapping. It
// returns nil, nil for YAML that is not a compose file.
func indexYAML(data []byte) (*yamlIndex, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil
	}
	svcs := mapValue(doc.Content[0], "services")
	if svcs == nil || svcs.Kind != yaml.MappingNode {
		return nil, nil
	}
	idx := &yamlIndex{services: map[string]*yaml.Node{}, keys: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(svcs.Content); i += 2 {
		v := svcs.Content[i+1]
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		idx.keys[svcs.Content[i].Value] = svcs.Content[i]
		idx.services[svcs.Content[i].Value] = v
	}
	return idx, nil
}

// validate rejects services that are not mappings, which compose-go
// v2.16.2 panics on ("services: {a: null}").
func (x *yamlIndex) validate() error {
	for name, n := range x.services {
		if n.Kind != yaml.MappingNode {
			return fmt.Errorf("line %d: service %q must be a mapping", x.keys[name].Line, name)
		}
	}
	return nil
}

// mapValue returns the value of key in a mapping node, nil when absent.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// line finds the source line of a service's key and, when item is not
// empty, of the list item or mapping key under it that contains item. It
// falls back to the key's line, then the service's line.
func (x *yamlIndex) line(service, key, item string) int {
	svc := x.services[service]
	k := x.keys[service]
	if svc == nil || k == nil {
		return 0
	}
	best := k.Line
	if svc.Kind != yaml.MappingNode {
		return best
	}
	for i := 0; i+1 < len(svc.Content); i += 2 {
		if svc.Content[i].Value != key {
			continue
		}
		best = svc.Content[i].Line
		if item == "" {
			return best
		}
		if l := findItem(svc.Content[i+1], item); l > 0 {
			return l
		}
		return best
	}
	return best
}

// findItem returns the line of the first scalar under n (a sequence item,
// a mapping key or a nested value) whose value contains item.
func findItem(n *yaml.Node, item string) int {
	if n == nil {
		return 0
	}
	if n.Kind == yaml.ScalarNode && bytes.Contains([]byte(n.Value), []byte(item)) {
		return n.Line
	}
	for _, c := range n.Content {
		if l := findItem(c, item); l > 0 {
			return l
		}
	}
	return 0
}

// scalar returns the raw text of a service's key when it is a scalar.
func (x *yamlIndex) scalar(service, key string) string {
	if v := mapValue(x.services[service], key); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

// rawEnv returns the raw value of an environment variable of a service,
// from either the mapping or the list ("KEY=value") form.
func (x *yamlIndex) rawEnv(service, name string) string {
	env := mapValue(x.services[service], "environment")
	if env == nil {
		return ""
	}
	switch env.Kind {
	case yaml.MappingNode:
		if v := mapValue(env, name); v != nil {
			return v.Value
		}
	case yaml.SequenceNode:
		for _, item := range env.Content {
			if k, v, ok := strings.Cut(item.Value, "="); ok && k == name {
				return v
			}
		}
	}
	return ""
}
