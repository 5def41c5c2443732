# app/services/softphone_token.rb -- Rails 5.2 app, twilio-ruby 5.10.
# Credentials live in config/credentials.yml.enc:
#   twilio:
#     account_sid: AC...
#     auth_token: ...
#     app_sid: AP...
class SoftphoneToken
  attr_reader :agent

  def initialize(agent)
    @agent = agent
  end

  def self.token_for(user)
    new(Struct.new(:client_name, :queue).new(user, 'general')).to_jwt
  end

  def to_jwt
    twilio = Rails.application.credentials.twilio
    capability = Twilio::JWT::ClientCapability.new( # capmig-expect: ruby-jwt-client-capability capability-mint identity=? incoming=true app=? params=queue ttl=?
      twilio[:account_sid],
      twilio[:auth_token],
      scopes: scopes(twilio[:app_sid]),
      ttl: Rails.configuration.x.softphone_token_ttl
    )
    capability.to_jwt
  end

  private

  def scopes(app_sid)
    [
      Twilio::JWT::ClientCapability::IncomingClientScope.new(agent.client_name),
      Twilio::JWT::ClientCapability::OutgoingClientScope.new(
        app_sid,
        agent.client_name,
        { 'queue' => agent.queue }
      )
    ]
  end
end
