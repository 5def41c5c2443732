// Conference-room app (2013) on the community twilio-client-token module, which copied
// twilio-js: allowClientOutgoing(appSid, clientName, params) takes the outgoing client name
// second and the params third, and generate() signs. The module has no Access Token.
// capmig-negative: node-community-twiliocapability-js same class name, other module (it signs with generate)
// capmig-negative: node-twilio-capability not twilio-node's Capability
var TwilioCapability = require('twilio-client-token')
  , redis = require('redis')
  , settings = require('../settings')
  , store = redis.createClient(settings.redis.port, settings.redis.host);

// One token for the whole lobby page, minted when the module loads.
var lobby = new TwilioCapability(settings.twilioAccountSid, settings.twilioAuthToken); // capmig-expect: node-community-twilio-client-token capability-mint identity=none incoming=false app=APa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5 ttl=3600
lobby.allowClientOutgoing('APa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5');
var lobbyToken = lobby.generate();

exports.lobby = function (req, res) {
  res.render('lobby', { token: lobbyToken });
};

// A caller joins a room: their name rings them and goes out as the caller, with the room
// as a TwiML parameter.
exports.room = function (req, res) {
  store.get('room:' + req.query.id, function (err, room) {
    if (err || !room) return res.send(404);
    var cap = new TwilioCapability(settings.twilioAccountSid, settings.twilioAuthToken); // capmig-expect: node-community-twilio-client-token capability-mint identity=? incoming=true app=? params=room ttl=600
    cap.allowClientIncoming(req.query.name);
    cap.allowClientOutgoing(settings.roomAppSid, req.query.name, { room: req.query.id });
    res.render('room', { token: cap.generate(600), room: room });
  });
};
