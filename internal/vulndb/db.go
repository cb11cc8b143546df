// Package vulndb is secaudit's offline vulnerability database: OSV records
// (https://ossf.github.io/osv-schema/) in osv.dev's export layout, indexed
// per ecosystem on first use, matched against package versions with each
// ecosystem's own version ordering (package version), rated by CVSS
// (package cvss), and refreshed by Update.
package vulndb

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/secaudit/secaudit/internal/finding"
)

// DB is an offline OSV database rooted at a directory. Its methods are safe
// for concurrent use; each ecosystem is parsed once, on the first Query that
// needs it.
type DB struct {
	dir        string
	ecosystems map[string]*ecosystem // by ecosystemKey
	root       *ecosystem            // *.json directly under dir, any ecosystem
	now        func() time.Time
}

// Advisory is one vulnerability that affects a queried package version.
type Advisory struct {
	ID string
	// Aliases are the record's other IDs (CVE-..., other GHSA IDs), never ID.
	Aliases []string
	Summary string
	// Severity is rated by the first of: a CVSS v4 or v3.x vector's base
	// score, GHSA's database_specific.severity, a CVSS v2 vector,
	// ecosystem-specific scores or words, an alias record's rating; else
	// medium (see rate).
	Severity finding.Severity
	// SeverityKnown is false when Severity defaulted to medium.
	SeverityKnown bool
	// CVSS is the vector Severity came from, if any.
	CVSS string
	// Score is the CVSS base score, if one was computed or given.
	Score float64
	// Fixed lists every fixed version of the package across the record's
	// ranges, in the ecosystem's order.
	Fixed []string
	// FixedAbove is the smallest fixed version above the queried version, ""
	// when there is none.
	FixedAbove string
	// URL is the advisory's page on osv.dev.
	URL string
	// CWE lists the weakness IDs ("CWE-1321") of database_specific.cwe_ids,
	// as GitHub's advisories carry them.
	CWE []string
}

// DefaultDir is where the database lives when no --db flag or config says
// otherwise: $SECAUDIT_DB, else <user cache dir>/secaudit/osv.
func DefaultDir() string {
	if d := os.Getenv("SECAUDIT_DB"); d != "" {
		return d
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	return filepath.Join(cache, "secaudit", "osv")
}

// Open opens the offline OSV database rooted at dir: one sub-directory per
// ecosystem, named as OSV spells it, holding all.zip and/or *.json records,
// plus any *.json records directly under dir. Open only lists files; records
// are parsed when Query first needs their ecosystem.
//
// Two other layouts are accepted: dir may be a single export archive
// (path/to/all.zip, any ecosystems inside), and an osv-scanner cache
// directory whose ecosystems sit under osv-scalibr/ or osv-scanner/.
func Open(dir string) (*DB, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("open vulnerability database: %w", err)
	}
	db := &DB{dir: dir, ecosystems: map[string]*ecosystem{}, now: time.Now}
	if !fi.IsDir() {
		if !strings.HasSuffix(dir, ".zip") {
			return nil, fmt.Errorf("open vulnerability database %s: not a directory or a .zip export", dir)
		}
		db.root = &ecosystem{files: []string{dir}}
		return db, nil
	}
	rootFiles, err := db.scan(dir)
	if err != nil {
		return nil, err
	}
	if len(db.ecosystems) == 0 && len(rootFiles) == 0 {
		for _, sub := range []string{"osv-scalibr", "osv-scanner"} {
			if fi, err := os.Stat(filepath.Join(dir, sub)); err == nil && fi.IsDir() {
				if rootFiles, err = db.scan(filepath.Join(dir, sub)); err != nil {
					return nil, err
				}
				break
			}
		}
	}
	if len(db.ecosystems) == 0 && len(rootFiles) == 0 {
		return nil, fmt.Errorf("open vulnerability database %s: no OSV data (want <ecosystem>/all.zip or *.json records)", dir)
	}
	db.root = &ecosystem{files: rootFiles}
	return db, nil
}

// scan registers dir's ecosystem sub-directories and returns the *.json
// files directly under it.
func (db *DB) scan(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("open vulnerability database: %w", err)
	}
	var rootFiles []string
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir():
			files, err := ecosystemFiles(path)
			if err != nil {
				return nil, fmt.Errorf("open vulnerability database %s: %w", dir, err)
			}
			if len(files) > 0 {
				db.ecosystems[ecosystemKey(e.Name())] = &ecosystem{name: e.Name(), files: files}
			}
		case strings.HasSuffix(e.Name(), ".json"):
			rootFiles = append(rootFiles, path)
		}
	}
	return rootFiles, nil
}

// ecosystemFiles lists an ecosystem directory's all.zip and *.json files.
func ecosystemFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		switch {
		case e.Name() == zipName:
			// The export goes first so that loose records override it.
			files = append([]string{filepath.Join(dir, e.Name())}, files...)
		case strings.HasSuffix(e.Name(), ".json"):
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	return files, nil
}

// Dir returns the directory the database was opened from.
func (db *DB) Dir() string { return db.dir }

// Has reports whether the database has data for an ecosystem, so that a
// scanner can tell "no advisories" from "no database for this ecosystem".
func (db *DB) Has(ecosystem string) bool {
	_, ok := db.ecosystems[ecosystemKey(ecosystem)]
	return ok || len(db.root.files) > 0
}

// Loaded lists the ecosystem directories parsed so far, sorted by name
// (records outside ecosystem directories are not counted).
func (db *DB) Loaded() []string {
	var names []string
	for _, e := range db.ecosystems {
		if e.isLoaded() {
			names = append(names, e.name)
		}
	}
	sort.Strings(names)
	return names
}

// Query returns the advisories that affect version of the package name in
// ecosystem (spelled as OSV spells it; a ":suffix" is ignored), sorted by
// ID. It parses the ecosystem on first use. An ecosystem the database does
// not have yields no advisories; an error means a database file is corrupt.
func (db *DB) Query(ecosystem, name, version string) ([]Advisory, error) {
	if strings.TrimSpace(version) == "" || strings.TrimSpace(name) == "" {
		return nil, nil
	}
	key := pkgKey{eco: ecosystemKey(ecosystem), name: NormalizeName(ecosystem, name)}
	var entries []*entry
	if e, ok := db.ecosystems[key.eco]; ok {
		idx, err := e.load(key.eco)
		if err != nil {
			return nil, err
		}
		entries = idx[key]
	}
	if len(db.root.files) > 0 {
		idx, err := db.root.load("")
		if err != nil {
			return nil, err
		}
		entries = append(slices.Clip(entries), idx[key]...)
	}
	return match(entries, ecosystem, version), nil
}
