// Already migrated to Access Tokens, but the API key was pasted in: its secret signs tokens
// for the whole account until the key is deleted.
const { AccessToken } = require('twilio').jwt;

module.exports = function token(identity) {
  const accessToken = new AccessToken(
    process.env.TWILIO_ACCOUNT_SID,
    'SK8f14e45fceea167a5a36dedd4bea2543',
    'Kp4wZ9rT2mXc7LbQ1vNf6sJd3hYg8uAe', // capmig-expect: hardcoded-api-key-secret hardcoded-secret
    { identity, ttl: 3600 }
  );
  accessToken.addGrant(new AccessToken.VoiceGrant({ incomingAllow: true }));
  return accessToken.toJwt();
};
