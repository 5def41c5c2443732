# sinatra_conditional_modifier.rb -- twilio-ruby 5.x in a Sinatra app (2018): the incoming
# scope is added with a trailing `if`, only when the browser names its client. `fix` gives a
# draft (conditional-scopes) with the grant's field to set under that condition.
require 'sinatra'
require 'twilio-ruby'

get '/token' do
  capability = Twilio::JWT::ClientCapability.new(ENV['TWILIO_ACCOUNT_SID'], ENV['TWILIO_AUTH_TOKEN']) # capmig-expect: ruby-jwt-client-capability capability-mint identity=? incoming=true app=? ttl=3600
  capability.add_scope(Twilio::JWT::ClientCapability::OutgoingClientScope.new(ENV['TWILIO_APP_SID']))
  capability.add_scope(Twilio::JWT::ClientCapability::IncomingClientScope.new(params[:client])) if params[:client]
  content_type :json
  { token: capability.to_jwt }.to_json
end
