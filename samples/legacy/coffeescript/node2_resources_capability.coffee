# lib/resources.coffee: a Node 0.10 / twilio-node 1.x app written in CoffeeScript. The shared
# resources object carries a token factory; the capability is made by calling the class
# without `new` (twilio-node 1.x returns a new object either way), and every call on it
# drops its parentheses.
Twilio = require 'twilio'

module.exports = (resources) ->
  twilioConfig =
    account_sid: process.env.TWILIO_ACCOUNT_SID
    token: process.env.TWILIO_AUTH_TOKEN

  resources.voiceToken = (member) ->
    capability = Twilio.Capability twilioConfig.account_sid, twilioConfig.token # capmig-expect: node-twilio-capability capability-mint identity=? incoming=true app=? ttl=3600
    capability.allowClientIncoming member.clientId()
    console.log member.clientId(), 'connected'
    capability.allowClientOutgoing member.get('twilio_app_sid')
    capability.generate()

  ### An older version, kept for reference:
  resources.oldToken = ->
    cap = new Twilio.Capability twilioConfig.account_sid, twilioConfig.token
    cap.allowClientOutgoing 'AP00000000000000000000000000000000'
    cap.generate()
  ###

  resources
