# capmig-negative: node-twilio-capability a REST client, and mentions in comments and strings
# capmig-negative: client-twiliojs-setup no twilio.js call, only its name in text
twilio = require 'twilio'
client = twilio process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN

# new twilio.Capability(sid, token) used to live here; see the wiki.
###
cap = new twilio.Capability sid, token
cap.allowClientIncoming 'alice'
###
help = "call capability.allowClientIncoming name, then Twilio.Device.setup token"
notACall = twilio.Capability

module.exports = (to, body) ->
  client.messages.create to: to, from: process.env.TWILIO_NUMBER, body: body
