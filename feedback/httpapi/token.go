package httpapi

import (
	"errors"
	"math"
	"strconv"
)

// MinStaffTokenBits is the least entropy CheckStaffToken accepts in a
// staff token, as estimated from its length and the character classes it
// uses: 128 bits, as many as an AES-128 key.
const MinStaffTokenBits = 128

// MinStaffTokenDistinct is the fewest different characters CheckStaffToken
// accepts in a staff token, so that a long repetition ("aaaa…",
// "abababab…") fails however long it is.
const MinStaffTokenDistinct = 8

// The character classes of a staff token and their sizes, for the entropy
// estimate: lower-case and upper-case ASCII letters, digits, and the other
// printable ASCII characters ("!" to "~" but letters and digits).
const (
	lowerClass = 26
	upperClass = 26
	digitClass = 10
	otherClass = 33
)

// staffTokenAdvice ends every error of CheckStaffToken.
const staffTokenAdvice = "; a staff token needs at least 128 bits of entropy in printable ASCII: make one with `openssl rand -hex 24`"

// CheckStaffToken reports whether token is strong enough to be the staff
// secret, and when it is not, an error that says why. A token must be
// printable ASCII without spaces, hold at least MinStaffTokenDistinct
// different characters, and have at least MinStaffTokenBits of entropy
// estimated as len(token) × log2(the sum of the sizes of the character
// classes it uses: 26 lower-case letters, 26 upper-case letters, 10
// digits, 33 other characters). The estimate is an upper bound for a
// random token and generous for a chosen one, which is why the distinct
// characters are counted too.
//
// Tokens made by a generator pass: 32 hexadecimal digits (openssl rand
// -hex 16) are 32 × log2(36) ≈ 165 bits, and the 48 the site and the
// Worker make for themselves ≈ 248. 16 hexadecimal digits do not, nor
// does "aaaaaaaaaaaaaaaa".
//
// The error does not hold the token; the caller adds which setting it
// came from (KOMMUNKIT_STAFF_TOKEN).
func CheckStaffToken(token string) error {
	if token == "" {
		return errors.New("the staff token is empty" + staffTokenAdvice)
	}
	var lower, upper, digit, other bool
	seen := make(map[byte]bool)
	for i := 0; i < len(token); i++ {
		c := token[i]
		switch {
		case c <= ' ' || c > '~':
			return errors.New("the staff token holds a space, a control character or a non-ASCII character at byte " + strconv.Itoa(i) + staffTokenAdvice)
		case 'a' <= c && c <= 'z':
			lower = true
		case 'A' <= c && c <= 'Z':
			upper = true
		case '0' <= c && c <= '9':
			digit = true
		default:
			other = true
		}
		seen[c] = true
	}
	alphabet := 0
	for _, class := range []struct {
		used bool
		size int
	}{{lower, lowerClass}, {upper, upperClass}, {digit, digitClass}, {other, otherClass}} {
		if class.used {
			alphabet += class.size
		}
	}
	bits := float64(len(token)) * math.Log2(float64(alphabet))
	if bits < MinStaffTokenBits {
		return errors.New("the staff token has about " + strconv.Itoa(int(bits)) + " bits of entropy (" +
			strconv.Itoa(len(token)) + " characters from an alphabet of " + strconv.Itoa(alphabet) +
			"), fewer than " + strconv.Itoa(MinStaffTokenBits) + staffTokenAdvice)
	}
	if len(seen) < MinStaffTokenDistinct {
		return errors.New("the staff token has only " + strconv.Itoa(len(seen)) + " different characters, fewer than " +
			strconv.Itoa(MinStaffTokenDistinct) + staffTokenAdvice)
	}
	return nil
}
