// Call-center console (2015) on twilio-node 2.x: the server writes the softphone page itself,
// with the token interpolated into an inline <script>. One route keeps the object in a
// variable and signs it inside the template; the kiosk route builds the whole mint inside the
// interpolation. A third template only formats text around the word "Capability".
// capmig-negative: node-client-capability twilio-node 2.x only
var twilio = require('twilio');
var express = require('express');
var app = express();

var SHIFT_SECONDS = 8 * 60 * 60;

app.get('/console/:agent', function (req, res) {
  var capability = new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN); // capmig-expect: node-twilio-capability capability-mint identity=? incoming=true app=? ttl=28800
  capability.allowClientIncoming(req.params.agent);
  capability.allowClientOutgoing(process.env.CONSOLE_APP_SID);
  res.send(`<!doctype html>
<title>Console: ${req.params.agent}</title>
<script src="//static.twilio.com/libs/twiliojs/1.2/twilio.min.js"></script>
<script>
  var token = '${capability.generate(SHIFT_SECONDS)}';
</script>`);
});

app.get('/kiosk', function (req, res) {
  res.send(`<script>var kioskToken = "${ twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN).allowClientOutgoing(process.env.KIOSK_APP_SID).generate(600) }";</script>`); // capmig-expect: node-twilio-capability capability-mint identity=none incoming=false app=? ttl=600
});

app.get('/help', function (req, res) {
  res.send(`<p>Capability ${req.query.topic} is described in ${'the manual'}.</p>`);
});

if (require.main === module) app.listen(process.env.PORT || 3000);
