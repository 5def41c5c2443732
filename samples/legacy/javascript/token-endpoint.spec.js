'use strict';
// test/token-endpoint.spec.js (mocha + chai, run with `npm test`).
// The fixtures below were captured from staging in 2019 so the decoder tests do not need
// network access or real credentials. They are long expired.
const { expect } = require('chai');
const { decodeToken, scopesOf } = require('../lib/token-inspect');

const STAGING_AGENT_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDppbmNvbWluZz9jbGllbnROYW1lPWFsaWNlIHNjb3BlOmNsaWVudDpvdXRnb2luZz9hcHBTaWQ9QVAwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiZjbGllbnROYW1lPWFsaWNlJmFwcFBhcmFtcz1wbGFuJTNEZ29sZCUyNTIwdGllciIsImlzcyI6IkFDMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYiLCJleHAiOjE3MDAwMDA2MDAsImlhdCI6MTcwMDAwMDAwMH0.1uGRjRNLRgAptQ3Dtqr1A4haarXAVr5GX4dYPc8_CYw'; // capmig-expect: embedded-token embedded-token kind=capability

const fixtures = {
  lobby: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDpvdXRnb2luZz9hcHBTaWQ9QVAwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiIsImlzcyI6IkFDMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYiLCJleHAiOjE3MDAwMDM2MDAsImlhdCI6MTcwMDAwMDAwMH0.1O8UIwxkSYqFubz9JNezvd8iDSLg4m7MfHPuLiX_WDc', // capmig-expect: embedded-token embedded-token kind=capability
};

describe('token inspection', () => {
  it('reads the incoming and outgoing scopes of an agent token', () => {
    const claims = decodeToken(STAGING_AGENT_TOKEN);
    expect(claims.iss).to.match(/^AC[0-9a-f]{32}$/);
    const scopes = scopesOf(claims);
    expect(scopes.map((s) => s.privilege)).to.deep.equal(['incoming', 'outgoing']);
    expect(scopes[0].params.clientName).to.equal('alice');
  });

  it('accepts a lobby token without a client name', () => {
    const scopes = scopesOf(decodeToken(fixtures.lobby));
    expect(scopes).to.have.length(1);
    expect(scopes[0].params).to.not.have.property('clientName');
  });

  it('rejects garbage', () => {
    expect(() => decodeToken('not-a-token')).to.throw(/malformed/);
  });
});
