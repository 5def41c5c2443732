/* public/js/softphone.js — agent softphone, twilio.js 1.3 (capability tokens only).
 * Loaded after jQuery on /agent. The SDK is injected lazily so the dashboard renders first.
 */
(function (window, $) {
  'use strict';

  var TWILIO_JS = '//static.twilio.com/libs/twiliojs/1.3/twilio.min.js';
  var refreshTimer = null;

  function loadSdk(callback) {
    if (window.Twilio && window.Twilio.Device) {
      callback();
      return;
    }
    var s = document.createElement('script');
    s.src = TWILIO_JS;
    s.onload = callback;
    document.head.appendChild(s);
  }

  function setStatus(text) {
    $('#softphone-status').text(text);
  }

  function fetchToken() {
    return $.getJSON('/token', { user: window.AGENT_LOGIN });
  }

  function start() {
    fetchToken().done(function (data) {
      Twilio.Device.setup(data.token, { debug: false, closeProtection: true }); // capmig-expect: client-twiliojs-setup capability-client

      Twilio.Device.ready(function () {
        setStatus('Ready');
      });
      Twilio.Device.error(function (err) {
        setStatus('Error: ' + err.message);
        if (err.code === 31205) { // JWT token expired
          refresh();
        }
      });
      Twilio.Device.incoming(function (conn) {
        setStatus('Incoming call from ' + conn.parameters.From);
        $('#answer').prop('disabled', false).one('click', function () {
          conn.accept();
        });
      });
      Twilio.Device.disconnect(function () {
        setStatus('Call ended');
      });

      // Tokens live 10 minutes; refresh a minute early.
      refreshTimer = window.setInterval(refresh, 9 * 60 * 1000);
    }).fail(function () {
      setStatus('Could not get a token');
    });
  }

  function refresh() {
    fetchToken().done(function (data) {
      Twilio.Device.setup(data.token); // capmig-expect: client-twiliojs-setup capability-client
    });
  }

  $('#call').on('click', function () {
    Twilio.Device.connect({ To: $('#number').val() });
  });

  $('#hangup').on('click', function () {
    Twilio.Device.disconnectAll();
  });

  $(window).on('unload', function () {
    if (refreshTimer) {
      window.clearInterval(refreshTimer);
    }
  });

  loadSdk(start);
})(window, window.jQuery);
