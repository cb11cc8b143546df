package python

import (
	"regexp"
	"strconv"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/secaudit/secaudit/internal/scan/code/query"
	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

// randomForSecret approves a call of the random module whose value is
// bound to a sensitive name (token, password, key...): the variable,
// attribute, keyword argument, dictionary key or function it flows into.
// Test files are left out.
func randomForSecret(m *query.Match) bool {
	if testFile(m.Path) {
		return false
	}
	n := m.Node.Parent()
	for depth := 0; n != nil && depth < 12; depth++ {
		var name *sitter.Node
		switch n.Kind() {
		case "assignment", "augmented_assignment":
			name = n.ChildByFieldName("left")
		case "keyword_argument":
			name = n.ChildByFieldName("name")
		case "pair":
			name = n.ChildByFieldName("key")
		case "function_definition":
			name = n.ChildByFieldName("name")
		}
		if name != nil && rule.Sensitive(lastName(m, *name)) {
			return true
		}
		switch n.Kind() {
		case "function_definition", "class_definition", "module":
			return false
		}
		n = n.Parent()
	}
	return false
}

// lastName returns the last identifier of a name, attribute or string key.
func lastName(m *query.Match, n sitter.Node) string {
	if n.Kind() == "attribute" {
		if a := n.ChildByFieldName("attribute"); a != nil {
			return m.Text(a)
		}
	}
	return strings.Trim(m.Text(&n), `'"`)
}

// jinjaNoAutoescape approves jinja2.Environment without autoescape, or with
// a false one (bandit B701).
func jinjaNoAutoescape(m *query.Match) bool {
	v, ok := kwarg(m, m.Node, "autoescape")
	return !ok || falsy(m, v)
}

// tarNoFilter approves TarFile.extractall without a filter= (or members=)
// argument in a file that imports tarfile.
func tarNoFilter(m *query.Match) bool {
	if !m.Imported("tarfile") {
		return false
	}
	_, f := kwarg(m, m.Node, "filter")
	_, mem := kwarg(m, m.Node, "members")
	return !f && !mem
}

// permissiveMode approves os.chmod with a world-writable or
// group-executable mode (bandit B103).
func permissiveMode(m *query.Match) bool {
	mode, ok := kwarg(m, m.Node, "mode")
	if !ok {
		mode, ok = arg(m.Node, 1)
	}
	if !ok || mode.Kind() != "integer" {
		return false
	}
	text := strings.ReplaceAll(strings.ToLower(m.Text(&mode)), "_", "")
	if len(text) > 1 && text[0] == '0' && text[1] >= '0' && text[1] <= '9' {
		text = "0o" + text[1:] // Python 2 octal
	}
	v, err := strconv.ParseInt(text, 0, 64)
	return err == nil && v&0o012 != 0
}

// autoAddPolicy approves set_missing_host_key_policy with a policy that
// accepts unknown hosts (bandit B507).
func autoAddPolicy(m *query.Match) bool {
	v, ok := m.Capture("v")
	if !ok {
		return false
	}
	t := m.Text(&v)
	return strings.Contains(t, "AutoAddPolicy") || strings.Contains(t, "WarningPolicy")
}

// jwtNoVerify approves jwt.decode with signature verification turned off.
func jwtNoVerify(m *query.Match) bool {
	if v, ok := kwarg(m, m.Node, "verify"); ok && falsy(m, v) {
		return true
	}
	if o, ok := kwarg(m, m.Node, "options"); ok {
		t := strings.Join(strings.Fields(m.Text(&o)), "")
		return strings.Contains(t, `verify_signature":False`) || strings.Contains(t, `verify_signature':False`)
	}
	return false
}

// requestInput matches expressions that read an HTTP request (Flask,
// Django, FastAPI/Starlette): the light taint check of request-driven
// rules.
var requestInput = regexp.MustCompile(`\brequest\.(args|form|values|files|json|data|cookies|headers|GET|POST|FILES|COOKIES|META|query_params|path_params|get_json)\b`)

// firstArgFromRequest approves calls whose first argument reads the
// request, directly or through variables assigned in the same function.
func firstArgFromRequest(m *query.Match) bool {
	a, ok := arg(m.Node, 0)
	if !ok {
		a, ok = kwarg(m, m.Node, "url")
	}
	return ok && readsRequest(m, a, 0)
}

// readsRequest reports whether n reads the request: its text does, or
// one of its identifiers was last assigned from an expression that does.
func readsRequest(m *query.Match, n sitter.Node, depth int) bool {
	if literal(n) {
		return false
	}
	if requestInput.MatchString(m.Text(&n)) {
		return true
	}
	if depth > 2 {
		return false
	}
	var ids []sitter.Node
	collectIdents(n, &ids, 8)
	for _, id := range ids {
		for _, v := range assignments(m, id) {
			if v.Kind() == "augmented_assignment" {
				if r := v.ChildByFieldName("right"); r != nil {
					v = *r
				}
			}
			if passesInput(m, v) && readsRequest(m, v, depth+1) {
				return true
			}
		}
	}
	return false
}

// stringOps are calls that pass their input through as text; the result of
// any other call (a database lookup keyed by the input) is not the input.
var stringOps = map[string]bool{
	"str": true, "strip": true, "lstrip": true, "rstrip": true, "lower": true, "upper": true, "format": true,
	"join": true, "replace": true, "decode": true, "encode": true, "unquote": true, "unquote_plus": true,
	"normpath": true, "abspath": true, "Path": true, "urljoin": true, "f": true,
}

// passesInput reports whether an assigned value carries its request input
// through: not a call, a call on the request itself (request.args.get),
// or a string operation.
func passesInput(m *query.Match, v sitter.Node) bool {
	if v.Kind() == "await" {
		return false
	}
	if v.Kind() != "call" {
		return true
	}
	fn := v.ChildByFieldName("function")
	if fn == nil {
		return false
	}
	t := m.Text(fn)
	return requestInput.MatchString(t) || stringOps[t[strings.LastIndexByte(t, '.')+1:]]
}

// collectIdents appends up to max identifiers of n, not attribute names,
// outside nested functions.
func collectIdents(n sitter.Node, out *[]sitter.Node, max int) {
	if len(*out) >= max || n.Kind() == "lambda" {
		return
	}
	switch n.Kind() {
	case "identifier":
		*out = append(*out, n)
		return
	case "attribute":
		if o := n.ChildByFieldName("object"); o != nil {
			collectIdents(*o, out, max)
		}
		return
	case "keyword_argument":
		if v := n.ChildByFieldName("value"); v != nil {
			collectIdents(*v, out, max)
		}
		return
	}
	for j := uint(0); j < n.NamedChildCount(); j++ {
		collectIdents(*n.NamedChild(j), out, max)
	}
}
