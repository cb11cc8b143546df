package golang

import (
	"fmt"
	"go/ast"
	"strings"
)

// permArgs maps file-mode functions to the index of their permission
// argument and whether they create directories.
var permArgs = map[string]map[string]struct {
	arg int
	dir bool
}{
	"os":        {"WriteFile": {2, false}, "OpenFile": {2, false}, "Chmod": {1, false}, "Mkdir": {1, true}, "MkdirAll": {1, true}},
	"io/ioutil": {"WriteFile": {2, false}},
}

// The widest permissions allowed, as gosec's defaults (G301, G302, G306).
const (
	maxFilePerm = 0o600
	maxDirPerm  = 0o750
)

// checkPerms flags files created or chmod-ed wider than 0600 and
// directories wider than 0750.
func (f *file) checkPerms(call *ast.CallExpr) {
	p, n, ok := f.pkgSel(call.Fun)
	if !ok {
		return
	}
	spec, ok := permArgs[p][n]
	if !ok || spec.arg >= len(call.Args) {
		return
	}
	perm, ok := f.modeConst(call.Args[spec.arg])
	if !ok {
		return
	}
	if n == "OpenFile" {
		if fp, fn, isSel := f.pkgSel(call.Args[1]); isSel && fp == "os" && fn == "O_RDONLY" {
			return
		}
	}
	detail := fmt.Sprintf("%s.%s with mode %#o", defaultName(p), n, perm&0o7777)
	switch {
	case spec.dir && perm&0o777&^maxDirPerm != 0:
		f.hitDetail("go-dir-permissions", call, detail)
	case !spec.dir && perm&0o777&^maxFilePerm != 0:
		f.hitDetail("go-file-permissions", call, detail)
	}
}

// tempCreators are the functions whose first argument is a file they create.
var tempCreators = map[string][]string{
	"os":        {"Create", "WriteFile", "OpenFile"},
	"io/ioutil": {"WriteFile"},
}

// checkTempFile flags a file created at a fixed path in the shared
// temporary directory, which another user can pre-create or symlink (gosec
// G303).
func (f *file) checkTempFile(call *ast.CallExpr) {
	if len(call.Args) == 0 || !f.enabled("go-unsafe-tempfile") {
		return
	}
	p, n, ok := f.pkgSel(call.Fun)
	if !ok {
		return
	}
	for _, fn := range tempCreators[p] {
		if fn == n && f.sharedTemp(call.Args[0]) {
			f.hit("go-unsafe-tempfile", call)
			return
		}
	}
}

// sharedTemp reports whether e is a path under /tmp, /var/tmp or
// os.TempDir() built without randomness.
func (f *file) sharedTemp(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return f.sharedTemp(e.X)
	case *ast.BasicLit, *ast.Ident:
		s, ok := f.stringConst(e)
		return ok && (strings.HasPrefix(s, "/tmp/") || strings.HasPrefix(s, "/var/tmp/") || s == "/tmp" || s == "/var/tmp")
	case *ast.BinaryExpr:
		return f.sharedTemp(e.X)
	case *ast.CallExpr:
		if f.isPkgFunc(e, "os", "TempDir") {
			return true
		}
		if (f.isPkgFunc(e, "path/filepath", "Join") || f.isPkgFunc(e, "path", "Join")) && len(e.Args) > 0 {
			return f.sharedTemp(e.Args[0])
		}
	}
	return false
}
