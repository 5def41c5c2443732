'use strict';
// NEGATIVE SAMPLE: already migrated (2023). Access Token + VoiceGrant signed with an API key.
// Expected findings: none.
//
// Before the migration this file used the deprecated ClientCapability helper; see
// docs/adr/0007-access-tokens.md for the history.
const { AccessToken } = require('twilio').jwt;
const { VoiceGrant } = AccessToken;

const TOKEN_TTL = 600;

function tokenFor(identity) {
  if (!/^\w+$/.test(identity || '')) {
    throw new Error('identity must be alphanumeric or underscore');
  }
  const token = new AccessToken(
    process.env.TWILIO_ACCOUNT_SID,
    process.env.TWILIO_API_KEY_SID,
    process.env.TWILIO_API_KEY_SECRET,
    { identity, ttl: TOKEN_TTL }
  );
  token.addGrant(
    new VoiceGrant({
      incomingAllow: true,
      outgoingApplicationSid: process.env.TWILIO_TWIML_APP_SID,
      outgoingApplicationParams: { plan: 'standard' },
    })
  );
  return token.toJwt();
}

module.exports = { tokenFor, TOKEN_TTL };

if (require.main === module) {
  const express = require('express');
  const app = express();
  app.get('/token', (req, res) => {
    try {
      res.json({ token: tokenFor(String(req.query.identity || '')) });
    } catch (err) {
      res.status(400).json({ error: err.message });
    }
  });
  app.listen(process.env.PORT || 3000);
}
