// Package gitscan turns a git repository into scan.Files: the blobs a
// commit is about to add (Staged, for pre-commit hooks) or every blob of the
// history once (History). It drives the git binary through os/exec, never a
// shell.
package gitscan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
)

// MaxBlobSize is the largest blob handed to scanners, as the walker's
// default file size limit.
const MaxBlobSize = 10 << 20

// git runs git in dir and returns its standard output.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir, "-c", "core.quotePath=false"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s in %s: %s", strings.Join(args, " "), dir, msg)
	}
	return out, nil
}

// blob is one object read from git cat-file --batch.
type blob struct {
	name string // what was asked for
	typ  string
	data []byte // nil when missing or too large
	size int64
}

// catFile reads the objects named by names (object IDs or ":path" index
// entries) with one git cat-file --batch process, calling fn for each in
// order. Objects larger than MaxBlobSize are skipped unread (data nil).
func catFile(ctx context.Context, dir string, names []string, fn func(blob) error) (err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", "-C", dir, "cat-file", "--batch")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git cat-file in %s: %w", dir, err)
	}
	go func() {
		w := bufio.NewWriter(stdin)
		for _, n := range names {
			if _, err := w.WriteString(n + "\n"); err != nil {
				break
			}
		}
		w.Flush()
		stdin.Close()
	}()
	defer func() {
		if err != nil {
			cancel()
		}
		if werr := cmd.Wait(); werr != nil && err == nil {
			err = fmt.Errorf("git cat-file in %s: %s", dir, strings.TrimSpace(stderr.String()))
		}
	}()
	r := bufio.NewReaderSize(stdout, 64<<10)
	for _, name := range names {
		b, err := readObject(r, name)
		if err != nil {
			return fmt.Errorf("git cat-file %s in %s: %w", name, dir, err)
		}
		if err := fn(b); err != nil {
			return err
		}
	}
	_, _ = io.Copy(io.Discard, r)
	return nil
}

// readObject reads one "<oid> <type> <size>\n<content>\n" record, or a
// "<name> missing" line.
func readObject(r *bufio.Reader, name string) (blob, error) {
	header, err := r.ReadString('\n')
	if err != nil {
		return blob{}, fmt.Errorf("read header: %w", err)
	}
	if h := strings.TrimSuffix(header, "\n"); strings.HasSuffix(h, " missing") || strings.HasSuffix(h, " ambiguous") {
		return blob{name: name}, nil
	}
	fields := strings.Fields(header)
	if len(fields) != 3 {
		return blob{}, fmt.Errorf("bad header %q", strings.TrimSpace(header))
	}
	size, err := strconv.ParseInt(fields[2], 10, 64)
	if err != nil {
		return blob{}, fmt.Errorf("bad size in %q", strings.TrimSpace(header))
	}
	b := blob{name: name, typ: fields[1], size: size}
	if size > MaxBlobSize || b.typ != "blob" {
		if _, err := r.Discard(int(size) + 1); err != nil {
			return blob{}, fmt.Errorf("skip content: %w", err)
		}
		return b, nil
	}
	b.data = make([]byte, size+1)
	if _, err := io.ReadFull(r, b.data); err != nil {
		return blob{}, fmt.Errorf("read content: %w", err)
	}
	b.data = b.data[:size]
	return b, nil
}

// unquotePath decodes a path git printed in C-style quotes (it quotes
// names holding control characters, quotes or backslashes).
func unquotePath(p string) string {
	if strings.HasPrefix(p, `"`) {
		if u, err := strconv.Unquote(p); err == nil {
			return u
		}
	}
	return p
}

// isBinary reports whether data looks binary: a NUL byte in its first 8 KiB,
// as git decides.
func isBinary(data []byte) bool {
	return bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0
}

// errNoHead is returned by headTree in a repository without commits.
var errNoHead = errors.New("no HEAD commit")
