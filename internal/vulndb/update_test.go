package vulndb

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func zipBytes(t *testing.T, entries map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range entries {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func recordJSON(t *testing.T, v Vulnerability) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fakeOSV serves <eco>/all.zip like osv.dev's bucket: ETag and
// Last-Modified validators, 304 on a matching conditional request, and a
// per-ecosystem failure mode.
type fakeOSV struct {
	mu       sync.Mutex
	zips     map[string][]byte
	etags    map[string]string
	mode     map[string]string // "500", "truncate", "" (serve)
	requests []string
}

func (f *fakeOSV) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	eco, file, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	f.requests = append(f.requests, fmt.Sprintf("%s inm=%q ims=%q", eco, r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")))
	body, found := f.zips[eco]
	if !ok || file != "all.zip" || !found {
		http.NotFound(w, r)
		return
	}
	switch f.mode[eco] {
	case "500":
		http.Error(w, "backend error", http.StatusInternalServerError)
		return
	case "truncate":
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.WriteHeader(http.StatusOK)
		w.Write(body[:len(body)/2])
		return
	}
	etag := f.etags[eco]
	w.Header().Set("ETag", etag)
	md5sum := md5.Sum(body)
	crc := crc32.Checksum(body, crc32.MakeTable(crc32.Castagnoli))
	crcBytes := []byte{byte(crc >> 24), byte(crc >> 16), byte(crc >> 8), byte(crc)}
	if f.mode[eco] == "badhash" {
		md5sum[0] ^= 0xff
	}
	w.Header().Add("X-Goog-Hash", "crc32c="+base64.StdEncoding.EncodeToString(crcBytes))
	w.Header().Add("X-Goog-Hash", "md5="+base64.StdEncoding.EncodeToString(md5sum[:]))
	w.Header().Set("Last-Modified", "Mon, 01 Dec 2026 00:00:00 GMT")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.Write(body)
}

func (f *fakeOSV) set(eco string, body []byte, etag, mode string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.zips[eco], f.etags[eco], f.mode[eco] = body, etag, mode
}

func TestUpdate(t *testing.T) {
	good := zipBytes(t, map[string]string{
		"GHSA-1.json": recordJSON(t, simple("GHSA-1", "npm", "left-pad", Event{Introduced: "0"}, Event{Fixed: "1.1.0"})),
		"GHSA-2.json": recordJSON(t, simple("GHSA-2", "npm", "left-pad", Event{Introduced: "2.0.0"})),
	})
	fake := &fakeOSV{zips: map[string][]byte{}, etags: map[string]string{}, mode: map[string]string{}}
	fake.set("npm", good, `"v1"`, "")
	fake.set("PyPI", zipBytes(t, map[string]string{"PYSEC-1.json": recordJSON(t, simple("PYSEC-1", "PyPI", "x", Event{Introduced: "0"}))}), `"p1"`, "")
	srv := httptest.NewServer(fake)
	defer srv.Close()
	dir := t.TempDir()
	stamp := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	opts := UpdateOptions{Ecosystems: []string{"npm", "PyPI"}, BaseURL: srv.URL + "/", Client: srv.Client(), Now: func() time.Time { return stamp }}
	ignoreErr := cmpopts.IgnoreFields(UpdateResult{}, "Err", "Bytes")
	ctx := context.Background()

	// 1. A fresh download.
	res, err := Update(ctx, dir, opts)
	if err != nil {
		t.Fatalf("first update: %v", err)
	}
	want := []UpdateResult{{Ecosystem: "npm", Outcome: Updated, Records: 2}, {Ecosystem: "PyPI", Outcome: Updated, Records: 1}}
	if diff := cmp.Diff(want, res, ignoreErr); diff != "" {
		t.Fatalf("first update (-want +got):\n%s", diff)
	}
	assertQuery(t, dir, "npm", "left-pad", "1.0.0", []string{"GHSA-1"})

	// 2. Unchanged: the server answers 304, the export is restamped.
	res, err = Update(ctx, dir, opts)
	if err != nil {
		t.Fatalf("second update: %v", err)
	}
	want = []UpdateResult{{Ecosystem: "npm", Outcome: NotModified}, {Ecosystem: "PyPI", Outcome: NotModified}}
	if diff := cmp.Diff(want, res, ignoreErr); diff != "" {
		t.Fatalf("second update (-want +got):\n%s", diff)
	}
	if fi, err := os.Stat(filepath.Join(dir, "npm", "all.zip")); err != nil || !fi.ModTime().Equal(stamp) {
		t.Errorf("after 304 all.zip mtime = %v, %v; want %v", fi.ModTime(), err, stamp)
	}
	if last := fake.requests[len(fake.requests)-2]; !strings.Contains(last, `inm="\"v1\""`) || !strings.Contains(last, "ims=\"Mon, 01 Dec 2026") {
		t.Errorf("conditional request headers missing: %s", last)
	}

	// 3. Failures leave the previous export in place.
	before, _ := os.ReadFile(filepath.Join(dir, "npm", "all.zip"))
	failures := []struct {
		name, mode string
		body       []byte
		msg        string
	}{
		{"server error", "500", good, "500 Internal Server Error"},
		{"truncated", "truncate", good, ""},
		{"digest mismatch", "badhash", good, "md5 digest mismatch"},
		{"not a zip", "", []byte("<html>captive portal</html>"), "not a valid zip"},
		{"corrupt record", "", zipBytes(t, map[string]string{"BAD.json": `{"id": "BAD", "affected": [`}), "entry BAD.json"},
		{"record without id", "", zipBytes(t, map[string]string{"X.json": `{"summary": "no id"}`}), "entry X.json"},
	}
	for i, tc := range failures {
		t.Run(tc.name, func(t *testing.T) {
			fake.set("npm", tc.body, fmt.Sprintf(`"bad%d"`, i), tc.mode)
			res, err := Update(ctx, dir, UpdateOptions{Ecosystems: []string{"npm"}, BaseURL: srv.URL, Client: srv.Client()})
			if err == nil || res[0].Outcome != Failed {
				t.Fatalf("update = %+v, %v; want a failure", res, err)
			}
			if !strings.Contains(err.Error(), "update npm") || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q, want it to mention %q", err, tc.msg)
			}
			after, _ := os.ReadFile(filepath.Join(dir, "npm", "all.zip"))
			if !bytes.Equal(before, after) {
				t.Error("a failed update changed all.zip")
			}
			assertQuery(t, dir, "npm", "left-pad", "1.0.0", []string{"GHSA-1"})
			assertNoTempFiles(t, filepath.Join(dir, "npm"))
		})
	}

	// 4. A changed export replaces the old one, and an interrupted update's
	// old temporary file is cleaned up.
	stale := filepath.Join(dir, "npm", ".tmp-all.zip-123")
	if err := os.WriteFile(stale, []byte("partial"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	fake.set("npm", zipBytes(t, map[string]string{"GHSA-3.json": recordJSON(t, simple("GHSA-3", "npm", "left-pad", Event{Introduced: "0"}))}), `"v2"`, "")
	if _, err := Update(ctx, dir, UpdateOptions{Ecosystems: []string{"npm"}, BaseURL: srv.URL, Client: srv.Client()}); err != nil {
		t.Fatal(err)
	}
	assertQuery(t, dir, "npm", "left-pad", "1.0.0", []string{"GHSA-3"})
	assertNoTempFiles(t, filepath.Join(dir, "npm"))

	// 5. Unknown ecosystems and bad names fail alone.
	res, err = Update(ctx, dir, UpdateOptions{Ecosystems: []string{"Nope", "../etc", "PyPI"}, BaseURL: srv.URL, Client: srv.Client()})
	if err == nil {
		t.Fatal("update of unknown ecosystems succeeded")
	}
	outcomes := []string{res[0].Outcome, res[1].Outcome, res[2].Outcome}
	if diff := cmp.Diff([]string{Failed, Failed, NotModified}, outcomes); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	if _, err := os.Stat(filepath.Join(dir, "Nope", "all.zip")); err == nil {
		t.Error("a 404 left an all.zip behind")
	}
}

func TestUpdateCancelled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := Update(ctx, t.TempDir(), UpdateOptions{Ecosystems: []string{"npm"}, BaseURL: srv.URL, Client: srv.Client()})
	if err == nil {
		t.Fatal("cancelled update succeeded")
	}
}

func assertQuery(t *testing.T, dir, eco, name, ver string, want []string) {
	t.Helper()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Query(eco, name, ver)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, ids(got)); diff != "" {
		t.Errorf("Query(%s %s@%s) (-want +got):\n%s", eco, name, ver, diff)
	}
}

func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}
