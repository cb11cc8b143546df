// Package query runs code-security rules written as tree-sitter queries
// (S-expressions) over Python and JavaScript/TypeScript syntax trees.
//
// A rule is data: a query whose @match capture is the node to report, an
// optional list of qualified call names, and an optional Go predicate for
// what a query cannot say. All the patterns of a language, its imports and
// its calls, are compiled into one query so that each file's tree is walked
// once.
package query

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

// Language describes a grammar and how its imports and calls are queried.
type Language struct {
	// Name is the language's rule prefix and tag ("python", "javascript").
	Name    string
	Grammar *sitter.Language
	// Imports holds patterns capturing @import.module (with @import.alias) for
	// "import m as a", or @import.from and @import.name (with @import.alias)
	// for "from m import n as a". They feed call-name resolution.
	Imports string
	// Calls holds patterns capturing each call as @call and its callee, a
	// name or attribute chain, as @fn.
	Calls string
}

// Rule is a rule run by the engine.
type Rule struct {
	rule.Rule
	// Query holds tree-sitter patterns; each match's @match capture is
	// reported. Empty for call rules.
	Query string
	// Calls lists qualified names ("pickle.loads", "requests.*"); the rule
	// fires on each call whose callee, resolved through the file's imports,
	// is one of them. The match node is the call.
	Calls []string
	// Check, when set, must approve each match.
	Check func(m *Match) bool
}

// patternKind says what a pattern of the combined query is for.
type patternKind struct {
	imp  bool
	call bool
	rule *Rule
}

// Engine runs rules of one language. It is safe for concurrent use: the
// compiled query is shared and read-only, parsers come from a pool.
type Engine struct {
	lang     Language
	query    *sitter.Query
	patterns []patternKind
	captures map[string]uint
	exact    map[string][]*Rule
	prefix   map[string][]*Rule
	parsers  sync.Pool
	// closeOnce guards Close, which an explicit call and the scanner's
	// cleanup may both reach.
	closeOnce sync.Once
}

// Compile builds the engine for lang and rules. An invalid query is an
// error naming its rule.
func Compile(lang Language, rules []Rule) (*Engine, error) {
	useNativeAllocator()
	e := &Engine{lang: lang, exact: map[string][]*Rule{}, prefix: map[string][]*Rule{}}
	var src strings.Builder
	add := func(q string, kind patternKind) error {
		sq, qerr := sitter.NewQuery(lang.Grammar, q)
		if qerr != nil {
			return qerr
		}
		defer sq.Close()
		if kind.rule != nil {
			if _, ok := sq.CaptureIndexForName("match"); !ok {
				return fmt.Errorf("query has no @match capture")
			}
		}
		for i := uint(0); i < sq.PatternCount(); i++ {
			e.patterns = append(e.patterns, kind)
		}
		src.WriteString(q)
		src.WriteString("\n")
		return nil
	}
	if err := add(lang.Imports, patternKind{imp: true}); err != nil {
		return nil, fmt.Errorf("%s imports query: %w", lang.Name, err)
	}
	if err := add(lang.Calls, patternKind{call: true}); err != nil {
		return nil, fmt.Errorf("%s calls query: %w", lang.Name, err)
	}
	for i := range rules {
		r := &rules[i]
		if err := r.Rule.Validate(); err != nil {
			return nil, err
		}
		for _, c := range r.Calls {
			if p, ok := strings.CutSuffix(c, ".*"); ok {
				e.prefix[p] = append(e.prefix[p], r)
			} else {
				e.exact[c] = append(e.exact[c], r)
			}
		}
		if r.Query == "" {
			if len(r.Calls) == 0 {
				return nil, fmt.Errorf("rule %s: needs a query or calls", r.ID)
			}
			continue
		}
		if err := add(r.Query, patternKind{rule: r}); err != nil {
			return nil, fmt.Errorf("rule %s: query: %w", r.ID, err)
		}
	}
	q, qerr := sitter.NewQuery(lang.Grammar, src.String())
	if qerr != nil {
		return nil, fmt.Errorf("%s combined query: %w", lang.Name, qerr)
	}
	e.query = q
	e.captures = map[string]uint{}
	for i, n := range q.CaptureNames() {
		e.captures[n] = uint(i)
	}
	e.parsers.New = func() any { return newParser(lang.Grammar) }
	return e, nil
}

// pooledParser wraps a parser so that the C parser is freed when the pool
// drops the wrapper.
type pooledParser struct {
	p   *sitter.Parser
	err error
}

func newParser(g *sitter.Language) *pooledParser {
	p := sitter.NewParser()
	pp := &pooledParser{p: p, err: p.SetLanguage(g)}
	runtime.AddCleanup(pp, func(p *sitter.Parser) { p.Close() }, p)
	return pp
}

// Close frees the compiled query; a second call does nothing. The engine
// must not be used afterwards.
func (e *Engine) Close() {
	e.closeOnce.Do(func() {
		if e.query != nil {
			e.query.Close()
		}
	})
}

// Analyze parses src and returns the hits of every rule. Syntax errors do
// not fail the analysis: tree-sitter recovers, and matches are reported
// unless the matched node is itself an error or missing node.
func (e *Engine) Analyze(ctx context.Context, path string, src []byte) ([]rule.Hit, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pp := e.parsers.Get().(*pooledParser)
	if pp.err != nil {
		return nil, fmt.Errorf("%s parser: %w", e.lang.Name, pp.err)
	}
	tree := pp.p.Parse(src, nil)
	e.parsers.Put(pp)
	if tree == nil {
		return nil, fmt.Errorf("parse %s: tree-sitter returned no tree", path)
	}
	defer tree.Close()
	if deeperThan(tree.RootNode(), maxDepth) {
		return nil, fmt.Errorf("parse %s: syntax tree nested deeper than %d levels: not analysed", path, maxDepth)
	}
	cur := sitter.NewQueryCursor()
	defer cur.Close()
	f := &fileMatches{engine: e, path: path, src: src, imports: map[string]string{}}
	matches := cur.Matches(e.query, tree.RootNode(), src)
	for n := 0; ; n++ {
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return f.hits, err
			}
		}
		m := matches.Next()
		if m == nil {
			break
		}
		f.add(m)
	}
	f.finish()
	slices.SortStableFunc(f.hits, func(a, b rule.Hit) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
	return f.hits, nil
}

// maxDepth bounds the syntax-tree depth the queries run on: tree-sitter's
// query cursor slows down much faster than linearly on pathologically deep
// trees (tens of thousands of nested calls on one line take minutes), while
// real code stays in the low hundreds.
const maxDepth = 3000

// deeperThan reports whether the tree under root is more than limit levels
// deep, walking it once with a cursor and stopping as soon as it is.
func deeperThan(root *sitter.Node, limit int) bool {
	c := root.Walk()
	defer c.Close()
	depth := 0
	for {
		if c.GotoFirstChild() {
			depth++
			if depth > limit {
				return true
			}
			continue
		}
		for !c.GotoNextSibling() {
			if !c.GotoParent() {
				return false
			}
			depth--
		}
	}
}
