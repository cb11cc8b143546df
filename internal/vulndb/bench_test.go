package vulndb

import "testing"

func BenchmarkFirstQueryNpm(b *testing.B) {
	dir := sharedDir(b, "osv")
	for b.Loop() {
		db, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Query("npm", "lodash", "4.17.15"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFirstQueryGo(b *testing.B) {
	dir := sharedDir(b, "osv")
	for b.Loop() {
		db, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Query("Go", "golang.org/x/crypto", "v0.16.0"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWarmQuery(b *testing.B) {
	db, err := Open(sharedDir(b, "osv"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Query("npm", "lodash", "4.17.15"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := db.Query("npm", "lodash", "4.17.15"); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"id":"X","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.0.0"}]}]}]}`))
	f.Add([]byte(`{"id":"Y","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N"}],"database_specific":{"severity":7}}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Decode(data)
		if err != nil {
			return
		}
		idx := buildIndex([]*Vulnerability{v}, "")
		for k, entries := range idx {
			_ = match(entries, k.eco, "1.0.0")
		}
	})
}

func BenchmarkWarmQueryPyPI(b *testing.B) {
	db, err := Open(sharedDir(b, "osv"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Query("PyPI", "django", "3.2.0"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := db.Query("PyPI", "django", "3.2.0"); err != nil {
			b.Fatal(err)
		}
	}
}
