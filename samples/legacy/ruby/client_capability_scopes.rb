# lib/voice/capability_token.rb -- twilio-ruby 5.x (Twilio::JWT::ClientCapability)
require 'twilio-ruby'

module Voice
  module CapabilityToken
    module_function

    DEFAULT_APP_SID = 'AP8277e0910d750195b448797616e091ad'.freeze

    def token_for(user, app_sid: DEFAULT_APP_SID)
      incoming = Twilio::JWT::ClientCapability::IncomingClientScope.new(user)
      outgoing = Twilio::JWT::ClientCapability::OutgoingClientScope.new(app_sid, user, 'tier' => 'gold', 'source' => 'web')

      capability = Twilio::JWT::ClientCapability.new ENV.fetch('TWILIO_ACCOUNT_SID'), # capmig-expect: ruby-jwt-client-capability capability-mint identity=? incoming=true app=? params=tier,source ttl=1800
                                                     ENV.fetch('TWILIO_AUTH_TOKEN'),
                                                     ttl: 1800
      capability.add_scope incoming
      capability.add_scope outgoing
      capability.to_jwt
    end

    # Outbound-only token for the call-back widget on the marketing site.
    def widget_token
      capability = Twilio::JWT::ClientCapability.new(ENV['TWILIO_ACCOUNT_SID'], ENV['TWILIO_AUTH_TOKEN']) # capmig-expect: ruby-jwt-client-capability capability-mint identity=none incoming=false app=AP8277e0910d750195b448797616e091ad ttl=3600
      capability.add_scope(Twilio::JWT::ClientCapability::OutgoingClientScope.new(DEFAULT_APP_SID))
      capability.to_s
    end
  end
end
