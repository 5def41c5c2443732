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

  voice_grant = Twilio::JWT::AccessToken::VoiceGrant.new
  voice_grant.incoming_allow = true
  voice_grant.outgoing_application_sid = settings['app_sid']
  access_token = Twilio::JWT::AccessToken.new(
    settings['account_sid'],
    settings['api_key_sid'],
    settings['api_key_secret'],
    [voice_grant],
    identity: String(client_name),
    ttl: 3600
  )
  access_token.to_jwt
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
