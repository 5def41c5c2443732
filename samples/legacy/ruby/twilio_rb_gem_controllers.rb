# Rails 3 controllers on the community twilio-rb gem (`gem 'twilio-rb'`), which configured the
# account once (Twilio::Config.setup) and minted with Twilio::CapabilityToken.create: keyword
# options, a hash rocket literal, an absolute `expires:`, the gem's config constants, and
# `allow_outgoing: [app_sid, params]` (the gem shifts the SID off the array and URL-encodes the
# last element as appParams).
class PhoneController < ApplicationController
  before_filter :authenticate_user!, only: [:capability_token]
  respond_to :json

  def capability_token # capmig-expect-next-line: ruby-twilio-rb-capability-token capability-mint identity=? incoming=true app=AP53bc8a48b98b4da0a5ba8c4b83f5bc69 ttl=3600
    token = Twilio::CapabilityToken.create \
      account_sid:    Twilio::ACCOUNT_SID,
      auth_token:     Twilio::AUTH_TOKEN,
      allow_incoming: twilio_name,
      allow_outgoing: 'AP53bc8a48b98b4da0a5ba8c4b83f5bc69'
    render json: { token: token }
  end

  private

  def twilio_name
    current_user.id.to_s
  end
end

class DialerController < ApplicationController
  def index
    @capability_token = Twilio::CapabilityToken.create allow_outgoing: Settings.twilio.app_sid, expires: 2.hours.from_now # capmig-expect: ruby-twilio-rb-capability-token capability-mint identity=none app=? ttl=7200
  end

  def show
    default_client = 'frontdesk'
    @client_name = params[:client] || default_client
    @token = Twilio::CapabilityToken.create({ # capmig-expect: ruby-twilio-rb-capability-token capability-mint identity=? incoming=true app=AP8eaeda65de06e3755b86e47009f84c30 ttl=3600
      :allow_outgoing => 'AP8eaeda65de06e3755b86e47009f84c30',
      :allow_incoming => @client_name
    })
  end

  def conference
    @token = Twilio::CapabilityToken.create allow_incoming: 'concierge', allow_outgoing: ['APc0ffee0c0ffee0c0ffee0c0ffee0c0ff', { room: params[:room] }] # capmig-expect: ruby-twilio-rb-capability-token capability-mint identity=concierge app=APc0ffee0c0ffee0c0ffee0c0ffee0c0ff params=room ttl=3600
  end
end
