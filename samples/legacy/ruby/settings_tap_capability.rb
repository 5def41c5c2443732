# Admin settings model (2014, twilio-ruby 3.x): credentials live in a settings table, and the
# token is built with Object#tap, its scopes set inside the block.
class PhoneSettings < ActiveRecord::Base
  def client_token(client_name)
    Twilio::Util::Capability.new(account_sid, auth_token).tap do |c| # capmig-expect: ruby-util-capability capability-mint identity=? incoming=true app=? ttl=3600
      c.allow_client_outgoing(app_sid)
      c.allow_client_incoming(client_name) if client_name.present?
    end.generate
  end

  def monitor_token
    Twilio::Util::Capability.new(account_sid, auth_token).tap { |cap| cap.allow_client_incoming('monitor') }.generate(600) # capmig-expect: ruby-util-capability capability-mint identity=monitor incoming=true ttl=600
  end

  def account_sid
    setting 'account_sid'
  end

  def auth_token
    setting 'auth_token'
  end

  def app_sid
    setting 'app_sid'
  end

  private

  def setting(key)
    Setting.where(key: key).pluck(:value).first
  end
end
