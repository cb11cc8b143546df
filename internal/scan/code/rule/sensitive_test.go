package rule

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWords(t *testing.T) {
	tests := map[string][]string{
		"sessionToken":   {"session", "token"},
		"APIKey":         {"api", "key"},
		"reset_password": {"reset", "password"},
		"HTTPServer2Go":  {"http", "server", "go"},
		"":               nil,
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if diff := cmp.Diff(want, words(in)); diff != "" {
				t.Errorf("words(%q) (-want +got):\n%s", in, diff)
			}
		})
	}
}

func TestSensitive(t *testing.T) {
	tests := []struct {
		ident     string
		sensitive bool
		orID      bool
	}{
		{"token", true, true},
		{"csrfToken", true, true},
		{"newPassword", true, true},
		{"monkey", false, false},
		{"keys", false, false},
		{"key", false, false},
		{"apiKey", true, true},
		{"signing_key", true, true},
		{"delay", false, false},
		{"requestId", false, true},
		{"uuid", false, true},
		{"idle", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.ident, func(t *testing.T) {
			if got := Sensitive(tt.ident); got != tt.sensitive {
				t.Errorf("Sensitive(%q) = %v", tt.ident, got)
			}
			if got := SensitiveOrID(tt.ident); got != tt.orID {
				t.Errorf("SensitiveOrID(%q) = %v", tt.ident, got)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	ok := Rule{ID: "x", Title: "t", Message: "m", Severity: 3, Confidence: "high"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := Rule{ID: "x"}
	if err := bad.Validate(); err == nil {
		t.Fatal("incomplete rule validated")
	}
}
