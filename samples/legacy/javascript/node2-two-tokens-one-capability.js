// Typings smoke test turned endpoint: one twilio.Capability object signs several tokens.
// Each generate() is a token of its own: the scopes added before it, and its own ttl.
var twilio = require('twilio');

module.exports = function issue(req, res) {
  var capability = new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN); // capmig-expect: node-twilio-capability capability-mint identity=? ttl=3600 app=none
  capability.allowClientIncoming(req.query.agent);
  var listenOnly = capability.generate();

  capability.allowClientOutgoing(process.env.TWILIO_APP_SID);
  var dialer = capability.generate(120); // capmig-expect: node-twilio-capability capability-mint identity=? ttl=120 app=?
  res.json({ listenOnly: listenOnly, dialer: dialer });
};
