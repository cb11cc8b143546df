package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dbTestZip is an osv.dev-style export holding one npm record.
func dbTestZip(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("GHSA-test.json")
	if err != nil {
		t.Fatal(err)
	}
	rec := `{"id":"GHSA-test","affected":[{"package":{"ecosystem":"npm","name":"left-pad"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.1.0"}]}]}]}`
	if _, err := w.Write([]byte(rec)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func runDB(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestDBUpdateAndStatus(t *testing.T) {
	body := dbTestZip(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/npm/all.zip" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", `"1"`)
		if r.Header.Get("If-None-Match") == `"1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(body)
	}))
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "osv")

	code, out, errOut := runDB(t, "db", "update", "--db", dir, "--base-url", srv.URL, "--ecosystems", "npm")
	if code != 0 || !strings.Contains(out, "npm") || !strings.Contains(out, "updated") || !strings.Contains(out, "1 records") {
		t.Fatalf("first update: code %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	code, out, _ = runDB(t, "db", "update", "--db", dir, "--base-url", srv.URL, "--ecosystems", "npm")
	if code != 0 || !strings.Contains(out, "up to date") {
		t.Fatalf("second update: code %d\n%s", code, out)
	}
	code, out, errOut = runDB(t, "db", "update", "--db", dir, "--base-url", srv.URL, "--ecosystems", "npm,PyPI")
	if code != 1 || !strings.Contains(out, "PyPI") || !strings.Contains(out, "FAILED") || !strings.Contains(errOut, "1 of 2 ecosystems failed") || !strings.Contains(errOut, "hint:") {
		t.Fatalf("partly failed update: code %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}

	t.Setenv("SECAUDIT_DB", dir)
	code, out, errOut = runDB(t, "db", "status")
	if code != 0 || !strings.Contains(out, "database: "+dir) || !strings.Contains(out, "total: 1 records in 1 ecosystems") {
		t.Fatalf("status: code %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	code, out, _ = runDB(t, "db", "status", "--json")
	var st struct {
		Records    int `json:"records"`
		Ecosystems []struct {
			Name    string `json:"name"`
			Records int    `json:"records"`
		} `json:"ecosystems"`
	}
	if err := json.Unmarshal([]byte(out), &st); code != 0 || err != nil || st.Records != 1 || len(st.Ecosystems) != 1 || st.Ecosystems[0].Name != "npm" {
		t.Fatalf("status --json: code %d, %v\n%s", code, err, out)
	}
}

func TestDBStatusMissing(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none")
	code, out, errOut := runDB(t, "db", "status", "--db", missing)
	if code != 1 || out != "" || !strings.Contains(errOut, "secaudit: db status") || !strings.Contains(errOut, "hint: run 'secaudit db update'") {
		t.Fatalf("status of a missing database: code %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("status created the database directory")
	}
}
