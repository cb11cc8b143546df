package importer

import (
	"net/url"
	"path"
	"strings"
)

// pathMapper turns the paths and URIs tools write into paths relative to the
// scanned root, slash-separated.
type pathMapper struct {
	// root is the scanned root's absolute path; empty when unknown, in which
	// case absolute paths stay absolute.
	root string
}

// path normalizes a file path a tool wrote: backslashes become slashes, a
// leading "./" goes, and an absolute path under the root becomes relative.
func (m pathMapper) path(p string) string {
	p = strings.TrimSpace(strings.ReplaceAll(p, `\`, "/"))
	if p == "" {
		return ""
	}
	abs := strings.HasPrefix(p, "/") || isDrive(p)
	p = path.Clean(p)
	if abs {
		if r := m.rootSlash(); r != "" {
			if rel, ok := strings.CutPrefix(p, r); ok {
				return rel
			}
			if p+"/" == r {
				return "."
			}
		}
		return p
	}
	return strings.TrimPrefix(p, "./")
}

// uri normalizes a SARIF artifact URI: file:// is stripped, percent escapes
// decoded, and a relative URI with a uriBaseId whose base is an absolute
// file URI is resolved against it before being made relative to the root.
func (m pathMapper) uri(u, base string) string {
	if u == "" {
		return ""
	}
	p := fileURIPath(u)
	if base != "" && !strings.HasPrefix(p, "/") && !isDrive(p) && m.root != "" {
		// Resolve against the base only when that lands under the root:
		// trivy's ROOTPATH base is file:/// while its URIs are relative to
		// the scanned directory.
		if b := fileURIPath(base); strings.HasPrefix(b, "/") || isDrive(b) {
			if j := m.path(strings.TrimSuffix(b, "/") + "/" + p); !strings.HasPrefix(j, "/") && !isDrive(j) {
				return j
			}
		}
	}
	return m.path(p)
}

// fileURIPath returns the path of a file: URI or of a relative reference,
// percent-decoded.
func fileURIPath(u string) string {
	rest, isFile := cutPrefixFold(u, "file://")
	if !isFile {
		rest, isFile = cutPrefixFold(u, "file:")
	}
	if isFile {
		// file://host/path: drop an authority other than localhost.
		if !strings.HasPrefix(rest, "/") {
			if i := strings.IndexByte(rest, '/'); i >= 0 {
				rest = rest[i:]
			}
		}
		// file:///C:/x is a Windows drive path.
		if len(rest) > 2 && rest[0] == '/' && isDrive(rest[1:]) {
			rest = rest[1:]
		}
	}
	if d, err := url.PathUnescape(rest); err == nil {
		return d
	}
	return rest
}

func (m pathMapper) rootSlash() string {
	r := strings.TrimSpace(strings.ReplaceAll(m.root, `\`, "/"))
	if r == "" {
		return ""
	}
	return strings.TrimSuffix(path.Clean(r), "/") + "/"
}

func isDrive(p string) bool {
	return len(p) >= 3 && (p[0] >= 'a' && p[0] <= 'z' || p[0] >= 'A' && p[0] <= 'Z') && p[1] == ':' && p[2] == '/'
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
