'use strict';
// routes/softphone.js — a hosted contact-centre: every customer brings its own Twilio account,
// stored on its row in `accounts`. twilio-node 3.x.
const express = require('express');
const twilio = require('twilio');
const db = require('../db');

const ClientCapability = twilio.jwt.ClientCapability;
const router = express.Router();

router.get('/softphone/token', async (req, res, next) => {
  try {
    const account = await db.accounts.findById(req.user.accountId);
    const accountSid = account.twilio_account_sid;
    const authToken = account.twilio_auth_token;
    // Each tenant's token is signed with that tenant's own auth token.
    const capability = new ClientCapability({ accountSid, authToken }); // capmig-expect: node-client-capability capability-mint identity=? incoming=true app=? ttl=3600
    capability.addScope(new ClientCapability.IncomingClientScope(req.user.username));
    capability.addScope(new ClientCapability.OutgoingClientScope({ applicationSid: account.twiml_app_sid }));
    res.json({ token: capability.toJwt() });
  } catch (err) {
    next(err);
  }
});

// Used by the admin console to test a customer's credentials before saving them.
function probeToken(accountSid, authToken, clientName) {
  const capability = new ClientCapability({ accountSid: accountSid, authToken: authToken, ttl: 60 }); // capmig-expect: node-client-capability capability-mint identity=? incoming=true ttl=60
  capability.addScope(new ClientCapability.IncomingClientScope(clientName));
  return capability.toJwt();
}

module.exports = { router, probeToken };
