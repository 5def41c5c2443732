# token_server.rb -- pinned to twilio-ruby 5.0.0.rc17 in 2016 because the release
# candidate "already had the new JWT module". Never moved to 5.0.0 final.
require 'sinatra/base'
require 'twilio-ruby'

class TokenServer < Sinatra::Base
  ACCOUNT_SID = 'AC0cc175b9c0f1b6a831c399e269772661'.freeze
  AUTH_TOKEN  = '7d793037a0760186574b0282f2f435e7'.freeze # capmig-expect: hardcoded-auth-token hardcoded-secret
  APP_SID     = 'AP92eb5ffee6ae2fec3ad71c777531578f'.freeze

  def self.token_for(user, ttl = 3600)
    voice_grant = Twilio::JWT::AccessToken::VoiceGrant.new
    voice_grant.incoming_allow = true
    voice_grant.outgoing_application_sid = APP_SID
    voice_grant.outgoing_application_params = { 'locale' => 'de-DE' }
    access_token = Twilio::JWT::AccessToken.new(
      ACCOUNT_SID,
      ENV.fetch('TWILIO_API_KEY_SID'),
      ENV.fetch('TWILIO_API_KEY_SECRET'),
      [voice_grant],
      identity: String(user),
      ttl: ttl
    )
    access_token.to_jwt
  end

  get '/token' do
    user = params.fetch('user') { halt 400, 'user missing' }
    content_type 'application/jwt'
    self.class.token_for(user, 900)
  end

  # Old handler from the twilio-ruby 3.x days:
  # get '/token' do
  #   capability = Twilio::Util::Capability.new ACCOUNT_SID, AUTH_TOKEN
  #   capability.allow_client_incoming 'joey'
  #   capability.generate
  # end

  run! if app_file == $PROGRAM_NAME
end
