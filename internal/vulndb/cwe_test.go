package vulndb

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCWEIDs(t *testing.T) {
	tests := []struct {
		name, raw string
		want      []string
	}{
		{"ghsa", `{"cwe_ids": ["CWE-1321", "CWE-20", "CWE-1321"], "severity": "HIGH"}`, []string{"CWE-1321", "CWE-20"}},
		{"none", `{"severity": "HIGH"}`, nil},
		{"not cwe", `{"cwe_ids": ["NVD-CWE-Other", "CWE-79"]}`, []string{"CWE-79"}},
		{"wrong type", `{"cwe_ids": "CWE-79"}`, nil},
		{"empty", ``, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, cweIDs(json.RawMessage(tt.raw))); diff != "" {
				t.Errorf("cweIDs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestQueryCarriesCWE(t *testing.T) {
	db, err := Open("../../examples/osvdb")
	if err != nil {
		t.Fatal(err)
	}
	advs, err := db.Query("npm", "minimist", "1.2.5")
	if err != nil {
		t.Fatal(err)
	}
	if len(advs) != 1 {
		t.Fatalf("got %d advisories, want 1", len(advs))
	}
	if diff := cmp.Diff([]string{"CWE-1321"}, advs[0].CWE); diff != "" {
		t.Errorf("CWE (-want +got):\n%s", diff)
	}
}
