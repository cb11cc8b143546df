package deps

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
	"github.com/secaudit/secaudit/internal/vulndb"
)

// Name is the scanner's name, as in --scanners and the finding source
// "secaudit/deps".
const Name = "deps"

// Scanner is the dependency scanner. Scan collects the packages of each
// manifest; Finish matches them all against the database at once.
type Scanner struct {
	fsys       fs.FS
	dbDir      string
	maxAge     time.Duration
	open       opener
	defaultDir func() string
	logger     *slog.Logger

	mu        sync.Mutex
	packages  []Package
	manifests int
	unpinned  []string // "path: name" of requirements with no pinned version
}

var (
	_ scan.Scanner  = (*Scanner)(nil)
	_ scan.Finisher = (*Scanner)(nil)
)

// New builds the dependency scanner from env. The database directory is
// env.Config.Deps.DB when set (the lead's --db flag should set it), else
// vulndb.DefaultDir() ($SECAUDIT_DB, else the user cache directory). The
// database is opened only in Finish, and only when a manifest was seen.
func New(env scan.Env) (scan.Scanner, error) {
	return newScanner(env, openVulnDB, vulndb.DefaultDir)
}

func newScanner(env scan.Env, open opener, defaultDir func() string) (*Scanner, error) {
	s := &Scanner{fsys: env.FS, open: open, defaultDir: defaultDir, logger: env.Logger}
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
	if env.Config != nil {
		s.dbDir = env.Config.Deps.DB
		if env.Config.Deps.MaxAge != "" {
			d, err := time.ParseDuration(env.Config.Deps.MaxAge)
			if err != nil {
				return nil, fmt.Errorf("deps.max_age %q: %w", env.Config.Deps.MaxAge, err)
			}
			s.maxAge = d
		}
	}
	return s, nil
}

// Name returns "deps".
func (s *Scanner) Name() string { return Name }

// Wants reports whether path is a supported manifest or lockfile. Files
// inside node_modules are left out: they are the lockfiles of installed
// packages, which npm ignores, and the project's own lockfile already
// lists everything installed there.
func (s *Scanner) Wants(p string) bool {
	if strings.HasPrefix(p, "node_modules/") || strings.Contains(p, "/node_modules/") {
		return false
	}
	return Supported(p)
}

// Scan parses one manifest and keeps its packages for Finish. It returns no
// findings; a malformed file yields an error naming the file and line, and
// the packages parsed before the problem are still kept. Safe for
// concurrent use.
func (s *Scanner) Scan(ctx context.Context, f scan.File) ([]finding.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var (
		pkgs     []Package
		unpinned []string
		err      error
	)
	data := decodeText(f.Data)
	switch base := path.Base(f.Path); {
	case isRequirementsFile(base):
		pkgs, unpinned, err = extractRequirementsFS(s.fsys, f.Path, data)
	case base == "pom.xml":
		pkgs, err = extractPomFS(s.fsys, f.Path, data)
	case base == "yarn.lock":
		pkgs, err = extractYarnLockWith(f.Path, data, s.declaredNPM(f.Path))
	case base == "package-lock.json", base == "npm-shrinkwrap.json":
		pkgs, err = extractPackageLockWith(f.Path, data, s.declaredNPM(f.Path))
	default:
		pkgs, err = Extract(f.Path, data)
	}
	markDirect(s.fsys, f.Path, pkgs)
	s.mu.Lock()
	s.packages = append(s.packages, pkgs...)
	s.unpinned = append(s.unpinned, unpinned...)
	s.manifests++
	s.mu.Unlock()
	s.logger.Debug("deps: extracted packages", "path", f.Path, "packages", len(pkgs))
	return nil, err
}

// declaredNPM reads the package.json next to an npm lockfile, if any, for
// the dependencies it declares.
func (s *Scanner) declaredNPM(lockfile string) map[string]string {
	if s.fsys == nil {
		return nil
	}
	data, err := fs.ReadFile(s.fsys, path.Join(path.Dir(lockfile), "package.json"))
	if err != nil {
		return nil
	}
	return declaredDeps(decodeText(data))
}

// Finish opens the database, matches every collected package and returns
// the findings. When no manifest was seen it does nothing and needs no
// database. A missing or unreadable database is an error problem (the run
// is incomplete); a database older than deps.max_age is a warning.
func (s *Scanner) Finish(ctx context.Context) ([]finding.Finding, []scan.Problem, error) {
	s.mu.Lock()
	pkgs, manifests := slices.Clone(s.packages), s.manifests
	var problems []scan.Problem
	if p, ok := unpinnedProblem(s.unpinned); ok {
		problems = append(problems, p)
	}
	s.mu.Unlock()
	if manifests == 0 {
		return nil, nil, nil
	}
	dir := s.dbDir
	if dir == "" {
		dir = s.defaultDir()
	}
	db, err := s.open(dir)
	if err != nil {
		return nil, append(problems, missingDB(dir, err)), nil
	}
	if p, ok := s.staleness(db, dir); ok {
		problems = append(problems, p)
	}
	problems = append(problems, uncovered(db, dir, pkgs)...)
	findings, qerrs := match(ctx, db, pkgs)
	for _, e := range qerrs {
		problems = append(problems, scan.Problem{Path: dir, Message: e.Error()})
	}
	if err := ctx.Err(); err != nil {
		return findings, problems, err
	}
	return findings, problems, nil
}

// unpinnedProblem warns about requirements without a pinned version: they
// name no version to match, so they were not checked (pip-compile or
// "pip freeze" output pins them).
func unpinnedProblem(unpinned []string) (scan.Problem, bool) {
	if len(unpinned) == 0 {
		return scan.Problem{}, false
	}
	shown := unpinned
	more := ""
	if len(shown) > 5 {
		shown, more = shown[:5], fmt.Sprintf(" and %d more", len(unpinned)-5)
	}
	return scan.Problem{
		Path:    strings.SplitN(unpinned[0], ":", 2)[0],
		Message: fmt.Sprintf("%d Python requirements have no pinned version (==) and were not checked: %s%s\nhint: pin them (pip-compile, pip freeze) or scan a lockfile", len(unpinned), strings.Join(shown, ", "), more),
		Warning: true,
	}, true
}

// uncovered warns about each ecosystem the manifests use that the database
// has no data for (when the database can tell): its packages were not
// checked, which is not the same as having no known vulnerability.
func uncovered(db Database, dir string, pkgs []Package) []scan.Problem {
	has, ok := db.(interface{ Has(ecosystem string) bool })
	if !ok {
		return nil
	}
	count := make(map[string]int)
	var order []string
	for _, p := range pkgs {
		if count[p.Ecosystem] == 0 {
			order = append(order, p.Ecosystem)
		}
		count[p.Ecosystem]++
	}
	slices.Sort(order)
	var out []scan.Problem
	for _, eco := range order {
		if !has.Has(eco) {
			out = append(out, scan.Problem{
				Path:    dir,
				Message: fmt.Sprintf("the vulnerability database has no %s data: %d %s packages were not checked\nhint: run `secaudit db update`", eco, count[eco], eco),
				Warning: true,
			})
		}
	}
	return out
}

// missingDB is the problem reported when the database cannot be opened.
func missingDB(dir string, err error) scan.Problem {
	msg := fmt.Sprintf("cannot open the vulnerability database at %s: %v", dir, err)
	if errors.Is(err, fs.ErrNotExist) {
		msg = fmt.Sprintf("no vulnerability database at %s: dependencies were not checked", dir)
	}
	return scan.Problem{
		Path:    dir,
		Message: msg + "\nhint: run `secaudit db update`, or point --db (deps.db, SECAUDIT_DB) at an OSV database directory",
	}
}

// staleness returns a warning when the database is older than maxAge.
func (s *Scanner) staleness(db Database, dir string) (scan.Problem, bool) {
	age := db.Age()
	if s.maxAge <= 0 || age <= s.maxAge {
		return scan.Problem{}, false
	}
	return scan.Problem{
		Path: dir,
		Message: fmt.Sprintf("the vulnerability database is %s old (deps.max_age is %s): recent advisories may be missing\nhint: run `secaudit db update`",
			humanDuration(age), humanDuration(s.maxAge)),
		Warning: true,
	}, true
}

// humanDuration spells a duration in days from two days up, in hours
// below: "30 days", "7 days", "36h".
func humanDuration(d time.Duration) string {
	if d >= 48*time.Hour {
		return fmt.Sprintf("%d days", int(d.Hours()/24))
	}
	return fmt.Sprintf("%dh", int(d.Round(time.Hour).Hours()))
}
