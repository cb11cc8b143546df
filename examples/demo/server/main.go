//go:build ignore

// Command server is a demo HTTP service with deliberate code-security
// problems (secaudit exit class 6); each is marked with the rule that
// reports it. The build tag keeps it out of every build: it is scanned, not
// compiled.
package main

import (
	"crypto/md5"
	"crypto/tls"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/rand"
	"net/http"
	"os"
	"os/exec"
)

var db *sql.DB

func search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	// go-sql-injection: the query is built with fmt.Sprintf.
	rows, err := db.Query(fmt.Sprintf("SELECT id, title FROM posts WHERE title LIKE '%%%s%%'", q))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}

func archive(w http.ResponseWriter, r *http.Request) {
	dir := r.URL.Query().Get("dir")
	// go-command-injection: a shell runs a command line built from the request.
	out, _ := exec.Command("sh", "-c", "tar czf - "+dir).Output()
	w.Write(out)
}

func newSessionToken() string {
	// go-weak-rand: math/rand is predictable.
	return fmt.Sprintf("%x", rand.Int63())
}

func checksum(b []byte) string {
	// go-weak-hash: MD5.
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:])
}

func main() {
	// go-tls-insecure-skip-verify: any certificate is accepted.
	http.DefaultTransport.(*http.Transport).TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	// go-file-permissions: the log is world-readable.
	os.WriteFile("server.log", []byte("start\n"), 0644)
	http.HandleFunc("/search", search)
	http.HandleFunc("/archive", archive)
	// go-http-listen-no-timeout: no timeouts at all.
	http.ListenAndServe(":8080", nil)
}
