// Party game (2013) on TwilioCapability-js, vendored as a git submodule. That module's
// allowClientOutgoing(appSid, appParams) takes the params second, its methods chain, and
// generateToken(ttl) signs.
// capmig-negative: node-community-twilio-client-token same class name, other module (generateToken)
// capmig-negative: node-twilio-capability not twilio-node's Capability
var _config,
	url = require('url'),
	TwilioCapability = require('../vendor/TwilioCapability-js/nodejs/lib/TwilioCapability');

module.exports = function (app) {
	_config = app.get('config');
	app.get('/token', token);
	app.get('/spectator', spectator);
};

function token(req, res) {
	var clientName = url.parse(req.url, true).query.clientName || 'guest',
		capability = new TwilioCapability(_config.twilio.accountSid, _config.twilio.authToken); // capmig-expect: node-community-twiliocapability-js capability-mint identity=? incoming=true app=? ttl=3600
	capability
		.allowClientOutgoing(_config.twilio.appSid)
		.allowClientIncoming(clientName)
		.allowEventStream();
	res.send({
		clientName: clientName,
		token: capability.generateToken()
	});
}

// Spectators may only listen in: outgoing with the game as a parameter, two minutes.
function spectator(req, res) {
	var cap = new TwilioCapability(_config.twilio.accountSid, _config.twilio.authToken) // capmig-expect: node-community-twiliocapability-js capability-mint identity=none incoming=false app=? params=game,mode ttl=120
		.allowClientOutgoing(_config.twilio.appSid, { game: req.query.game, mode: 'listen' });
	res.json({ token: cap.generateToken(120) });
}
