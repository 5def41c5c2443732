'use strict';
// NEGATIVE SAMPLE: words and method names that look like capability-token code but are not.
// Expected findings: none.
//
// Old code, kept here for reference only (removed in 2021):
//   const capability = new twilio.Capability(accountSid, authToken);
//   capability.allowClientIncoming('joey');
//   const token = capability.generate();
const crypto = require('crypto');
const jwt = require('jsonwebtoken');

// Placeholders copied from the Twilio docs; the real values live in the vault.
const exampleConfig = {
  accountSid: 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  authToken: 'your_auth_token',
  appSid: 'APXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  shortSid: 'AC123',
};

const HELP_TEXT = [
  'Capability tokens are deprecated; call new ClientCapability({ accountSid, authToken })',
  'only if you really must. Use an Access Token with a VoiceGrant instead.',
].join('\n');

// Feature "capabilities" of a plan, nothing to do with Twilio.
const PLAN_CAPABILITIES = {
  free: ['calls.inbound'],
  pro: ['calls.inbound', 'calls.outbound', 'recordings'],
};

function hasCapability(plan, capability) {
  return (PLAN_CAPABILITIES[plan] || []).includes(capability);
}

class PasswordGenerator {
  constructor(length) {
    this.length = length || 24;
  }

  generate() {
    return crypto.randomBytes(this.length).toString('base64url');
  }
}

class SessionClaims {
  constructor(userId, roles) {
    this.userId = userId;
    this.roles = roles;
  }

  toJwt() {
    return jwt.sign({ sub: this.userId, roles: this.roles }, process.env.SESSION_SECRET, {
      expiresIn: '1h',
    });
  }
}

function csrfToken() {
  return new PasswordGenerator(32).generate();
}

module.exports = {
  exampleConfig,
  HELP_TEXT,
  hasCapability,
  PasswordGenerator,
  SessionClaims,
  csrfToken,
};
