package code

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/secaudit/secaudit/internal/finding"
)

// maxEvidence is the longest evidence kept, in characters, "…" included.
const maxEvidence = 200

// evidenceWindow bounds the part of a line the masking regexes see: only the
// first maxEvidence characters are shown, and a literal that starts among
// them and is still open this far in is masked whole. Without the bound, a
// minified line with thousands of findings costs thousands of scans of the
// whole line.
const evidenceWindow = 4 << 10

// splitLines splits data into lines without their line terminators.
func splitLines(data []byte) []string {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// secretHint finds lines that may hold a credential next to the flagged
// code; quotedValue finds the string literals to mask on them.
var (
	secretHint  = regexp.MustCompile(`(?i)(passw|pwd|secret|token|api[_-]?key|auth|credential|private[_-]?key|bearer)`)
	quotedValue = regexp.MustCompile(`"([^"\\]{8,})"|'([^'\\]{8,})'|` + "`([^`]{8,})`")
)

// evidence returns the flagged line trimmed to maxEvidence characters, with any
// string literal that may be a credential redacted: a code finding must not
// leak a secret that happens to sit on the same line.
func evidence(line string) string {
	line = strings.TrimSpace(line)
	if len(line) > evidenceWindow {
		cut := evidenceWindow
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		line = line[:cut] + "…"
	}
	if secretHint.MatchString(line) {
		line = quotedValue.ReplaceAllStringFunc(line, func(q string) string {
			v := q[1 : len(q)-1]
			if strings.ContainsAny(v, " \t") {
				return q // prose or SQL, not a credential
			}
			return q[:1] + finding.Redact(v) + q[len(q)-1:]
		})
	}
	if utf8.RuneCountInString(line) <= maxEvidence {
		return line
	}
	r := []rune(line)
	return string(r[:maxEvidence-1]) + "…"
}
