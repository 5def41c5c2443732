// lib/voice/token.js — twilio-node 3.x, checked out on Windows (CRLF line endings).
const ClientCapability = require('twilio').jwt.ClientCapability;

const SESSION_SECONDS = 900;

function tokenFor(agent, team) {
  const capability = new ClientCapability({ // capmig-expect: node-client-capability capability-mint identity=? incoming=true app=? params=team,lang ttl=900
    accountSid: process.env.TWILIO_ACCOUNT_SID,
    authToken: process.env.TWILIO_AUTH_TOKEN,
    ttl: SESSION_SECONDS,
  });
  capability.addScope(
    new ClientCapability.IncomingClientScope(agent)
  );
  capability.addScope(
    new ClientCapability.OutgoingClientScope({
      applicationSid: process.env.TWILIO_TWIML_APP_SID,
      clientName: agent,
      params: {
        team: team,
        lang: 'de-DE',
      },
    })
  );
  const jwt = capability.toJwt();
  return jwt;
}

module.exports = { tokenFor };
