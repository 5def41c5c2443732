// negative_capability_package.go — the capability package itself (vendored into an app):
// defining NewCapability and its methods mints nothing. Nothing here is a finding.
// capmig-negative: go-capability the package's own definition and self-test
package twilio

import "time"

type Capability struct {
	accountSid string
	authToken  string
	ttl        time.Duration
	scopes     []string
}

func NewCapability(accountSid, authToken string) *Capability {
	return &Capability{accountSid: accountSid, authToken: authToken, ttl: time.Hour}
}

func (c *Capability) AllowClientIncoming(clientName string) *Capability {
	c.scopes = append(c.scopes, "incoming:"+clientName)
	return c
}

func (c *Capability) SetTTL(ttl time.Duration) *Capability {
	c.ttl = ttl
	return c
}

// A self-test inside the package calls its own constructor, bare.
func selfTest() *Capability {
	return NewCapability("AC00000000000000000000000000000000", "test").AllowClientIncoming("probe")
}
