# quickstart.rb -- copied from the "Twilio Client quickstart" for twilio-ruby 5.x
# (the docs still showed the 5.0 release-candidate class). The credentials were never
# filled in here: production overrides them through config/twilio.yml.
require 'sinatra'
require 'yaml'
require 'twilio-ruby'

# put your Twilio API credentials here
DEFAULTS = {
  'account_sid' => 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  'auth_token' => 'your_auth_token',
  'app_sid' => 'APXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'
}.freeze

def twilio_settings
  path = File.expand_path('config/twilio.yml', __dir__)
  File.exist?(path) ? DEFAULTS.merge(YAML.load_file(path)) : DEFAULTS
end

def token_for(client_name)
  settings = twilio_settings
  capability = Twilio::JWT::Capability.new settings['account_sid'], settings['auth_token'] # capmig-expect: ruby-jwt-capability capability-mint identity=? incoming=true app=? ttl=3600

  capability.allow_client_outgoing settings['app_sid']
  capability.allow_client_incoming client_name
  capability.generate
end

get '/token' do
  client_name = params[:client] || 'joey'
  content_type 'application/jwt'
  token_for(client_name)
end

post '/voice' do
  content_type 'text/xml'
  <<~XML
    <Response>
      <Dial><Client>#{params[:To]}</Client></Dial>
    </Response>
  XML
end
