# app.rb -- Sinatra softphone, twilio-ruby 4.x
require 'sinatra'
require 'json'
require 'twilio-ruby'

TOKEN_TTL = (ENV['TWILIO_TOKEN_TTL'] || 600).to_i

helpers do
  def token_for(client_name)
    voice_grant = Twilio::JWT::AccessToken::VoiceGrant.new
    voice_grant.incoming_allow = true
    voice_grant.outgoing_application_sid = ENV['TWILIO_APP_SID']
    voice_grant.outgoing_application_params = { 'campaign' => params[:campaign].to_s }
    access_token = Twilio::JWT::AccessToken.new(
      ENV['TWILIO_ACCOUNT_SID'],
      ENV.fetch('TWILIO_API_KEY_SID'),
      ENV.fetch('TWILIO_API_KEY_SECRET'),
      [voice_grant],
      identity: String(client_name),
      ttl: TOKEN_TTL
    )
    access_token.to_jwt
  end
end

get '/token' do
  name = params[:client].to_s
  halt 400, { error: 'client must be alphanumeric' }.to_json unless name =~ /\A\w+\z/

  content_type :json
  { token: token_for(name), expires_in: TOKEN_TTL }.to_json
end

post '/voice' do
  content_type 'text/xml'
  <<-TWIML
<?xml version="1.0" encoding="UTF-8"?>
<Response>
  <Dial callerId="#{ENV['TWILIO_CALLER_ID']}">
    <Number>#{params['To']}</Number>
  </Dial>
</Response>
  TWIML
end

error do
  status 500
  { error: env['sinatra.error'].message }.to_json
end
