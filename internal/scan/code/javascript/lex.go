package javascript

// token is one lexical token of JavaScript/TypeScript source: an
// identifier or keyword, a punctuator, or a literal (string, template,
// number, regular expression). Comments and white space are skipped.
type token struct {
	kind  tokenKind
	start int
	end   int
	// nl is true when a line break separates the token from the previous one.
	nl bool
}

type tokenKind uint8

const (
	tIdent tokenKind = iota
	tPunct
	tLiteral
)

// lex splits src into tokens. It never fails: an unterminated literal or
// comment runs to the end of the input.
func lex(src []byte) []token {
	var toks []token
	nl := false
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			nl = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := i + 2
			for j < len(src) && !(src[j] == '*' && j+1 < len(src) && src[j+1] == '/') {
				if src[j] == '\n' {
					nl = true
				}
				j++
			}
			i = min(j+2, len(src))
			continue
		}
		start := i
		kind := tPunct
		switch {
		case identStart(c):
			kind = tIdent
			for i < len(src) && identPart(src[i]) {
				i++
			}
		case c >= '0' && c <= '9' || (c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9'):
			kind = tLiteral
			for i < len(src) && (identPart(src[i]) || src[i] == '.') {
				i++
			}
		case c == '"' || c == '\'':
			kind = tLiteral
			i = skipString(src, i)
		case c == '`':
			kind = tLiteral
			i = skipTemplate(src, i)
		case c == '/' && regexAllowed(src, toks):
			kind = tLiteral
			i = skipRegex(src, i)
		default:
			i += punctLen(src[i:])
		}
		toks = append(toks, token{kind: kind, start: start, end: i, nl: nl})
		nl = false
	}
	return toks
}

func identStart(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

func identPart(c byte) bool { return identStart(c) || (c >= '0' && c <= '9') }

// punctLen returns the length of the punctuator at the start of s. Only
// the multi-character operators the type stripper must tell apart are
// joined; '<' and '>' always stand alone so that generics nest.
func punctLen(s []byte) int {
	for _, p := range []string{"...", "!==", "===", "=>", "!=", "==", "?.", "??", "&&", "||", "<=", "+=", "-="} {
		if len(s) >= len(p) && string(s[:len(p)]) == p {
			if p == "?." && len(s) > 2 && s[2] >= '0' && s[2] <= '9' {
				continue // a ? .5 : b
			}
			return len(p)
		}
	}
	return 1
}

func skipString(src []byte, i int) int {
	q := src[i]
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case q:
			return i + 1
		case '\n':
			return i
		}
	}
	return len(src)
}

// skipTemplate skips a template literal, nested substitutions included.
func skipTemplate(src []byte, i int) int {
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '`':
			return i + 1
		case '$':
			if i+1 < len(src) && src[i+1] == '{' {
				i = skipBraces(src, i+1) - 1
			}
		}
	}
	return len(src)
}

// skipBraces skips from an opening brace to just after its match, stepping
// over strings and templates.
func skipBraces(src []byte, i int) int {
	depth := 0
	for ; i < len(src); i++ {
		switch src[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '"', '\'':
			i = skipString(src, i) - 1
		case '`':
			i = skipTemplate(src, i) - 1
		}
	}
	return len(src)
}

func skipRegex(src []byte, i int) int {
	inClass := false
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if !inClass {
				i++
				for i < len(src) && identPart(src[i]) {
					i++
				}
				return i
			}
		case '\n':
			return i
		}
	}
	return len(src)
}

// regexAllowed reports whether a '/' starts a regular expression rather
// than a division, from the previous token.
func regexAllowed(src []byte, toks []token) bool {
	if len(toks) == 0 {
		return true
	}
	p := toks[len(toks)-1]
	text := string(src[p.start:p.end])
	switch p.kind {
	case tLiteral:
		return false
	case tIdent:
		return exprKeywords[text]
	}
	return text != ")" && text != "]" && text != "}"
}

// exprKeywords are keywords after which an expression starts, so that '/'
// opens a regular expression and '!' is a negation.
var exprKeywords = map[string]bool{
	"return": true, "typeof": true, "instanceof": true, "in": true, "of": true, "new": true,
	"delete": true, "void": true, "throw": true, "case": true, "do": true, "else": true,
	"yield": true, "await": true,
}
