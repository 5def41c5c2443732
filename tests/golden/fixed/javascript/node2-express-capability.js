'use strict';
// Softphone token endpoint, written against twilio-node 2.x (package.json: "twilio": "^2.9.0").
// Credentials come from the environment (Heroku config vars).
const { AccessToken } = require('twilio').jwt;

const TOKEN_TTL_SECONDS = 600;

/**
 * Capability token for one agent: the browser may receive calls for `user`
 * and place calls through the "Support Softphone" TwiML app.
 */
function tokenFor(user, options) {
  const opts = options || {};

  // Event stream was only used by the old wallboard, removed in 2016.
  // capability.allowEventStream();

  const accessToken = new AccessToken(
    process.env.TWILIO_ACCOUNT_SID,
    process.env.TWILIO_API_KEY_SID,
    process.env.TWILIO_API_KEY_SECRET,
    { identity: user, ttl: TOKEN_TTL_SECONDS }
  );
  accessToken.addGrant(new AccessToken.VoiceGrant({
    incomingAllow: true,
    outgoingApplicationSid: process.env.TWILIO_TWIML_APP_SID,
    outgoingApplicationParams: {
      plan: opts.plan || 'standard',
      queue: 'support',
    },
  }));
  return accessToken.toJwt();
}

module.exports = { tokenFor };

if (require.main === module) {
  const express = require('express');
  const app = express();

  app.get('/token', (req, res) => {
    const user = req.query.user;
    if (!user || !/^\w+$/.test(user)) {
      res.status(400).json({ error: 'user must be alphanumeric' });
      return;
    }
    try {
      res.set('Cache-Control', 'no-store');
      res.json({ token: tokenFor(user, { plan: req.query.plan }), ttl: TOKEN_TTL_SECONDS });
    } catch (err) {
      console.error('token generation failed', err);
      res.status(500).json({ error: 'could not create token' });
    }
  });

  const port = process.env.PORT || 3000;
  app.listen(port, () => console.log(`token server listening on ${port}`));
}
