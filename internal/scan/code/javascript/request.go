package javascript

import (
	"regexp"

	"github.com/secaudit/secaudit/internal/scan/code/query"
)

// requestInput matches expressions that read an HTTP request (Express,
// Koa, Next.js): the light taint check of the request-driven rules.
var requestInput = regexp.MustCompile(`\b(req|request|ctx\.request|ctx)\.(query|params|body|headers|cookies|path|url|originalUrl)\b`)

// firstArgFromRequest approves calls whose first argument reads the
// request directly.
func firstArgFromRequest(m *query.Match) bool {
	a, ok := firstArg(m.Node)
	return ok && !literal(a) && requestInput.MatchString(m.Text(&a))
}

// anyArgFromRequest approves calls with an argument that reads the
// request directly.
func anyArgFromRequest(m *query.Match) bool {
	args := m.Node.ChildByFieldName("arguments")
	if args == nil {
		return false
	}
	for j := uint(0); j < args.NamedChildCount(); j++ {
		if a := args.NamedChild(j); !literal(*a) && requestInput.MatchString(m.Text(a)) {
			return true
		}
	}
	return false
}

// weakAlgorithm approves crypto calls whose first argument names a broken
// hash or cipher.
func weakAlgorithm(m *query.Match) bool {
	a, ok := firstArg(m.Node)
	if !ok || a.Kind() != "string" {
		return false
	}
	return weakAlgo.MatchString(m.Text(&a))
}

var weakAlgo = regexp.MustCompile(`(?i)^['"](md4|md5|sha1|sha-1|rsa-md5|rsa-sha1|des|des-.*|des3|des-ede.*|rc4.*|rc2.*|bf.*|blowfish.*|.*-ecb)['"]$`)
