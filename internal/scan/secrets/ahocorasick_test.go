package secrets

import (
	"bytes"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type hit struct{ KW, Start int }

// asciiLower lowers ASCII letters only, byte for byte, as the matcher does
// (bytes.ToLower would rewrite invalid UTF-8 and shift offsets).
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[i] = lower(c)
	}
	return out
}

func naiveHits(keywords []string, data []byte) []hit {
	low := asciiLower(data)
	var hits []hit
	for k, kw := range keywords {
		if kw == "" {
			continue
		}
		kb := asciiLower([]byte(kw))
		for i := 0; i+len(kb) <= len(low); i++ {
			if bytes.Equal(low[i:i+len(kb)], kb) {
				hits = append(hits, hit{k, i})
			}
		}
	}
	sortHits(hits)
	return hits
}

func matcherHits(m *keywordMatcher, data []byte) []hit {
	var hits []hit
	m.scan(data, func(kw, start, end int) bool {
		hits = append(hits, hit{kw, start})
		return true
	})
	sortHits(hits)
	return hits
}

func sortHits(h []hit) {
	sort.Slice(h, func(i, j int) bool {
		if h[i].Start != h[j].Start {
			return h[i].Start < h[j].Start
		}
		return h[i].KW < h[j].KW
	})
}

func TestKeywordMatcher(t *testing.T) {
	tests := []struct {
		name     string
		keywords []string
		data     string
	}{
		{"overlapping", []string{"he", "she", "his", "hers"}, "ushers and HIS shEHe"},
		{"prefix of another", []string{"ghp_", "gh", "ghp_x"}, "GHP_X ghp_ gh"},
		{"repeated", []string{"aa", "aaa"}, "aaaaaa"},
		{"no match", []string{"akia"}, "nothing to see here"},
		{"empty keyword ignored", []string{"", "key"}, "a key"},
		{"non-ascii", []string{"sk_live_"}, "é sk_live_ ü SK_LIVE_"},
		{"real keywords", nil, "AKIA ghp_ xoxb- -----BEGIN RSA PRIVATE KEY----- password= hooks.slack.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kws := tt.keywords
			if kws == nil {
				s := newTestScanner(t, configSecrets())
				kws = scannerKeywords(s)
			}
			m := newKeywordMatcher(kws)
			want, got := naiveHits(kws, []byte(tt.data)), matcherHits(m, []byte(tt.data))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzKeywordMatcher checks the automaton against a naive search.
func FuzzKeywordMatcher(f *testing.F) {
	f.Add("ushers", "he,she,hers")
	f.Add("xoxb-123 AKIA", "xoxb-,akia,kia")
	f.Fuzz(func(t *testing.T, data, kwList string) {
		kws := bytes.Split([]byte(kwList), []byte(","))
		if len(kws) > 20 {
			kws = kws[:20]
		}
		var keywords []string
		for _, k := range kws {
			keywords = append(keywords, string(k))
		}
		m := newKeywordMatcher(keywords)
		want, got := naiveHits(keywords, []byte(data)), matcherHits(m, []byte(data))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("hits (-want +got):\n%s", diff)
		}
	})
}
