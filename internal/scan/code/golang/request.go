package golang

import (
	"go/ast"
	"strings"
)

// requestReaders are methods that return client input: net/http's
// Request (FormValue, PostFormValue, PathValue, URL.Query, Header.Get via
// Header), gorilla/mux's Vars, gin's and echo's Param/Query accessors.
var requestReaders = map[string]bool{
	"FormValue": true, "PostFormValue": true, "PathValue": true, "Vars": true,
	"Param": true, "QueryParam": true, "DefaultQuery": true, "PostForm": true, "FormFile": true,
}

// sanitizers turn request input into a value that is safe for the sinks
// of these rules: escaped, a number, or a base name.
var sanitizers = map[string]bool{
	"html.EscapeString": true, "html/template.HTMLEscapeString": true, "html/template.JSEscapeString": true,
	"text/template.HTMLEscapeString": true, "net/url.QueryEscape": true, "net/url.PathEscape": true,
	"strconv.Atoi": true, "strconv.ParseInt": true, "strconv.ParseUint": true, "strconv.ParseFloat": true,
	"strconv.ParseBool": true, "strconv.Quote": true, "path/filepath.Base": true, "path.Base": true,
}

// fromRequest reports whether e reads client input directly, or through a
// variable assigned from it earlier in the function (depth-limited).
func (f *file) fromRequest(e ast.Expr, depth int) bool {
	if e == nil || depth > 3 {
		return false
	}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // a handler defined here reads its own request
		case *ast.CallExpr:
			if p, name, ok := f.pkgSel(n.Fun); ok && sanitizers[p+"."+name] {
				return false
			}
		case *ast.SelectorExpr:
			if requestReaders[n.Sel.Name] {
				found = true
			}
			// r.URL.Query(), r.URL.Path, r.URL.RawQuery, r.Form, r.Header
			if x, ok := n.X.(*ast.SelectorExpr); ok && x.Sel.Name == "URL" && (n.Sel.Name == "Query" || n.Sel.Name == "Path" || n.Sel.Name == "RawQuery") {
				found = true
			}
		case *ast.Ident:
			if depth < 3 && !f.isConst(n) {
				body, _ := f.enclosingFunc()
				for _, v := range assignedValues(body, n.Name, n.Pos()) {
					if f.passesInput(v) && f.fromRequest(v, depth+1) {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}

// passesInput reports whether an assigned value carries request input
// through as text: not a call, a request accessor, or a strings, path,
// filepath, fmt or net/url function. The result of any other call (a
// database lookup keyed by the input) is not the input.
func (f *file) passesInput(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return true
	}
	if p, _, ok := f.pkgSel(call.Fun); ok {
		switch p {
		case "strings", "path", "path/filepath", "fmt", "net/url":
			return true
		}
		return false
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		return requestReaders[sel.Sel.Name] || sel.Sel.Name == "Get" || sel.Sel.Name == "Query"
	}
	return false
}

// checkRequestSinks flags client input used as a file path (G304,
// narrowed to request data), as a URL the server fetches (G107, SSRF) and
// as a redirect target (open redirect).
func (f *file) checkRequestSinks(call *ast.CallExpr) {
	p, n, ok := f.pkgSel(call.Fun)
	if !ok {
		return
	}
	arg := func(i int) ast.Expr {
		if i < len(call.Args) {
			return call.Args[i]
		}
		return nil
	}
	switch {
	case (p == "os" && (n == "Open" || n == "OpenFile" || n == "ReadFile" || n == "Create" || n == "Remove" || n == "RemoveAll" || n == "WriteFile")) ||
		(p == "io/ioutil" && (n == "ReadFile" || n == "WriteFile")):
		if f.enabled("go-path-traversal") && f.fromRequest(arg(0), 0) {
			f.hit("go-path-traversal", call)
		}
	case p == "net/http" && n == "ServeFile":
		if f.enabled("go-path-traversal") && f.fromRequest(arg(2), 0) {
			f.hit("go-path-traversal", call)
		}
	case p == "net/http" && (n == "Get" || n == "Post" || n == "Head" || n == "PostForm"):
		if f.enabled("go-ssrf") && f.fromRequest(arg(0), 0) {
			f.hit("go-ssrf", call)
		}
	case p == "net/http" && (n == "NewRequest" || n == "NewRequestWithContext"):
		i := 1
		if n == "NewRequestWithContext" {
			i = 2
		}
		if f.enabled("go-ssrf") && f.fromRequest(arg(i), 0) {
			f.hit("go-ssrf", call)
		}
	case p == "net/http" && n == "Redirect":
		if f.enabled("go-open-redirect") && f.fromRequest(arg(2), 0) {
			f.hit("go-open-redirect", call)
		}
	}
}

// checkUnescaped flags html/template's escaping bypass types built from a
// non-constant value (gosec G203).
func (f *file) checkUnescaped(call *ast.CallExpr) {
	p, n, ok := f.pkgSel(call.Fun)
	if !ok || p != "html/template" || len(call.Args) != 1 || f.isConst(call.Args[0]) {
		return
	}
	switch n {
	case "HTML", "HTMLAttr", "JS", "JSStr", "CSS", "URL", "Srcset":
		f.hit("go-unescaped-template", call)
	}
}

// checkReflectedXSS flags request input written to an http.ResponseWriter
// (w.Write, fmt.Fprint*, io.WriteString) by a handler that does not set a
// non-HTML Content-Type (gosec G705).
func (f *file) checkReflectedXSS(call *ast.CallExpr) {
	if !f.enabled("go-reflected-xss") {
		return
	}
	var w ast.Expr
	var data []ast.Expr
	switch {
	case f.isPkgFunc(call, "fmt", "Fprintf", "Fprint", "Fprintln") || f.isPkgFunc(call, "io", "WriteString"):
		if len(call.Args) < 2 {
			return
		}
		w, data = call.Args[0], call.Args[1:]
	default:
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "Write" && sel.Sel.Name != "WriteString") || len(call.Args) != 1 {
			return
		}
		w, data = sel.X, call.Args
	}
	id, ok := w.(*ast.Ident)
	if !ok || !f.isResponseWriter(id.Name) || f.setsNonHTMLType() {
		return
	}
	for _, d := range data {
		if f.fromRequest(d, 0) {
			f.hit("go-reflected-xss", call)
			return
		}
	}
}

// isResponseWriter reports whether name is a parameter of the enclosing
// function typed http.ResponseWriter.
func (f *file) isResponseWriter(name string) bool {
	for i := len(f.stack) - 1; i >= 0; i-- {
		var ft *ast.FuncType
		switch fn := f.stack[i].(type) {
		case *ast.FuncDecl:
			ft = fn.Type
		case *ast.FuncLit:
			ft = fn.Type
		default:
			continue
		}
		for _, p := range ft.Params.List {
			if pp, n, ok := f.pkgSel(p.Type); ok && pp == "net/http" && n == "ResponseWriter" {
				for _, id := range p.Names {
					if id.Name == name {
						return true
					}
				}
			}
		}
		return false
	}
	return false
}

// setsNonHTMLType reports whether the enclosing function sets a
// Content-Type other than HTML (JSON, plain text), which browsers do not
// render as markup.
func (f *file) setsNonHTMLType() bool {
	body, _ := f.enclosingFunc()
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok {
			if s, ok := stringLit(lit); ok && (strings.HasPrefix(s, "application/json") || strings.HasPrefix(s, "text/plain")) {
				found = true
			}
		}
		return !found
	})
	return found
}
