package finding

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		value      string
		wantPrefix string
		keep       int
	}{
		{"AKIAZ7NQ4VXKLT3PDR6W", "AKIA************DR6W (sha256:", 4},
		{"0123456789ab", "01********ab (sha256:", 2},
		{"01234567", "0******7 (sha256:", 1},
		{"short", "***** (sha256:", 0},
		{strings.Repeat("x", 200), "xxxx" + strings.Repeat("*", 24) + "xxxx (sha256:", 4},
	}
	for _, tt := range tests {
		got := Redact(tt.value)
		if !strings.HasPrefix(got, tt.wantPrefix) {
			t.Errorf("Redact(%q) = %q, want prefix %q", tt.value, got, tt.wantPrefix)
		}
		if len(tt.value) >= 8 && strings.Contains(got, tt.value) {
			t.Errorf("Redact(%q) leaks the value", tt.value)
		}
		if !strings.HasSuffix(got, ShortHash(tt.value)+")") {
			t.Errorf("Redact(%q) = %q lacks the correlation hash", tt.value, got)
		}
	}
	if Redact("a") == Redact("b") {
		t.Error("different values redact identically")
	}
	line := `token = "AKIAZ7NQ4VXKLT3PDR6W" # twice AKIAZ7NQ4VXKLT3PDR6W`
	if got := RedactIn(line, "AKIAZ7NQ4VXKLT3PDR6W"); strings.Contains(got, "AKIAZ7NQ4VXKLT3PDR6W") {
		t.Errorf("RedactIn leaks: %s", got)
	}
}

func TestFingerprint(t *testing.T) {
	a := Fingerprint(Secret, "aws-access-token", "a/b.env", SecretKey("v1"))
	if a != Fingerprint(Secret, "aws-access-token", "a/b.env", SecretKey("v1")) {
		t.Error("fingerprint is not stable")
	}
	for name, other := range map[string]string{
		"category": Fingerprint(Code, "aws-access-token", "a/b.env", SecretKey("v1")),
		"rule":     Fingerprint(Secret, "github-pat", "a/b.env", SecretKey("v1")),
		"path":     Fingerprint(Secret, "aws-access-token", "a/c.env", SecretKey("v1")),
		"key":      Fingerprint(Secret, "aws-access-token", "a/b.env", SecretKey("v2")),
		"boundary": Fingerprint(Secret, "aws-access-token", "a/b.en", "v"+SecretKey("v1")),
	} {
		if other == a {
			t.Errorf("fingerprint ignores the %s", name)
		}
	}
	if LineKey("  x :=   eval(y)\t") != LineKey("x := eval(y)") {
		t.Error("LineKey is not whitespace-insensitive")
	}
}

func TestSeverity(t *testing.T) {
	for in, want := range map[string]Severity{"CRITICAL": Critical, "high": High, "Moderate": Medium, "warning": Medium, "low": Low, "note": Info, "error": High} {
		got, err := ParseSeverity(in)
		if err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseSeverity("urgent"); err == nil {
		t.Error("ParseSeverity accepts nonsense")
	}
	if !(Critical > High && High > Medium && Medium > Low && Low > Info) {
		t.Error("severities do not order")
	}
	var s Severity
	if err := s.UnmarshalText([]byte("high")); err != nil || s != High {
		t.Errorf("UnmarshalText: %v %v", s, err)
	}
	if _, err := Severity(0).MarshalText(); err == nil {
		t.Error("zero severity marshals")
	}
}
