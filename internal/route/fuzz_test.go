package route

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/result"
)

// FuzzBuild feeds arbitrary JSON reports (what `secaudit route` reads from
// untrusted CI artifacts) to the planner: it must never panic, every
// incident must carry a well-formed key, and planning is deterministic.
func FuzzBuild(f *testing.F) {
	f.Add([]byte(`{"run":{"repository":"a/b","branch":"main","default_branch":true},"verdict":{"exit_code":3,"classes":[{"code":3}]},
		"findings":[{"category":"secret","severity":"high","exit_class":3,"location":{"path":"x"}}]}`))
	f.Add([]byte(`{"verdict":{"incomplete":true,"classes":[{"code":1}]},"errors":[{"source":"deps","message":"m"}]}`))
	f.Add([]byte(`{"findings":[{"category":"code","severity":"low","exit_class":0,"location":{"path":"src/a"}},{"exit_class":42}]}`))
	owners := mustOwners(f)
	cfg := config.Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		var r result.Result
		if json.Unmarshal(data, &r) != nil {
			return
		}
		p1, err := Build(&r, cfg, Options{Owners: owners})
		if err != nil {
			return
		}
		p2, _ := Build(&r, cfg, Options{Owners: owners})
		for i, inc := range p1.Incidents {
			if !strings.HasPrefix(inc.Key, KeyPrefix) || len(inc.Key) != len(KeyPrefix)+16 {
				t.Fatalf("bad key %q", inc.Key)
			}
			if inc.Key != p2.Incidents[i].Key || inc.Digest != p2.Incidents[i].Digest {
				t.Fatalf("planning is not deterministic")
			}
			if len(inc.Summary) > maxSummary {
				t.Fatalf("summary of %d bytes", len(inc.Summary))
			}
		}
	})
}
