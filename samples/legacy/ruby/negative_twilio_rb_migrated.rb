# NEGATIVE SAMPLE: a Rails app that left the twilio-rb gem for twilio-ruby's Access Tokens.
# The old call survives in a comment and a log message; the app's own API tokens are
# CapabilityToken records. Expected findings: none.
#
# capmig-negative: ruby-twilio-rb-capability-token (the old call in comments and a string, the app's own CapabilityToken model)
#
# Before 2019:
#   token = Twilio::CapabilityToken.create allow_incoming: agent_name, allow_outgoing: app_sid
class CapabilityToken < ApplicationRecord
  belongs_to :partner
  scope :live, -> { where('expires_at > ?', Time.current) }
end

class PartnerTokensController < ApplicationController
  def create
    record = CapabilityToken.create(partner: current_partner, expires_at: 1.day.from_now)
    render json: { token: record.secret }
  end
end

class VoiceTokensController < ApplicationController
  UPGRADE_NOTE = 'Twilio::CapabilityToken.create is gone; /voice/token returns an Access Token'.freeze

  def show
    grant = Twilio::JWT::AccessToken::VoiceGrant.new
    grant.incoming_allow = true
    grant.outgoing_application_sid = ENV.fetch('TWILIO_TWIML_APP_SID')
    token = Twilio::JWT::AccessToken.new(
      ENV.fetch('TWILIO_ACCOUNT_SID'), ENV.fetch('TWILIO_API_KEY_SID'), ENV.fetch('TWILIO_API_KEY_SECRET'),
      [grant], identity: current_agent.login, ttl: 3600
    )
    render json: { token: token.to_jwt }
  end
end
