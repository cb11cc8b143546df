package deps

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// yarnEntry is one block of a yarn.lock: its header line and the fields we
// read from it.
type yarnEntry struct {
	line       int
	specs      []string // "name@range" descriptors of the header
	version    string
	resolved   string // classic only: where the tarball came from
	resolution string // berry only: "name@npm:1.2.3"
}

// extractYarnLock parses yarn.lock, classic (v1, "version \"1.2.3\"") and
// berry (v2+, YAML with "resolution:"). Berry entries resolved through a
// non-registry protocol (workspace:, link:, portal:, file:, patch:, exec:,
// git) are skipped, as are classic entries whose ranges are local paths.
func extractYarnLock(path string, data []byte) ([]Package, error) {
	return extractYarnLockWith(path, data, nil)
}

// extractYarnLockWith is extractYarnLock knowing the dependencies the
// package.json next to the lockfile declares (name to range): an entry
// resolving one of those descriptors is direct.
func extractYarnLockWith(path string, data []byte, declared map[string]string) ([]Package, error) {
	entries, err := parseYarnBlocks(path, data)
	set := newPackageSet(path)
	for _, e := range entries {
		name, version, ok := e.pkg()
		if ok {
			set.add(Package{Ecosystem: NPM, Name: name, Version: version, Line: e.line, Direct: e.declaredBy(declared)})
		}
	}
	return set.sorted(), err
}

// declaredBy reports whether one of the entry's descriptors is a range
// package.json declares ("lodash@^4.17.15", berry "lodash@npm:^4.17.15").
func (e yarnEntry) declaredBy(declared map[string]string) bool {
	for _, spec := range e.specs {
		n, rng, ok := splitNameAt(spec)
		if !ok {
			continue
		}
		if want, ok := declared[n]; ok && (rng == want || rng == "npm:"+want) {
			return true
		}
	}
	return false
}

// pkg returns the registry package an entry installs.
func (e yarnEntry) pkg() (name, version string, ok bool) {
	if e.resolution != "" {
		n, ref, ok := splitNameAt(e.resolution)
		if !ok {
			return "", "", false
		}
		v, isNPM := strings.CutPrefix(ref, "npm:")
		if !isNPM || !isRegistryVersion(v) {
			return "", "", false
		}
		return n, v, true
	}
	if len(e.specs) == 0 || !isRegistryVersion(e.version) {
		return "", "", false
	}
	n, rng, ok := splitNameAt(e.specs[0])
	if !ok {
		return "", "", false
	}
	if real, aliased, isAlias := npmAlias(rng); isAlias {
		n, rng = real, aliased
	} else {
		rng = strings.TrimPrefix(rng, "npm:")
	}
	for _, local := range []string{"file:", "link:", "workspace:", "portal:", "patch:", "exec:"} {
		if strings.HasPrefix(rng, local) {
			return "", "", false
		}
	}
	if !yarnFromRegistry(rng, e.resolved) || !validNPMName(n) {
		return "", "", false
	}
	return n, e.version, true
}

// yarnFromRegistry reports whether a classic entry was installed from a
// registry: its range is not a URL or git reference ("user/repo#tag",
// "github:...", "https://..."), and its tarball, when recorded, has the
// registry layout ".../name/-/name-1.2.3.tgz" (also used by private
// registries) rather than a git host's archive.
func yarnFromRegistry(rng, resolved string) bool {
	if strings.Contains(rng, "://") || strings.Contains(rng, "#") || strings.Contains(rng, "/") ||
		!fromRegistry(rng) {
		return false
	}
	return resolved == "" || strings.Contains(resolved, "/-/")
}

// splitNameAt splits "name@ref" and "@scope/name@ref" at the "@" that ends
// the name.
func splitNameAt(s string) (name, ref string, ok bool) {
	at := strings.Index(s[min(1, len(s)):], "@")
	if at < 0 {
		return "", "", false
	}
	at++
	return s[:at], s[at+1:], s[:at] != ""
}

// parseYarnBlocks splits a yarn.lock into its top-level entries. Both
// flavours share the layout: an unindented header ending in ":" and
// indented fields below it.
func parseYarnBlocks(path string, data []byte) ([]yarnEntry, error) {
	var (
		entries []yarnEntry
		cur     *yarnEntry
		errs    []error
	)
	finish := func() {
		if cur != nil && cur.version == "" && cur.resolution == "" {
			errs = append(errs, fmt.Errorf("%s:%d: entry %q has no version", path, cur.line, strings.Join(cur.specs, ", ")))
		}
		if cur != nil {
			entries = append(entries, *cur)
		}
		cur = nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \t\r")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			finish()
			header, ok := strings.CutSuffix(line, ":")
			if !ok {
				errs = append(errs, fmt.Errorf("%s:%d: expected an entry header ending in ':'", path, n))
				continue
			}
			if header == "__metadata" {
				continue
			}
			cur = &yarnEntry{line: n, specs: splitYarnSpecs(header)}
			continue
		}
		if cur == nil || indentOf(line) != 2 {
			continue
		}
		key, val := yarnField(trimmed)
		switch key {
		case "version":
			cur.version = val
		case "resolution":
			cur.resolution = val
		case "resolved":
			cur.resolved = val
		}
	}
	finish()
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", path, err))
	}
	if len(errs) > 0 {
		return entries, errs[0]
	}
	return entries, nil
}

// splitYarnSpecs splits a header such as `"a@^1", a@~1.2` into its
// descriptors without quotes.
func splitYarnSpecs(header string) []string {
	var out []string
	for _, s := range strings.Split(header, ",") {
		s = strings.Trim(strings.TrimSpace(s), `"`)
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// yarnField splits `version "1.2.3"` (classic) or `version: 1.2.3` (berry).
func yarnField(s string) (key, val string) {
	i := strings.IndexAny(s, ": ")
	if i < 0 {
		return s, ""
	}
	key = s[:i]
	val = strings.TrimSpace(strings.TrimPrefix(s[i:], ":"))
	return strings.Trim(key, `"`), strings.Trim(val, `"'`)
}

func indentOf(s string) int {
	return len(s) - len(strings.TrimLeft(s, " \t"))
}
