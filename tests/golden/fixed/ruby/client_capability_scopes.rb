# lib/voice/capability_token.rb -- twilio-ruby 5.x (Twilio::JWT::ClientCapability)
require 'twilio-ruby'

module Voice
  module CapabilityToken
    module_function

    DEFAULT_APP_SID = 'AP8277e0910d750195b448797616e091ad'.freeze

    def token_for(user, app_sid: DEFAULT_APP_SID)
      voice_grant = Twilio::JWT::AccessToken::VoiceGrant.new
      voice_grant.incoming_allow = true
      voice_grant.outgoing_application_sid = app_sid
      voice_grant.outgoing_application_params = { 'tier' => 'gold', 'source' => 'web' }
      access_token = Twilio::JWT::AccessToken.new(
        ENV.fetch('TWILIO_ACCOUNT_SID'),
        ENV.fetch('TWILIO_API_KEY_SID'),
        ENV.fetch('TWILIO_API_KEY_SECRET'),
        [voice_grant],
        identity: String(user),
        ttl: 1800
      )
      access_token.to_jwt
    end

    # Outbound-only token for the call-back widget on the marketing site.
    def widget_token
      capability = Twilio::JWT::ClientCapability.new(ENV['TWILIO_ACCOUNT_SID'], ENV['TWILIO_AUTH_TOKEN']) # capmig-expect: ruby-jwt-client-capability capability-mint identity=none incoming=false app=AP8277e0910d750195b448797616e091ad ttl=3600
      capability.add_scope(Twilio::JWT::ClientCapability::OutgoingClientScope.new(DEFAULT_APP_SID))
      capability.to_s
    end
  end
end
