// Command deps-scan runs secaudit's dependency scanner alone over a
// directory, the way `secaudit scan --scanners deps` does (walk, one Scan per
// lockfile on a few goroutines, Finish), so that bench/deps.sh can time it
// as a process against osv-scanner while the CLI is not yet wired.
//
//	go run ./bench/deps-scan -db ../shared/osv ../shared/lockfiles
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
	"github.com/secaudit/secaudit/internal/scan/deps"
)

func main() {
	dbDir := flag.String("db", "", "offline OSV database directory")
	asJSON := flag.Bool("json", false, "print the findings as JSON")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: deps-scan [-db DIR] [-json] ROOT")
		os.Exit(2)
	}
	if err := run(context.Background(), flag.Arg(0), *dbDir, *asJSON); err != nil {
		fmt.Fprintln(os.Stderr, "deps-scan:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, root, dbDir string, asJSON bool) error {
	cfg := config.Default()
	cfg.Deps.DB = dbDir
	s, err := deps.New(scan.Env{Root: root, FS: os.DirFS(root), Config: cfg})
	if err != nil {
		return err
	}
	var paths []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(root, p)
		if !d.IsDir() && s.Wants(filepath.ToSlash(rel)) {
			paths = append(paths, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return err
	}
	var (
		wg   sync.WaitGroup
		work = make(chan string)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				data, err := os.ReadFile(filepath.Join(root, p))
				if err == nil {
					_, err = s.Scan(ctx, scan.File{Path: p, Data: data})
				}
				if err != nil {
					fmt.Fprintln(os.Stderr, "deps-scan:", err)
				}
			}
		}()
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	findings, problems, err := s.(scan.Finisher).Finish(ctx)
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintf(os.Stderr, "deps-scan: %s: %s\n", p.Path, p.Message)
	}
	if asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		if findings == nil {
			findings = []finding.Finding{}
		}
		return enc.Encode(findings)
	}
	fmt.Printf("%d manifests, %d findings\n", len(paths), len(findings))
	return nil
}
