'use strict';
// A hackathon call app kept alive in production (twilio-node 2.x, 2016). Every setting reads
// the environment first and falls back to a literal, so the auth token ships in the repository
// even though the deploy sets TWILIO_AUTH_TOKEN. The account SID fallback is not a secret.
const express = require('express');
const { AccessToken } = require('twilio').jwt;

const accountSid = process.env.TWILIO_ACCOUNT_SID || 'AC9a1158154dfa42caddbd0694a4e9bdc8';
const authToken = process.env.TWILIO_AUTH_TOKEN || 'e2c420d928d4bf8ce0ff2ec19b371514'; // capmig-expect: hardcoded-auth-token-anywhere hardcoded-secret
const twilioAuthToken = process.env.TWILIO_TOKEN ?? '5f4dcc3b5aa765d61d8327deb882cf99'; // capmig-expect: hardcoded-auth-token-anywhere hardcoded-secret
const appSid = process.env.TWILIO_APP_SID || 'AP0cc175b9c0f1b6a831c399e269772661';
const sessionSecret = process.env.SESSION_SECRET || '8277e0910d750195b448797616e091ad';

const app = express();

app.get('/token', (req, res) => {
  const accessToken = new AccessToken(
    accountSid,
    process.env.TWILIO_API_KEY_SID,
    process.env.TWILIO_API_KEY_SECRET,
    { identity: req.query.name, ttl: 3600 }
  );
  accessToken.addGrant(new AccessToken.VoiceGrant({
    incomingAllow: true,
    outgoingApplicationSid: appSid,
  }));
  res.send(accessToken.toJwt());
});

app.listen(process.env.PORT || 3000, () => console.log('listening', sessionSecret.length));
