// Package golang checks Go source files for security problems with go/parser
// and go/ast, one file at a time: no package loading and no type checking,
// so that a whole GOROOT is analyzed in seconds. Import aliases are resolved
// from the file's import declarations.
package golang

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"

	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

// Analyzer runs the enabled Go rules. It holds no mutable state and is safe
// for concurrent use.
type Analyzer struct {
	rules map[string]*rule.Rule
}

// New returns an Analyzer running every built-in Go rule whose ID is not in
// disabled.
func New(disabled map[string]bool) *Analyzer {
	a := &Analyzer{rules: map[string]*rule.Rule{}}
	for _, r := range Rules() {
		if !disabled[r.ID] {
			a.rules[r.ID] = &r
		}
	}
	return a
}

// Analyze parses src, named path in errors, and returns the rules' hits.
// A file that does not parse returns the parse error together with the hits
// found in what did parse.
func (a *Analyzer) Analyze(ctx context.Context, path string, src []byte) ([]rule.Hit, error) {
	if len(a.rules) == 0 {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	af, perr := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	if af == nil {
		return nil, fmt.Errorf("parse go: %w", perr)
	}
	f := newFile(fset, af, src, a.rules)
	ast.Inspect(af, f.visit)
	if perr != nil {
		return f.hits, fmt.Errorf("parse go: %w", perr)
	}
	return f.hits, nil
}

// visit is the single walk over the file; it keeps f.stack in step.
func (f *file) visit(n ast.Node) bool {
	if n == nil {
		f.stack = f.stack[:len(f.stack)-1]
		return true
	}
	switch n := n.(type) {
	case *ast.CallExpr:
		f.checkCall(n)
	case *ast.CompositeLit:
		f.checkServer(n)
	case *ast.KeyValueExpr:
		f.checkTLSField(exprName(n.Key), n.Value, n)
	case *ast.AssignStmt:
		if len(n.Lhs) == len(n.Rhs) {
			for i, l := range n.Lhs {
				if sel, ok := l.(*ast.SelectorExpr); ok {
					f.checkTLSField(sel.Sel.Name, n.Rhs[i], n)
				}
			}
		}
	case *ast.SelectorExpr:
		f.checkWeakCrypto(n)
	case *ast.ImportSpec:
		f.checkTextTemplate(n)
	case *ast.FuncDecl:
		f.checkZipSlip(n.Body)
	case *ast.FuncLit:
		f.checkZipSlip(n.Body)
	}
	f.stack = append(f.stack, n)
	return true
}

// checkCall runs the rules that look at one call.
func (f *file) checkCall(call *ast.CallExpr) {
	f.checkSQL(call)
	f.checkCommand(call)
	f.checkPerms(call)
	f.checkTempFile(call)
	f.checkListen(call)
	f.checkWeakRand(call)
	f.checkRequestSinks(call)
	f.checkUnescaped(call)
	f.checkRSAKey(call)
	f.checkReflectedXSS(call)
}
