'use strict';
// Browser softphone backend. Upgraded from twilio 2.x to 3.x in 2017 ("the big rename"),
// later bumped to 4.x without touching this file.
const express = require('express');
const ClientCapability = require('twilio').jwt.ClientCapability;

const router = express.Router();

const ttl = parseInt(process.env.TWILIO_TOKEN_TTL || '3600', 10);

function tokenFor(identity) {
  if (!identity) {
    throw new Error('identity required');
  }

  const capability = new ClientCapability({ // capmig-expect: node-client-capability capability-mint identity=? incoming=true app=? ttl=?
    accountSid: process.env.TWILIO_ACCOUNT_SID,
    authToken: process.env.TWILIO_AUTH_TOKEN,
    ttl: ttl,
  });

  capability.addScope(new ClientCapability.IncomingClientScope(identity));
  capability.addScope(
    new ClientCapability.OutgoingClientScope({
      applicationSid: process.env.TWILIO_TWIML_APP_SID,
      clientName: identity,
    })
  );

  return capability.toJwt();
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
