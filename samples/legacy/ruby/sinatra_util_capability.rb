# app.rb -- Sinatra softphone, twilio-ruby 4.x
require 'sinatra'
require 'json'
require 'twilio-ruby'

TOKEN_TTL = (ENV['TWILIO_TOKEN_TTL'] || 600).to_i

helpers do
  def token_for(client_name)
    capability = Twilio::Util::Capability.new ENV['TWILIO_ACCOUNT_SID'], ENV['TWILIO_AUTH_TOKEN'] # capmig-expect: ruby-util-capability capability-mint identity=? incoming=true app=? params=campaign ttl=?
    capability.allow_client_outgoing ENV['TWILIO_APP_SID'], 'campaign' => params[:campaign].to_s
    capability.allow_client_incoming client_name
    capability.generate TOKEN_TTL
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
