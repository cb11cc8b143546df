//go:build ignore

package main

import (
	"crypto/md5"
	"crypto/tls"
	"database/sql"
	"fmt"
	"math/rand"
	"net/http"
	"os"
	"os/exec"
)

func lookup(db *sql.DB, r *http.Request) {
	name := r.URL.Query().Get("name")
	db.Query("SELECT id FROM users WHERE name = '" + name + "'")
	db.Query("SELECT id FROM users WHERE name = ?", name) // parameterized: fine
	db.Exec(fmt.Sprintf("DELETE FROM sessions WHERE user = '%s'", name))
}

func run(host string) {
	exec.Command("sh", "-c", "ping -c 1 "+host).Run()
	exec.Command("ping", "-c", "1", host).Run() // no shell: fine
}

func resetToken() string {
	return fmt.Sprint(rand.Int63()) // #nosec G404 -- suppressed on purpose
}

func newPassword() string {
	return fmt.Sprint(rand.Int63())
}

func setup() {
	_ = md5.Sum([]byte("x"))
	_ = &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS10}
	os.WriteFile("/tmp/app-state", []byte("x"), 0644)
	os.MkdirAll("cache", 0777)
	http.ListenAndServe(":8080", nil)
}
