# app/helpers/twilio_helper.rb — Rails 3.2 (twilio-ruby 3.x). The helper memoizes the
# capability and allows outgoing calls; the controller (controllers_use_twilio_helper.rb)
# adds the user's incoming name and signs it. Read alone this file has no client name.
module TwilioHelper
  def twilio_capability
    @twilio_capability ||= Twilio::Util::Capability.new(ENV['TWILIO_SID'], ENV['TWILIO_TOKEN']) # capmig-expect: ruby-util-capability capability-mint identity=? incoming=true app=? ttl=3600
    @twilio_capability.allow_client_outgoing(ENV['TWILIO_APP'])
    @twilio_capability
  end
end
