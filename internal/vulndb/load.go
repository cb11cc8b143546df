package vulndb

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// zipName is the per-ecosystem export file of osv.dev.
const zipName = "all.zip"

// maxRecordBytes bounds one OSV record, so a hostile zip entry (a
// decompression bomb) cannot exhaust memory. Real records are under 1 MiB.
const maxRecordBytes = 16 << 20

// pkgKey indexes advisories by ecosystem key and normalized package name.
type pkgKey struct{ eco, name string }

// entry is one record's affected entries for one package.
type entry struct {
	vuln     *Vulnerability
	affected []*Affected
	rating   rating
	// cwe is database_specific.cwe_ids, kept because the object itself is
	// dropped after loading.
	cwe []string

	once sync.Once
	prep *prepared // set by prepare
}

// ecosystem is one ecosystem directory, parsed once on first use.
type ecosystem struct {
	name  string
	files []string

	once  sync.Once
	done  atomic.Bool
	index map[pkgKey][]*entry
	count int
	err   error
}

func (e *ecosystem) isLoaded() bool { return e.done.Load() }

// load parses the ecosystem's files once and returns its index. eco is the
// ecosystem key whose affected entries are indexed; "" indexes all of them.
func (e *ecosystem) load(eco string) (map[pkgKey][]*entry, error) {
	e.once.Do(func() {
		vulns, err := readRecords(e.files)
		if err != nil {
			e.err = fmt.Errorf("load %s advisories: %w", e.displayName(), err)
		} else {
			e.index = buildIndex(vulns, eco)
			e.count = len(vulns)
		}
		e.done.Store(true)
	})
	return e.index, e.err
}

func (e *ecosystem) displayName() string {
	if e.name == "" {
		return "loose"
	}
	return e.name
}

// readRecords decodes every record of the files (all.zip archives and
// *.json records); a later file's record replaces an earlier one with the
// same ID, so loose records override the export.
func readRecords(files []string) ([]*Vulnerability, error) {
	byID := map[string]int{}
	var vulns []*Vulnerability
	add := func(v *Vulnerability) {
		if i, ok := byID[v.ID]; ok {
			vulns[i] = v
			return
		}
		byID[v.ID] = len(vulns)
		vulns = append(vulns, v)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".zip") {
			if err := readZip(f, add); err != nil {
				return nil, err
			}
			continue
		}
		data, err := readLimited(f)
		if err != nil {
			return nil, err
		}
		v, err := Decode(data)
		if errors.Is(err, errNoID) {
			continue // a JSON file beside the records (sources.json), not a record
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		add(v)
	}
	return vulns, nil
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxRecordBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(data) > maxRecordBytes {
		return nil, fmt.Errorf("%s: record larger than %d bytes", path, maxRecordBytes)
	}
	return data, nil
}

// readZip decodes each *.json entry of an OSV export archive.
func readZip(path string, add func(*Vulnerability)) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	vulns, err := decodeZip(&zr.Reader)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, v := range vulns {
		add(v)
	}
	return nil
}

// decodeZip decodes the *.json entries of an archive, in archive order, on
// GOMAXPROCS workers (inflating and JSON decoding dominate a first query).
// The error names the first entry, in archive order, that failed.
func decodeZip(zr *zip.Reader) ([]*Vulnerability, error) {
	var files []*zip.File
	for _, zf := range zr.File {
		if !zf.FileInfo().IsDir() && strings.HasSuffix(zf.Name, ".json") {
			files = append(files, zf)
		}
	}
	vulns := make([]*Vulnerability, len(files))
	errs := make([]error, len(files))
	workers := min(runtime.GOMAXPROCS(0), len(files))
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				vulns[i], errs[i] = decodeZipFile(files[i])
				if errs[i] != nil {
					failed.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("entry %s: %w", files[i].Name, err)
		}
	}
	return vulns, nil
}

func decodeZipFile(zf *zip.File) (*Vulnerability, error) {
	if zf.UncompressedSize64 > maxRecordBytes {
		return nil, fmt.Errorf("record larger than %d bytes", maxRecordBytes)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxRecordBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxRecordBytes {
		return nil, fmt.Errorf("record larger than %d bytes", maxRecordBytes)
	}
	return Decode(data)
}

// buildIndex indexes the affected entries of non-withdrawn records by
// package; eco restricts it to one ecosystem key ("" keeps all).
func buildIndex(vulns []*Vulnerability, eco string) map[pkgKey][]*entry {
	index := map[pkgKey][]*entry{}
	var unrated []*entry
	for _, v := range vulns {
		if v.Withdrawn != "" {
			continue
		}
		// The index keeps what matching and Advisory need, not the prose.
		if v.Summary == "" {
			v.Summary = firstLine(v.Details)
		}
		v.Details, v.References, v.Credits = "", nil, nil
		byPkg := map[pkgKey]*entry{}
		var order []pkgKey
		for i := range v.Affected {
			a := &v.Affected[i]
			if a.Package.Name == "" {
				continue
			}
			k := pkgKey{eco: ecosystemKey(a.Package.Ecosystem), name: NormalizeName(a.Package.Ecosystem, a.Package.Name)}
			if eco != "" && k.eco != eco {
				continue
			}
			en, ok := byPkg[k]
			if !ok {
				en = &entry{vuln: v}
				byPkg[k] = en
				order = append(order, k)
			}
			en.affected = append(en.affected, a)
		}
		cwe := cweIDs(v.DatabaseSpecific)
		for _, k := range order {
			en := byPkg[k]
			en.cwe = cwe
			en.rating = rate(v, en.affected)
			if !en.rating.known {
				unrated = append(unrated, en)
			}
			index[k] = append(index[k], en)
		}
		// Rated: the free-form objects (Go's symbol lists, say) are not needed.
		v.DatabaseSpecific = nil
		for i := range v.Affected {
			v.Affected[i].EcosystemSpecific, v.Affected[i].DatabaseSpecific = nil, nil
		}
	}
	rateFromAliases(index, unrated)
	return index
}

// rateFromAliases gives an unrated entry the highest rating among the rated
// records it shares an ID or alias with (GO-2023-2402 and
// GHSA-45x7-px36-x8w8 both alias CVE-2023-48795), as osv-scanner rates a
// group of aliases by its highest severity.
func rateFromAliases(index map[pkgKey][]*entry, unrated []*entry) {
	if len(unrated) == 0 {
		return
	}
	best := map[string]rating{}
	for _, entries := range index {
		for _, en := range entries {
			if !en.rating.known {
				continue
			}
			for _, id := range append([]string{en.vuln.ID}, en.vuln.Aliases...) {
				if r, ok := best[id]; !ok || outranks(en.rating, r) {
					best[id] = en.rating
				}
			}
		}
	}
	for _, en := range unrated {
		for _, id := range append([]string{en.vuln.ID}, en.vuln.Aliases...) {
			if r, ok := best[id]; ok && (!en.rating.known || outranks(r, en.rating)) {
				en.rating = r
			}
		}
	}
}

// outranks orders ratings by severity, then score, then vector, so that the
// choice among aliases does not depend on map order.
func outranks(a, b rating) bool {
	if a.severity != b.severity {
		return a.severity > b.severity
	}
	if a.score != b.score {
		return a.score > b.score
	}
	return a.vector > b.vector
}
