// Package jsonpos turns the byte offsets of encoding/json errors into the
// line and column a person can find in an editor.
package jsonpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Wrap adds the 1-based line and column (and, for a type mismatch, the
// field) of a json.SyntaxError or json.UnmarshalTypeError found in err to
// it; other errors are returned unchanged. data is the decoded input.
func Wrap(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := LineCol(data, syn.Offset)
		return fmt.Errorf("line %d, column %d: %w", line, col, err)
	case errors.As(err, &typ):
		line, col := LineCol(data, typ.Offset)
		return fmt.Errorf("line %d, column %d: field %s: %w", line, col, typ.Field, err)
	}
	return err
}

// LineCol turns a byte offset into data into a 1-based line and column;
// offsets outside data are clamped to it.
func LineCol(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = max(int(off)-(bytes.LastIndexByte(before, '\n')+1), 1)
	return line, col
}
