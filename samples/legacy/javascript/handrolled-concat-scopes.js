// A kiosk page (2014) that asks its own backend to sign whatever scope string the page
// assembles; the seat and TwiML app come from localStorage, set by the kiosk's setup screen.
// The scope text is built by concatenation, one operand per value.
(function (window) {
  'use strict';

  var store = window.localStorage;

  function signedCapability(request) {
    return window.fetch('/kiosk/sign', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request)
    }).then(function (res) { return res.json(); });
  }

  function kioskRequest() {
    var req = { ttl: 1800 };
    req.scope = 'scope:client:outgoing?appSid=' + store.kioskAppSid + '&appParams=&clientName=' + store.kioskSeat + ' scope:client:incoming?clientName=' + store.kioskSeat; // capmig-expect: hand-rolled-scope capability-mint identity=? incoming=true app=?
    return req;
  }

  // Guests get a throwaway name under the kiosk's own prefix and may only receive calls.
  function guestRequest(guestId) {
    return { ttl: 600, scope: 'scope:client:incoming?clientName=guest_' + guestId }; // capmig-expect: hand-rolled-scope capability-mint identity=? incoming=true
  }

  // Outgoing calls carry the kiosk's location as a TwiML parameter.
  function lobbyRequest() {
    var scope = 'scope:client:outgoing?appSid=AP5d41402abc4b2a76b9719d911017c592&appParams=' + encodeURIComponent('site=' + store.site); // capmig-expect: hand-rolled-scope capability-mint identity=none app=AP5d41402abc4b2a76b9719d911017c592
    return { ttl: 1800, scope: scope };
  }

  window.kioskPhone = {
    start: function () {
      return signedCapability(kioskRequest()).then(function (data) {
        return data.token;
      });
    },
    guest: function (id) { return signedCapability(guestRequest(id)); },
    lobby: function () { return signedCapability(lobbyRequest()); }
  };
})(window);
