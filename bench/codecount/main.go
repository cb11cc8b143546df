// Command codecount runs secaudit's code scanner directly (without the CLI)
// over a directory tree and prints the number of findings per rule, the
// number of files, errors and the elapsed time. bench/code.sh uses it to
// compare the scanner with bandit and gosec.
//
//	go run ./bench/codecount [-json] [-workers N] [-skip-tests] DIR
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
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
	"github.com/secaudit/secaudit/internal/scan/code"
)

func main() {
	asJSON := flag.Bool("json", false, "print every finding as JSON lines")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "files analyzed at once")
	skipTests := flag.Bool("skip-tests", false, "skip Go _test.go files (gosec's default)")
	verbose := flag.Bool("v", false, "print scan errors")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: codecount [-json] [-workers N] [-skip-tests] DIR")
		os.Exit(2)
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer pprof.StopCPUProfile()
		}
	}
	if err := run(flag.Arg(0), *asJSON, *workers, *skipTests, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "codecount:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(root string, asJSON bool, workers int, skipTests, verbose bool) error {
	s, err := code.New(scan.Env{Root: root, Config: config.Default()})
	if err != nil {
		return err
	}
	var paths []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if s.Wants(rel) && !(skipTests && strings.HasSuffix(rel, "_test.go")) {
			paths = append(paths, rel)
		}
		return nil
	})
	if err != nil {
		return err
	}
	start := time.Now()
	var (
		mu   sync.Mutex
		all  []finding.Finding
		errs int
		wg   sync.WaitGroup
		next = make(chan string)
		ctx  = context.Background()
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rel := range next {
				data, err := os.ReadFile(filepath.Join(root, rel))
				if err != nil {
					continue
				}
				fs, err := s.Scan(ctx, scan.File{Path: rel, Data: data})
				mu.Lock()
				all = append(all, fs...)
				if err != nil {
					errs++
					if verbose {
						fmt.Fprintln(os.Stderr, err)
					}
				}
				mu.Unlock()
			}
		}()
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)
	if asJSON {
		enc := json.NewEncoder(os.Stdout)
		for _, f := range all {
			if err := enc.Encode(f); err != nil {
				return err
			}
		}
		return nil
	}
	counts := map[string]int{}
	for _, f := range all {
		counts[f.RuleID]++
	}
	ids := make([]string, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Printf("%-32s %6d\n", id, counts[id])
	}
	fmt.Printf("files %d, findings %d, errors %d, elapsed %s (%.3f ms/file, %d workers)\n",
		len(paths), len(all), errs, elapsed.Round(time.Millisecond), float64(elapsed.Microseconds())/1000/float64(max(len(paths), 1)), workers)
	return nil
}
