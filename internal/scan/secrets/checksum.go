package secrets

import "hash/crc32"

// base62 is the alphabet of GitHub's and npm's token checksums.
const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// validGitHubChecksum checks the checksum of a GitHub token (ghp_, gho_,
// ghu_, ghs_, ghr_): the last 6 characters are the CRC32 of the 30 random
// characters after the prefix, in base62, left-padded with zeros.
// https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
func validGitHubChecksum(token string) bool {
	return validCRC32Token(token, 4)
}

// validNPMChecksum checks an npm_ token, which uses GitHub's scheme.
// https://github.blog/2021-09-23-announcing-npms-new-access-token-format/
func validNPMChecksum(token string) bool {
	return validCRC32Token(token, 4)
}

func validCRC32Token(token string, prefix int) bool {
	if len(token) != prefix+36 {
		return false
	}
	body, sum := token[prefix:prefix+30], token[prefix+30:]
	return base62CRC(body) == sum
}

// base62CRC returns the 6-character base62 CRC32 of s.
func base62CRC(s string) string {
	n := crc32.ChecksumIEEE([]byte(s))
	var out [6]byte
	for i := 5; i >= 0; i-- {
		out[i] = base62[n%62]
		n /= 62
	}
	return string(out[:])
}
