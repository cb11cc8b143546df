package golang

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

// file is the per-file state of one analysis: the import table, the names of
// the file's constants and the hits found so far. It is never shared.
type file struct {
	fset *token.FileSet
	ast  *ast.File
	src  []byte
	// pkgs maps a local import name to the import path ("rnd" -> "math/rand").
	pkgs map[string]string
	// names maps an import path to its local names.
	names map[string][]string
	// consts holds every name declared const anywhere in the file, and
	// constInts the values of those declared with an integer literal.
	consts       map[string]bool
	constInts    map[string]int64
	constStrings map[string]string
	// readsArchive caches whether the file reads zip or tar archives.
	readsArchive *bool
	// inBuilder stops builderCall from following calls recursively.
	inBuilder bool
	rules     map[string]*rule.Rule
	hits      []rule.Hit
	// stack is the path from the file to the node being visited.
	stack []ast.Node
}

func newFile(fset *token.FileSet, f *ast.File, src []byte, rules map[string]*rule.Rule) *file {
	fl := &file{fset: fset, ast: f, src: src, rules: rules,
		pkgs: make(map[string]string, len(f.Imports)), names: make(map[string][]string, len(f.Imports))}
	for _, imp := range f.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		name := defaultName(path)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == "_" || name == "." {
			continue
		}
		fl.pkgs[name] = path
		fl.names[path] = append(fl.names[path], name)
	}
	return fl
}

// defaultName guesses the package name of an import path: its last element,
// without a major-version suffix ("math/rand/v2" -> "rand").
func defaultName(path string) string {
	parts := strings.Split(path, "/")
	name := parts[len(parts)-1]
	if len(parts) > 1 && len(name) > 1 && name[0] == 'v' && isDigits(name[1:]) {
		name = parts[len(parts)-2]
	}
	if i := strings.IndexAny(name, ".-"); i > 0 && strings.HasPrefix(name, "go-") {
		name = name[i+1:]
	}
	return name
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// imports reports whether the file imports path.
func (f *file) imports(path string) bool { return len(f.names[path]) > 0 }

// pkgSel returns the import path and selected name of a qualified identifier
// pkg.Name whose pkg is an import of the file.
func (f *file) pkgSel(e ast.Expr) (path, name string, ok bool) {
	sel, isSel := e.(*ast.SelectorExpr)
	if !isSel {
		return "", "", false
	}
	id, isID := sel.X.(*ast.Ident)
	if !isID {
		return "", "", false
	}
	p, found := f.pkgs[id.Name]
	if !found {
		return "", "", false
	}
	return p, sel.Sel.Name, true
}

// isPkgFunc reports whether call calls path.name for one of names.
func (f *file) isPkgFunc(call *ast.CallExpr, path string, names ...string) bool {
	p, n, ok := f.pkgSel(call.Fun)
	if !ok || p != path {
		return false
	}
	for _, want := range names {
		if n == want {
			return true
		}
	}
	return false
}

// hit records that rule id fired at node n, unless the rule is disabled.
func (f *file) hit(id string, n ast.Node) { f.hitDetail(id, n, "") }

// hitDetail is hit with a detail for the message ("os.WriteFile with mode
// 0644").
func (f *file) hitDetail(id string, n ast.Node, detail string) {
	r, ok := f.rules[id]
	if !ok {
		return
	}
	start, end := f.fset.Position(n.Pos()), f.fset.Position(n.End())
	f.hits = append(f.hits, rule.Hit{Rule: r, Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column, Detail: detail})
}

// enabled reports whether any of the rules is enabled.
func (f *file) enabled(ids ...string) bool {
	for _, id := range ids {
		if _, ok := f.rules[id]; ok {
			return true
		}
	}
	return false
}

// enclosingFunc returns the innermost function around the node being
// visited and its name ("" for a literal not bound to a name).
func (f *file) enclosingFunc() (body *ast.BlockStmt, name string) {
	for i := len(f.stack) - 1; i >= 0; i-- {
		switch fn := f.stack[i].(type) {
		case *ast.FuncDecl:
			return fn.Body, fn.Name.Name
		case *ast.FuncLit:
			return fn.Body, boundName(f.stack[:i])
		}
	}
	return nil, ""
}

// boundName returns the name a function literal is assigned to, given the
// stack above it.
func boundName(stack []ast.Node) string {
	if len(stack) == 0 {
		return ""
	}
	switch p := stack[len(stack)-1].(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == 1 {
			return exprName(p.Lhs[0])
		}
	case *ast.ValueSpec:
		if len(p.Names) == 1 {
			return p.Names[0].Name
		}
	case *ast.KeyValueExpr:
		return exprName(p.Key)
	}
	return ""
}

// exprName returns the last identifier of x, x.y or x[i].
func exprName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	case *ast.IndexExpr:
		return exprName(e.X)
	case *ast.StarExpr:
		return exprName(e.X)
	case *ast.BasicLit:
		if s, err := strconv.Unquote(e.Value); err == nil {
			return s
		}
	}
	return ""
}

// collectConsts records the names of every constant declared in the file.
func (f *file) collectConsts() {
	f.consts, f.constInts, f.constStrings = map[string]bool{}, map[string]int64{}, map[string]string{}
	ast.Inspect(f.ast, func(n ast.Node) bool {
		if d, ok := n.(*ast.GenDecl); ok && d.Tok == token.CONST {
			for _, s := range d.Specs {
				vs := s.(*ast.ValueSpec)
				for i, id := range vs.Names {
					f.consts[id.Name] = true
					if i < len(vs.Values) {
						if v, ok := intLit(vs.Values[i]); ok {
							f.constInts[id.Name] = v
						}
						if v, ok := stringLit(vs.Values[i]); ok {
							f.constStrings[id.Name] = v
						}
					}
				}
			}
		}
		return true
	})
}

// isConst reports whether e is a compile-time constant as far as one file
// can tell: literals, the file's constants and qualified identifiers of
// imported packages (almost always constants in SQL and commands).
func (f *file) isConst(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		if f.consts == nil {
			f.collectConsts()
		}
		return f.consts[e.Name] || e.Name == "true" || e.Name == "false" || e.Name == "iota"
	case *ast.ParenExpr:
		return f.isConst(e.X)
	case *ast.BinaryExpr:
		return f.isConst(e.X) && f.isConst(e.Y)
	case *ast.SelectorExpr:
		_, _, ok := f.pkgSel(e)
		return ok
	}
	return false
}

// stringLit returns the value of a string literal.
func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// modeConst returns the value of an integer constant: a literal, a
// conversion of one, a constant of the file, or os/fs.ModePerm.
func (f *file) modeConst(e ast.Expr) (int64, bool) {
	switch e := e.(type) {
	case *ast.Ident:
		if f.consts == nil {
			f.collectConsts()
		}
		v, ok := f.constInts[e.Name]
		return v, ok
	case *ast.SelectorExpr:
		if p, n, ok := f.pkgSel(e); ok && (p == "os" || p == "io/fs") && n == "ModePerm" {
			return 0o777, true
		}
	case *ast.CallExpr:
		if len(e.Args) == 1 {
			return f.modeConst(e.Args[0])
		}
	case *ast.ParenExpr:
		return f.modeConst(e.X)
	case *ast.BinaryExpr:
		x, ok1 := f.modeConst(e.X)
		y, ok2 := f.modeConst(e.Y)
		if !ok1 || !ok2 {
			return 0, false
		}
		switch e.Op {
		case token.OR, token.ADD:
			return x | y, true
		case token.AND:
			return x & y, true
		case token.AND_NOT:
			return x &^ y, true
		}
		return 0, false
	}
	return intLit(e)
}

// stringConst returns the value of a string literal or of a string
// constant of the file.
func (f *file) stringConst(e ast.Expr) (string, bool) {
	if id, ok := e.(*ast.Ident); ok {
		if f.consts == nil {
			f.collectConsts()
		}
		v, ok := f.constStrings[id.Name]
		return v, ok
	}
	return stringLit(e)
}

// intLit returns the value of an integer literal, also wrapped in a
// conversion such as os.FileMode(0o644).
func intLit(e ast.Expr) (int64, bool) {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return intLit(e.X)
	case *ast.CallExpr:
		if len(e.Args) == 1 {
			return intLit(e.Args[0])
		}
	case *ast.BasicLit:
		if e.Kind != token.INT {
			return 0, false
		}
		v, err := strconv.ParseInt(strings.ReplaceAll(e.Value, "_", ""), 0, 64)
		return v, err == nil
	}
	return 0, false
}

// refersTo reports whether e mentions the identifier name.
func refersTo(e ast.Expr, name string) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}

// assignedValues returns the expressions assigned to the variable name in
// body before pos that reach it: the last plain assignment (:=, =, var) and
// the += after it.
func assignedValues(body *ast.BlockStmt, name string, pos token.Pos) []ast.Expr {
	if body == nil {
		return nil
	}
	var out []ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil || n.Pos() >= pos {
			return false
		}
		switch s := n.(type) {
		case *ast.FuncLit:
			return false // another scope
		case *ast.AssignStmt:
			if len(s.Lhs) != len(s.Rhs) {
				return true
			}
			for i, l := range s.Lhs {
				id, ok := l.(*ast.Ident)
				switch {
				case !ok || id.Name != name:
				case s.Tok == token.ADD_ASSIGN || refersTo(s.Rhs[i], name):
					// q += x and q = q + x extend what came before.
					out = append(out, &ast.BinaryExpr{X: id, Op: token.ADD, Y: s.Rhs[i]})
				default:
					// A plain assignment replaces what came before.
					out = append(out[:0], s.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			for i, id := range s.Names {
				if id.Name == name && i < len(s.Values) {
					out = append(out[:0], s.Values[i])
				}
			}
		}
		return true
	})
	return out
}
