package javascript

import (
	"regexp"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/secaudit/secaudit/internal/scan/code/query"
)

// requestInput matches expressions that read an HTTP request (Express,
// Koa, Next.js): the light taint check of the request-driven rules.
var requestInput = regexp.MustCompile(`\b(req|request|ctx\.request|ctx)\.(query|params|body|headers|cookies|path|url|originalUrl)\b`)

// firstArgFromRequest approves calls whose first argument reads the
// request, directly or through variables.
func firstArgFromRequest(m *query.Match) bool {
	a, ok := firstArg(m.Node)
	return ok && readsRequest(m, a, 0)
}

// anyArgFromRequest approves calls with an argument that reads the
// request, directly or through variables.
func anyArgFromRequest(m *query.Match) bool {
	args := m.Node.ChildByFieldName("arguments")
	if args == nil {
		return false
	}
	for j := uint(0); j < args.NamedChildCount(); j++ {
		if readsRequest(m, *args.NamedChild(j), 0) {
			return true
		}
	}
	return false
}

// readsRequest reports whether the expression n reads the request: its
// text does, or one of its identifiers was last assigned (or destructured)
// from an expression that does, in the same function.
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
		for _, v := range jsAssignments(m, id) {
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
	"String": true, "trim": true, "toString": true, "toLowerCase": true, "toUpperCase": true, "replace": true,
	"slice": true, "substring": true, "substr": true, "concat": true, "join": true, "resolve": true,
	"normalize": true, "format": true, "decodeURIComponent": true, "decodeURI": true, "get": true,
}

// passesInput reports whether an assigned value carries its request input
// through: not a call or await, a call on the request itself, or a string
// or path operation.
func passesInput(m *query.Match, v sitter.Node) bool {
	switch v.Kind() {
	case "await_expression", "new_expression":
		return false
	case "call_expression":
		fn := v.ChildByFieldName("function")
		if fn == nil {
			return false
		}
		t := m.Text(fn)
		return requestInput.MatchString(t) || stringOps[t[strings.LastIndexByte(t, '.')+1:]]
	}
	return true
}

// collectIdents appends up to max identifiers found in n (not property
// names), outside nested functions.
func collectIdents(n sitter.Node, out *[]sitter.Node, max int) {
	if len(*out) >= max || functionLike(n.Kind()) {
		return
	}
	if n.Kind() == "identifier" {
		*out = append(*out, n)
		return
	}
	for j := uint(0); j < n.NamedChildCount(); j++ {
		collectIdents(*n.NamedChild(j), out, max)
	}
}

// weakAlgorithm approves crypto calls whose first argument names a broken
// hash or cipher.
func weakAlgorithm(m *query.Match) bool {
	if strings.HasSuffix(m.Call, ".createCipher") || strings.HasSuffix(m.Call, ".createDecipher") {
		return true // deprecated: MD5 key derivation and no IV, whatever the cipher
	}
	a, ok := firstArg(m.Node)
	if !ok || a.Kind() != "string" {
		return false
	}
	return weakAlgo.MatchString(m.Text(&a))
}

var weakAlgo = regexp.MustCompile(`(?i)^['"](md4|md5|sha1|sha-1|rsa-md5|rsa-sha1|des|des-.*|des3|des-ede.*|rc4.*|rc2.*|bf.*|blowfish.*|.*-ecb)['"]$`)
