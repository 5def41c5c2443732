// Agent desk (2014), twilio-node 2.x. Two helpers hand a capability object to their caller:
// one grants the agent's incoming scope and returns the object, the route adds the outgoing
// scope and signs; an arrow helper returns a bare object that one route configures in a chain.
// A third helper is called from two routes: each call builds another object, so neither
// caller's scopes belong to its construct.
var twilio = require('twilio');

var SHIFT_SECONDS = 8 * 3600;

function capabilityFor(agent) {
  var capability = new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN); // capmig-expect: node-twilio-capability capability-mint identity=? incoming=true app=? ttl=28800
  capability.allowClientIncoming(agent);
  return capability;
}

const lobbyCapability = () => new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN); // capmig-expect: node-twilio-capability capability-mint identity=none incoming=false app=? ttl=600

function bareCapability() {
  return new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN); // capmig-expect: node-twilio-capability capability-mint identity=none incoming=false ttl=3600
}

exports.desk = function (req, res) {
  var cap = capabilityFor(req.user.login);
  cap.allowClientOutgoing(process.env.DESK_APP_SID);
  res.json({ token: cap.generate(SHIFT_SECONDS) });
};

exports.lobby = function (req, res) {
  res.json({ token: lobbyCapability().allowClientOutgoing(process.env.LOBBY_APP_SID).generate(600) });
};

exports.wallboard = function (req, res) {
  var a = bareCapability();
  a.allowClientIncoming('wallboard');
  var b = bareCapability();
  b.allowClientIncoming('wallboard-backup');
  res.json({ tokens: [a.generate(), b.generate()] });
};
