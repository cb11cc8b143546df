package vulndb

import (
	"archive/zip"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

// Status describes a database without parsing its records.
type Status struct {
	Dir        string
	Ecosystems []EcosystemStatus
	// Records counts the records of all ecosystems.
	Records int
	// Modified is the newest modification time of any database file: when
	// the database was last written or confirmed current by Update.
	Modified time.Time
	// Age is how long ago Modified was.
	Age time.Duration
}

// EcosystemStatus describes one ecosystem of a database.
type EcosystemStatus struct {
	// Name is the ecosystem as its directory spells it; "*" stands for the
	// records directly under the database directory.
	Name     string
	Records  int
	Bytes    int64
	Modified time.Time
	// Loaded is true once a Query parsed the ecosystem.
	Loaded bool
}

// Status counts each ecosystem's records (reading zip directories only) and
// reports the database's age. It fails when an ecosystem file is missing or
// is not a zip archive.
func (db *DB) Status() (Status, error) {
	st := Status{Dir: db.dir}
	all := make([]*ecosystem, 0, len(db.ecosystems)+1)
	for _, e := range db.ecosystems {
		all = append(all, e)
	}
	if len(db.root.files) > 0 {
		all = append(all, db.root)
	}
	for _, e := range all {
		es, err := e.status()
		if err != nil {
			return Status{}, err
		}
		if e == db.root && es.Records == 0 {
			continue // only non-record JSON (sources.json) beside the ecosystems
		}
		st.Ecosystems = append(st.Ecosystems, es)
		st.Records += es.Records
		if es.Modified.After(st.Modified) {
			st.Modified = es.Modified
		}
	}
	sort.Slice(st.Ecosystems, func(i, j int) bool {
		return strings.ToLower(st.Ecosystems[i].Name) < strings.ToLower(st.Ecosystems[j].Name)
	})
	if !st.Modified.IsZero() {
		st.Age = db.now().Sub(st.Modified)
	}
	return st, nil
}

func (e *ecosystem) status() (EcosystemStatus, error) {
	es := EcosystemStatus{Name: e.name, Loaded: e.isLoaded()}
	if e.name == "" {
		es.Name = "*"
	}
	for _, f := range e.files {
		fi, err := os.Stat(f)
		if err != nil {
			return es, fmt.Errorf("status %s: %w", es.Name, err)
		}
		es.Bytes += fi.Size()
		if fi.ModTime().After(es.Modified) {
			es.Modified = fi.ModTime()
		}
		if !strings.HasSuffix(f, ".zip") {
			if isRecord(f) {
				es.Records++
			}
			continue
		}
		n, err := countZipRecords(f)
		if err != nil {
			return es, fmt.Errorf("status %s: %w", es.Name, err)
		}
		es.Records += n
	}
	return es, nil
}

func countZipRecords(path string) (int, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	n := 0
	for _, f := range zr.File {
		if !f.FileInfo().IsDir() && strings.HasSuffix(f.Name, ".json") {
			n++
		}
	}
	return n, nil
}

// Age is how long ago the newest database file was written (or confirmed
// current by Update); zero when it cannot tell. Scanners warn when it
// exceeds the configured deps.max_age.
func (db *DB) Age() time.Duration {
	var newest time.Time
	for _, e := range append(db.ecosystemList(), db.root) {
		for _, f := range e.files {
			if fi, err := os.Stat(f); err == nil && fi.ModTime().After(newest) {
				newest = fi.ModTime()
			}
		}
	}
	if newest.IsZero() {
		return 0
	}
	return db.now().Sub(newest)
}

func (db *DB) ecosystemList() []*ecosystem {
	out := make([]*ecosystem, 0, len(db.ecosystems))
	for _, e := range db.ecosystems {
		out = append(out, e)
	}
	return out
}

// isRecord reports whether a loose JSON file is an OSV record (has an id).
func isRecord(path string) bool {
	data, err := readLimited(path)
	if err != nil {
		return false
	}
	_, err = Decode(data)
	return err == nil
}
