# token_server.rb -- pinned to twilio-ruby 5.0.0.rc17 in 2016 because the release
# candidate "already had the new JWT module". Never moved to 5.0.0 final.
require 'sinatra/base'
require 'twilio-ruby'

class TokenServer < Sinatra::Base
  ACCOUNT_SID = 'AC0cc175b9c0f1b6a831c399e269772661'.freeze
  AUTH_TOKEN  = '7d793037a0760186574b0282f2f435e7'.freeze # capmig-expect: hardcoded-auth-token hardcoded-secret
  APP_SID     = 'AP92eb5ffee6ae2fec3ad71c777531578f'.freeze

  def self.token_for(user, ttl = 3600)
    capability = Twilio::JWT::Capability.new(ACCOUNT_SID, AUTH_TOKEN) # capmig-expect: ruby-jwt-capability capability-mint identity=? incoming=true app=AP92eb5ffee6ae2fec3ad71c777531578f params=locale ttl=?
    capability.allow_client_incoming(user)
    capability.allow_client_outgoing(APP_SID, 'locale' => 'de-DE')
    capability.generate(ttl)
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
