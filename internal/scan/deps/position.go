package deps

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// jsonError wraps a JSON decoding error with the file name and, for syntax
// and type errors, the line it happened on.
func jsonError(path string, data []byte, err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("%s:%d: invalid JSON: %w", path, lineAt(data, syn.Offset), err)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Errorf("%s:%d: unexpected JSON value: %w", path, lineAt(data, typ.Offset), err)
	}
	return fmt.Errorf("%s: invalid JSON: %w", path, err)
}

// jsonKeyLines walks a JSON document once and calls fn for every object key
// with the keys leading to it (path ends with the key itself) and the line
// the key is on. An array adds an empty element to the path. The path slice
// is reused between calls. It is a single cheap pass over the bytes of
// already-decoded JSON, so it never fails: it stops quietly on malformed
// input.
func jsonKeyLines(data []byte, fn func(path []string, line int)) {
	var (
		line  = 1
		stack []byte   // '{' or '['
		keys  []string // current key per object level; "" inside arrays
		want  = false  // next string in an object is a key
	)
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\n':
			line++
		case '{':
			stack = append(stack, '{')
			keys = append(keys, "")
			want = true
		case '[':
			stack = append(stack, '[')
			keys = append(keys, "")
			want = false
		case '}', ']':
			if len(stack) == 0 {
				return
			}
			stack = stack[:len(stack)-1]
			keys = keys[:len(keys)-1]
			want = false
		case ',':
			want = len(stack) > 0 && stack[len(stack)-1] == '{'
		case '"':
			start := i
			esc := false
			for i++; i < len(data); i++ {
				if data[i] == '\\' {
					esc = true
					i++
					continue
				}
				if data[i] == '"' || data[i] == '\n' {
					break
				}
			}
			if i >= len(data) || data[i] != '"' {
				return
			}
			if !want {
				continue
			}
			want = false
			raw := data[start+1 : i]
			key := string(raw)
			if esc {
				if err := json.Unmarshal(data[start:i+1], &key); err != nil {
					return
				}
			}
			keys[len(keys)-1] = key
			fn(keys, line)
		}
	}
}
