'use strict';
// Browser softphone backend. Upgraded from twilio 2.x to 3.x in 2017 ("the big rename"),
// later bumped to 4.x without touching this file.
const express = require('express');
const { AccessToken } = require('twilio').jwt;

const router = express.Router();

const ttl = parseInt(process.env.TWILIO_TOKEN_TTL || '3600', 10);

function tokenFor(identity) {
  if (!identity) {
    throw new Error('identity required');
  }


  const accessToken = new AccessToken(
    process.env.TWILIO_ACCOUNT_SID,
    process.env.TWILIO_API_KEY_SID,
    process.env.TWILIO_API_KEY_SECRET,
    { identity: identity, ttl: ttl }
  );
  accessToken.addGrant(new AccessToken.VoiceGrant({
    incomingAllow: true,
    outgoingApplicationSid: process.env.TWILIO_TWIML_APP_SID,
  }));
  return accessToken.toJwt();
}

router.get('/token', (req, res, next) => {
  // The SSO middleware puts the agent on req.user.
  const identity = req.user && req.user.username;
  if (!identity) {
    return res.status(401).json({ error: 'not signed in' });
  }
  let token;
  try {
    token = tokenFor(identity.replace(/[^A-Za-z0-9_]/g, '_'));
  } catch (err) {
    return next(err);
  }
  return res.json({ identity, token });
});

module.exports = router;
module.exports.tokenFor = tokenFor;
