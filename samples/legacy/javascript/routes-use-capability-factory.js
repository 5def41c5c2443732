// routes/phone.js (flattened beside its library here) — the route that signs what lib-capability-factory.js's newCapability()
// returns (required under another name), so that construct's client name, outgoing app and
// ttl are these.
var express = require('express');
var capabilities = require('./lib-capability-factory');

var router = express.Router();
var TOKEN_TTL = 1200;

router.get('/phone/token', function (req, res) {
  var capability = capabilities.newCapability();
  capability.allowClientIncoming(req.session.operator);
  capability.allowClientOutgoing(process.env.PHONE_APP_SID);
  res.json({ token: capability.generate(TOKEN_TTL) });
});

module.exports = router;
