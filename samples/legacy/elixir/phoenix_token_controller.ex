defmodule Switchboard.TokenController do
  # Phoenix 1.3 (2017), ex_twilio 0.5: the browser softphone asks for a token per agent.
  # ExTwilio.Capability.new reads the account SID and auth token from config :ex_twilio.
  use Switchboard.Web, :controller

  alias ExTwilio.Capability

  @app_sid Application.get_env(:switchboard, :twiml_app_sid)

  def show(conn, %{"agent" => agent}) do
    token =
      ExTwilio.Capability.new() # capmig-expect: elixir-ex-twilio-capability capability-mint identity=? incoming=true app=? ttl=3600
      |> ExTwilio.Capability.allow_client_incoming(agent)
      |> ExTwilio.Capability.allow_client_outgoing(@app_sid)
      |> ExTwilio.Capability.token()

    json(conn, %{token: token, agent: agent})
  end

  # The wallboard only dials out, with the queue as a TwiML parameter, for ten minutes.
  def wallboard(conn, _params) do
    token =
      Capability.new # capmig-expect: elixir-ex-twilio-capability capability-mint identity=none incoming=false app=AP0f1e2d3c4b5a69788796a5b4c3d2e1f0 params=queue ttl=600
      |> Capability.allow_client_outgoing("AP0f1e2d3c4b5a69788796a5b4c3d2e1f0", %{"queue" => "support"})
      |> Capability.with_ttl(600)
      |> Capability.token

    render(conn, "wallboard.html", token: token)
  end

  # Used by the channel when a socket joins; the name comes from the socket's assigns.
  defp generate_token(client_name) do
    Capability.new # capmig-expect: elixir-ex-twilio-capability capability-mint identity=? incoming=true ttl=3600
    |> Capability.allow_client_incoming(client_name)
    |> Capability.token
  end

  def join_token(socket), do: generate_token(socket.assigns.user_name)
end
