package secrets

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/scan"
)

// TestDenseKeywords checks that a line packed with keywords is scanned in
// linear time: every keyword hit's window overlaps the next, and each byte
// must be examined a bounded number of times per rule, not once per hit.
func TestDenseKeywords(t *testing.T) {
	s, err := New(scan.Env{Config: config.Default()})
	if err != nil {
		t.Fatal(err)
	}
	secret := "AKIAZ7NQ4VXKLT3PDR6W"
	for name, data := range map[string]string{
		"password=":         strings.Repeat("password=", 100000),
		"assignment":        strings.Repeat(`api_key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" `, 20000),
		"pem headers":       strings.Repeat("-----BEGIN RSA PRIVATE KEY-----\n", 20000),
		"secret at the end": strings.Repeat("token ", 150000) + "aws_access_key_id = " + secret,
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			fs, err := s.Scan(context.Background(), scan.File{Path: "dense.txt", Data: []byte(data)})
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("took %v: not linear", d)
			}
			if strings.Contains(name, "secret") && len(fs) == 0 {
				t.Error("the secret after the dense run was missed")
			}
		})
	}
}
