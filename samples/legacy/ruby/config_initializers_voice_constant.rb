# config/initializers/twilio.rb — Rails 4 (twilio-ruby 4.x). The capability object is built
# once, into a constant; controllers (controllers_use_voice_constant.rb) add the scopes and
# sign it. Read alone this file has no scope at all.
VOICE_CAPABILITY = Twilio::Util::Capability.new ENV['TWILIO_ACCOUNT_SID'], ENV['TWILIO_AUTH_TOKEN'] # capmig-expect: ruby-util-capability capability-mint identity=? incoming=true app=? ttl=3600
VOICE_APP_SID = ENV['TWILIO_TWIML_APP_SID']
