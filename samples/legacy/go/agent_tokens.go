// agent_tokens.go — a call-center service (2015) vendoring a capability package as
// `twilioclient`: the capability is kept in a struct field by the constructor function, the
// scopes are added in a method, and GenerateToken takes the ttl as a time.Duration.
package agents

import (
	"time"

	"example.com/callcenter/twilioclient"
)

type TokenService struct {
	appSid string
}

func (s *TokenService) AgentToken(agentID string, hours int) (string, error) {
	// capmig-expect-next-line: go-capability capability-mint identity=? incoming=true app=? ttl=28800
	c := twilioclient.NewCapability(config.AccountSid, config.AuthToken)
	c.AllowClientIncoming(agentID)
	c.AllowClientOutgoing(s.appSid, map[string]string{"agent": agentID})
	return c.GenerateToken(8 * time.Hour)
}

// A rule engine's own "capability" (a permission), in the same package: not Twilio's.
type Permission struct{ Name string }

func NewPermission(name string) *Permission { return &Permission{Name: name} }
