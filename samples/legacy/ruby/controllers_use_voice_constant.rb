# app/controllers/meetings_controller.rb — uses the VOICE_CAPABILITY constant of
# config_initializers_voice_constant.rb: the scopes and the signature are added here, per request.
class MeetingsController < ApplicationController
  def call
    @client_name = params[:client]
    @client_name = 'front_desk' if @client_name.nil?
    VOICE_CAPABILITY.allow_client_outgoing VOICE_APP_SID
    VOICE_CAPABILITY.allow_client_incoming @client_name
    @token = VOICE_CAPABILITY.generate
  end

  def index
    @meetings = Meeting.all
  end
end
