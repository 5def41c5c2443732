// src/token.mjs — native ES module (package.json "type": "module"), twilio-node 3.x.
// twilio is CommonJS: only its default export is importable from ESM.
import twilio from 'twilio';

const { ClientCapability } = twilio.jwt;

export function tokenFor(user) {
  const capability = new ClientCapability({ // capmig-expect: node-client-capability capability-mint identity=? incoming=true app=? ttl=3600
    accountSid: process.env.TWILIO_ACCOUNT_SID,
    authToken: process.env.TWILIO_AUTH_TOKEN,
  });
  capability.addScope(new ClientCapability.IncomingClientScope(user));
  capability.addScope(new ClientCapability.OutgoingClientScope({ applicationSid: process.env.TWILIO_TWIML_APP_SID, clientName: user }));
  return capability.toJwt();
}
