// A token route left with the debugging prints of its first bring-up: the capability object is
// logged between the calls that build it (it holds the auth token). twilio-node 3.x+.
const ClientCapability = require('twilio').jwt.ClientCapability;

const logger = { debug() {}, info() {} };

exports.agentToken = function agentToken(agentId, appSid) {
  const capability = new ClientCapability({ // capmig-expect: node-client-capability capability-mint identity=? incoming=true app=? ttl=3600
    accountSid: process.env.TWILIO_ACCOUNT_SID,
    authToken: process.env.TWILIO_AUTH_TOKEN,
  });
  console.log('CAPABILITY', capability);
  capability.addScope(new ClientCapability.OutgoingClientScope({ applicationSid: appSid || process.env.TWILIO_APP_SID }));
  logger.debug('scopes for ' + agentId, capability);
  capability.addScope(new ClientCapability.IncomingClientScope(agentId));
  const token = capability.toJwt();
  logger.info('issued a token for', agentId);
  return token;
};
