// Package app is the composition root: it turns options into a configured
// pipeline (config, scanners, importers, policy) and runs it. Only app and
// cli see every package.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/gitscan"
	"github.com/secaudit/secaudit/internal/importer"
	"github.com/secaudit/secaudit/internal/policy"
	"github.com/secaudit/secaudit/internal/result"
	"github.com/secaudit/secaudit/internal/scan"
	"github.com/secaudit/secaudit/internal/scan/builtin"
	"github.com/secaudit/secaudit/internal/walk"
)

// ScanOptions are the inputs of one audit. Zero values mean "use the
// configuration"; the CLI fills only what flags set.
type ScanOptions struct {
	Root string
	// ConfigPath is an explicit configuration file; empty means
	// .secaudit.yaml in Root when present, else the defaults.
	ConfigPath string
	// Severity overrides scan.severity.
	Severity string
	// FailOnHigh overrides scan.fail_on_high when non-nil.
	FailOnHigh *bool
	// MaxFileSize overrides scan.max_file_size when positive.
	MaxFileSize int64
	// Scanners overrides the scanner list.
	Scanners []string
	// Exclude adds path globs to skip.
	Exclude     []string
	NoGitignore bool
	// ChangedSince scans only files changed against this git ref.
	ChangedSince string
	// Staged scans only what `git diff --cached` adds.
	Staged bool
	// History scans every blob of the git history once.
	History bool
	// Baseline is a previous JSON report whose findings are not reported.
	Baseline string
	// IgnoreFile overrides ignore.file.
	IgnoreFile string
	// Imports are external result files, as "FILE" or "FORMAT:FILE".
	Imports []string
	// DB overrides deps.db.
	DB      string
	Workers int
	// Run carries the CI metadata (repository, branch, commit, run URL).
	Run      result.Run
	Progress *scan.Progress
	Logger   *slog.Logger
	Now      func() time.Time
	// Version is the tool version written in the report.
	Version string
}

// ScanOutput is a finished audit and the configuration it ran under.
type ScanOutput struct {
	Result *result.Result
	Config *config.Config
}

// Scan runs one audit. An error means the audit could not run at all (bad
// configuration, a root that does not exist); everything else — unreadable
// files, failing scanners, malformed imports — is recorded in the result and
// marks it incomplete.
func Scan(ctx context.Context, opts ScanOptions) (*ScanOutput, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	started := opts.Now()
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", opts.Root, err)
	}
	if _, err := os.Stat(root); err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	cfg, err := LoadConfig(opts.ConfigPath, root)
	if err != nil {
		return nil, err
	}
	applyOverrides(cfg, opts)
	pol, policyErrs, err := buildPolicy(cfg, root, opts)
	if err != nil {
		return nil, err
	}
	scanners, err := buildScanners(cfg, root, opts)
	if err != nil {
		return nil, err
	}
	runner := &scan.Runner{Scanners: scanners, Workers: opts.Workers, Progress: opts.Progress}
	out, err := run(ctx, runner, root, cfg, opts)
	if err != nil {
		return nil, err
	}
	imported, importErrs := importAll(opts.Imports, root)
	imported, dupImports := dedupImports(out.Findings, imported)
	findings := append(out.Findings, imported...)
	errs := append(append(out.Errors, importErrs...), policyErrs...)
	decided := policy.Apply(findings, errs, pol)

	res := &result.Result{
		SchemaVersion: result.SchemaVersion,
		Tool:          result.Tool{Name: "secaudit", Version: opts.Version},
		Run:           opts.Run,
		Verdict:       decided.Verdict,
		Findings:      decided.Findings,
		Suppressed:    decided.Suppressed,
		Errors:        errs,
		Warnings:      append(out.Warnings, decided.Warnings...),
		Stats:         out.Stats,
	}
	if res.Findings == nil {
		res.Findings = []finding.Finding{}
	}
	for reason, n := range map[string]int{"inline-ignore": out.InlineIgnored, "duplicate": dupImports} {
		if n == 0 {
			continue
		}
		if res.Suppressed == nil {
			res.Suppressed = map[string]int{}
		}
		res.Suppressed[reason] += n
	}
	res.Run.Target = opts.Root
	res.Run.Started = started.UTC().Truncate(time.Millisecond)
	res.Run.DurationMS = opts.Now().Sub(started).Milliseconds()
	for _, s := range scanners {
		res.Run.Scanners = append(res.Run.Scanners, s.Name())
	}
	if len(opts.Imports) > 0 {
		res.Run.Scanners = append(res.Run.Scanners, "import")
	}
	return &ScanOutput{Result: res, Config: cfg}, nil
}

// LoadConfig loads path, or the .secaudit.yaml of root when path is empty,
// or the defaults when there is none.
func LoadConfig(path, root string) (*config.Config, error) {
	if path == "" {
		path = config.Find(root)
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	// Paths in a configuration file are relative to that file.
	if cfg.Path != "" && cfg.Deps.DB != "" && !filepath.IsAbs(cfg.Deps.DB) {
		cfg.Deps.DB = filepath.Join(filepath.Dir(cfg.Path), cfg.Deps.DB)
	}
	return cfg, nil
}

func applyOverrides(cfg *config.Config, opts ScanOptions) {
	if opts.Severity != "" {
		cfg.Scan.Severity = opts.Severity
	}
	if opts.FailOnHigh != nil {
		cfg.Scan.FailOnHigh = *opts.FailOnHigh
	}
	if opts.MaxFileSize > 0 {
		cfg.Scan.MaxFileSize = opts.MaxFileSize
	}
	if len(opts.Scanners) > 0 {
		cfg.Scan.Scanners = opts.Scanners
	}
	cfg.Scan.Exclude = append(cfg.Scan.Exclude, opts.Exclude...)
	if opts.DB != "" {
		cfg.Deps.DB = opts.DB
	}
	if opts.IgnoreFile != "" {
		cfg.Ignore.File = opts.IgnoreFile
	}
}

// buildPolicy reads the ignore file and the baseline. A missing default
// ignore file is normal; a broken one is an error problem (the run is
// incomplete: findings it meant to hide are shown).
func buildPolicy(cfg *config.Config, root string, opts ScanOptions) (policy.Options, []result.Problem, error) {
	sev, err := finding.ParseSeverity(cfg.Scan.Severity)
	if err != nil {
		return policy.Options{}, nil, fmt.Errorf("--severity: %w", err)
	}
	pol := policy.Options{MinSeverity: sev, FailOnHigh: cfg.Scan.FailOnHigh, Classes: cfg.ExitCodes, Now: opts.Now()}
	var problems []result.Problem
	if f := cfg.Ignore.File; f != "" {
		p := f
		// --ignore-file is relative to the working directory like every
		// path flag; ignore.file is relative to the configuration file.
		if !filepath.IsAbs(p) && opts.IgnoreFile == "" {
			base := root
			if cfg.Path != "" {
				base = filepath.Dir(cfg.Path)
			}
			p = filepath.Join(base, f)
		}
		data, err := os.ReadFile(p)
		switch {
		case err == nil:
			ign, perr := policy.ParseIgnores(data, f)
			if perr != nil {
				problems = append(problems, result.Problem{Source: "policy", Path: f, Message: perr.Error()})
			}
			pol.Ignores = ign
		case errors.Is(err, os.ErrNotExist) && opts.IgnoreFile == "":
		default:
			problems = append(problems, result.Problem{Source: "policy", Path: f, Message: err.Error()})
		}
	}
	if opts.Baseline != "" {
		data, err := os.ReadFile(opts.Baseline)
		if err != nil {
			return pol, nil, fmt.Errorf("--baseline: %w", err)
		}
		if pol.Baseline, err = policy.ParseBaseline(data, opts.Baseline); err != nil {
			return pol, nil, err
		}
	}
	return pol, problems, nil
}

func buildScanners(cfg *config.Config, root string, opts ScanOptions) ([]scan.Scanner, error) {
	env := scan.Env{Root: root, FS: os.DirFS(root), Config: cfg, Logger: opts.Logger}
	want := map[string]bool{}
	for _, n := range cfg.Scan.Scanners {
		want[strings.TrimSpace(n)] = true
	}
	var scanners []scan.Scanner
	known := map[string]bool{}
	for _, f := range builtin.Factories() {
		known[f.Name] = true
		if (len(want) == 0 && f.Default) || want[f.Name] {
			s, err := f.New(env)
			if err != nil {
				return nil, fmt.Errorf("%s scanner: %w", f.Name, err)
			}
			scanners = append(scanners, s)
		}
	}
	var unknown []string
	for n := range want {
		if !known[n] && n != "none" {
			unknown = append(unknown, n)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("--scanners: unknown scanner %s (known: %s)", strings.Join(unknown, ", "), strings.Join(builtin.Names(), ", "))
	}
	return scanners, nil
}

// run feeds the runner from the walker, the staged changes or the history.
func run(ctx context.Context, r *scan.Runner, root string, cfg *config.Config, opts ScanOptions) (*scan.Output, error) {
	switch {
	case opts.Staged:
		files, err := gitscan.Staged(ctx, root)
		if err != nil {
			return nil, fmt.Errorf("--staged: %w", err)
		}
		i := 0
		return r.Files(ctx, func() (scan.File, error) {
			if i == len(files) {
				return scan.File{}, io.EOF
			}
			i++
			return files[i-1], nil
		})
	case opts.History:
		return runHistory(ctx, r, root)
	}
	wopts := walk.Options{MaxFileSize: cfg.Scan.MaxFileSize, NoGitignore: opts.NoGitignore, Exclude: cfg.Scan.Exclude}
	if opts.ChangedSince != "" {
		only, err := walk.ChangedSince(ctx, root, opts.ChangedSince)
		if err != nil {
			return nil, fmt.Errorf("--changed-since: %w", err)
		}
		wopts.Only = only
	}
	return r.Walk(ctx, root, wopts)
}

func runHistory(ctx context.Context, r *scan.Runner, root string) (*scan.Output, error) {
	files := make(chan scan.File, 16)
	errc := make(chan error, 1)
	hctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(files)
		errc <- gitscan.History(hctx, root, func(f scan.File) error {
			select {
			case files <- f:
				return nil
			case <-hctx.Done():
				return hctx.Err()
			}
		})
	}()
	out, err := r.Files(ctx, func() (scan.File, error) {
		f, ok := <-files
		if !ok {
			return scan.File{}, io.EOF
		}
		return f, nil
	})
	if err != nil {
		return nil, err
	}
	if herr := <-errc; herr != nil {
		return nil, fmt.Errorf("--history: %w", herr)
	}
	return out, nil
}

// importAll reads external result files. A file that cannot be read or parsed
// is an error problem; the other files still count.
func importAll(specs []string, root string) ([]finding.Finding, []result.Problem) {
	var fs []finding.Finding
	var problems []result.Problem
	for _, spec := range specs {
		format, path := importer.ParseSpec(spec)
		data, err := os.ReadFile(path)
		if err != nil {
			problems = append(problems, result.Problem{Source: "import", Path: path, Message: err.Error()})
			continue
		}
		got, err := importer.ImportWithRoot(path, data, format, root)
		if err != nil {
			problems = append(problems, result.Problem{Source: "import", Path: path, Message: err.Error()})
		}
		fs = append(fs, got...)
	}
	return fs, problems
}

// dedupImports drops imported findings that a built-in scanner already
// reported — the same secret value at the same path, the same package and
// advisory — keeping the built-in one, and returns how many it dropped.
// Imported results repeated across files collapse the same way.
func dedupImports(builtin, imported []finding.Finding) ([]finding.Finding, int) {
	seen := make(map[string]bool, len(builtin))
	for _, f := range builtin {
		seen[importer.DedupKey(f)] = true
	}
	kept := imported[:0]
	dropped := 0
	for _, f := range imported {
		k := importer.DedupKey(f)
		if seen[k] {
			dropped++
			continue
		}
		seen[k] = true
		kept = append(kept, f)
	}
	return kept, dropped
}
