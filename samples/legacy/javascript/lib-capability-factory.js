// lib-capability-factory.js — a small module of the softphone app (twilio-node 2.x) that every
// route requires. It only builds the capability from the environment; the route that uses it
// (routes-use-capability-factory.js) grants the scopes and signs. Read alone this file has no
// client name, no scope and the default ttl; the repository pass reads the caller's.
var twilio = require('twilio');

exports.newCapability = function newCapability() {
  return new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN); // capmig-expect: node-twilio-capability capability-mint identity=? incoming=true app=? ttl=1200
};
