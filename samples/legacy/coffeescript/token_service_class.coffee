# A CoffeeScript class around twilio-node 2.x. The credentials are constructor parameters
# kept on `this` (`@sid`); the outgoing parameters are an implicit object after the app sid,
# and the ttl has a default argument.
twilio = require 'twilio'

class TokenService
  constructor: (@sid, @token, @appSid) ->

  tokenFor: (agent, ttl = 600) =>
    capability = new twilio.Capability @sid, @token # capmig-expect: node-twilio-capability capability-mint identity=? incoming=true app=? params=agent,queue ttl=?
    capability.allowClientIncoming agent.name
    capability.allowClientOutgoing @appSid, agent: agent.name, queue: 'support'
    capability.generate ttl

  # A lookalike: a method of our own that happens to be called generate.
  report: ->
    @generate 'daily'

module.exports = TokenService
