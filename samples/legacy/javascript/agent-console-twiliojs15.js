// public/js/agent-console.js — a support desk's browser phone (2019) on twilio.js 1.8 from the
// CDN: the page fetches a token from /token (a capability token minted by the server) and
// builds the device with the 1.5+ constructor; 'ready' and 'offline' are 1.x events.
/* global Twilio, $ */
(function () {
  var device;

  function log(msg) {
    $('#log').append($('<p>').text(msg));
  }

  function initDevice() {
    $.getJSON('/token').then(function (data) {
      device = new Twilio.Device(data.token, { // capmig-expect: client-twiliojs-device capability-client
        codecPreferences: ['opus', 'pcmu'],
        enableRingingState: true,
        debug: false
      });
      device.on('ready', function () { log('ready'); });
      device.on('offline', function () { log('offline: fetching a new token'); initDevice(); });
      device.on('incoming', function (conn) { $('#answer').show().one('click', function () { conn.accept(); }); });
    });
  }

  $(initDevice);
})();
