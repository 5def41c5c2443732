// routes/agent-token.js — twilio-node 2.3 (allow* chain, no `new`), mounted by the ops dashboard.
var express = require('express');
var twilio = require('twilio');

var router = express.Router();

function tokenFor(agent) {
  return twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN).allowClientIncoming(agent).allowClientOutgoing(process.env.TWILIO_TWIML_APP_SID, { agent: agent, site: 'berlin' }).generate(1200); // capmig-expect: node-twilio-capability capability-mint identity=? incoming=true app=? params=agent,site ttl=1200
}

router.get('/agent/token', function (req, res) {
  var agent = String(req.query.agent || '');
  if (!/^\w+$/.test(agent)) {
    return res.status(400).json({ error: 'bad agent' });
  }
  res.json({ agent: agent, token: tokenFor(agent) });
});

module.exports = router;
module.exports.tokenFor = tokenFor;
