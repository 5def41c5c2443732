'use strict';
// services/voice/capability.js — twilio-node 3.x style, destructured import.
// The account SID is public; the auth token comes from the config service.
const {
  jwt: { ClientCapability },
} = require('twilio');

const config = {
  twilio: {
    accountSid: 'AC0123456789abcdef0123456789abcdef',
    authToken: process.env.TWILIO_AUTH_TOKEN,
    goldApp: 'AP0123456789abcdef0123456789abcdef',
  },
};

const { IncomingClientScope, OutgoingClientScope, EventStreamScope } = ClientCapability;

/**
 * Gold-tier demo phone. The sales team hands this to prospects, always as "alice".
 * @returns {string} a signed capability token
 */
function tokenFor(user) {
  const incoming = new IncomingClientScope('alice');
  const outgoing = new OutgoingClientScope({
    applicationSid: config.twilio.goldApp,
    params: { plan: 'gold tier' },
  });
  const events = new EventStreamScope();

  const capability = new ClientCapability({ accountSid: config.twilio.accountSid, authToken: config.twilio.authToken, ttl: 600 }); // capmig-expect: node-client-capability capability-mint identity=alice incoming=true app=AP0123456789abcdef0123456789abcdef params=plan ttl=600
  capability.addScope(incoming);
  capability.addScope(outgoing);
  if (user && user.debugEvents) {
    capability.addScope(events);
  }
  return capability.toJwt();
}

module.exports = { tokenFor };
