package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"strings"
)

// Character sets of token formats.
const (
	digits   = "0123456789"
	hexLower = "0123456789abcdef"
	lowerAN  = "abcdefghijklmnopqrstuvwxyz0123456789"
	upperAN  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	letters  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	alnum    = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	b64      = alnum + "+/"
	urlsafe  = alnum + "_-"
	base32   = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	pwChars  = alnum + "!%^*-_+=.@#"
)

// gen draws random values.
type gen struct{ r *rand.Rand }

// s returns n random characters of cs.
func (g *gen) s(cs string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = cs[g.r.IntN(len(cs))]
	}
	return string(b)
}

// between returns n random characters of cs, lo <= n <= hi.
func (g *gen) between(cs string, lo, hi int) string { return g.s(cs, lo+g.r.IntN(hi-lo+1)) }

func (g *gen) uuid() string {
	return g.s(hexLower, 8) + "-" + g.s(hexLower, 4) + "-4" + g.s(hexLower, 3) + "-a" + g.s(hexLower, 3) + "-" + g.s(hexLower, 12)
}

// checksummed returns a GitHub/npm style token: prefix, 30 random base62
// characters, and their CRC32 in 6 base62 digits.
func (g *gen) checksummed(prefix string) string {
	body := g.s(alnum, 30)
	n := crc32.ChecksumIEEE([]byte(body))
	var sum [6]byte
	for i := 5; i >= 0; i-- {
		sum[i] = alnum[n%62]
		n /= 62
	}
	return prefix + body + string(sum[:])
}

// password returns a random password with a digit in it.
func (g *gen) password() string {
	return g.between(pwChars, 11, 23) + g.s(digits, 1)
}

func (g *gen) jwt() string {
	enc := func(v any) string {
		b, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	return enc(map[string]string{"alg": "HS256", "typ": "JWT"}) + "." +
		enc(map[string]any{"sub": g.s(digits, 8), "name": g.s(letters, 7), "iat": 1700000000 + g.r.IntN(1e7)}) + "." + g.s(urlsafe, 43)
}

// pemKey returns a freshly generated private key in PEM, as lines. The
// random source is the corpus seed, so keys are reproducible.
func (g *gen) pemKey(typ string) []string {
	var block *pem.Block
	switch typ {
	case "RSA":
		k, err := rsa.GenerateKey(g, 1024)
		if err != nil {
			panic(err)
		}
		block = &pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}
	case "EC":
		k, err := ecdsa.GenerateKey(elliptic.P256(), g)
		if err != nil {
			panic(err)
		}
		der, _ := x509.MarshalECPrivateKey(k)
		block = &pem.Block{Type: "EC PRIVATE KEY", Bytes: der}
	case "OPENSSH":
		block = &pem.Block{Type: "OPENSSH PRIVATE KEY", Bytes: []byte("openssh-key-v1\x00" + g.s(alnum, 380))}
	default:
		block = &pem.Block{Type: "PRIVATE KEY", Bytes: []byte(g.s(alnum, 600))}
	}
	return strings.Split(strings.TrimSpace(string(pem.EncodeToMemory(block))), "\n")
}

// Read makes gen an io.Reader of random bytes for key generation.
func (g *gen) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(g.r.Uint32())
	}
	return len(p), nil
}

// publicKeyLines returns a PEM public key block.
func (g *gen) publicKeyLines() []string {
	b := &pem.Block{Type: "PUBLIC KEY", Bytes: []byte(g.s(alnum, 270))}
	return strings.Split(strings.TrimSpace(string(pem.EncodeToMemory(b))), "\n")
}

func (g *gen) sshPublicKey() string {
	return fmt.Sprintf("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s deploy@ci", g.s(b64, 43))
}
