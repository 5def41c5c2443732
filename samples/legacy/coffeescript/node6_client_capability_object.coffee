# twilio-node 3.x in CoffeeScript: the ClientCapability options and the outgoing scope's
# options are written as brace-less objects, one `key: value` per indented line.
{jwt: {ClientCapability}} = require 'twilio'

exports.token = (req, res) ->
  capability = new ClientCapability # capmig-expect: node-client-capability capability-mint identity=? incoming=true app=? ttl=1800
    accountSid: process.env.TWILIO_ACCOUNT_SID
    authToken: process.env.TWILIO_AUTH_TOKEN
    ttl: 1800
  capability.addScope new ClientCapability.IncomingClientScope(req.user.login)
  capability.addScope new ClientCapability.OutgoingClientScope
    applicationSid: process.env.TWILIO_TWIML_APP_SID
    clientName: req.user.login
  res.json token: capability.toJwt()
