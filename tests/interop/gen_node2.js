'use strict';
// Mints fresh tokens with twilio-node 2.11.1 (npm alias twilio2: `twilio.Capability`, and
// `twilio.AccessToken`) from random inputs; one JSON line per token with the expected
// decode and mapping, derived from the inputs (TOKENS.md §1.3, §3.1 A, §5).
//   node gen_node2.js --seed S --now T --count N --access M --auth-tokens JSON --api-secrets JSON
const clock = require('./lib/fakeclock');
const { Rng, lastWins, expectMapping, stringify, parseArgs } = require('./lib/common');
const twilio = require('twilio2');
const jsonwebtoken = require('jsonwebtoken');

const args = parseArgs(process.argv.slice(2));
const NOW = Number(args.now);
const rng = new Rng(Number(args.seed));
const authTokens = JSON.parse(args['auth-tokens']);
const apiSecrets = JSON.parse(args['api-secrets']);
const lit = (v) => JSON.stringify(v);
const out = (rec) => process.stdout.write(stringify(rec) + '\n');

function randomParamsObject() {
  const o = {};
  const n = rng.int(1, 5);
  for (let i = 0; i < n; i++) {
    const r = rng.float();
    let v;
    if (r < 0.7) v = rng.text(0, 12);
    else if (r < 0.8) v = rng.int(0, 100000);
    else if (r < 0.93) v = [rng.text(1, 6), rng.text(1, 6), ...(rng.chance(0.3) ? [rng.text(1, 3)] : [])];
    else if (r < 0.96) v = [];          // querystring.stringify drops the key
    else v = rng.chance(0.5);
    o[rng.key()] = v;
  }
  return o;
}
// querystring.stringify: Object.keys order; an array repeats its key (empty: no key at all).
function expectedParams(o) {
  const pairs = [];
  for (const k of Object.keys(o || {})) {
    const v = o[k];
    if (Array.isArray(v)) for (const x of v) pairs.push([k, String(x)]);
    else pairs.push([k, String(v)]);
  }
  return lastWins(pairs);
}

function capabilityToken(i) {
  const accountSid = rng.sid('AC');
  const authToken = rng.pick(authTokens);
  let ttlArg;
  const t = rng.float();
  if (t < 0.3) ttlArg = undefined;
  else if (t < 0.33) ttlArg = 0;                      // `timeout || 3600`
  else if (t < 0.6) ttlArg = rng.int(1, 3600);
  else if (t < 0.7) ttlArg = rng.pick([86400, 86401, 86399]);
  else if (t < 0.8) ttlArg = rng.int(86401, 300000);
  else ttlArg = rng.int(3600, 86400);
  const ttl = ttlArg || 3600;
  const r = rng.float();
  const mintNow = r < 0.08 ? NOW - ttl : r < 0.16 ? NOW - rng.int(200000, 400000000) : NOW - rng.int(0, 900);
  clock.setNow(mintNow);

  const cap = rng.chance(0.5) ? new twilio.Capability(accountSid, authToken) : twilio.Capability(accountSid, authToken);
  const calls = [`cap = twilio.Capability(${lit(accountSid)}, AUTH_TOKEN)`];
  const expect = { account_sid: accountSid, expires_at: mintNow + ttl, issued_at: mintNow, not_before: null,
    incoming: null, outgoing: null, event_stream: null, unknown_scopes: [] };
  const extra = { paramRepeated: false, moreIncoming: null };

  let kinds = [];
  while (kinds.length === 0) {
    if (rng.chance(0.65)) kinds.push('incoming');
    if (rng.chance(0.6)) kinds.push('outgoing');
    if (rng.chance(0.2)) kinds.push('event');
  }
  if (kinds.includes('outgoing') && rng.chance(0.1)) kinds.push('outgoing');   // the last call wins
  if (kinds.includes('incoming') && rng.chance(0.05)) kinds.push('incoming');   // a second incoming scope
  for (let j = kinds.length - 1; j > 0; j--) { const k = rng.int(0, j); [kinds[j], kinds[k]] = [kinds[k], kinds[j]]; }

  let lastIncoming = null; let outgoing = null;
  const moreIncoming = [];
  for (const kind of kinds) {
    if (kind === 'incoming') {
      const name = rng.clientName();
      cap.allowClientIncoming(name);
      calls.push(`cap.allowClientIncoming(${lit(name)})`);
      lastIncoming = name;
      // Each call adds a scope; the first one is the token's incoming client (TOKENS.md §5).
      if (expect.incoming === null) expect.incoming = { client_name: name }; else moreIncoming.push(name);
    } else if (kind === 'outgoing') {
      const appSid = rng.sid('AP');
      const p = rng.float();
      const params = p < 0.35 ? undefined : p < 0.45 ? {} : randomParamsObject();
      if (params === undefined) cap.allowClientOutgoing(appSid); else cap.allowClientOutgoing(appSid, params);
      calls.push(`cap.allowClientOutgoing(${lit(appSid)}${params === undefined ? '' : ', ' + JSON.stringify(params)})`);
      outgoing = { appSid, params };
    } else {
      const f = rng.float();
      const filters = f < 0.5 ? undefined : { [rng.key()]: rng.text(1, 8) };   // an object is lost: `params=`
      if (filters === undefined) cap.allowEventStream(); else cap.allowEventStream(filters);
      calls.push(`cap.allowEventStream(${filters === undefined ? '' : JSON.stringify(filters)})`);
      expect.event_stream = { path: '/2010-04-01/Events', params: lastWins([]).params };
    }
  }
  if (outgoing) {
    const ep = expectedParams(outgoing.params);
    // Outgoing clientName is copied at generate() from the last allowClientIncoming.
    expect.outgoing = { application_sid: outgoing.appSid, client_name: lastIncoming || null, params: ep.params };
    extra.paramRepeated = ep.repeated;
  }
  extra.moreIncoming = moreIncoming;
  const useTtl = ttlArg !== undefined;
  const token = useTtl ? cap.generate(ttlArg) : cap.generate();
  calls.push(`cap.generate(${useTtl ? ttlArg : ''})`);
  return { lib: 'node2', kind: 'capability', id: `node2-cap-${i}`, call: calls.join('; '),
    mint_now: mintNow, token, auth_token: authToken,
    expect: { capability: expect, mapping: expectMapping(expect, NOW, extra) } };
}

function accessToken(i) {
  const accountSid = rng.sid('AC'), apiKeySid = rng.sid('SK');
  const secret = rng.pick(apiSecrets);
  const mintNow = NOW - rng.int(0, 5000);
  clock.setNow(mintNow);
  const opts = {};
  if (rng.chance(0.85)) opts.identity = rng.clientName();      // 2.x does not require one
  if (rng.chance(0.6)) opts.ttl = rng.int(1, 200000);
  if (rng.chance(0.2)) opts.nbf = mintNow - rng.int(0, 100);
  const at = new twilio.AccessToken(accountSid, apiKeySid, secret, opts);
  const calls = [`t = new twilio.AccessToken(${lit(accountSid)}, ${lit(apiKeySid)}, SECRET, ${JSON.stringify(opts)})`];
  const makers = [
    () => ['VoiceGrant', { outgoingApplicationSid: rng.chance(0.8) ? rng.sid('AP') : undefined,
      outgoingApplicationParams: rng.chance(0.5) ? { [rng.key()]: rng.text(0, 8) } : undefined,
      pushCredentialSid: rng.chance(0.3) ? rng.sid('CR') : undefined,
      endpointId: rng.chance(0.2) ? rng.text(1, 12) : undefined }],
    () => ['VideoGrant', { configurationProfileSid: rng.sid('VS') }],
    () => ['IpMessagingGrant', { serviceSid: rng.sid('IS'), endpointId: rng.text(1, 10),
      deploymentRoleSid: rng.chance(0.5) ? rng.sid('RL') : undefined }],
    () => ['ConversationsGrant', { configurationProfileSid: rng.sid('VS') }],
  ];
  const n = rng.int(1, 3);
  for (let j = 0; j < n; j++) {
    const [cls, g] = rng.pick(makers)();
    at.addGrant(new twilio.AccessToken[cls](g));
    calls.push(`t.addGrant(new AccessToken.${cls}(${JSON.stringify(g)}))`);
  }
  const alg = rng.pick(['HS256', 'HS256', 'HS384', 'HS512']);
  const token = at.toJwt(alg);
  calls.push(`t.toJwt(${lit(alg)})`);
  const payload = jsonwebtoken.decode(token);
  return { lib: 'node2', kind: 'access', id: `node2-access-${i}`, call: calls.join('; '), mint_now: mintNow,
    token, api_key_secret: secret,
    expect: { access: { account_sid: accountSid, api_key_sid: apiKeySid,
      identity: opts.identity === undefined ? null : opts.identity, region: null, grants: payload.grants } } };
}

for (let i = 0; i < Number(args.count || 0); i++) out(capabilityToken(i));
for (let i = 0; i < Number(args.access || 0); i++) out(accessToken(i));
