package secrets

import (
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
)

// keyRules covers private keys (PEM, OpenSSH, PGP, PuTTY) and JSON Web
// Tokens. Private keys span lines, so their rules look at a block.
func keyRules() []Rule {
	keyFix := "Revoke the key (remove it from authorized_keys, revoke its certificate or key pair), generate a new one, then remove the file from the repository."
	return []Rule{
		{
			ID: "openssh-private-key", Title: "OpenSSH private key", Provider: "ssh", Severity: finding.Critical,
			Keywords: []string{"begin openssh private key-----"},
			Regex:    `(?s)-----BEGIN OPENSSH PRIVATE KEY-----.{64,}?-----END OPENSSH PRIVATE KEY-----`, Entropy: 4, Multiline: true,
			Check: keyBody, Fix: keyFix,
			TP: []string{"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nfJo69Ck7R4Btr8UBs7FS7o6S5HbrIFdNDOlC87Q/sexwkcVNVAc/hva9FrLhJ+r59ehi/w\n8BYy87dvani2xjLE/7RaGVoo/ALvpZHtZrjmTJAMJTT1+NXa0IrleG6woopoDzp7O8QuKE\nh6D0JCk39QmJWikyFE+xzzdAIDhXzK2QkI3cBXkLjSgSOUpTP/j33ZyXOivikASDTyPhQz\n-----END OPENSSH PRIVATE KEY-----"},
			FP: []string{"-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb6Y5dP8vQhLq9zVx6w2pM0tRkXnA1cS3uJ4eF7yH8i user@host"},
		},
		{
			ID: "pgp-private-key", Title: "PGP private key block", Provider: "pgp", Severity: finding.Critical,
			Keywords: []string{"private key block-----"},
			Regex:    `(?s)-----BEGIN PGP PRIVATE KEY BLOCK-----.{64,}?-----END PGP PRIVATE KEY BLOCK-----`, Entropy: 4, Multiline: true,
			Check: keyBody, Fix: "Revoke the key (publish its revocation certificate), generate a new one, then remove it from the repository.",
			TP: []string{"-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQVYBF0ziAFnPzMtgBoxpAKLG3JxIyiJG21DHtOR3WRbUfXrG7jwrGJ2uN0JMIyF\n7fzD7VOZ5Cv38ufPZvzVXPvHrFoue9Us9RcFJkIWHxSCo+KSKtphrPjeBk2hwu2n\ngb8ETDAXY5NYGsXpJ/fBZ7Ns9Y2BXAS8XFw1hrYG5UEKX6NPddQbvMYi2W412OyV\n=vDt/\n-----END PGP PRIVATE KEY BLOCK-----"},
			FP: []string{"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBFodRThPHpi6G19WtK7AmaVb5wNKYv0XkgfV4dRjN0gmAyZPV0BXBIp5o2cc\n-----END PGP PUBLIC KEY BLOCK-----"},
		},
		{
			ID: "private-key", Title: "Private key", Provider: "pem", Severity: finding.Critical,
			Keywords: []string{"private key-----"},
			Regex:    `(?s)-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----.{64,}?-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----`, Entropy: 4, Multiline: true,
			Check: keyBody, Fix: keyFix,
			TP: []string{
				"-----BEGIN SSH2 ENCRYPTED PRIVATE KEY-----\nP2/56wAAALrrazRyNU01ls8ITT5tqu4g/El2JBF2wKhp+JN4yU9PQ9FynPhIqbkvne+nY\n3BK/0+8SeENLigidVDL8MslK4UqK1i+mVVK8uqz7a6Xb4rVLo8hIJz6WHz3RkJls\n-----END SSH2 ENCRYPTED PRIVATE KEY-----",
				"-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEATAJnf/JaI5sH2TA35HkDmv62V+X0w8B8yW9XUQTw/m9za5P9IgWcH1z7\n+YCR+baxxxFPdAy2bw9vYnQQ9BIXkGZEkT/+o3K0+vpcIrimeFg0fhoFP1bWl8on\n9ksZ6ZD6aJVYteOls3pQA6qvHa+6GLyrhacWXpUczoFLK9Q/SvgvsHOVBMhBeUlX\nP2qnqQmYh7/ZkGRBYVnpvtd2G4sy+09oxvVDSJJDwA50GT4cGWtEC9cOnXS01cwZ\n-----END RSA PRIVATE KEY-----",
				`{"private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCeVyUV3qd72O/rAWTslT/4hrkoP0b8Q/PdOTxSXbD/NS+r7Io6R3Ir67NoveEALgO\nNx4dmlguLD0AZAirFQmjdtB6yPlvOfky3qVp5m4x87WO8hkYg5XeZc083TDyxnWt\n-----END PRIVATE KEY-----\n"}`,
			},
			FP: []string{
				"-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA/G/N1cJUfewkAPoKVq84zfKsD9XAQCr/vMTHrwUFbbZYlWXPuVNVUJaOf8oWVTCx\n-----END PUBLIC KEY-----",
				"-----BEGIN RSA PRIVATE KEY-----\n<your private key here>\n-----END RSA PRIVATE KEY-----",
			},
		},
		{
			ID: "putty-private-key", Title: "PuTTY private key", Provider: "ssh", Severity: finding.Critical,
			Keywords: []string{"putty-user-key-file-"},
			Regex:    `(?s)PuTTY-User-Key-File-\d: [\w-]+\s+Encryption: none.{0,1000}?(Private-Lines: \d+\s+[A-Za-z0-9+/=\s]{40,}?)(?:Private-MAC|\z)`, Entropy: 4, Multiline: true,
			Fix: keyFix,
			TP:  []string{"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: me\nPublic-Lines: 2\n4D0yTvl5bTF6OO9lMvX0DiR4lhI5QW4Q1fqlNd9Q4/z8qCoJBKoYqadr6djrr2kP\nopQ0tKsEBpkwKG16\nPrivate-Lines: 1\nIoBlLIiaKL8Dn+PcG5ze6nBKSpPyNR5pKnjFJVO54fFnwdrd\nPrivate-MAC: 7dcbee500fe7ee5fc324bdb2e1142a21c402364f9572b85a8e48f687ab165c58"},
			FP:  []string{"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\nPrivate-Lines: 1\nfmLXE6kvDWolXmlIkgAuTM6bWde04SJbtrk6G+T5260jcDjS\n"},
		},
		{
			ID: "jwt", Title: "JSON Web Token", Provider: "jwt", Severity: finding.Medium, Confidence: "medium",
			Keywords: []string{"eyj"},
			Regex:    unique(`ey[a-zA-Z0-9_-]{10,}\.ey[a-zA-Z0-9_-]{10,}\.[a-zA-Z0-9_-]{16,}={0,2}`), Entropy: 4,
			Check: validJWT, Fix: "Revoke the token or rotate the key that signed it, then remove it from the code.",
			TP: []string{`Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2OTQ5MjM1OSIsIm5hbWUiOiJwZmVhemgiLCJpYXQiOjE3MDI1MDUwNTd9.vC8IYpX17iu-VL0573pNUK7D1PIqPrMd8c6z0mtxAvM`},
			FP: []string{`token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.`},
		},
	}
}

// keyBody accepts a private key block whose body is not a placeholder: it
// must hold a long run of base64.
func keyBody(v string) bool {
	run, best := 0, 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best >= 40
}

// validJWT accepts a token whose header decodes to a JSON object with an
// "alg" and whose payload decodes to a JSON object.
func validJWT(v string) bool {
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return false
	}
	var header map[string]any
	if !decodeSegment(parts[0], &header) {
		return false
	}
	if _, ok := header["alg"]; !ok {
		return false
	}
	var payload map[string]any
	return decodeSegment(parts[1], &payload)
}

func decodeSegment(s string, v any) bool {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return false
	}
	return json.Unmarshal(b, v) == nil
}
