package code

import (
	"fmt"
	"strings"
)

// RulesMarkdown renders the built-in rule table as Markdown; RULES.md is
// this output (kept in step by a test).
func RulesMarkdown() string {
	var b strings.Builder
	b.WriteString(rulesHeader)
	b.WriteString("| ID | language | severity | confidence | CWE | peer rule | title |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, r := range Rules() {
		peer := r.Peer
		if peer == "" {
			peer = "-"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s |\n",
			r.ID, r.Language, r.Severity, r.Confidence, strings.Join(r.CWE, ", "), peer, r.Title)
	}
	b.WriteString(rulesFooter)
	return b.String()
}

const rulesHeader = `# Code-security rules

The code scanner (` + "`internal/scan/code`" + `, exit class 6) runs these rules. Go is
analyzed with go/parser and go/ast, one file at a time; Python and
JavaScript/TypeScript with tree-sitter queries. "Peer rule" is the closest
gosec (G...), bandit (B...) or ESLint rule, for comparison (` + "`bench/code.sh`" + `).

This file is generated: ` + "`go test ./internal/scan/code -run TestRulesDoc -update`" + `.

`

const rulesFooter = `
## Suppressing and configuring

- A finding on a line that carries a ` + "`nosec`" + ` comment (` + "`# nosec`" + `, ` + "`// #nosec G404`" + `,
  ` + "`//gosec:disable`" + `) is dropped, as bandit and gosec do; the runner's
  ` + "`secaudit:ignore`" + ` markers work too.
- ` + "`.secaudit.yaml`" + `: ` + "`code.disable`" + ` lists rule IDs not to run (an unknown ID is an
  error), and ` + "`code.rules`" + ` adds tree-sitter query rules:

` + "```yaml" + `
code:
  disable: [py-assert]
  rules:
    - id: py-no-pickle-dumps
      language: python          # python or javascript (typescript)
      severity: low             # default medium
      cwe: [CWE-502]
      message: pickle output is only safe to load from trusted places
      fix: use json
      query: |
        (call function: (attribute object: (identifier) @m attribute: (identifier) @f)
          (#eq? @m "pickle") (#eq? @f "dumps")) @match
` + "```" + `

  The node captured as ` + "`@match`" + ` is reported. A query that does not compile, or
  has no ` + "`@match`" + ` capture, makes the scanner fail to start with an error naming
  the rule.

## Scope and limits

- Go: per file, no type checking; import aliases are resolved, constants are
  the file's own and qualified identifiers of imported packages. Files under
  ` + "`testdata/`" + ` are skipped (the go tool ignores them too); a file that does not
  parse is an error (the run is incomplete) with the findings of what parsed.
- TypeScript runs the JavaScript rules: tree-sitter-typescript's Go bindings
  are not available here, so javascript.StripTypes first blanks the type-only
  syntax (annotations, interfaces, type aliases, generics, modifiers, casts,
  enums become objects) keeping every position, and the JavaScript grammar
  parses the rest; constructs it does not know are left to tree-sitter's
  error recovery, which is tolerated.
- Python and JavaScript syntax errors never fail the run. JavaScript files
  that are minified bundles (past 20 KB, lines of 500 bytes on average) are
  skipped like *.min.js.
- "Taken from the request" rules (path traversal, SSRF, open redirect,
  reflected XSS, command arguments) are a light, per-function taint check:
  the value reads the request (Go: FormValue, URL.Query, PathValue, mux.Vars,
  gin/echo Param; Python: request.args/form/json/...; JavaScript:
  req.query/params/body/...) directly or through variables assigned from it
  by string or path operations. Values passed through other calls (a
  database lookup) or other functions are not followed.
- Variable tracking (SQL built in a variable, then executed) follows the
  assignment that reaches the use in the same function; Go also follows
  query-building functions of the same file.
- ` + "`py-assert`" + ` skips test files (test_*.py, *_test.py, conftest.py, test/ and
  tests/ directories); ` + "`go-weak-rand`" + ` skips _test.go files.
`
