package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadTrivy(t *testing.T) {
	report := `{"Results":[{"Target":"a/Dockerfile","Misconfigurations":[
		{"ID":"DS-0001","Status":"FAIL"},{"ID":"DS002","AVDID":"AVD-DS-0002"},{"ID":"DS-0026","Status":"PASS"}]},
		{"Target":"b/Dockerfile","Misconfigurations":[{"AVDID":"AVD-DS-0001"}]}]}`
	p := filepath.Join(t.TempDir(), "r.json")
	if err := os.WriteFile(p, []byte(report), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readTrivy(p, "x/")
	if err != nil {
		t.Fatal(err)
	}
	want := hits{"DS001": {"x/a/Dockerfile": 1, "x/b/Dockerfile": 1}, "DS002": {"x/a/Dockerfile": 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("readTrivy (-want +got):\n%s", diff)
	}
	both, onlyT, onlyO := agree(got["DS001"], map[string]int{"x/a/Dockerfile": 2, "x/c/Dockerfile": 1})
	if both != 1 || onlyT != 1 || onlyO != 1 {
		t.Errorf("agree = %d, %d, %d; want 1, 1, 1", both, onlyT, onlyO)
	}
}
