# NEGATIVE SAMPLE: TaskRouter worker capability, capability words in comments and
# strings, unrelated #generate / #to_jwt methods, placeholder credentials.
# Expected findings: none.
#
# Pre-2018 version, for reference:
#   capability = Twilio::Util::Capability.new account_sid, auth_token
#   capability.allow_client_incoming 'agent'
require 'securerandom'
require 'jwt'
require 'twilio-ruby'

module Workers
  PLACEHOLDER_SID   = 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'.freeze
  PLACEHOLDER_TOKEN = 'your_auth_token'.freeze

  HELP = <<~TEXT.freeze
    Twilio::JWT::ClientCapability is deprecated. Ask #voice-platform for an API key
    and mint an AccessToken with a VoiceGrant instead.
  TEXT

  def self.worker_token(worker_sid)
    capability = Twilio::JWT::TaskRouterCapability.new(
      ENV['TWILIO_ACCOUNT_SID'],
      ENV['TWILIO_AUTH_TOKEN'],
      ENV['TWILIO_WORKSPACE_SID'],
      worker_sid
    )
    Twilio::JWT::TaskRouterCapability::TaskRouterUtils
      .worker_policies(ENV['TWILIO_WORKSPACE_SID'], worker_sid)
      .each { |policy| capability.add_policy(policy) }
    capability.to_jwt
  end

  class InviteToken
    def initialize(capability = :beta)
      @capability = capability
    end

    def generate
      "#{@capability}-#{SecureRandom.hex(8)}"
    end

    def to_jwt
      JWT.encode({ capability: @capability.to_s }, ENV.fetch('INVITE_SECRET'), 'HS256')
    end
  end
end
