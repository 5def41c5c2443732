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
    capability = Twilio::Util::Capability.new # capmig-expect: ruby-util-capability capability-mint identity=? incoming=true app=? ttl=3600
    capability.allow_client_incoming current_agent.client_name
    capability.allow_client_outgoing Rails.application.secrets.twilio_app_sid
    render json: { token: capability.generate }
  rescue StandardError => e
    Rails.logger.error "capability token failed: #{e.message}"
    head :internal_server_error
  end

  # GET /phone/supervisor_token -- supervisors get the event stream too.
  def supervisor_token
    secrets = Rails.application.secrets
    capability = Twilio::Util::Capability.new( # capmig-expect: ruby-util-capability capability-mint identity=supervisor incoming=true ttl=7200
      secrets.twilio_account_sid,
      secrets.twilio_auth_token
    )
    capability.allow_client_incoming 'supervisor'
    capability.allow_event_stream 'AccountSid' => secrets.twilio_account_sid
    render json: { token: capability.generate(7200) }
  end
end
