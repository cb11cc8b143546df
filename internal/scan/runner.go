package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
	"github.com/secaudit/secaudit/internal/walk"
)

// sniffLen is how much of a file is searched for a NUL byte to call it binary.
const sniffLen = 8 << 10

// Runner drives scanners over files: one read per file, bounded workers,
// per-scanner errors that never stop the run.
type Runner struct {
	Scanners []Scanner
	// Workers is the number of files scanned at once; zero means GOMAXPROCS.
	Workers int
	// Progress, when set, counts files and bytes as they are scanned; the CLI
	// reads it to draw a progress line.
	Progress *Progress
}

// Progress counts work done so far; safe for concurrent use.
type Progress struct {
	Files atomic.Int64
	Bytes atomic.Int64
}

// Output is what a run of the scanners produced, before policy.
type Output struct {
	Findings []finding.Finding
	Errors   []result.Problem
	Warnings []result.Problem
	Stats    result.Stats
	// InlineIgnored counts findings suppressed by secaudit:ignore comments.
	InlineIgnored int
}

// collector gathers results from the workers.
type collector struct {
	mu  sync.Mutex
	out Output
}

func (c *collector) add(fs []finding.Finding, ignored int) {
	c.mu.Lock()
	c.out.Findings = append(c.out.Findings, fs...)
	c.out.InlineIgnored += ignored
	c.mu.Unlock()
}

func (c *collector) problem(warn bool, p result.Problem) {
	c.mu.Lock()
	if warn {
		c.out.Warnings = append(c.out.Warnings, p)
	} else {
		c.out.Errors = append(c.out.Errors, p)
	}
	c.mu.Unlock()
}

func (c *collector) skip(reason string) {
	c.mu.Lock()
	if c.out.Stats.Skipped == nil {
		c.out.Stats.Skipped = map[string]int{}
	}
	c.out.Stats.Skipped[reason]++
	c.mu.Unlock()
}

func (c *collector) scanned(n int64) {
	c.mu.Lock()
	c.out.Stats.FilesScanned++
	c.out.Stats.BytesScanned += n
	c.mu.Unlock()
}

// Walk scans the repository at root. Problems reading files or running a
// scanner are recorded in the output, not returned: the error return is for
// a root that cannot be walked or a cancelled context.
func (r *Runner) Walk(ctx context.Context, root string, opts walk.Options) (*Output, error) {
	c := &collector{}
	entries := make(chan walk.Entry, 64)
	var wg sync.WaitGroup
	for range r.workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for e := range entries {
				r.scanEntry(ctx, c, e)
			}
		}()
	}
	err := walk.Walk(ctx, root, opts, walk.Visitor{
		File: func(e walk.Entry) error {
			if !r.wanted(e.Path) {
				return nil
			}
			select {
			case entries <- e:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		},
		Skip: func(s walk.Skip) {
			c.skip(s.Reason)
			if s.Reason == "symlink" || s.Reason == "too-large" {
				c.problem(true, result.Problem{Source: "walk", Path: s.Path, Message: "skipped: " + s.Reason})
			}
		},
		Problem: func(p walk.Problem) {
			c.problem(false, result.Problem{Source: "walk", Path: p.Path, Message: p.Err.Error()})
		},
	})
	close(entries)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	r.finish(ctx, c)
	return &c.out, nil
}

// Files scans files handed over by a source other than the walker (staged
// changes, git history). next is called until it returns io.EOF.
func (r *Runner) Files(ctx context.Context, next func() (File, error)) (*Output, error) {
	c := &collector{}
	files := make(chan File, 16)
	var wg sync.WaitGroup
	for range r.workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range files {
				r.scanFile(ctx, c, f)
			}
		}()
	}
	var err error
	for {
		var f File
		f, err = next()
		if err != nil {
			break
		}
		if !r.wanted(f.Path) {
			continue
		}
		if isBinary(f.Data) {
			c.skip("binary")
			continue
		}
		files <- f
	}
	close(files)
	wg.Wait()
	if !errors.Is(err, io.EOF) {
		return nil, err
	}
	r.finish(ctx, c)
	return &c.out, nil
}

func (r *Runner) workers() int {
	if r.Workers > 0 {
		return r.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (r *Runner) wanted(path string) bool {
	for _, s := range r.Scanners {
		if s.Wants(path) {
			return true
		}
	}
	return false
}

func (r *Runner) scanEntry(ctx context.Context, c *collector, e walk.Entry) {
	if ctx.Err() != nil {
		return
	}
	data, err := os.ReadFile(e.Abs)
	if err != nil {
		c.problem(false, result.Problem{Source: "walk", Path: e.Path, Message: fmt.Sprintf("read: %v", unwrapPath(err))})
		return
	}
	if isBinary(data) {
		c.skip("binary")
		return
	}
	r.scanFile(ctx, c, File{Path: e.Path, Data: data})
}

func (r *Runner) scanFile(ctx context.Context, c *collector, f File) {
	if ctx.Err() != nil {
		return
	}
	var kept []finding.Finding
	ignored := 0
	inline := newInlineIndex(f.Data)
	for _, s := range r.Scanners {
		if !s.Wants(f.Path) {
			continue
		}
		fs, err := r.safeScan(ctx, s, f)
		if err != nil {
			c.problem(false, result.Problem{Source: s.Name(), Path: f.Path, Message: err.Error()})
		}
		for _, fd := range fs {
			if !inLines(f.Lines, fd.Location) {
				continue
			}
			if inline.ignored(fd) {
				ignored++
				continue
			}
			if f.Origin != nil {
				o := *f.Origin
				fd.History = &o
			}
			kept = append(kept, fd)
		}
	}
	c.scanned(int64(len(f.Data)))
	if r.Progress != nil {
		r.Progress.Files.Add(1)
		r.Progress.Bytes.Add(int64(len(f.Data)))
	}
	c.add(kept, ignored)
}

// safeScan runs one scanner on one file, turning a panic into an error so a
// scanner bug on one odd file never takes the whole run down.
func (r *Runner) safeScan(ctx context.Context, s Scanner, f File) (fs []finding.Finding, err error) {
	defer func() {
		if p := recover(); p != nil {
			fs, err = nil, fmt.Errorf("internal error (please report): %v", p)
		}
	}()
	return s.Scan(ctx, f)
}

func (r *Runner) finish(ctx context.Context, c *collector) {
	for _, s := range r.Scanners {
		fin, ok := s.(Finisher)
		if !ok {
			continue
		}
		fs, problems, err := fin.Finish(ctx)
		if err != nil {
			c.problem(false, result.Problem{Source: s.Name(), Message: err.Error()})
		}
		for _, p := range problems {
			c.problem(p.Warning, result.Problem{Source: s.Name(), Path: p.Path, Message: p.Message})
		}
		c.add(fs, 0)
	}
	sortProblems(c.out.Errors)
	sortProblems(c.out.Warnings)
}

func sortProblems(ps []result.Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Source != ps[j].Source {
			return ps[i].Source < ps[j].Source
		}
		return ps[i].Path < ps[j].Path
	})
}

func isBinary(data []byte) bool {
	n := len(data)
	if n > sniffLen {
		n = sniffLen
	}
	return bytes.IndexByte(data[:n], 0) >= 0
}

func inLines(ranges []LineRange, loc finding.Location) bool {
	if ranges == nil {
		return true
	}
	for _, r := range ranges {
		if loc.StartLine >= r.Start && loc.StartLine <= r.End {
			return true
		}
	}
	return false
}

// unwrapPath drops the path from an *fs.PathError: the problem already names it.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
