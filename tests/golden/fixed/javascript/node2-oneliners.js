'use strict';
// Kiosk and lobby phones (twilio-node ~2.1). Three generations of token code that
// accumulated in one helper file.
const { Capability } = require('twilio');
const { AccessToken } = require('twilio').jwt;

const LOBBY_APP = 'APf1e2d3c4b5a6978867564534231201ff';

// v1 (2014): outbound-only lobby phone, credentials pasted in by the contractor.
function lobbyToken() {
  return new Capability('ACb7a1c9d2e8f34a6b9c0d1e2f3a4b5c6d', '9f86d081884c7d659a2feaa0c55ad015').allowClientOutgoing(LOBBY_APP).generate(); // capmig-expect: node-twilio-capability capability-mint identity=none incoming=false app=APf1e2d3c4b5a6978867564534231201ff ttl=3600; hardcoded-auth-token hardcoded-secret
}

// v2 (2015): no arguments at all; twilio-node reads TWILIO_ACCOUNT_SID and
// TWILIO_AUTH_TOKEN from the environment itself.
function kioskToken(kioskId) {
  const accessToken = new AccessToken(
    process.env.TWILIO_ACCOUNT_SID,
    process.env.TWILIO_API_KEY_SID,
    process.env.TWILIO_API_KEY_SECRET,
    { identity: 'kiosk_' + kioskId, ttl: 300 }
  );
  accessToken.addGrant(new AccessToken.VoiceGrant({
    incomingAllow: true,
  }));
  return accessToken.toJwt();
}

// v3 (2016): same thing through require() inline, used by the night-shift script.
function tokenFor(user) {
  const accessToken = new AccessToken(
    process.env.TWILIO_ACCOUNT_SID,
    process.env.TWILIO_API_KEY_SID,
    process.env.TWILIO_API_KEY_SECRET,
    { identity: user, ttl: 3600 }
  );
  accessToken.addGrant(new AccessToken.VoiceGrant({
    incomingAllow: true,
    outgoingApplicationSid: process.env.NIGHT_SHIFT_APP_SID,
  }));
  return accessToken.toJwt();
}

module.exports = { lobbyToken, kioskToken, tokenFor };
