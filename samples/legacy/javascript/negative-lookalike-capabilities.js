'use strict';
// NEGATIVE SAMPLE: names that look like the capability-token helpers but belong to this app's
// own permission model, a second-generation token endpoint, and a SIP-phone SDK whose
// `Device.setup` is unrelated. Expected findings: none.
//
// capmig-negative: node-twilio-capability (the app's own `Capability` class; the old call quoted in a message)
// capmig-negative: node-client-capability (a `ClientCapabilityMatrix`, and AccessToken)
// capmig-negative: client-twiliojs-setup (`SipDevice.setup(...)`, `Device.setupAudio`)
// capmig-negative: hand-rolled-scope (OAuth scopes and a comment quoting the old scope text)
const twilio = require('twilio');
const { Capability } = require('./permissions/capability');
const { ClientCapabilityMatrix } = require('./permissions/matrix');
const SipDevice = require('@acme/sip-device');

const { AccessToken } = twilio.jwt;
const { VoiceGrant } = AccessToken;

// Our own permission objects: "can this agent record calls?". `Capability` shares its name
// with the twilio-node 2.x helper only by accident.
const RECORD_CALLS = new Capability('calls.record', { requiresRole: 'supervisor' });
const LISTEN_IN = new Capability('calls.listen', { requiresRole: 'supervisor' });
const capabilities = new Set([RECORD_CALLS, LISTEN_IN]);

const matrix = new ClientCapabilityMatrix([...capabilities]);

const UPGRADE_HINT = 'twilio.Capability(accountSid, authToken) is gone from twilio-node 3+; ' +
  'ask /voice/token for an Access Token instead';

// The old token looked like `scope:client:incoming?clientName=...`; the new one has a
// VoiceGrant instead.
const OAUTH_SCOPES = ['client:read', 'client:write', 'calls:read'];

function voiceTokenFor(agent) {
  const token = new AccessToken(
    process.env.TWILIO_ACCOUNT_SID,
    process.env.TWILIO_API_KEY_SID,
    process.env.TWILIO_API_KEY_SECRET,
    { identity: agent.id, ttl: 900 },
  );
  token.addGrant(new VoiceGrant({
    incomingAllow: true,
    outgoingApplicationSid: process.env.TWILIO_TWIML_APP_SID,
  }));
  return token.toJwt();
}

function deskPhoneFor(agent) {
  // The desk phones register over SIP; this SDK has nothing to do with twilio.js.
  const phone = new SipDevice({ extension: agent.extension });
  phone.setup({ registrar: 'sip.pbx.example.internal', transport: 'wss' });
  SipDevice.setup({ logLevel: 'warn' });
  return phone;
}

// Per-user cache keys built like a scope: not a capability without its clientName.
function forgetScope(cache, agent, version) {
  cache.delete('scope:' + agent.id + ':' + version);
}

function canRecord(agent) {
  return matrix.allows(agent.role, RECORD_CALLS) && OAUTH_SCOPES.includes('calls:read');
}

module.exports = { forgetScope, voiceTokenFor, deskPhoneFor, canRecord, UPGRADE_HINT };
