// 2013-style express app: comma-first declarations, a client name with a fallback on one path,
// and the TwiML app and ttl in module variables. twilio-node 1.x/2.x.
var express = require('express')
  , twilio = require('twilio')
  , app = express();

var APP_SID = process.env.TWILIO_APP_SID
  , TOKEN_TTL = 900;

function tokenFor(name, params) {
  if (!name) {
    name = 'anonymous';
  }
  var capability = new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN); // capmig-expect: node-twilio-capability capability-mint incoming=true app=? params=? ttl=900
  capability.allowClientIncoming(name);
  capability.allowClientOutgoing(APP_SID, params);
  return capability.generate(TOKEN_TTL);
}

app.get('/token', function (req, res) {
  res.send(tokenFor(req.query.name, { plan: req.query.plan || 'free' }));
});

module.exports = { tokenFor: tokenFor, app: app };
