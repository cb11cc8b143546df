package golang

import (
	"go/ast"
)

// requestReaders are methods that return client input: net/http's
// Request (FormValue, PostFormValue, PathValue, URL.Query, Header.Get via
// Header), gorilla/mux's Vars, gin's and echo's Param/Query accessors.
var requestReaders = map[string]bool{
	"FormValue": true, "PostFormValue": true, "PathValue": true, "Vars": true,
	"Param": true, "QueryParam": true, "DefaultQuery": true, "PostForm": true, "FormFile": true,
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
