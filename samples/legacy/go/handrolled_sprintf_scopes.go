// handrolled_sprintf_scopes.go — a dispatch console (2016) that dropped its capability package
// and signs the token with a JWT library of its own; the scope strings are assembled with
// fmt.Sprintf, one grant at a time (one token: one finding), or from a format kept in a
// package constant.
package dispatch

import (
	"fmt"
	"strings"
	"time"

	jwt "github.com/dgrijalva/jwt-go"
)

// Kept beside the others so the wire format is in one place.
const consoleScopeFormat = "scope:client:incoming?clientName=%s scope:client:outgoing?appSid=%s&clientName=%s" // capmig-expect: hand-rolled-scope capability-mint identity=? incoming=true app=?

type Grants struct {
	AccountSid string
	AuthToken  string
	DialApp    string // TwiML app the console dials through
	Seat       string // the console seat that may receive calls
}

func (g Grants) scope() string {
	var parts []string
	if g.DialApp != "" {
		out := fmt.Sprintf("scope:client:outgoing?appSid=%s", g.DialApp) // capmig-expect: hand-rolled-scope capability-mint identity=? incoming=true app=?
		if g.Seat != "" {
			out += fmt.Sprintf("&clientName=%s", g.Seat)
		}
		parts = append(parts, out)
	}
	if g.Seat != "" {
		parts = append(parts, fmt.Sprintf("scope:client:incoming?clientName=%v", g.Seat)) // the same token as the outgoing scope above
	}
	return strings.Join(parts, " ")
}

func (g Grants) Token(ttl time.Duration) (string, error) {
	claims := jwt.MapClaims{
		"iss":   g.AccountSid,
		"exp":   time.Now().Add(ttl).Unix(),
		"scope": g.scope(),
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(g.AuthToken))
}

// SupervisorToken gives a supervisor the same seat for both directions.
func SupervisorToken(g Grants, supervisor string) (string, error) {
	claims := jwt.MapClaims{
		"iss":   g.AccountSid,
		"exp":   time.Now().Add(time.Hour).Unix(),
		"scope": fmt.Sprintf(consoleScopeFormat, "sup_"+supervisor, g.DialApp, "sup_"+supervisor),
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(g.AuthToken))
}
