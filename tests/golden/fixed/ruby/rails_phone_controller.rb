# app/controllers/phone_controller.rb -- Rails 4.2, twilio-ruby 4.11
#
# config/initializers/twilio.rb does:
#   Twilio.configure do |config|
#     config.account_sid = Rails.application.secrets.twilio_account_sid
#     config.auth_token  = Rails.application.secrets.twilio_auth_token
#   end
class PhoneController < ApplicationController
  before_action :authenticate_agent!

  # GET /phone/token
  def token
    voice_grant = Twilio::JWT::AccessToken::VoiceGrant.new
    voice_grant.incoming_allow = true
    voice_grant.outgoing_application_sid = Rails.application.secrets.twilio_app_sid
    access_token = Twilio::JWT::AccessToken.new(
      Twilio.account_sid,
      ENV.fetch('TWILIO_API_KEY_SID'),
      ENV.fetch('TWILIO_API_KEY_SECRET'),
      [voice_grant],
      identity: String(current_agent.client_name),
      ttl: 3600
    )
    render json: { token: access_token.to_jwt }
  rescue StandardError => e
    Rails.logger.error "capability token failed: #{e.message}"
    head :internal_server_error
  end

  # GET /phone/supervisor_token -- supervisors get the event stream too.
  def supervisor_token
    secrets = Rails.application.secrets
    # capmig event-stream-unsupported: scope:stream:subscribe has no Access Token grant and is dropped.
    voice_grant = Twilio::JWT::AccessToken::VoiceGrant.new
    voice_grant.incoming_allow = true
    access_token = Twilio::JWT::AccessToken.new(
      secrets.twilio_account_sid,
      secrets.twilio_api_key_sid,
      secrets.twilio_api_key_secret,
      [voice_grant],
      identity: 'supervisor',
      ttl: 7200
    )
    render json: { token: access_token.to_jwt }
  end
end
