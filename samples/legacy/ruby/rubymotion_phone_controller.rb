# RubyMotion (2014) wrapper around the Twilio Client iOS SDK: the Objective-C TCDevice API
# called from Ruby. The SDK takes capability tokens only.
class PhoneController < UIViewController
  TOKEN_URL = 'https://phone.example.com/capability'

  def viewDidLoad
    super
    fetch_token do |token|
      @device = TCDevice.alloc.initWithCapabilityToken(token, delegate: self) # capmig-expect: client-ios-tcdevice capability-client
    end
  end

  def refresh
    fetch_token { |token| @device.updateCapabilityToken(token) } # capmig-expect: client-ios-tcdevice capability-client
  end

  # Our own method of the same name, called by the app delegate: a definition, not an SDK call.
  def updateCapabilityToken(token)
    @pending_token = token
  end

  def fetch_token(&block)
    BW::HTTP.get(TOKEN_URL) { |response| block.call(response.body.to_str) }
  end
end
