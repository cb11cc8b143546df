package query

import (
	"regexp"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

// Match is one match of a rule, handed to the rule's Check.
type Match struct {
	// Path is the file's path, Src its content.
	Path string
	Src  []byte
	// Node is the @match capture (the call for call rules).
	Node sitter.Node
	// Call is the callee's qualified name for call rules.
	Call     string
	captures map[string]sitter.Node
	file     *fileMatches
}

// Capture returns the node captured under name, if any.
func (m *Match) Capture(name string) (sitter.Node, bool) {
	n, ok := m.captures[name]
	return n, ok
}

// Text returns the source text of n.
func (m *Match) Text(n *sitter.Node) string {
	return string(m.Src[n.StartByte():n.EndByte()])
}

// Resolve returns the qualified name of a dotted name through the file's
// imports ("np.load" -> "numpy.load").
func (m *Match) Resolve(name string) string { return m.file.resolve(name) }

// Imported reports whether the file imports module or something under it.
func (m *Match) Imported(module string) bool {
	for _, q := range m.file.imports {
		if q == module || strings.HasPrefix(q, module+".") {
			return true
		}
	}
	return m.file.modules[module]
}

// fileMatches collects the matches of one file.
type fileMatches struct {
	engine  *Engine
	path    string
	src     []byte
	imports map[string]string
	modules map[string]bool
	calls   []Match
	pending []pending
	hits    []rule.Hit
}

// pending is a rule match waiting for the file's imports to be known.
type pending struct {
	rule  *Rule
	match Match
}

// add handles one match of the combined query.
func (f *fileMatches) add(qm *sitter.QueryMatch) {
	kind := f.engine.patterns[qm.PatternIndex]
	caps := make(map[string]sitter.Node, len(qm.Captures))
	names := f.engine.query.CaptureNames()
	for _, c := range qm.Captures {
		caps[names[c.Index]] = c.Node
	}
	switch {
	case kind.imp:
		f.addImport(caps)
	case kind.call:
		call, ok1 := caps["call"]
		fn, ok2 := caps["fn"]
		if ok1 && ok2 {
			f.calls = append(f.calls, Match{Path: f.path, Src: f.src, Node: call, Call: f.text(&fn), captures: caps, file: f})
		}
	case kind.rule != nil:
		n, ok := caps["match"]
		if !ok {
			return
		}
		f.pending = append(f.pending, pending{kind.rule, Match{Path: f.path, Src: f.src, Node: n, captures: caps, file: f}})
	}
}

func (f *fileMatches) text(n *sitter.Node) string {
	return string(f.src[n.StartByte():n.EndByte()])
}

// addImport records a local name bound by an import.
func (f *fileMatches) addImport(caps map[string]sitter.Node) {
	text := func(name string) string {
		n, ok := caps[name]
		if !ok {
			return ""
		}
		return normalizeModule(f.text(&n))
	}
	mod, from, name, alias := text("import.module"), text("import.from"), text("import.name"), text("import.alias")
	if f.modules == nil {
		f.modules = map[string]bool{}
	}
	switch {
	case mod != "" && alias != "":
		f.imports[alias] = mod
		f.modules[mod] = true
	case mod != "":
		f.modules[mod] = true
	case from != "" && name != "":
		f.modules[from] = true
		if alias == "" {
			alias = name
		}
		f.imports[alias] = from + "." + name
	}
}

// normalizeModule strips quotes, white space and a node: scheme from a
// module name.
func normalizeModule(s string) string {
	s = strings.Join(strings.Fields(s), "")
	s = strings.Trim(s, "'\"`")
	return strings.TrimPrefix(s, "node:")
}

// requireRE matches a member of a CommonJS module used in place:
// require('child_process').exec.
var requireRE = regexp.MustCompile(`^require\(\s*['"]([^'"]+)['"]\s*\)\.([\w$.]+)$`)

// requireCall splits require('m').f into the module and the member path.
func requireCall(name string) (module, rest string, ok bool) {
	if !strings.HasPrefix(name, "require(") {
		return "", "", false
	}
	sm := requireRE.FindStringSubmatch(strings.Join(strings.Fields(name), ""))
	if sm == nil {
		return "", "", false
	}
	return normalizeModule(sm[1]), sm[2], true
}

// resolve maps the first element of a dotted name through the imports.
func (f *fileMatches) resolve(name string) string {
	name = strings.Join(strings.Fields(name), "")
	head, rest, dotted := strings.Cut(name, ".")
	q, ok := f.imports[head]
	if !ok {
		return name
	}
	if dotted {
		return q + "." + rest
	}
	return q
}

// finish runs the checks of the query rules and the call rules once every
// import is known.
func (f *fileMatches) finish() {
	for i := range f.pending {
		f.report(f.pending[i].rule, &f.pending[i].match)
	}
	e := f.engine
	if len(e.exact) == 0 && len(e.prefix) == 0 {
		return
	}
	for i := range f.calls {
		m := &f.calls[i]
		if mod, rest, ok := requireCall(m.Call); ok {
			m.Call = mod + "." + rest
		} else if strings.ContainsAny(m.Call, "()[]") {
			continue
		} else {
			m.Call = f.resolve(m.Call)
		}
		for _, r := range e.exact[m.Call] {
			f.report(r, m)
		}
		for p := m.Call; ; {
			j := strings.LastIndexByte(p, '.')
			if j < 0 {
				break
			}
			p = p[:j]
			for _, r := range e.prefix[p] {
				f.report(r, m)
			}
		}
	}
}

// report records a hit of r at m unless the node is an error or r's check
// rejects it.
func (f *fileMatches) report(r *Rule, m *Match) {
	if m.Node.IsError() || m.Node.IsMissing() {
		return
	}
	if r.Check != nil && !r.Check(m) {
		return
	}
	s, e := m.Node.StartPosition(), m.Node.EndPosition()
	f.hits = append(f.hits, rule.Hit{Rule: &r.Rule, Line: int(s.Row) + 1, Column: int(s.Column) + 1,
		EndLine: int(e.Row) + 1, EndColumn: int(e.Column) + 1, Detail: m.Call})
}

// Count returns how many of hits are of rule id.
func Count(hits []rule.Hit, id string) int {
	n := 0
	for _, h := range hits {
		if h.Rule.ID == id {
			n++
		}
	}
	return n
}
