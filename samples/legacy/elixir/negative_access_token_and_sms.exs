# Already migrated: ex_twilio's Access Token with a VoiceGrant, plus SMS through the REST
# API. Nothing here mints a capability token.
# capmig-negative: elixir-ex-twilio-capability migrated to ExTwilio.JWT.AccessToken
defmodule Switchboard.Tokens do
  alias ExTwilio.JWT.AccessToken

  # The old code was `Capability.new |> Capability.allow_client_incoming(name)`.
  def for_agent(name) do
    AccessToken.new(
      account_sid: System.get_env("TWILIO_ACCOUNT_SID"),
      api_key: System.get_env("TWILIO_API_KEY"),
      api_secret: System.get_env("TWILIO_API_SECRET"),
      identity: name,
      grants: [AccessToken.VoiceGrant.new(incoming_allow: true)],
      expires_in: 3600
    )
    |> AccessToken.to_jwt!()
  end

  def notify(to, body) do
    ExTwilio.Message.create(to: to, from: "+15005550006", body: "Capability.new is gone: #{body}")
  end
end
