# NEGATIVE SAMPLE: a Rails app whose own model is called ClientCapability, the request
# validator from Twilio::Util, and a TaskRouter token from Twilio::JWT. Expected findings: none.
#
# capmig-negative: ruby-util-capability (Twilio::Util::RequestValidator; old call in a comment)
# capmig-negative: ruby-jwt-capability (Twilio::JWT::TaskRouterCapability, Twilio::JWT::AccessToken)
# capmig-negative: ruby-jwt-client-capability (the app's ClientCapability model, built with .new)
# capmig-negative: client-ios-tcdevice (a RubyMotion delegate method, not the TCDevice API)
#
# Until 2017 the token action read:
#   capability = Twilio::Util::Capability.new ENV['TWILIO_ACCOUNT_SID'], ENV['TWILIO_AUTH_TOKEN']
require 'twilio-ruby'

# Which API clients (partner integrations) may call which endpoints.
class ClientCapability < ApplicationRecord
  belongs_to :api_client
  validates :endpoint, presence: true

  def self.grant(client, endpoint)
    ClientCapability.new(api_client: client, endpoint: endpoint).tap(&:save!)
  end
end

class WebhooksController < ApplicationController
  skip_before_action :verify_authenticity_token

  def voice
    validator = Twilio::Util::RequestValidator.new(ENV.fetch('TWILIO_AUTH_TOKEN'))
    unless validator.validate(request.url, request.POST, request.headers['X-Twilio-Signature'])
      return head :forbidden
    end
    render xml: Twilio::TwiML::VoiceResponse.new { |r| r.say(message: 'Thanks for calling') }.to_s
  end
end

class WorkerTokensController < ApplicationController
  def show
    capability = Twilio::JWT::TaskRouterCapability.new(
      ENV.fetch('TWILIO_ACCOUNT_SID'), ENV.fetch('TWILIO_AUTH_TOKEN'),
      ENV.fetch('TWILIO_WORKSPACE_SID'), current_agent.worker_sid
    )
    render json: { token: capability.to_jwt }
  end

  def voice
    token = Twilio::JWT::AccessToken.new(
      ENV.fetch('TWILIO_ACCOUNT_SID'), ENV.fetch('TWILIO_API_KEY_SID'), ENV.fetch('TWILIO_API_KEY_SECRET'),
      [], identity: current_agent.login, ttl: 600
    )
    grant = Twilio::JWT::AccessToken::VoiceGrant.new
    grant.incoming_allow = true
    token.add_grant(grant)
    render json: { token: token.to_jwt, can_record: ClientCapability.exists?(api_client: current_agent.api_client) }
  end
end

# RubyMotion screen: the Voice SDK hands us a fresh token through our own delegate.
class CallScreen
  def token_provider_did_refresh(provider, access_token)
    @access_token = access_token
    @capability_token_expires_at = nil
  end
end
