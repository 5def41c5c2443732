// A token service whose Twilio settings are an object literal in the same file (twilio-node 3.x+).
// The API key cannot come from `config`: the literal has no such keys.
const twilio = require('twilio');

const config = {
  accountSid: process.env.TWILIO_ACCOUNT_SID,
  authToken: process.env.TWILIO_AUTH_TOKEN,
  appSid: process.env.TWILIO_APP_SID,
};

exports.tokenFor = function tokenFor(name) {
  const capability = new twilio.jwt.ClientCapability({ accountSid: config.accountSid, authToken: config.authToken }); // capmig-expect: node-client-capability capability-mint identity=? incoming=true app=? ttl=3600
  capability.addScope(new twilio.jwt.ClientCapability.IncomingClientScope(name));
  capability.addScope(new twilio.jwt.ClientCapability.OutgoingClientScope({ applicationSid: config.appSid, clientName: name }));
  return capability.toJwt();
};
