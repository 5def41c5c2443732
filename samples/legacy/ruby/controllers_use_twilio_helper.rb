# app/controllers/calls_controller.rb — includes TwilioHelper (app_helpers_twilio_helper.rb)
# and configures the memoized capability it returns before signing it for the view.
class CallsController < ApplicationController
  include TwilioHelper

  def index
    twilio_capability.allow_client_incoming(current_user.username)
    @twilio_token = twilio_capability.generate
  end
end
