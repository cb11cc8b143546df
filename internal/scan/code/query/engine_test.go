package query

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	sitter "github.com/tree-sitter/go-tree-sitter"
	tspython "github.com/tree-sitter/tree-sitter-python/bindings/go"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

func pyLang() Language {
	return Language{
		Name:    "python",
		Grammar: sitter.NewLanguage(tspython.Language()),
		Imports: `
(import_statement name: (aliased_import name: (dotted_name) @import.module alias: (identifier) @import.alias))
(import_statement name: (dotted_name) @import.module)
(import_from_statement module_name: (dotted_name) @import.from name: (dotted_name) @import.name)
(import_from_statement module_name: (dotted_name) @import.from name: (aliased_import name: (dotted_name) @import.name alias: (identifier) @import.alias))`,
		Calls: `(call function: [(identifier) (attribute)] @fn) @call`,
	}
}

func meta(id string) rule.Rule {
	return rule.Rule{ID: id, Title: id, Message: id, Severity: finding.Low, Confidence: "low"}
}

type hit struct {
	ID   string
	Line int
	Col  int
}

func run(t *testing.T, e *Engine, src string) []hit {
	t.Helper()
	hits, err := e.Analyze(context.Background(), "x.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var out []hit
	for _, h := range hits {
		out = append(out, hit{h.Rule.ID, h.Line, h.Column})
	}
	return out
}

func TestCallResolution(t *testing.T) {
	var calls []string
	e, err := Compile(pyLang(), []Rule{
		{Rule: meta("exact"), Calls: []string{"os.path.join"}},
		{Rule: meta("prefix"), Calls: []string{"requests.*"}, Check: func(m *Match) bool { calls = append(calls, m.Call); return true }},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	src := "import os.path as p\nfrom requests import get as fetch\nimport requests\np.join(a)\nfetch(u)\nrequests.sessions.Session()\nrequests_x.get()\nos.path.join(b)\n"
	want := []hit{{"exact", 4, 1}, {"prefix", 5, 1}, {"prefix", 6, 1}, {"exact", 8, 1}}
	if diff := cmp.Diff(want, run(t, e, src)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"requests.get", "requests.sessions.Session"}, calls); diff != "" {
		t.Errorf("resolved names (-want +got):\n%s", diff)
	}
}

func TestQueryRuleAndErrors(t *testing.T) {
	e, err := Compile(pyLang(), []Rule{{Rule: meta("q"), Query: `((identifier) @match (#eq? @match "bad"))`}})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	// "bad" inside the broken line is still reported; the engine never fails
	// on syntax errors.
	got := run(t, e, "x = bad\ndef (:\ny = bad\n")
	if len(got) < 2 || got[0] != (hit{"q", 1, 5}) {
		t.Errorf("got %v", got)
	}

	for name, rules := range map[string][]Rule{
		"syntax":        {{Rule: meta("a"), Query: "(call"}},
		"unknown node":  {{Rule: meta("b"), Query: "(nosuch) @match"}},
		"no match":      {{Rule: meta("c"), Query: "(call) @x"}},
		"nothing to do": {{Rule: meta("d")}},
		"invalid rule":  {{Rule: rule.Rule{ID: "e"}, Query: "(call) @match"}},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Compile(pyLang(), rules); err == nil {
				t.Fatal("no error")
			}
		})
	}
}
