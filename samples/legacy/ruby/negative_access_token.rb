# NEGATIVE SAMPLE: migrated Rails controller (Access Token + VoiceGrant, API key).
# Expected findings: none.
class VoiceTokensController < ApplicationController
  before_action :authenticate_user!

  TOKEN_TTL = 600

  def self.token_for(identity)
    grant = Twilio::JWT::AccessToken::VoiceGrant.new
    grant.incoming_allow = true
    grant.outgoing_application_sid = ENV['TWILIO_TWIML_APP_SID']
    grant.outgoing_application_params = { 'plan' => 'standard' }

    token = Twilio::JWT::AccessToken.new(
      ENV['TWILIO_ACCOUNT_SID'],
      ENV['TWILIO_API_KEY_SID'],
      ENV['TWILIO_API_KEY_SECRET'],
      [grant],
      identity: identity,
      ttl: TOKEN_TTL
    )
    token.to_jwt
  end

  def create
    render json: { identity: current_user.voice_identity,
                   token: self.class.token_for(current_user.voice_identity) }
  end
end
