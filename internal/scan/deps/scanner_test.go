package deps

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
	"github.com/secaudit/secaudit/internal/vulndb"
)

// fakeDB answers queries from a table keyed "eco/name@version".
type fakeDB struct {
	advisories map[string][]Advisory
	age        time.Duration
	fail       map[string]error // by ecosystem

	mu      sync.Mutex
	queries []string
}

func (f *fakeDB) Query(eco, name, version string) ([]Advisory, error) {
	f.mu.Lock()
	f.queries = append(f.queries, eco+"/"+name+"@"+version)
	f.mu.Unlock()
	if err := f.fail[eco]; err != nil {
		return nil, err
	}
	return f.advisories[eco+"/"+name+"@"+version], nil
}

func (f *fakeDB) Age() time.Duration { return f.age }

// coverageDB is a fakeDB that knows which ecosystems it has.
type coverageDB struct {
	fakeDB
	has map[string]bool
}

func (c *coverageDB) Has(eco string) bool { return c.has[eco] }

func testScanner(t *testing.T, fsys fs.FS, db Database, cfg func(*config.Config)) *Scanner {
	t.Helper()
	c := config.Default()
	c.Deps.DB = "/db"
	if cfg != nil {
		cfg(c)
	}
	open := func(dir string) (Database, error) {
		if db == nil {
			return nil, fmt.Errorf("open vulnerability database: %w", fs.ErrNotExist)
		}
		return db, nil
	}
	s, err := newScanner(scan.Env{FS: fsys, Config: c}, open, func() string { return "/default" })
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// scanAll runs Scan over every wanted file of fsys, concurrently, then Finish.
func scanAll(t *testing.T, s *Scanner, fsys fs.FS) ([]finding.Finding, []scan.Problem, []error) {
	t.Helper()
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !s.Wants(p) {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Scan(context.Background(), scan.File{Path: p, Data: data}); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	findings, problems, err := s.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return findings, problems, errs
}

func TestFinishFindings(t *testing.T) {
	fsys := fstest.MapFS{
		"web/package-lock.json": {Data: []byte(`{"lockfileVersion":3,"packages":{"":{"dependencies":{"lodash":"4"}},
"node_modules/lodash":{"version":"4.17.15"},
"node_modules/a/node_modules/lodash":{"version":"4.17.15"}}}`)},
		"api/requirements.txt": {Data: []byte("PyYAML==5.3\nsix==1.16.0\n")},
	}
	db := &fakeDB{advisories: map[string][]Advisory{
		"npm/lodash@4.17.15": {
			{ID: "GHSA-p6mc-m468-83gw", Aliases: []string{"CVE-2020-8203"}, Summary: "Prototype pollution in lodash", Severity: finding.High, SeverityKnown: true, Fixed: []string{"4.17.19"}, FixedAbove: "4.17.19", URL: "https://osv.dev/GHSA-p6mc-m468-83gw"},
		},
		// Two records of one vulnerability (a GHSA and a PYSEC sharing a
		// CVE) are one finding; the highest known severity and the highest
		// smallest fix win.
		"PyPI/pyyaml@5.3": {
			{ID: "PYSEC-2021-142", Aliases: []string{"CVE-2020-14343"}, Summary: "", Fixed: []string{"5.4"}, FixedAbove: "5.4"},
			{ID: "GHSA-8q59-q68h-6hv4", Aliases: []string{"CVE-2020-14343"}, Summary: "Improper Input Validation in PyYAML", Severity: finding.Critical, SeverityKnown: true, Fixed: []string{"5.4", "5.4.1"}, FixedAbove: "5.4.1"},
			{ID: "PYSEC-2099-1", Summary: "Unrated issue"},
		},
	}}
	s := testScanner(t, fsys, db, nil)
	got, problems, errs := scanAll(t, s, fsys)
	if len(errs) > 0 || len(problems) > 0 {
		t.Fatalf("errors %v, problems %v", errs, problems)
	}
	want := []finding.Finding{
		{
			Category: finding.Vulnerability, RuleID: "GHSA-8q59-q68h-6hv4", Severity: finding.Critical,
			Title:    "pyyaml@5.3: Improper Input Validation in PyYAML",
			Message:  "pyyaml 5.3 (PyPI, direct dependency) is affected by GHSA-8q59-q68h-6hv4 (CVE-2020-14343, PYSEC-2021-142): Improper Input Validation in PyYAML. Fixed in 5.4.1.",
			Location: finding.Location{Path: "api/requirements.txt", StartLine: 1},
			Fix:      "Upgrade pyyaml to 5.4.1", Tags: []string{"PyPI"}, Source: "secaudit/deps",
			Package: &finding.Package{Ecosystem: "PyPI", Name: "pyyaml", Version: "5.3", Direct: true, FixedVersions: []string{"5.4", "5.4.1"},
				AdvisoryID: "GHSA-8q59-q68h-6hv4", Aliases: []string{"CVE-2020-14343", "PYSEC-2021-142"}},
			Fingerprint: finding.Fingerprint(finding.Vulnerability, "GHSA-8q59-q68h-6hv4", "api/requirements.txt", "PyPI/pyyaml@5.3/GHSA-8q59-q68h-6hv4"),
		},
		{
			Category: finding.Vulnerability, RuleID: "PYSEC-2099-1", Severity: finding.Medium,
			Title:    "pyyaml@5.3: Unrated issue",
			Message:  "pyyaml 5.3 (PyPI, direct dependency) is affected by PYSEC-2099-1: Unrated issue. No fixed version is known. The advisory gives no severity; it is reported as medium.",
			Location: finding.Location{Path: "api/requirements.txt", StartLine: 1},
			Fix:      "No fixed version yet", Tags: []string{"PyPI"}, Source: "secaudit/deps",
			Package:     &finding.Package{Ecosystem: "PyPI", Name: "pyyaml", Version: "5.3", Direct: true, AdvisoryID: "PYSEC-2099-1"},
			Fingerprint: finding.Fingerprint(finding.Vulnerability, "PYSEC-2099-1", "api/requirements.txt", "PyPI/pyyaml@5.3/PYSEC-2099-1"),
		},
		{
			Category: finding.Vulnerability, RuleID: "GHSA-p6mc-m468-83gw", Severity: finding.High,
			Title:    "lodash@4.17.15: Prototype pollution in lodash",
			Message:  "lodash 4.17.15 (npm, direct dependency) is affected by GHSA-p6mc-m468-83gw (CVE-2020-8203): Prototype pollution in lodash. Fixed in 4.17.19. See https://osv.dev/GHSA-p6mc-m468-83gw",
			Location: finding.Location{Path: "web/package-lock.json", StartLine: 2},
			Fix:      "Upgrade lodash to 4.17.19", Tags: []string{"npm"}, Source: "secaudit/deps",
			Package: &finding.Package{Ecosystem: "npm", Name: "lodash", Version: "4.17.15", Direct: true, FixedVersions: []string{"4.17.19"},
				AdvisoryID: "GHSA-p6mc-m468-83gw", Aliases: []string{"CVE-2020-8203"}},
			Fingerprint: finding.Fingerprint(finding.Vulnerability, "GHSA-p6mc-m468-83gw", "web/package-lock.json", "npm/lodash@4.17.15/GHSA-p6mc-m468-83gw"),
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	// One query per distinct package version, not per occurrence.
	if len(db.queries) != 3 {
		t.Errorf("queries = %v, want 3 distinct", db.queries)
	}
}

func TestFinishProblems(t *testing.T) {
	lock := fstest.MapFS{"go.mod": {Data: []byte("module m\n\nrequire golang.org/x/crypto v0.14.0\n")}}
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		db      Database
		cfg     func(*config.Config)
		want    []scan.Problem
		wantDir string
	}{
		{
			name: "no lockfiles need no database",
			fsys: fstest.MapFS{"README.md": {Data: []byte("hi")}},
		},
		{
			name: "missing database is an error with a hint",
			fsys: lock,
			want: []scan.Problem{{Path: "/db", Message: "no vulnerability database at /db: dependencies were not checked\nhint: run `secaudit db update`, or point --db (deps.db, SECAUDIT_DB) at an OSV database directory"}},
		},
		{
			name: "default directory when deps.db is empty",
			fsys: lock,
			cfg:  func(c *config.Config) { c.Deps.DB = "" },
			want: []scan.Problem{{Path: "/default", Message: "no vulnerability database at /default: dependencies were not checked\nhint: run `secaudit db update`, or point --db (deps.db, SECAUDIT_DB) at an OSV database directory"}},
		},
		{
			name: "a manifest with nothing pinned still needs the database",
			fsys: fstest.MapFS{"requirements.txt": {Data: []byte("flask>=1.0\nDjango\n-e .\n")}},
			want: []scan.Problem{
				{Path: "requirements.txt", Message: "2 Python requirements have no pinned version (==) and were not checked: requirements.txt: flask, requirements.txt: django\nhint: pin them (pip-compile, pip freeze) or scan a lockfile", Warning: true},
				{Path: "/db", Message: "no vulnerability database at /db: dependencies were not checked\nhint: run `secaudit db update`, or point --db (deps.db, SECAUDIT_DB) at an OSV database directory"},
			},
		},
		{
			name: "stale database is a warning",
			fsys: lock,
			db:   &fakeDB{age: 200 * time.Hour},
			want: []scan.Problem{{Path: "/db", Message: "the vulnerability database is 8 days old (deps.max_age is 7 days): recent advisories may be missing\nhint: run `secaudit db update`", Warning: true}},
		},
		{
			name: "fresh database is fine",
			fsys: lock,
			db:   &fakeDB{age: time.Hour},
		},
		{
			name: "ecosystem missing from the database is a warning",
			fsys: fstest.MapFS{"go.mod": lock["go.mod"], "Cargo.lock": {Data: []byte("[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"registry+x\"\n")}},
			db:   &coverageDB{has: map[string]bool{"Go": true}},
			want: []scan.Problem{{Path: "/db", Message: "the vulnerability database has no crates.io data: 1 crates.io packages were not checked\nhint: run `secaudit db update`", Warning: true}},
		},
		{
			name: "corrupt ecosystem is an error",
			fsys: lock,
			db:   &fakeDB{fail: map[string]error{"Go": errors.New("Go/all.zip: zip: not a valid zip file")}},
			want: []scan.Problem{{Path: "/db", Message: "query Go advisories: Go/all.zip: zip: not a valid zip file"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testScanner(t, tt.fsys, tt.db, tt.cfg)
			_, got, errs := scanAll(t, s, tt.fsys)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestScanParseErrorKeepsPackages(t *testing.T) {
	s := testScanner(t, nil, &fakeDB{}, nil)
	_, err := s.Scan(context.Background(), scan.File{Path: "app/yarn.lock", Data: []byte("lodash@^4:\n  version \"4.17.15\"\nbroken\n")})
	if err == nil || !strings.Contains(err.Error(), "app/yarn.lock:3") {
		t.Fatalf("Scan error = %v, want one naming app/yarn.lock:3", err)
	}
	if len(s.packages) != 1 {
		t.Errorf("kept %d packages, want 1", len(s.packages))
	}
}

func TestRequirementsIncludes(t *testing.T) {
	fsys := fstest.MapFS{
		"svc/requirements.txt":           {Data: []byte("-r base/requirements-base.txt\n--requirement=../shared/requirements-x.txt\nflask==1.0\n-r missing.txt\n-r https://ci:s3cr3t@pypi.example.com/reqs.txt\n")},
		"svc/base/requirements-base.txt": {Data: []byte("-r ../requirements.txt\nrequests==2.19.0\n")},
		"shared/requirements-x.txt":      {Data: []byte("six==1.16.0\n")},
	}
	pkgs, unpinned, err := extractRequirementsFS(fsys, "svc/requirements.txt", fsys["svc/requirements.txt"].Data)
	if err != nil && strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("error leaks the credentials of a remote include: %v", err)
	}
	if err == nil || !strings.Contains(err.Error(), "svc/requirements.txt:5: cannot follow remote -r https://xxxxx@pypi.example.com/reqs.txt") {
		t.Errorf("error = %v, want the remote include named, redacted", err)
	}
	if len(unpinned) != 0 {
		t.Errorf("unpinned = %v, want none", unpinned)
	}
	if err == nil || !strings.Contains(err.Error(), "svc/requirements.txt:4: -r missing.txt") {
		t.Errorf("error = %v, want the missing include named with file and line", err)
	}
	var got []string
	for _, p := range pkgs {
		got = append(got, fmt.Sprintf("%s:%d %s@%s", p.Path, p.Line, p.Name, p.Version))
	}
	want := []string{"svc/requirements.txt:3 flask@1.0", "svc/base/requirements-base.txt:2 requests@2.19.0", "shared/requirements-x.txt:1 six@1.16.0"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
}

func TestNewBadMaxAge(t *testing.T) {
	c := config.Default()
	c.Deps.MaxAge = "a week"
	if _, err := New(scan.Env{Config: c}); err == nil || !strings.Contains(err.Error(), "deps.max_age") {
		t.Errorf("New error = %v, want one naming deps.max_age", err)
	}
}

// TestDemo scans examples/demo against examples/osvdb with the real
// database and compares the findings with testdata/golden/demo-findings.json.
// It also checks that only the ecosystems the demo uses are loaded.
func TestDemo(t *testing.T) {
	root := filepath.Join("..", "..", "..", "examples")
	if _, err := os.Stat(filepath.Join(root, "osvdb")); err != nil {
		t.Skip("examples/osvdb not present")
	}
	db, err := vulndb.Open(filepath.Join(root, "osvdb"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(filepath.Join(root, "demo"))
	s := testScanner(t, fsys, db, nil)
	got, problems, errs := scanAll(t, s, fsys)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, p := range problems {
		if !p.Warning {
			t.Errorf("problem: %+v", p)
		}
	}
	golden := filepath.Join("testdata", "golden", "demo-findings.json")
	if *update {
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	var want []finding.Finding
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("demo findings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Go", "PyPI", "npm"}, db.Loaded()); diff != "" {
		t.Errorf("loaded ecosystems (-want +got):\n%s", diff)
	}
}

func TestPomParents(t *testing.T) {
	fsys := fstest.MapFS{
		"pom.xml": {Data: []byte(`<project>
  <groupId>com.example</groupId>
  <artifactId>root</artifactId>
  <version>1.0.0</version>
  <properties><jackson.version>2.9.8</jackson.version></properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>2.14.1</version></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.12</version></dependency>
  </dependencies>
</project>`)},
		"app/pom.xml": {Data: []byte(`<project>
  <parent><groupId>com.example</groupId><artifactId>root</artifactId><version>1.0.0</version></parent>
  <artifactId>app</artifactId>
  <dependencies>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId></dependency>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>${jackson.version}</version></dependency>
    <dependency><groupId>com.example</groupId><artifactId>lib</artifactId><version>${project.version}</version></dependency>
  </dependencies>
</project>`)},
		"other/pom.xml": {Data: []byte(`<project>
  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>2.5.0</version></parent>
  <artifactId>other</artifactId>
  <dependencies>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>
  </dependencies>
</project>`)},
	}
	tests := []struct {
		path string
		want []string
	}{
		{"app/pom.xml", []string{
			"app/pom.xml:5 org.apache.logging.log4j:log4j-core@2.14.1 direct",
			"app/pom.xml:6 com.fasterxml.jackson.core:jackson-databind@2.9.8 direct",
			"app/pom.xml:7 com.example:lib@1.0.0 direct",
			"pom.xml:10 junit:junit@4.12 direct",
		}},
		// The root pom's parent is not local: nothing is inherited, nothing fails.
		{"other/pom.xml", nil},
		{"pom.xml", []string{"pom.xml:7 org.apache.logging.log4j:log4j-core@2.14.1 ", "pom.xml:10 junit:junit@4.12 direct"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			pkgs, err := extractPomFS(fsys, tt.path, fsys[tt.path].Data)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range pkgs {
				d := ""
				if p.Direct {
					d = "direct"
				}
				got = append(got, fmt.Sprintf("%s:%d %s@%s %s", p.Path, p.Line, p.Name, p.Version, d))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPomParentsShared resolves the real todolist-web-struts pom with its
// local parent: the jaxb dependencies come from the parent (osv-scanner
// finds those too) and so does ${struts2.version}, which osv-scanner leaves
// unresolved, missing Struts 2.3.20 (CVE-2017-5638).
func TestPomParentsShared(t *testing.T) {
	shared := sharedDir(t)
	fsys := os.DirFS(filepath.Join(shared, "lockfiles", "snyk-labs__java-goof"))
	const child = "todolist-goof/todolist-web-struts/pom.xml"
	data, err := fs.ReadFile(fsys, child)
	if err != nil {
		t.Skip(err)
	}
	pkgs, err := extractPomFS(fsys, child, data)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, p := range pkgs {
		got[p.Name+"@"+p.Version] = true
	}
	for _, want := range []string{"com.sun.xml.bind:jaxb-core@2.3.0", "com.sun.xml.bind:jaxb-impl@2.3.0", "javax.xml.bind:jaxb-api@2.3.0", "org.apache.logging.log4j:log4j-core@2.7",
		"org.apache.struts:struts2-core@2.3.20", "org.springframework:spring-web@3.2.6.RELEASE"} {
		if !got[want] {
			t.Errorf("missing %s in %v", want, got)
		}
	}
}

// TestDirectFromPackageJSON checks that yarn.lock and v1 package-lock.json
// entries are direct when the package.json next to them declares them.
func TestDirectFromPackageJSON(t *testing.T) {
	pj := []byte(`{"dependencies":{"lodash":"^4.17.15"},"devDependencies":{"minimist":"1.2.5"}}`)
	fsys := fstest.MapFS{
		"classic/package.json": {Data: pj},
		"classic/yarn.lock":    {Data: []byte("lodash@^4.17.15:\n  version \"4.17.15\"\n\nlodash@^3:\n  version \"3.10.1\"\n\nms@^2:\n  version \"2.1.3\"\n")},
		"berry/package.json":   {Data: pj},
		"berry/yarn.lock":      {Data: []byte("\"minimist@npm:1.2.5\":\n  version: 1.2.5\n  resolution: \"minimist@npm:1.2.5\"\n\n\"ms@npm:^2\":\n  version: 2.1.3\n  resolution: \"ms@npm:2.1.3\"\n")},
		"v1/package.json":      {Data: pj},
		"v1/package-lock.json": {Data: []byte(`{"lockfileVersion":1,"dependencies":{"lodash":{"version":"4.17.15"},"ms":{"version":"2.1.3","dependencies":{"lodash":{"version":"3.10.1"}}}}}`)},
		"nopj/yarn.lock":       {Data: []byte("lodash@^4.17.15:\n  version \"4.17.15\"\n")},
	}
	s := testScanner(t, fsys, &fakeDB{}, nil)
	for _, p := range []string{"classic/yarn.lock", "berry/yarn.lock", "v1/package-lock.json", "nopj/yarn.lock"} {
		if _, err := s.Scan(context.Background(), scan.File{Path: p, Data: fsys[p].Data}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, p := range s.packages {
		if p.Direct {
			got = append(got, p.Path+" "+p.Name+"@"+p.Version)
		}
	}
	want := []string{"classic/yarn.lock lodash@4.17.15", "berry/yarn.lock minimist@1.2.5", "v1/package-lock.json lodash@4.17.15"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("direct packages (-want +got):\n%s", diff)
	}
}

// TestDirectFromManifest checks that composer.lock, Pipfile.lock,
// poetry.lock and pdm.lock packages are direct when the manifest beside
// them declares them.
func TestDirectFromManifest(t *testing.T) {
	fsys := fstest.MapFS{
		"php/composer.json": {Data: []byte(`{"require":{"php":">=8","Symfony/Yaml":"^7"},"require-dev":{"phpunit/phpunit":"^10"}}`)},
		"php/composer.lock": {Data: []byte(`{"packages":[{"name":"symfony/yaml","version":"v7.2.3"},{"name":"symfony/polyfill-ctype","version":"v1.31.0"}],
"packages-dev":[{"name":"phpunit/phpunit","version":"10.5.0"}]}`)},
		"pipenv/Pipfile":        {Data: []byte("[packages]\nFlask = \"==1.0.2\"\n\n[dev-packages]\npytest = \"*\"\n")},
		"pipenv/Pipfile.lock":   {Data: []byte(`{"default":{"flask":{"version":"==1.0.2"},"jinja2":{"version":"==2.10"}},"develop":{"pytest":{"version":"==7.0.0"}}}`)},
		"poetry/pyproject.toml": {Data: []byte("[tool.poetry.dependencies]\npython = \"^3.8\"\nRequests = \"^2.19\"\n\n[tool.poetry.group.dev.dependencies]\npytest = \"*\"\n")},
		"poetry/poetry.lock":    {Data: []byte("[[package]]\nname = \"requests\"\nversion = \"2.19.0\"\n\n[[package]]\nname = \"urllib3\"\nversion = \"1.23\"\n\n[[package]]\nname = \"pytest\"\nversion = \"7.0.0\"\n")},
		"pdm/pyproject.toml":    {Data: []byte("[project]\nname = \"app\"\ndependencies = [\"PyYAML>=5\", \"requests[socks] ; python_version>'3'\"]\n\n[dependency-groups]\ntest = [\"pytest>=7\", {include-group = \"lint\"}]\n")},
		"pdm/pdm.lock":          {Data: []byte("[[package]]\nname = \"pyyaml\"\nversion = \"5.3\"\n\n[[package]]\nname = \"idna\"\nversion = \"2.8\"\n\n[[package]]\nname = \"requests\"\nversion = \"2.19.0\"\n")},
	}
	s := testScanner(t, fsys, &fakeDB{}, nil)
	for _, p := range []string{"php/composer.lock", "pipenv/Pipfile.lock", "poetry/poetry.lock", "pdm/pdm.lock"} {
		if _, err := s.Scan(context.Background(), scan.File{Path: p, Data: fsys[p].Data}); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string]bool{}
	for _, p := range s.packages {
		got[p.Path+" "+p.Name] = p.Direct
	}
	want := map[string]bool{
		"php/composer.lock symfony/yaml": true, "php/composer.lock symfony/polyfill-ctype": false, "php/composer.lock phpunit/phpunit": true,
		"pipenv/Pipfile.lock flask": true, "pipenv/Pipfile.lock jinja2": false, "pipenv/Pipfile.lock pytest": true,
		"poetry/poetry.lock requests": true, "poetry/poetry.lock urllib3": false, "poetry/poetry.lock pytest": true,
		"pdm/pdm.lock pyyaml": true, "pdm/pdm.lock idna": false, "pdm/pdm.lock requests": true,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("direct (-want +got):\n%s", diff)
	}
}

func TestWants(t *testing.T) {
	s := testScanner(t, nil, &fakeDB{}, nil)
	tests := map[string]bool{
		"package-lock.json":                          true,
		"web/yarn.lock":                              true,
		"node_modules/foo/package-lock.json":         false,
		"web/node_modules/@scope/bar/yarn.lock":      false,
		"web/node_modules/.package-lock.json":        false,
		"api/requirements.txt":                       true,
		"services/node_modules_backup/composer.lock": true,
		"README.md": false,
	}
	for p, want := range tests {
		if got := s.Wants(p); got != want {
			t.Errorf("Wants(%q) = %v, want %v", p, got, want)
		}
	}
}
