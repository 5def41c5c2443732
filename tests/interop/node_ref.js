'use strict';
// Reference side of the mint checks, run by the driver:
//   node node_ref.js mint    stdin: {now, account_sid, api_key_sid, secret, identity, ttl, region, voice}
//                            stdout: the twilio-node 6.2.0 AccessToken + VoiceGrant token, one a line
//   node node_ref.js verify  stdin: {token, secret}   stdout: {ok, payload} | {ok: false, error}
//                            (jsonwebtoken 9.0.3 verify, HS256/384/512, expiry ignored)
const clock = require('./lib/fakeclock');
const twilio = require('twilio6');
const jsonwebtoken = require('jsonwebtoken');
const readline = require('readline');

const AccessToken = twilio.jwt.AccessToken;
const mode = process.argv[2];
const lines = [];
readline.createInterface({ input: process.stdin }).on('line', (l) => { if (l) lines.push(l); }).on('close', () => {
  for (const line of lines) {
    const req = JSON.parse(line);
    let res;
    if (mode === 'mint') {
      clock.setNow(req.now);
      const opts = { identity: req.identity, ttl: req.ttl };
      if (req.region) opts.region = req.region;
      const token = new AccessToken(req.account_sid, req.api_key_sid, req.secret, opts);
      // The mapping as SPEC applies it: incomingAllow only when true, params only when non-empty.
      const g = {};
      if (req.voice.incoming) g.incomingAllow = true;
      if (req.voice.outgoing) {
        g.outgoingApplicationSid = req.voice.outgoing.application_sid;
        if (req.voice.outgoing.params && Object.keys(req.voice.outgoing.params).length) {
          g.outgoingApplicationParams = req.voice.outgoing.params;
        }
      }
      token.addGrant(new AccessToken.VoiceGrant(g));
      res = token.toJwt();
    } else if (mode === 'verify') {
      try {
        const payload = jsonwebtoken.verify(req.token, req.secret,
          { algorithms: ['HS256', 'HS384', 'HS512'], ignoreExpiration: true, ignoreNotBefore: true });
        res = JSON.stringify({ ok: true, payload });
      } catch (e) {
        res = JSON.stringify({ ok: false, error: String(e && e.message) });
      }
    } else {
      throw new Error('usage: node node_ref.js mint|verify');
    }
    process.stdout.write(res + '\n');
  }
});
