// lib/token.js — twilio-node 3.x browser calls: the dashboard page is the agent, the rest customers.
const ClientCapability = require('twilio').jwt.ClientCapability;

function tokenForPage(page) {
  const capability = new ClientCapability({ // capmig-expect: node-client-capability capability-mint identity=support_agent incoming=true app=? ttl=3600
    accountSid: process.env.TWILIO_ACCOUNT_SID,
    authToken: process.env.TWILIO_AUTH_TOKEN,
  });
  capability.addScope(new ClientCapability.OutgoingClientScope({ applicationSid: process.env.TWILIO_TWIML_APP_SID }));
  if (page === '/dashboard') {
    capability.addScope(new ClientCapability.IncomingClientScope('support_agent'));
  } else {
    capability.addScope(new ClientCapability.IncomingClientScope('customer'));
  }
  return capability.toJwt();
}

module.exports = { tokenForPage };
