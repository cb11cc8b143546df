// Package walk lists the files of a repository once: it honours .gitignore
// and .secauditignore files at every level, skips .git, never follows a
// symbolic link (so it cannot leave the root or loop), and reports what it
// could not read instead of failing.
//
// The walk itself runs in one goroutine; reading and scanning the files it
// yields is the caller's parallel part (see package scan).
package walk

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Options control a walk.
type Options struct {
	// MaxFileSize skips larger files (reason "too-large"); zero means no limit.
	MaxFileSize int64
	// NoGitignore disables .gitignore handling (.secauditignore still applies).
	NoGitignore bool
	// Exclude lists doublestar globs of paths never walked; a pattern without
	// a slash matches a base name at any depth.
	Exclude []string
	// Only, when non-nil, limits the walk to these slash-separated relative
	// paths (a --changed-since scan).
	Only map[string]bool
}

// Entry is one regular file to scan.
type Entry struct {
	// Path is slash-separated and relative to the root.
	Path string
	// Abs is the path on disk.
	Abs  string
	Size int64
}

// Skip is a file or directory left out on purpose, with its reason:
// "too-large", "symlink", "special" (device, socket, pipe).
type Skip struct {
	Path   string
	Reason string
}

// Problem is a path that could not be read.
type Problem struct {
	Path string
	Err  error
}

// Visitor receives what a walk finds. File may return an error to stop the
// walk (the error is returned by Walk); Skip and Problem must not block long.
type Visitor struct {
	File    func(Entry) error
	Skip    func(Skip)
	Problem func(Problem)
}

// Names of the ignore files read in every directory.
const (
	GitignoreName = ".gitignore"
	IgnoreName    = ".secauditignore"
)

// Walk walks root and calls v for every file. It returns an error only when
// root itself cannot be walked, the context is done, or v.File returns one.
func Walk(ctx context.Context, root string, opts Options, v Visitor) error {
	info, err := os.Stat(root)
	if err != nil {
		return fmt.Errorf("walk %s: %w", root, err)
	}
	if !info.IsDir() {
		// A single file: scan it under its base name.
		if !info.Mode().IsRegular() {
			return fmt.Errorf("walk %s: not a regular file or directory", root)
		}
		rel := filepath.Base(root)
		if opts.MaxFileSize > 0 && info.Size() > opts.MaxFileSize {
			call(v.Skip, Skip{Path: rel, Reason: "too-large"})
			return nil
		}
		return v.File(Entry{Path: rel, Abs: root, Size: info.Size()})
	}
	w := &walker{ctx: ctx, root: root, opts: opts, v: v, exclude: globs(opts.Exclude)}
	if opts.Only != nil {
		w.onlyDirs = parentDirs(opts.Only)
	}
	return w.dir("", nil)
}

type walker struct {
	ctx      context.Context
	root     string
	opts     Options
	v        Visitor
	exclude  globs
	onlyDirs map[string]bool
}

func (w *walker) dir(rel string, stack ignoreStack) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	abs := filepath.Join(w.root, filepath.FromSlash(rel))
	entries, err := os.ReadDir(abs)
	if err != nil {
		call(w.v.Problem, Problem{Path: dirName(rel), Err: err})
		if len(entries) == 0 {
			return nil
		}
	}
	stack = w.loadIgnores(rel, abs, entries, stack)
	for _, e := range entries {
		name := e.Name()
		child := path.Join(rel, name)
		if e.IsDir() && name == ".git" {
			continue
		}
		if w.exclude.match(child) || stack.ignored(child, e.IsDir()) {
			continue
		}
		if err := w.entry(child, e, stack); err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) entry(child string, e fs.DirEntry, stack ignoreStack) error {
	mode := e.Type()
	switch {
	case mode&fs.ModeSymlink != 0:
		if w.wanted(child) {
			call(w.v.Skip, Skip{Path: child, Reason: "symlink"})
		}
		return nil
	case e.IsDir():
		if w.onlyDirs != nil && !w.onlyDirs[child] {
			return nil
		}
		return w.dir(child, stack)
	case !mode.IsRegular():
		if w.wanted(child) {
			call(w.v.Skip, Skip{Path: child, Reason: "special"})
		}
		return nil
	}
	if !w.wanted(child) {
		return nil
	}
	info, err := e.Info()
	if err != nil {
		call(w.v.Problem, Problem{Path: child, Err: err})
		return nil
	}
	if w.opts.MaxFileSize > 0 && info.Size() > w.opts.MaxFileSize {
		call(w.v.Skip, Skip{Path: child, Reason: "too-large"})
		return nil
	}
	return w.v.File(Entry{Path: child, Abs: filepath.Join(w.root, filepath.FromSlash(child)), Size: info.Size()})
}

func (w *walker) wanted(rel string) bool {
	return w.opts.Only == nil || w.opts.Only[rel]
}

// loadIgnores pushes the ignore files of directory rel onto stack.
func (w *walker) loadIgnores(rel, abs string, entries []fs.DirEntry, stack ignoreStack) ignoreStack {
	for _, e := range entries {
		name := e.Name()
		if name != IgnoreName && (name != GitignoreName || w.opts.NoGitignore) {
			continue
		}
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(abs, name))
		if err != nil {
			call(w.v.Problem, Problem{Path: path.Join(rel, name), Err: err})
			continue
		}
		// Copy on push: sibling directories must not see each other's files.
		next := make(ignoreStack, len(stack), len(stack)+1)
		copy(next, stack)
		stack = append(next, parseIgnore(rel, data))
	}
	return stack
}

// parentDirs returns every directory that is an ancestor of one of paths.
func parentDirs(paths map[string]bool) map[string]bool {
	dirs := map[string]bool{}
	for p := range paths {
		for d := path.Dir(p); d != "." && d != "/" && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return dirs
}

func dirName(rel string) string {
	if rel == "" {
		return "."
	}
	return rel
}

func call[T any](fn func(T), v T) {
	if fn != nil {
		fn(v)
	}
}

// IsNotExist reports whether err says a path does not exist.
func IsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// CleanRel turns a user-given path into the slash-separated relative form
// Entry.Path uses.
func CleanRel(p string) string {
	return strings.TrimPrefix(path.Clean(filepath.ToSlash(p)), "./")
}
