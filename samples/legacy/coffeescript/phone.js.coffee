# app/assets/javascripts/phone.js.coffee: the Rails asset-pipeline softphone on twilio.js 1.x.
# The token comes from the server; Device.setup is called without parentheses.
$ ->
  $.getJSON '/twilio/token', (data) ->
    Twilio.Device.setup data.token, debug: true # capmig-expect: client-twiliojs-setup capability-client

  Twilio.Device.ready (device) ->
    $('#status').text 'Ready'

  Twilio.Device.incoming (conn) ->
    $('#status').text "Call from #{conn.parameters.From}"
    conn.accept()
