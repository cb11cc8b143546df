package secrets

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
)

// Window bounds: a rule's regex sees the line around a keyword, cut to
// lineSide bytes on each side of it; multi-line rules see blockSize bytes
// from the start of the keyword's line.
const (
	lineSide  = 512
	blockSize = 16 << 10
	// mergeCap bounds a window merged from the windows of neighbouring
	// keyword hits (multi-line rules: twice blockSize), so the per-match
	// context checks stay cheap on a huge line; the next window then repeats
	// the last overlap bytes, so a token across the cut is still seen.
	mergeCap = 4 << 10
	overlap  = 256
	// codeEntropy is the least entropy of a generic value in source code.
	codeEntropy = 3
)

// candidate is one secret a rule matched, before overlap resolution. start
// and end delimit the value in the file.
type candidate struct {
	rule       int32
	start, end int
	// veto marks a value a specific rule recognised by shape but rejected
	// (bad checksum, placeholder): it is not reported, and keeps generic
	// rules from reporting the same text.
	veto bool
}

// scratch is the per-call state, pooled so that a scan allocates nothing in
// proportion to the number of rules.
type scratch struct {
	// pendStart and pendEnd hold, per rule, the window waiting to be
	// scanned: windows of later keyword hits that overlap it are merged into
	// it, so each byte is scanned at most once per rule however dense the
	// keywords (a minified line of "password=" a million times).
	pendStart, pendEnd []int
	// done is, per rule, the end of the last window scanned.
	done    []int
	lines   lineIndex
	touched []int32
	cands   []candidate
}

func (s *Scanner) getScratch() *scratch {
	if v, ok := s.scratch.Get().(*scratch); ok {
		return v
	}
	n := len(s.rules)
	return &scratch{pendStart: make([]int, n), pendEnd: make([]int, n), done: make([]int, n)}
}

func (s *Scanner) putScratch(sc *scratch) {
	for _, r := range sc.touched {
		sc.pendStart[r], sc.pendEnd[r], sc.done[r] = 0, 0, 0
	}
	sc.touched = sc.touched[:0]
	sc.cands = sc.cands[:0]
	s.scratch.Put(sc)
}

// Scan reports the secrets in f. It never returns an error: any byte
// sequence is valid input.
func (s *Scanner) Scan(ctx context.Context, f scan.File) ([]finding.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("scan %s: %w", f.Path, err)
	}
	data := f.Data
	sc := s.getScratch()
	defer s.putScratch(sc)
	code := isCodeFile(f.Path)

	sc.lines.reset(data)
	s.matcher.scan(data, func(kw, start, end int) bool {
		for _, ri := range s.kwRules[kw] {
			s.runRule(sc, ri, data, start, end, f.Path, code)
		}
		return true
	})
	// Rules without keywords see every line, in windows of bounded size
	// even on one huge line.
	for _, ri := range s.always {
		sc.lines.reset(data)
		for pos := 0; pos < len(data); {
			end := bytes.IndexByte(data[pos:], '\n')
			if end < 0 {
				end = len(data)
			} else {
				end += pos
			}
			step := min(end, pos+lineSide)
			s.runRule(sc, ri, data, pos, step, f.Path, code)
			if step < end {
				pos = step
			} else {
				pos = end + 1
			}
		}
	}
	for _, ri := range sc.touched {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("scan %s: %w", f.Path, err)
		}
		if sc.pendEnd[ri] > 0 {
			s.scanWindow(sc, ri, data, sc.pendStart[ri], sc.pendEnd[ri], f.Path, code)
		}
	}
	if len(sc.cands) == 0 {
		return nil, nil
	}
	return s.findings(sc.cands, data, f.Path), nil
}

// runRule queues the window around a keyword at data[kwStart:kwEnd] for
// rule ri. Keyword hits arrive in file order: a window that overlaps or
// touches the pending one extends it; otherwise the pending window is
// scanned and this one waits in its place. Scan flushes the last windows.
func (s *Scanner) runRule(sc *scratch, ri int32, data []byte, kwStart, kwEnd int, p string, code bool) {
	r := &s.rules[ri]
	if r.paths != nil && !matchAny(r.paths, p) {
		return
	}
	ws, we := lineWindow(&sc.lines, kwStart, kwEnd, r.Multiline, r.NextLines)
	if d := sc.done[ri]; d > 0 {
		if we <= d {
			return // scanned already
		}
		ws = max(ws, d-overlap)
	}
	ps, pe := sc.pendStart[ri], sc.pendEnd[ri]
	limit := mergeCap
	if r.Multiline {
		limit = 2 * blockSize
	}
	switch {
	case pe == 0:
		if sc.done[ri] == 0 {
			sc.touched = append(sc.touched, ri)
		}
	case ws <= pe && max(pe, we)-min(ps, ws) <= limit:
		sc.pendStart[ri], sc.pendEnd[ri] = min(ps, ws), max(pe, we)
		return
	default:
		s.scanWindow(sc, ri, data, ps, pe, p, code)
		sc.done[ri] = pe
		if we <= pe {
			sc.pendStart[ri], sc.pendEnd[ri] = 0, 0
			return
		}
		ws = max(ws, pe-overlap)
	}
	sc.pendStart[ri], sc.pendEnd[ri] = ws, we
}

// scanWindow runs rule ri's regex over data[ws:we] and keeps its candidates.
func (s *Scanner) scanWindow(sc *scratch, ri int32, data []byte, ws, we int, p string, code bool) {
	r := &s.rules[ri]
	win := data[ws:we]
	for _, m := range r.re.FindAllSubmatchIndex(win, -1) {
		vs, ve, ok := r.value(m)
		if !ok {
			continue
		}
		if inDataURI(win, vs) {
			continue
		}
		if r.Generic {
			ns := nameStart(win, m[0])
			if !startsKey(win, ns) || !closesQuotedKey(win, ns, vs) || !commaInCall(win, ns, vs) || hasKeyStop(win[ns:vs]) {
				continue
			}
		}
		value := string(win[vs:ve])
		ok = s.accept(r, value, code, win, vs)
		if !ok && r.Generic {
			continue
		}
		sc.cands = append(sc.cands, candidate{rule: ri, start: ws + vs, end: ws + ve, veto: !ok})
	}
}

// lineIndex answers "where does the line around i start and end" for
// positions that mostly grow, as keyword hits do, so that dense hits on one
// long line do not each search hundreds of bytes for a newline.
type lineIndex struct {
	data []byte
	// lineStart is the start of the line holding every position in
	// [startFrom, scanned): the index after the last newline before scanned.
	scanned, lineStart int
	// nextNL is the first newline at or after nextFrom (len(data) if none).
	nextFrom, nextNL int
}

func (li *lineIndex) reset(data []byte) {
	*li = lineIndex{data: data, nextNL: -1}
}

// start returns the index of the first byte of the line holding i.
func (li *lineIndex) start(i int) int {
	if i < li.scanned {
		// Out of order (a longer keyword that starts earlier): look back
		// only as far as a window may reach.
		lo := max(i-lineSide, 0)
		return lo + bytes.LastIndexByte(li.data[lo:i], '\n') + 1
	}
	if j := bytes.LastIndexByte(li.data[li.scanned:i], '\n'); j >= 0 {
		li.lineStart = li.scanned + j + 1
	}
	li.scanned = i
	return li.lineStart
}

// end returns the index of the newline ending the line holding i, or
// len(data).
func (li *lineIndex) end(i int) int {
	if li.nextNL >= i && li.nextFrom <= i {
		return li.nextNL
	}
	li.nextFrom, li.nextNL = i, len(li.data)
	if j := bytes.IndexByte(li.data[i:], '\n'); j >= 0 {
		li.nextNL = i + j
	}
	return li.nextNL
}

// lineWindow returns the window a rule's regex sees around a keyword: its
// line, cut to lineSide bytes on each side of the keyword, plus next more
// lines; multi-line rules see blockSize bytes from the line's start.
func lineWindow(li *lineIndex, kwStart, kwEnd int, multiline bool, next int) (int, int) {
	data := li.data
	ws := max(li.start(kwStart), kwStart-lineSide)
	if multiline {
		return ws, min(ws+blockSize, len(data))
	}
	we := min(li.end(kwEnd), kwEnd+lineSide)
	for n := 0; n < next && we < len(data); n++ {
		we++ // past the newline
		hi := min(we+lineSide, len(data))
		end := hi
		if i := bytes.IndexByte(data[we:hi], '\n'); i >= 0 {
			end = we + i
		}
		we = end
	}
	return ws, we
}

// accept applies the value filters of rule r to a matched value. win and vs
// locate the value, for the checks that look at its context.
func (s *Scanner) accept(r *compiledRule, value string, code bool, win []byte, vs int) bool {
	if r.Entropy > 0 && entropy(value) < r.Entropy {
		return false
	}
	if r.Check != nil && !r.Check(value) {
		return false
	}
	if r.Provider != "custom" && (r.Checksum && isKnownExample(value) || !r.Checksum && isPlaceholder(value)) {
		return false
	}
	if r.Generic {
		if isGenericNoise(value) {
			return false
		}
		// In source code an unquoted value is an expression, not a
		// literal, and test fixtures are common: ask for more entropy.
		if code && (vs == 0 || !isQuote(win[vs-1]) || entropy(value) < codeEntropy) {
			return false
		}
	}
	for _, re := range s.allowRegexes {
		if re.MatchString(value) {
			return false
		}
	}
	if len(s.stopwords) > 0 {
		l := strings.ToLower(value)
		for _, w := range s.stopwords {
			if strings.Contains(l, w) {
				return false
			}
		}
	}
	return true
}

// nameStart extends a generic match backwards over the rest of the name
// it starts in (db_password starts before "password"), at most 40 bytes.
func nameStart(win []byte, i int) int {
	for j := 0; j < 40 && i > 0; j++ {
		c := win[i-1]
		if !(c == '_' || c == '-' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			break
		}
		i--
	}
	return i
}

// inDataURI reports whether win[i] lies in the payload of a base64 data
// URI (data:image/png;base64,...), whose bytes can spell any token.
func inDataURI(win []byte, i int) bool {
	j := bytes.LastIndex(win[:i], []byte(";base64,"))
	if j < 0 {
		return false
	}
	return bytes.IndexAny(win[j:i], " \t\"'`)<>") < 0
}

// startsKey reports whether a name starting at win[i] stands where a key
// does (line start, after space, a quote or punctuation), not inside a
// longer value such as a package name.
func startsKey(win []byte, i int) bool {
	if i == 0 {
		return true
	}
	switch win[i-1] {
	case ' ', '\t', '\n', '\r', '"', '\'', '`', '{', '(', '[', ',', ';', '$', '&', '?', '<', '@', '*', '|', '/':
		return true
	}
	return false
}

// closesQuotedKey reports whether a name that opens with a quote is closed
// by it before the value ("secret": "v"), so a name inside a longer quoted
// string ("driver-secret-0:4.5") is not taken for a key.
func closesQuotedKey(win []byte, ns, vs int) bool {
	if ns == 0 || !isQuote(win[ns-1]) {
		return true
	}
	return bytes.IndexByte(win[ns:vs], win[ns-1]) >= 0
}

// commaInCall accepts the "name", "value" form only as the first arguments
// of a call (define('DB_PASSWORD', '...')), not inside a list of strings.
func commaInCall(win []byte, ns, vs int) bool {
	seg := win[ns:vs]
	if !bytes.ContainsRune(seg, ',') || bytes.ContainsAny(seg, "=:") {
		return true
	}
	i := ns - 1 // the name's opening quote
	for i > 0 && (win[i-1] == ' ' || win[i-1] == '\t') {
		i--
	}
	return i > 0 && win[i-1] == '('
}

// hasKeyStop reports whether the name part of a generic match says the
// value is not the credential itself (password_length, token_url, ...).
func hasKeyStop(name []byte) bool {
	l := strings.ToLower(string(name))
	for _, w := range genericKeyStops {
		if strings.Contains(l, w) {
			return true
		}
	}
	// The name itself, without the operator and quotes after it.
	l = strings.TrimRight(l, " \t\"'`:=>?,(")
	for _, w := range genericKeySuffixes {
		if strings.HasSuffix(l, w) {
			return true
		}
	}
	return false
}

func isQuote(b byte) bool { return b == '"' || b == '\'' || b == '`' }

func matchAny(globs []string, p string) bool {
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, p); ok {
			return true
		}
	}
	return false
}

// codeExts are source files, where a generic assignment must be a string
// literal to count.
var codeExts = map[string]bool{
	".go": true, ".py": true, ".js": true, ".mjs": true, ".cjs": true, ".ts": true, ".tsx": true,
	".jsx": true, ".java": true, ".kt": true, ".scala": true, ".rb": true, ".php": true, ".cs": true,
	".c": true, ".h": true, ".cc": true, ".cpp": true, ".hpp": true, ".rs": true, ".swift": true,
	".m": true, ".dart": true, ".lua": true, ".pl": true, ".r": true, ".groovy": true, ".vue": true,
	".s": true, ".pyi": true, ".pyx": true, ".mts": true, ".cts": true, ".kts": true, ".sc": true,
	".ex": true, ".exs": true, ".erl": true, ".hs": true, ".ml": true, ".fs": true, ".clj": true,
}

func isCodeFile(p string) bool {
	return codeExts[strings.ToLower(path.Ext(p))]
}

// rank orders candidates for overlap resolution: accepted specific matches
// first, then vetoes, then generic matches.
func (s *Scanner) rank(c candidate) int {
	switch {
	case s.rules[c.rule].Generic:
		return 2
	case c.veto:
		return 1
	}
	return 0
}

// resolve drops duplicate and overlapping candidates: a specific rule wins
// over a generic one, and an earlier rule over a later one.
func (s *Scanner) resolve(cands []candidate) []candidate {
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if ra, rb := s.rank(a), s.rank(b); ra != rb {
			return ra < rb
		}
		if a.rule != b.rule {
			return a.rule < b.rule
		}
		return a.start < b.start
	})
	kept := cands[:0:0]
	for _, c := range cands {
		dup := false
		for _, k := range kept {
			if c.start < k.end && k.start < c.end {
				dup = true
				break
			}
		}
		if !dup {
			kept = append(kept, c)
		}
	}
	out := kept[:0]
	for _, k := range kept {
		if !k.veto {
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}
