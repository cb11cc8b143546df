package javascript

import "bytes"

// StripTypes returns a copy of TypeScript source with the type-only syntax
// replaced by spaces, so that the JavaScript grammar parses it: type
// annotations of parameters, variables, fields and return types, interface
// and type declarations, declare statements, generic parameters and
// arguments, access modifiers, implements clauses, as/satisfies casts and
// non-null assertions. Line breaks are kept, so every byte offset, line and
// column of the result is that of the source, and findings point at the
// TypeScript as written.
//
// It is a heuristic token pass, not a TypeScript parser: what it does not
// recognize is left alone for tree-sitter's error recovery.
func StripTypes(src []byte) []byte {
	s := &stripper{src: src, out: bytes.Clone(src), toks: lex(src)}
	s.match = matchBrackets(s.src, s.toks)
	s.dead = make([]bool, len(s.toks))
	s.run()
	return s.out
}

type stripper struct {
	src, out []byte
	toks     []token
	match    []int
	dead     []bool
	// classBody marks the opening braces of class bodies.
	classBody map[int]bool
	// specifiers marks the braces of import/export specifier lists.
	specifiers map[int]bool
}

// matchBrackets pairs (), [] and {} tokens; -1 when unmatched.
func matchBrackets(src []byte, toks []token) []int {
	m := make([]int, len(toks))
	var stack []int
	for i, t := range toks {
		m[i] = -1
		if t.kind != tPunct {
			continue
		}
		switch src[t.start] {
		case '(', '[', '{':
			stack = append(stack, i)
		case ')', ']', '}':
			if len(stack) > 0 {
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				m[o], m[i] = i, o
			}
		}
	}
	return m
}

func (s *stripper) text(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return string(s.src[s.toks[i].start:s.toks[i].end])
}

func (s *stripper) isIdent(i int) bool { return i >= 0 && i < len(s.toks) && s.toks[i].kind == tIdent }

// blank replaces tokens [i, j) and what lies between them by spaces.
func (s *stripper) blank(i, j int) {
	if i >= j || i < 0 || j > len(s.toks) {
		return
	}
	for k := s.toks[i].start; k < s.toks[j-1].end; k++ {
		if s.out[k] != '\n' && s.out[k] != '\r' {
			s.out[k] = ' '
		}
	}
	for k := i; k < j; k++ {
		s.dead[k] = true
	}
}

// prev returns the index of the last live token before i, or -1.
func (s *stripper) prev(i int) int {
	for i--; i >= 0 && s.dead[i]; i-- {
	}
	return i
}

// stmtStart reports whether token i begins a statement.
func (s *stripper) stmtStart(i int) bool {
	p := s.prev(i)
	if p < 0 || s.toks[i].nl {
		return true
	}
	switch s.text(p) {
	case ";", "{", "}", "export", "declare", "default", "const":
		return true
	}
	return false
}

// exprEnd reports whether token i can end an expression (so that a
// following "as", "!" or "<" is TypeScript, not an operator).
func (s *stripper) exprEnd(i int) bool {
	if i < 0 {
		return false
	}
	switch s.toks[i].kind {
	case tLiteral:
		return true
	case tIdent:
		return !exprKeywords[s.text(i)] && !controlKeywords[s.text(i)]
	}
	t := s.text(i)
	return t == ")" || t == "]"
}

// controlKeywords are followed by a parenthesized condition, not by
// parameters.
var controlKeywords = map[string]bool{"if": true, "for": true, "while": true, "switch": true, "with": true, "return": true, "typeof": true, "await": true}

// modifiers are TypeScript-only member and parameter modifiers.
var modifiers = map[string]bool{"public": true, "private": true, "protected": true, "readonly": true, "declare": true, "abstract": true, "override": true}

func (s *stripper) run() {
	s.classBody = map[int]bool{}
	s.specifiers = map[int]bool{}
	var braces []int
	for i := 0; i < len(s.toks); i++ {
		if s.dead[i] {
			continue
		}
		t := s.text(i)
		inClass := len(braces) > 0 && s.classBody[braces[len(braces)-1]]
		inSpec := len(braces) > 0 && s.specifiers[braces[len(braces)-1]]
		switch t {
		case "{":
			braces = append(braces, i)
			continue
		case "}":
			if len(braces) > 0 {
				braces = braces[:len(braces)-1]
			}
			continue
		case "(":
			s.parens(i, inClass)
			continue
		case "[":
			if inClass && s.memberStart(i) && s.isIdent(i+1) && s.text(i+2) == ":" {
				s.blank(i, s.statementEnd(i))
			}
			continue
		case "<":
			s.generic(i)
			continue
		case "!":
			if s.exprEnd(s.prev(i)) && !s.toks[i].nl && !s.isIdent(i+1) && (i+1 >= len(s.toks) || s.toks[i+1].kind != tLiteral) {
				s.blank(i, i+1)
			}
			continue
		}
		if s.toks[i].kind != tIdent || s.text(s.prev(i)) == "." {
			continue
		}
		switch {
		case t == "import" || t == "export":
			s.moduleStatement(i)
		case (t == "as" || t == "satisfies") && !inSpec && s.exprEnd(s.prev(i)) && s.typeStarts(i+1):
			s.blank(i, s.typeEnd(i+1, false))
		case (t == "interface" || t == "type" || t == "declare" || t == "enum" || t == "abstract") && !inClass && s.stmtStart(i):
			s.declaration(i)
		case t == "class":
			s.class(i)
		case t == "let" || t == "const" || t == "var":
			s.variable(i)
		case inClass:
			s.member(i)
		}
	}
}

// moduleStatement handles import/export: type-only imports and exports
// are blanked, specifier braces are marked so that "a as b" stays.
func (s *stripper) moduleStatement(i int) {
	if s.text(i+1) == "type" && (s.text(i+2) == "{" || s.text(i+2) == "*" || (s.isIdent(i+2) && s.text(i+2) != "from" && s.text(i+3) != "=")) {
		s.blank(i, s.statementEnd(i))
		return
	}
	for j := i + 1; j < len(s.toks) && j < i+4; j++ {
		if s.text(j) == "{" {
			s.specifiers[j] = true
			return
		}
		if s.text(j) == "=" || s.text(j) == ";" || s.text(j) == "(" {
			return
		}
	}
}

// declaration handles interface, type alias, declare, enum and abstract at
// the start of a statement.
func (s *stripper) declaration(i int) {
	start := i
	if p := s.prev(i); p >= 0 && (s.text(p) == "export" || s.text(p) == "declare") && !s.toks[i].nl {
		start = p
		if pp := s.prev(p); pp >= 0 && s.text(pp) == "export" {
			start = pp
		}
	}
	switch s.text(i) {
	case "interface":
		if !s.isIdent(i + 1) {
			return
		}
		for j := i + 2; j < len(s.toks); j++ {
			if s.text(j) == "{" && s.match[j] > 0 {
				s.blank(start, s.match[j]+1)
				return
			}
		}
	case "type":
		if !s.isIdent(i+1) || (s.text(i+2) != "=" && s.text(i+2) != "<") {
			return
		}
		j := i + 2
		if s.text(j) == "<" {
			j = s.angleEnd(j)
		}
		if s.text(j) != "=" {
			return
		}
		end := s.typeEnd(j+1, true)
		if s.text(end) == ";" {
			end++
		}
		s.blank(start, end)
	case "declare":
		if !s.isIdent(i + 1) {
			return
		}
		s.blank(start, s.statementEnd(i))
	case "enum":
		s.enum(i)
	case "abstract":
		if s.text(i+1) == "class" {
			s.blank(i, i+1)
		}
	}
}

// enum rewrites "enum E { A = 1, B }" as "var  E ={ A : 1, B }", an
// object literal of the same length ("const enum" loses its "const").
func (s *stripper) enum(i int) {
	brace := i + 2
	if !s.isIdent(i+1) || s.text(brace) != "{" || s.match[brace] < 0 {
		return
	}
	gap := s.toks[brace].start - 1
	if gap <= s.toks[i+1].end-1 || s.out[gap] != ' ' && s.out[gap] != '\t' {
		return
	}
	if p := s.prev(i); p >= 0 && s.text(p) == "const" {
		s.blank(p, p+1)
	}
	copy(s.out[s.toks[i].start:], "var ")
	s.out[gap] = '='
	for j := brace + 1; j < s.match[brace]; j++ {
		switch s.text(j) {
		case "=":
			s.out[s.toks[j].start] = ':'
		case "(", "[", "{":
			if s.match[j] > j {
				j = s.match[j]
			}
		}
	}
}

// statementEnd returns the index just after the statement starting at i:
// after its ';', or before the first token on a new line at depth 0.
func (s *stripper) statementEnd(i int) int {
	for j := i + 1; j < len(s.toks); j++ {
		switch t := s.text(j); {
		case t == ";":
			return j + 1
		case t == "{" || t == "(" || t == "[":
			if s.match[j] < 0 {
				return len(s.toks)
			}
			if t == "{" && (s.text(i+1) == "module" || s.text(i+1) == "namespace" || s.text(i+1) == "global") {
				return s.match[j] + 1
			}
			j = s.match[j]
		case s.toks[j].nl && s.toks[j].kind == tIdent && !continuation[s.text(j-1)]:
			return j
		}
	}
	return len(s.toks)
}

// continuation are tokens after which a statement goes on to the next line.
var continuation = map[string]bool{"=": true, "|": true, "&": true, ",": true, ":": true, "=>": true, "<": true, ".": true, "?": true, "extends": true, "keyof": true, "typeof": true}
