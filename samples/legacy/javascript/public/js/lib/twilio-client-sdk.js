// capmig-negative: client-twiliojs-device (a vendored copy of the twilio.js 1.x SDK itself: it defines Device)
// An app's static folder carries the browser SDK it loads; the SDK constructing its own Device
// is not the app consuming a capability token (the app's page is where that happens).
var Twilio = (function (loadedTwilio) {
  var Twilio = loadedTwilio || function Twilio() {};

  function Device(token, options) {
    if (!(this instanceof Device)) {
      return new Device(token, options);
    }
    this.token = token;
    this.options = options || {};
    this.handlers = { ready: [], offline: [], error: [] };
  }

  Device.prototype.on = function (event, handler) {
    (this.handlers[event] = this.handlers[event] || []).push(handler);
    if (event === 'ready' && this.token) handler(this);
    return this;
  };

  Device.setup = function (token, options) {
    Device.instance = new Device(token, options);
    return Device.instance;
  };

  Twilio.Device = Device;
  return Twilio;
})(typeof Twilio !== 'undefined' ? Twilio : undefined);
