// Lambda handler for the warehouse intercoms (Node 8 runtime, twilio@3.11).
// The original author inlined everything; nobody has dared to touch it since.
const twilio = require('twilio');
const { AccessToken } = require('twilio').jwt;

function intercomToken() {
  const accessToken = new AccessToken(
    'ACe9f1c2b3a4d5e6f7a8b9c0d1e2f3a4b5',
    process.env.TWILIO_API_KEY_SID,
    process.env.TWILIO_API_KEY_SECRET,
    { identity: 'kiosk_7', ttl: 3600 }
  );
  accessToken.addGrant(new AccessToken.VoiceGrant({
    outgoingApplicationSid: 'AP2b4d6f8a0c1e3a5b7c9d0e2f4a6b8c0d',
  }));
  return accessToken.toJwt();
}

// Supervisor barge-in: listens as "alice" but dials out as "supervisor".
// (The outgoing clientName differs from the incoming one.)
function tokenFor(user) {
  const capability = new twilio.jwt.ClientCapability({ accountSid: process.env.TWILIO_ACCOUNT_SID, authToken: process.env.TWILIO_AUTH_TOKEN, ttl: 1200 }); // capmig-expect: node-client-capability capability-mint identity=alice incoming=true app=? ttl=1200
  capability.addScope(new twilio.jwt.ClientCapability.IncomingClientScope('alice'));
  capability.addScope(new twilio.jwt.ClientCapability.OutgoingClientScope({
    applicationSid: process.env.SUPERVISOR_APP_SID,
    clientName: 'supervisor',
  }));
  console.log('supervisor token for', user);
  return capability.toJwt();
}

exports.handler = async (event) => {
  const path = event.path || '/';
  try {
    const token = path === '/supervisor'
      ? tokenFor(event.requestContext && event.requestContext.authorizer && event.requestContext.authorizer.principalId)
      : intercomToken();
    return {
      statusCode: 200,
      headers: { 'Content-Type': 'application/jwt' },
      body: token,
    };
  } catch (err) {
    console.error(err);
    return { statusCode: 500, body: 'token error' };
  }
};

exports.tokenFor = tokenFor;
exports.intercomToken = intercomToken;
