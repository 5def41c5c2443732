'use strict';
// We dropped the twilio package from the edge workers (bundle size) and sign the
// capability token ourselves. Format copied from twilio-node's Capability.js.
const crypto = require('crypto');

function b64url(input) {
  return Buffer.from(input)
    .toString('base64')
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

function sign(payload, key) {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const body = b64url(JSON.stringify(payload));
  const sig = crypto.createHmac('sha256', key).update(header + '.' + body).digest('base64')
    .replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return header + '.' + body + '.' + sig;
}

function tokenFor(user, ttlSeconds) {
  const ttl = ttlSeconds || 3600;
  const appSid = process.env.TWILIO_TWIML_APP_SID;
  const name = encodeURIComponent(user);
  const scope = `scope:client:incoming?clientName=${name} scope:client:outgoing?appSid=${appSid}&clientName=${name}`; // capmig-expect: hand-rolled-scope capability-mint identity=? incoming=true app=?

  return sign(
    {
      scope,
      iss: process.env.TWILIO_ACCOUNT_SID,
      exp: Math.floor(Date.now() / 1000) + ttl,
    },
    process.env.TWILIO_AUTH_TOKEN
  );
}

module.exports = { tokenFor, sign };
