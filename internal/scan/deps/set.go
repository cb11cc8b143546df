package deps

import (
	"cmp"
	"slices"
)

// packageSet collects the packages of one manifest, one entry per
// (ecosystem, name, version): a lockfile that installs the same version at
// several paths yields one package, on its first line, direct if any
// occurrence is.
type packageSet struct {
	path  string
	index map[pkgKey]int
	list  []Package
}

type pkgKey struct{ eco, name, version string }

func newPackageSet(path string) *packageSet {
	return &packageSet{path: path, index: make(map[pkgKey]int)}
}

// add records p, filling in its Path unless set (a package inherited from
// another file, such as a parent pom, keeps that file's path).
func (s *packageSet) add(p Package) {
	if p.Name == "" || p.Version == "" {
		return
	}
	if p.Path == "" {
		p.Path = s.path
	}
	k := pkgKey{p.Ecosystem, p.Name, p.Version}
	i, ok := s.index[k]
	if !ok {
		s.index[k] = len(s.list)
		s.list = append(s.list, p)
		return
	}
	old := &s.list[i]
	old.Direct = old.Direct || p.Direct
	if p.Line > 0 && (old.Line == 0 || p.Line < old.Line) {
		old.Line = p.Line
	}
}

// sorted returns the packages by line, then name and version, so output is
// deterministic whatever order a map gave them in.
func (s *packageSet) sorted() []Package {
	out := s.list
	slices.SortFunc(out, func(a, b Package) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Version, b.Version))
	})
	return out
}
