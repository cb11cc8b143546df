package vulndb

import (
	"archive/zip"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// DefaultBaseURL serves osv.dev's per-ecosystem exports as
// <base>/<ecosystem>/all.zip.
const DefaultBaseURL = "https://osv-vulnerabilities.storage.googleapis.com"

// maxDownloadBytes bounds one ecosystem export (osv.dev's largest is a few
// hundred MiB).
const maxDownloadBytes = 4 << 30

// validatorsName is the file beside all.zip that keeps the HTTP validators
// of the last download. It does not end in .json, so it is never read as a
// record.
const validatorsName = ".all.zip.validators"

// DefaultEcosystems lists the language ecosystems Update fetches when none
// are named.
func DefaultEcosystems() []string {
	return []string{"npm", "PyPI", "Go", "crates.io", "RubyGems", "Packagist", "NuGet", "Maven", "Pub", "Hex"}
}

// UpdateOptions configures Update.
type UpdateOptions struct {
	// Ecosystems to fetch, spelled as OSV spells them; nil means
	// DefaultEcosystems.
	Ecosystems []string
	// BaseURL replaces DefaultBaseURL (a mirror, or a test server).
	BaseURL string
	// Client makes the requests; nil means a client with a 10 minute timeout.
	Client *http.Client
	// Now stamps a database confirmed current by a 304; nil means time.Now.
	Now func() time.Time
}

// The outcomes of one ecosystem's update.
const (
	Updated     = "updated"
	NotModified = "not-modified"
	Failed      = "failed"
)

// UpdateResult is what happened to one ecosystem.
type UpdateResult struct {
	Ecosystem string
	// Outcome is Updated, NotModified or Failed.
	Outcome string
	// Records and Bytes describe the new export (zero unless Updated).
	Records int
	Bytes   int64
	// Err says why the ecosystem failed; its previous data is untouched.
	Err error
}

// validators are the HTTP cache validators of the last download.
type validators struct {
	URL          string `json:"url"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// Update downloads each ecosystem's all.zip into dir/<ecosystem>/, asking
// the server to skip unchanged exports (If-None-Match, If-Modified-Since).
// A download is verified (a zip archive whose every *.json entry is an OSV
// record) and then swapped in atomically: written to a temporary file in the
// same directory, synced, and renamed over all.zip, so a reader sees the old
// export or the new one, never a partial one. A failed ecosystem keeps its
// previous data. The error joins every ecosystem's failure; the results
// list every ecosystem either way.
func Update(ctx context.Context, dir string, opts UpdateOptions) ([]UpdateResult, error) {
	ecosystems := opts.Ecosystems
	if len(ecosystems) == 0 {
		ecosystems = DefaultEcosystems()
	}
	base := strings.TrimRight(opts.BaseURL, "/")
	if base == "" {
		base = DefaultBaseURL
	}
	client := opts.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Minute}
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	u := &updater{base: base, client: client, now: now}
	var results []UpdateResult
	var errs []error
	for _, eco := range ecosystems {
		eco = strings.TrimSpace(eco)
		if eco == "" || strings.ContainsAny(eco, `/\`) || eco == "." || eco == ".." {
			err := fmt.Errorf("update %q: not an ecosystem name", eco)
			results = append(results, UpdateResult{Ecosystem: eco, Outcome: Failed, Err: err})
			errs = append(errs, err)
			continue
		}
		res := u.update(ctx, filepath.Join(dir, eco), eco)
		if res.Err != nil {
			res.Outcome = Failed
			res.Err = fmt.Errorf("update %s: %w", eco, res.Err)
			errs = append(errs, res.Err)
		}
		results = append(results, res)
	}
	return results, errors.Join(errs...)
}

type updater struct {
	base   string
	client *http.Client
	now    func() time.Time
}

func (u *updater) update(ctx context.Context, dir, eco string) UpdateResult {
	res := UpdateResult{Ecosystem: eco}
	src := u.base + "/" + url.PathEscape(eco) + "/" + zipName
	zipPath := filepath.Join(dir, zipName)
	old := readValidators(dir, zipPath, src)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		res.Err = err
		return res
	}
	req.Header.Set("User-Agent", "secaudit")
	if old.ETag != "" {
		req.Header.Set("If-None-Match", old.ETag)
	}
	if old.LastModified != "" {
		req.Header.Set("If-Modified-Since", old.LastModified)
	}
	resp, err := u.client.Do(req)
	if err != nil {
		res.Err = err
		return res
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && old.URL != "":
		// Confirmed current: restamp the export so the database's age says so.
		t := u.now()
		res.Outcome = NotModified
		res.Err = os.Chtimes(zipPath, t, t)
		return res
	case resp.StatusCode != http.StatusOK:
		res.Err = fmt.Errorf("GET %s: %s", src, resp.Status)
		return res
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		res.Err = err
		return res
	}
	removeStaleTemps(dir, u.now())
	records, size, err := installZip(dir, zipPath, resp)
	if err != nil {
		res.Err = fmt.Errorf("GET %s: %w", src, err)
		return res
	}
	res.Outcome, res.Records, res.Bytes = Updated, records, size
	v := validators{URL: src, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if err := writeValidators(dir, v); err != nil {
		res.Err = err
	}
	return res
}

// readValidators returns the stored validators when they belong to src and
// the export they describe is still there.
func readValidators(dir, zipPath, src string) validators {
	if _, err := os.Stat(zipPath); err != nil {
		return validators{}
	}
	data, err := os.ReadFile(filepath.Join(dir, validatorsName))
	if err != nil {
		return validators{}
	}
	var v validators
	if json.Unmarshal(data, &v) != nil || v.URL != src {
		return validators{}
	}
	return v
}

func writeValidators(dir string, v validators) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return writeAtomic(dir, filepath.Join(dir, validatorsName), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// installZip streams the response into a temporary file beside zipPath,
// checks it is complete (Content-Length, and the MD5 and CRC32C digests
// Cloud Storage sends in x-goog-hash) and valid, and renames it over zipPath.
func installZip(dir, zipPath string, resp *http.Response) (records int, size int64, err error) {
	err = writeAtomicVerified(dir, zipPath, func(w io.Writer) error {
		sums := newDigests()
		n, err := io.Copy(io.MultiWriter(w, sums), io.LimitReader(resp.Body, maxDownloadBytes+1))
		size = n
		switch {
		case err != nil:
			return fmt.Errorf("download: %w", err)
		case n > maxDownloadBytes:
			return fmt.Errorf("download larger than %d bytes", int64(maxDownloadBytes))
		case resp.ContentLength >= 0 && n != resp.ContentLength:
			return fmt.Errorf("truncated download: %d of %d bytes", n, resp.ContentLength)
		}
		if resp.Uncompressed {
			return nil // the digests describe the gzip bytes Go's transport removed
		}
		return sums.check(resp.Header.Values("X-Goog-Hash"))
	}, func(tmp string) error {
		records, err = verifyZip(tmp)
		return err
	})
	return records, size, err
}

// digests computes the checksums Cloud Storage publishes for an object.
type digests struct {
	md5    hash.Hash
	crc32c hash.Hash32
}

func newDigests() *digests {
	return &digests{md5: md5.New(), crc32c: crc32.New(crc32.MakeTable(crc32.Castagnoli))}
}

func (d *digests) Write(p []byte) (int, error) {
	d.md5.Write(p)
	d.crc32c.Write(p)
	return len(p), nil
}

// check compares the digests with x-goog-hash header values
// ("crc32c=<base64>,md5=<base64>", possibly split over several headers;
// https://cloud.google.com/storage/docs/xml-api/reference-headers#xgooghash).
// Absent digests are not checked.
func (d *digests) check(headers []string) error {
	for _, h := range headers {
		for _, part := range strings.Split(h, ",") {
			alg, want, ok := strings.Cut(strings.TrimSpace(part), "=")
			if !ok {
				continue
			}
			var got []byte
			switch strings.ToLower(alg) {
			case "md5":
				got = d.md5.Sum(nil)
			case "crc32c":
				got = d.crc32c.Sum(nil)
			default:
				continue
			}
			if base64.StdEncoding.EncodeToString(got) != want {
				return fmt.Errorf("corrupt download: %s digest mismatch", alg)
			}
		}
	}
	return nil
}

// verifyZip checks that path is a zip archive whose *.json entries all
// decode as OSV records, and counts them.
func verifyZip(path string) (int, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return 0, fmt.Errorf("not a valid zip archive: %w", err)
	}
	defer zr.Close()
	vulns, err := decodeZip(&zr.Reader)
	return len(vulns), err
}

func writeAtomic(dir, dst string, write func(io.Writer) error) error {
	return writeAtomicVerified(dir, dst, write, nil)
}

// writeAtomicVerified writes a temporary file in dir, syncs it, lets verify
// inspect it, and renames it to dst, syncing dir so the rename is durable.
// On any error the temporary file is removed and dst is untouched.
func writeAtomicVerified(dir, dst string, write func(io.Writer) error, verify func(tmp string) error) (err error) {
	f, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(dst)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if verify != nil {
		if err = verify(tmp); err != nil {
			return err
		}
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	if err = os.Rename(tmp, dst); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync() // best effort: not every filesystem can sync a directory
		d.Close()
	}
	return nil
}

// removeStaleTemps deletes temporary files an interrupted update left in
// dir (older than an hour, so a concurrent update's file is spared).
func removeStaleTemps(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".tmp-") {
			continue
		}
		if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > time.Hour {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
