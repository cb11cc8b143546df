package javascript

// class handles a class header: generic parameters, type arguments of the
// base class and the implements clause; it marks the class body.
func (s *stripper) class(i int) {
	j := i + 1
	if s.isIdent(j) && s.text(j) != "extends" && s.text(j) != "implements" {
		j++
	}
	if s.text(j) == "<" {
		end := s.angleEnd(j)
		if end < 0 {
			return
		}
		s.blank(j, end)
		j = end
	}
	for ; j < len(s.toks); j++ {
		switch t := s.text(j); t {
		case "{":
			s.classBody[j] = true
			return
		case "(", "[":
			if s.match[j] < 0 {
				return
			}
			j = s.match[j]
		case "implements":
			k := j + 1
			for k < len(s.toks) && s.text(k) != "{" {
				if s.text(k) == "<" {
					if e := s.angleEnd(k); e > 0 {
						k = e
						continue
					}
				}
				k++
			}
			s.blank(j, k)
			j = k - 1
		case "<":
			if end := s.angleEnd(j); end > 0 {
				s.blank(j, end)
				j = end - 1
			}
		case ";", "}":
			return
		}
	}
}

// member handles a token at the top level of a class body: modifiers,
// field annotations, optional markers and index signatures.
func (s *stripper) member(i int) {
	if !s.memberStart(i) {
		return
	}
	t := s.text(i)
	next := s.text(i + 1)
	if modifiers[t] && next != "(" && next != "=" && next != ":" && next != ";" && next != "?" && next != "!" {
		s.blank(i, i+1)
		return
	}
	j := i + 1
	if next == "?" || next == "!" {
		if s.text(i+2) == ":" || s.text(i+2) == "(" || s.text(i+2) == ";" {
			s.blank(i+1, i+2)
			j = i + 2
		}
	}
	if s.text(j) == ":" {
		s.blank(j, s.typeEnd(j+1, true))
	}
}

// memberStart reports whether token i begins a class member.
func (s *stripper) memberStart(i int) bool {
	p := s.prev(i)
	if p < 0 || s.toks[i].nl {
		return true
	}
	switch s.text(p) {
	case "{", ";", "}", "static", "async", "get", "set", "*", "accessor":
		return true
	}
	return false
}

// variable handles let/const/var declarations with annotations.
func (s *stripper) variable(i int) {
	j := i + 1
	switch {
	case s.text(j) == "{" || s.text(j) == "[":
		if s.match[j] < 0 {
			return
		}
		j = s.match[j] + 1
	case s.isIdent(j):
		j++
	default:
		return
	}
	if s.text(j) == "!" && s.text(j+1) == ":" {
		s.blank(j, j+1)
		j++
	}
	if s.text(j) == ":" {
		s.blank(j, s.typeEnd(j+1, true))
	}
}

// parens decides whether the parenthesis at i opens a parameter list and,
// if so, strips its annotations and the return type after it.
func (s *stripper) parens(i int, inClass bool) {
	m := s.match[i]
	if m < 0 {
		return
	}
	p := s.prev(i)
	pt := s.text(p)
	if controlKeywords[pt] && pt != "return" {
		return
	}
	after := s.text(m + 1)
	params, retType := false, false
	signature := -1 // index of the ';' ending a body-less signature
	switch after {
	case "=>":
		params = true
	case "{":
		params = p >= 0 && (s.toks[p].kind == tIdent || pt == "?" || pt == ">" || pt == "]" || pt == "*")
	case ":":
		end := s.typeEnd(m+2, false)
		switch e := s.text(end); {
		case (e == "{" && (s.isIdent(p) || inClass)) || e == "=>":
			params, retType = true, true
		case (e == ";" || end < len(s.toks) && s.toks[end].nl) && s.isIdent(p) && (inClass || s.text(s.prev(p)) == "function"):
			signature = end
		}
	case ";":
		if s.isIdent(p) && (inClass || s.text(s.prev(p)) == "function") {
			signature = m + 1
		}
	}
	if signature >= 0 && s.text(s.prev(p)) != "function" && !s.memberStart(s.signatureStart(p)) {
		signature = -1 // a call inside an initializer: toString(36);
	}
	if signature >= 0 {
		// An overload or abstract method: no body, nothing for JavaScript.
		end := signature
		if s.text(end) == ";" {
			end++
		}
		s.blank(s.signatureStart(p), end)
		return
	}
	if !params {
		return
	}
	s.params(i+1, m)
	if retType {
		s.blank(m+1, s.typeEnd(m+2, false))
	}
}

// signaturePrefix are the tokens that may precede a method or function
// name in its declaration.
var signaturePrefix = map[string]bool{
	"function": true, "export": true, "declare": true, "default": true, "static": true, "async": true,
	"public": true, "private": true, "protected": true, "abstract": true, "override": true, "readonly": true, "get": true, "set": true,
}

// signatureStart returns the first token of the declaration whose name is
// at p.
func (s *stripper) signatureStart(p int) int {
	start := p
	for q := s.prev(start); q >= 0 && signaturePrefix[s.text(q)] && !s.toks[start].nl; q = s.prev(start) {
		start = q
	}
	return start
}

// params strips the annotations of the parameters in tokens [i, end).
func (s *stripper) params(i, end int) {
	for k := i; k < end; {
		seg := k
		// Parameter decorators (@Inject(TOKEN)) and modifiers are TypeScript.
		for s.text(k) == "@" && s.isIdent(k+1) {
			k += 2
			for s.text(k) == "." && s.isIdent(k+1) {
				k += 2
			}
			if s.text(k) == "(" && s.match[k] > k {
				k = s.match[k] + 1
			}
		}
		for modifiers[s.text(k)] && k+1 < end && (s.isIdent(k+1) || s.text(k+1) == "{" || s.text(k+1) == "[") {
			k++
		}
		s.blank(seg, k)
		if s.text(k) == "this" && s.text(k+1) == ":" {
			e := s.typeEnd(k+2, true)
			if s.text(e) == "," {
				e++
			}
			s.blank(k, e)
			k = e
			continue
		}
		if s.text(k) == "..." {
			k++
		}
		switch {
		case (s.text(k) == "{" || s.text(k) == "[") && s.match[k] > 0:
			k = s.match[k] + 1
		case s.isIdent(k):
			k++
		}
		if s.text(k) == "?" && (s.text(k+1) == ":" || s.text(k+1) == "," || k+1 == end) {
			s.blank(k, k+1)
			k++
		}
		if s.text(k) == ":" {
			e := s.typeEnd(k+1, true)
			s.blank(k, e)
			k = e
		}
		for k < end && s.text(k) != "," {
			if m := s.match[k]; m > k && (s.text(k) == "(" || s.text(k) == "[" || s.text(k) == "{") {
				k = m
			}
			k++
		}
		k++
	}
}

// generic strips type parameters or arguments at i: a '<' right after a
// name (no space) whose matching '>' is followed by '(' (a call or a
// generic function).
func (s *stripper) generic(i int) {
	p := s.prev(i)
	if p >= 0 && arrowBefore[s.text(p)] {
		// <T,>(x: T) => x, a generic arrow function.
		end := s.angleEnd(i)
		if end > 0 && s.text(end) == "(" && s.match[end] > 0 {
			if a := s.text(s.match[end] + 1); a == "=>" || a == ":" {
				s.blank(i, end)
			}
		}
		return
	}
	if p < 0 || p != i-1 || s.toks[p].end != s.toks[i].start || !s.exprEnd(p) || s.toks[p].kind != tIdent {
		return
	}
	end := s.angleEnd(i)
	if end < 0 || s.text(end) != "(" {
		return
	}
	s.blank(i, end)
}

// arrowBefore are tokens after which '<' opens the type parameters of a
// generic arrow function rather than a comparison.
var arrowBefore = map[string]bool{"=": true, "(": true, ",": true, ":": true, "=>": true, "?": true, "return": true, "async": true, "||": true, "&&": true, "??": true}

// angleEnd returns the index after the '>' matching the '<' at i, or -1
// when what follows does not look like a list of types.
func (s *stripper) angleEnd(i int) int {
	depth := 0
	for j := i; j < len(s.toks) && j < i+128; j++ {
		switch t := s.text(j); t {
		case "<":
			depth++
		case ">":
			depth--
			if depth == 0 {
				return j + 1
			}
		case "(", "[", "{":
			if s.match[j] < 0 {
				return -1
			}
			j = s.match[j]
		case ";", "&&", "||", "==", "!=", "===", "!==", "+", "-", "*", "/", "%", ")", "]", "}":
			return -1
		}
	}
	return -1
}

// typeStarts reports whether token i can begin a type.
func (s *stripper) typeStarts(i int) bool {
	if i >= len(s.toks) {
		return false
	}
	switch s.toks[i].kind {
	case tIdent, tLiteral:
		return true
	}
	switch s.text(i) {
	case "{", "[", "(":
		return true
	}
	return false
}

// typeKeywords continue a type with another type after them.
var typeKeywords = map[string]bool{"is": true, "extends": true, "keyof": true, "typeof": true, "infer": true, "in": true, "asserts": true, "unique": true, "readonly": true, "new": true}

// typeEnd returns the index of the first token after the type starting at
// i. allowArrow lets "=>" continue a function type; it must not for the
// return type of an arrow function, whose "=>" ends it.
func (s *stripper) typeEnd(i int, allowArrow bool) int {
	expect, angle := true, 0
	j := i
	for ; j < len(s.toks); j++ {
		t := s.text(j)
		if angle > 0 {
			switch t {
			case "<":
				angle++
			case ">":
				angle--
				expect = angle > 0
			case "(", "[", "{":
				if s.match[j] < 0 {
					return j
				}
				j = s.match[j]
			case ";", ")", "]", "}":
				return j
			}
			continue
		}
		if expect {
			switch {
			case t == "{" || t == "(" || t == "[":
				if s.match[j] < 0 {
					return j
				}
				j = s.match[j]
				expect = false
			case t == "|" || t == "&" || t == "-":
			case typeKeywords[t]:
			case s.toks[j].kind == tIdent || s.toks[j].kind == tLiteral:
				expect = false
			default:
				return j
			}
			continue
		}
		switch {
		case t == "|" || t == "&" || t == "." || typeKeywords[t]:
			expect = true
		case t == "=>" && allowArrow:
			expect = true
		case t == "[":
			if s.match[j] < 0 {
				return j
			}
			j = s.match[j]
		case t == "<":
			angle = 1
		default:
			return j
		}
	}
	return j
}
