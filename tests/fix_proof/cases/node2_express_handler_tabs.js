// server.js — 2014 softphone demo, twilio-node 1.x/2.x, tab-indented like the original gist.
var express = require('express');
var twilio = require('twilio');

var app = express();
var TTL = 1800;

app.get('/token', function (req, res) {
	var name = req.query.name || 'guest';
	var capability = new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN); // capmig-expect: node-twilio-capability capability-mint identity=? incoming=true app=? params=caller ttl=1800
	capability.allowClientIncoming(name);
	if (req.query.outbound !== 'no') {
		capability.allowClientOutgoing(process.env.TWILIO_TWIML_APP_SID, {
			caller: name
		});
	}
	res.set('Content-Type', 'text/plain');
	res.send(capability.generate(TTL));
});

module.exports = app;

if (require.main === module) {
	app.listen(process.env.PORT || 3000);
}
