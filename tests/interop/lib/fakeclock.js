'use strict';
// Freezes the JavaScript clock for the helper libraries: twilio-node reads it through both
// `Date.now()` (jsonwebtoken's iat, AccessToken's jti) and `new Date()` (ClientCapability's
// and Capability's exp), so both are replaced. setNow() moves the frozen clock between tokens.
// Load with `node -r ./lib/fakeclock.js` (clock from $CAPMIG_FAKE_NOW) or require() it.
const RealDate = Date;
let nowMs = Number(process.env.CAPMIG_FAKE_NOW || 0) * 1000;

class FakeDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(nowMs); else super(...args);
  }
  static now() { return nowMs; }
}
global.Date = FakeDate;

module.exports = {
  setNow(seconds) { nowMs = seconds * 1000; },
  RealDate,
};
