package deps

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/BurntSushi/toml"
)

// decodeTOML decodes a TOML lockfile, naming the file and line on error.
func decodeTOML(path string, data []byte, v any) error {
	if _, err := toml.Decode(string(data), v); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return fmt.Errorf("%s:%d: invalid TOML: %s", path, perr.Position.Line, perr.Message)
		}
		return fmt.Errorf("%s: invalid TOML: %w", path, err)
	}
	return nil
}

// tableLines returns the line of each "[[name]]" array-of-tables header in
// order, so that the i-th decoded element can be given the i-th line.
func tableLines(data []byte, name string) []int {
	header := []byte("[[" + name + "]]")
	var out []int
	line := 1
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		cur := data
		if i >= 0 {
			cur = data[:i]
		}
		if bytes.Equal(bytes.TrimSpace(cur), header) {
			out = append(out, line)
		}
		if i < 0 {
			break
		}
		data = data[i+1:]
		line++
	}
	return out
}

// lineOrZero returns lines[i], or 0 when there are fewer lines.
func lineOrZero(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 0
}
