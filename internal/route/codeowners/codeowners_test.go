package codeowners

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestPatterns(t *testing.T) {
	tests := []struct {
		pattern string
		paths   map[string]bool
	}{
		{"foo", map[string]bool{"foo": true, "foo.txt": false, "foo/bar": true, "bar/foo": true, "bar/foo.txt": false, "bar/foo/baz": true}},
		{"/foo", map[string]bool{"foo": true, "fool.txt": false, "foo/bar/baz": true, "bar/foo": false}},
		{"foo/", map[string]bool{"foo": false, "foo/bar": true, "bar/foo/baz": true, "bar/foo": false}},
		{"/foo/", map[string]bool{"foo": false, "foo/bar/baz": true, "bar/foo/baz": false}},
		{"foo/bar", map[string]bool{"foo/bar": true, "foo/bart": false, "foo/bar/baz": true, "baz/foo/bar": false}},
		{"foo/bar/", map[string]bool{"foo/bar": false, "foo/bar/baz": true, "baz/foo/bar/qux": false}},
		{"*", map[string]bool{"foo": true, "foo/bar": true, "a/b/c": true}},
		{"f*", map[string]bool{"foo": true, "foo/bar": true, "bar/foo/baz": true, "bar/baz": false, "xfoo": false}},
		{"/*", map[string]bool{"foo": true, "foo/bar": false}},
		{"/f*", map[string]bool{"foo/bar/baz": true, "bar/foo": false}},
		{"f*/", map[string]bool{"foo": false, "foo/bar": true, "bar/foo/baz": true}},
		{`f\*o`, map[string]bool{"foo": false, "f*o": true}},
		{"foo/*", map[string]bool{"foo": false, "foo/bar": true, "foo/bar/baz": false, "bar/foo/baz": false}},
		{"foo/*.txt", map[string]bool{"foo/bar.txt": true, "foo/bar/baz.txt": false, "qux/foo/bar.txt": false}},
		{"foo/*/baz", map[string]bool{"foo/baz": false, "foo/bar/baz": true, "foo/bar/baz/qux": true}},
		{"f?o", map[string]bool{"foo": true, "fo": false, "fooo": false}},
		{"**/foo/bar", map[string]bool{"foo/bar": true, "qux/foo/bar/baz": true, "foo/baz/bar": false}},
		{"foo/bar/**", map[string]bool{"foo/bar": false, "foo/bar/baz/qux": true, "qux/foo/bar/baz": false}},
		{"foo/**/bar", map[string]bool{"foo/bar": true, "foo/qux/quux/bar/baz": true, "qux/foo/bar": false}},
		// GitHub's documented examples.
		{"*.js", map[string]bool{"app.js": true, "src/lib/app.js": true, "app.jsx": false}},
		{"/build/logs/", map[string]bool{"build/logs/a.log": true, "build/logs/deep/b.log": true, "x/build/logs/a.log": false}},
		{"docs/*", map[string]bool{"docs/getting-started.md": true, "docs/build-app/troubleshooting.md": false}},
		{"apps/", map[string]bool{"apps/x.go": true, "src/apps/y/z.go": true, "apps": false}},
		{"/docs/", map[string]bool{"docs/a.md": true, "docs/sub/b.md": true, "src/docs/a.md": false}},
		{"**/logs", map[string]bool{"build/logs/a": true, "scripts/logs/b": true, "deeply/nested/logs/c": true, "logsx/a": false}},
		{`\#notes`, map[string]bool{"#notes": true, "notes": false}},
		{`my\ file.txt`, map[string]bool{"my file.txt": true, "dir/my file.txt": true}},
		{"/", map[string]bool{"a": false}},
		{"**", map[string]bool{"a": true, "a/b/c": true}},
		{"/**", map[string]bool{"a": true, "a/b/c": true}},
		{"**/", map[string]bool{"a/b": true, "x/y/z": true}},
		{"foo/**/", map[string]bool{"foo": false, "foo/bar": true, "foo/bar/baz": true}},
		{"a/**/**/b", map[string]bool{"a/b": true, "a/x/y/b": true, "b": false}},
		{"docs/*/", map[string]bool{"docs/a.md": false, "docs/sub/b.md": true}},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			f, err := Parse([]byte(tt.pattern+" @o"), "CODEOWNERS")
			if err != nil {
				t.Fatal(err)
			}
			r := &f.Rules[0]
			for p, want := range tt.paths {
				if got := r.Match(p); got != want {
					t.Errorf("pattern %q on %q = %v, want %v (re %s)", tt.pattern, p, got, want, r.re)
				}
			}
		})
	}
}

// githubExample is (an excerpt of) the example file of GitHub's documentation.
const githubExample = `# This is a comment.
# Each line is a file pattern followed by one or more owners.

# These owners will be the default owners for everything in
# the repo. Unless a later match takes precedence,
# @global-owner1 and @global-owner2 will be requested for
# review when someone opens a pull request.
*       @global-owner1 @global-owner2

# Order is important; the last matching pattern takes the most
# precedence. When someone opens a pull request that only
# modifies JS files, only @js-owner and not the global
# owner(s) will be requested for a review.
*.js    @js-owner #This is an inline comment.

# You can also use email addresses if you prefer. They'll be
# used to look up users just like we do for commit author
# emails.
*.go docs@example.com

# Teams can be specified as code owners as well.
*.txt @octo-org/octocats

/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat

# In this example, @octocat owns any file in the /apps
# directory in the root of your repository except for the /apps/github
# subdirectory, as this subdirectory has its own owner @doctocat
/apps/ @octocat
/apps/github @doctocat

# In this example, @octocat owns any file in the /apps
# directory in the root of your repository except for the /apps/github
# subdirectory, as its owners are left empty.
/apps/ @octocat
/apps/github
`

func TestOwners(t *testing.T) {
	f, err := Parse([]byte(githubExample), "CODEOWNERS")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path     string
		want     []string
		wantLine int
	}{
		{"README.md", []string{"@global-owner1", "@global-owner2"}, 8},
		{"src/index.js", []string{"@js-owner"}, 14},
		{"main.go", []string{"docs@example.com"}, 19},
		{"notes.txt", []string{"@octo-org/octocats"}, 22},
		{"build/logs/out.txt", []string{"@octocat"}, 29}, // **/logs is later than /build/logs/
		{"docs/getting-started.md", []string{"@doctocat"}, 27},
		{"scripts/deploy.sh", []string{"@doctocat", "@octocat"}, 28},
		{"apps/web/main.go", []string{"@octocat"}, 40},
		{"apps/github/x.go", nil, 41},
		{"src/app.py", []string{"@global-owner1", "@global-owner2"}, 8},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, r := f.Owners(tt.path)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Owners(%q) (-want +got):\n%s", tt.path, diff)
			}
			if r == nil || r.Line != tt.wantLine {
				t.Errorf("Owners(%q) rule = %+v, want line %d", tt.path, r, tt.wantLine)
			}
		})
	}
	bom, _ := Parse([]byte("\xef\xbb\xbf*.md @docs\r\n"), "CODEOWNERS")
	if o, _ := bom.Owners("./README.md"); len(o) != 1 || o[0] != "@docs" {
		t.Errorf("BOM/CRLF file or ./ path: owners %v", o)
	}
	var none *File
	if o, r := none.Owners("x"); o != nil || r != nil {
		t.Errorf("nil File owns x")
	}
}

func TestParseErrors(t *testing.T) {
	data := "*.go @ok\n!neg @a\n[ab].txt @a\nfoo @not@valid@x\na***b @a\ngood/ @org/team\nmy\\ file @a\n"
	f, err := Parse([]byte(data), "CODEOWNERS")
	if err == nil {
		t.Fatal("want errors")
	}
	wantErrs := []string{"CODEOWNERS:2: negated", "CODEOWNERS:3: character ranges", "CODEOWNERS:4: invalid owner", "CODEOWNERS:5: pattern cannot contain three"}
	for _, w := range wantErrs {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
	if _, err := Parse([]byte("* @octocat_acme @acme_corp/app-team"), "CODEOWNERS"); err != nil {
		t.Errorf("Enterprise Managed User handles rejected: %v", err)
	}
	var pats []string
	for _, r := range f.Rules {
		pats = append(pats, r.Pattern)
	}
	if diff := cmp.Diff([]string{"*.go", "good/", "my file"}, pats); diff != "" {
		t.Errorf("valid rules kept (-want +got):\n%s", diff)
	}
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		path     string
		wantFile string
		wantErr  bool
	}{
		{"github dir wins", map[string]string{".github/CODEOWNERS": "* @a", "CODEOWNERS": "* @b", "docs/CODEOWNERS": "* @c"}, "", ".github/CODEOWNERS", false},
		{"root before docs", map[string]string{"CODEOWNERS": "* @b", "docs/CODEOWNERS": "* @c"}, "", "CODEOWNERS", false},
		{"docs last", map[string]string{"docs/CODEOWNERS": "* @c"}, "", "docs/CODEOWNERS", false},
		{"none", map[string]string{"README": "x"}, "", "", false},
		{"explicit path", map[string]string{"cfg/OWNERS": "* @x"}, "cfg/OWNERS", "cfg/OWNERS", false},
		{"explicit path missing", map[string]string{}, "cfg/OWNERS", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for p, s := range tt.files {
				fsys[p] = &fstest.MapFile{Data: []byte(s)}
			}
			f, err := Load(fsys, tt.path)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Load err = %v, wantErr %v", err, tt.wantErr)
			}
			got := ""
			if f != nil {
				got = f.Path
			}
			if got != tt.wantFile {
				t.Errorf("Load read %q, want %q", got, tt.wantFile)
			}
		})
	}
}

// FuzzParse checks that no CODEOWNERS content crashes the parser or the
// matcher, and that every kept rule has a compiled pattern.
func FuzzParse(f *testing.F) {
	for _, s := range []string{githubExample, "\\#x @a\n", "a/**/b/ @o/t\n!x\n[", "*** @a", "foo\\", "/ @a\n"} {
		f.Add([]byte(s), "a/b/c.go")
		f.Add([]byte(s), "docs")
	}
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		file, _ := Parse(data, "fuzz")
		for i := range file.Rules {
			r := &file.Rules[i]
			if r.re == nil {
				t.Fatalf("rule %d has no pattern", i)
			}
			// The literal prefix is only a shortcut: it never rejects a
			// path the pattern matches.
			p := strings.TrimPrefix(strings.TrimPrefix(path, "./"), "/")
			if r.re.MatchString(p) && !r.Match(path) {
				t.Fatalf("pattern %q: prefix %q rejects %q", r.Pattern, r.prefix, path)
			}
		}
		file.Owners(path)
	})
}
