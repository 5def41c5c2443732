# Rails 4 hotline app on twilio-ruby 4.x (2015). The controller's private helper memoizes the
# capability, grants outgoing calls inside the helper and returns the object as its last
# expression; the action that renders the phone adds the caller's name and signs it. The
# scan follows the helper's name into the action, so the token's client name and ttl are read.
# A second helper builds a fresh object on every call and is used twice: each use is another
# object (the scopes never reach the signed one), so its callers are not merged into it.
# capmig-negative: ruby-jwt-client-capability twilio-ruby 4.x only
class HotlineController < ApplicationController
  SHIFT = 14_400 # four hours

  def phone
    outgoing_capability.allow_client_incoming(current_volunteer.handle)
    @token = outgoing_capability.generate(SHIFT)
  end

  def monitor
    monitor_capability.allow_client_incoming('monitor')
    render json: { token: monitor_capability.generate }
  end

  private

  def outgoing_capability
    @capability ||= Twilio::Util::Capability.new(twilio_creds['account_sid'], # capmig-expect: ruby-util-capability capability-mint identity=? incoming=true app=? ttl=14400
                                                 twilio_creds['auth_token'])
    @capability.allow_client_outgoing(twilio_creds['hotline_app_sid'])
    @capability
  end

  def monitor_capability
    Twilio::Util::Capability.new(twilio_creds['account_sid'], twilio_creds['auth_token']) # capmig-expect: ruby-util-capability capability-mint identity=none incoming=false ttl=3600
  end

  def twilio_creds
    @twilio_creds ||= Rails.application.secrets.twilio
  end
end
