'use strict';
// Mints fresh tokens with twilio-node 6.2.0 (npm alias twilio6) from random inputs and prints
// one JSON line per token: the inputs, the token, its signing key, and what capmig must make
// of it, derived here from the inputs alone (TOKENS.md §1.3, §5).
//   node gen_node6.js --seed S --now T --count N --access M --auth-tokens JSON --api-secrets JSON
const clock = require('./lib/fakeclock');
const { Rng, lastWins, expectMapping, stringify, parseArgs, REGIONS } = require('./lib/common');
const twilio = require('twilio6');
const jsonwebtoken = require('jsonwebtoken');

const ClientCapability = twilio.jwt.ClientCapability;
const AccessToken = twilio.jwt.AccessToken;
const args = parseArgs(process.argv.slice(2));
const NOW = Number(args.now);
const rng = new Rng(Number(args.seed));
const authTokens = JSON.parse(args['auth-tokens']);
const apiSecrets = JSON.parse(args['api-secrets']);
const lit = (v) => JSON.stringify(v);
const out = (rec) => process.stdout.write(stringify(rec) + '\n');

function mintClock(ttl) {
  const r = rng.float();
  if (r < 0.08) return NOW - ttl;                       // exp == now: expired at that second
  if (r < 0.16) return NOW - rng.int(200000, 400000000); // long expired
  return NOW - rng.int(0, 900);
}

function randomParamsObject() {
  const o = {};
  const n = rng.int(1, 5);
  for (let i = 0; i < n; i++) {
    const r = rng.float();
    let v;
    if (r < 0.75) v = rng.text(0, 12);
    else if (r < 0.85) v = rng.int(-5, 100000);
    else if (r < 0.93) v = [rng.text(1, 4), rng.text(1, 4)];   // node 3.x+ joins arrays with ','
    else v = rng.chance(0.5);
    o[rng.key()] = v;
  }
  return o;
}
// What the library writes for an object: Object.entries order, values through String().
const expectedParams = (o) => lastWins(o === undefined ? [] : Object.entries(o).map(([k, v]) => [k, String(v)]));

function capabilityToken(i) {
  const accountSid = rng.sid('AC');
  const authToken = rng.pick(authTokens);
  let ttlOpt;
  const t = rng.float();
  if (t < 0.3) ttlOpt = undefined;
  else if (t < 0.33) ttlOpt = 0;                       // `options.ttl || 3600`
  else if (t < 0.6) ttlOpt = rng.int(1, 3600);
  else if (t < 0.7) ttlOpt = rng.pick([86400, 86401, 86399]);
  else if (t < 0.8) ttlOpt = rng.int(86401, 300000);
  else ttlOpt = rng.int(3600, 86400);
  const ttl = ttlOpt || 3600;
  const mintNow = mintClock(ttl);
  clock.setNow(mintNow);

  const opts = { accountSid, authToken };
  if (ttlOpt !== undefined) opts.ttl = ttlOpt;
  const cap = new ClientCapability(opts);
  const calls = [`cap = new ClientCapability({accountSid: ${lit(accountSid)}, authToken: AUTH_TOKEN${ttlOpt !== undefined ? ', ttl: ' + ttlOpt : ''}})`];

  let kinds = [];
  while (kinds.length === 0) {
    if (rng.chance(0.65)) kinds.push('incoming');
    if (rng.chance(0.6)) kinds.push('outgoing');
    if (rng.chance(0.2)) kinds.push('event');
    if (rng.chance(0.05)) kinds.push('unknown');
  }
  if (kinds.includes('incoming') && rng.chance(0.06)) kinds.push('incoming2');
  for (let j = kinds.length - 1; j > 0; j--) { const k = rng.int(0, j); [kinds[j], kinds[k]] = [kinds[k], kinds[j]]; }

  const expect = { account_sid: accountSid, expires_at: mintNow + ttl, issued_at: mintNow, not_before: null,
    incoming: null, outgoing: null, event_stream: null, unknown_scopes: [] };
  const extra = { moreIncoming: [], paramRepeated: false };
  const incomingName = rng.clientName();
  for (const kind of kinds) {
    if (kind === 'incoming' || kind === 'incoming2') {
      const name = expect.incoming === null ? incomingName : (rng.chance(0.5) ? incomingName : rng.clientName());
      cap.addScope(new ClientCapability.IncomingClientScope(name));
      calls.push(`cap.addScope(new IncomingClientScope(${lit(name)}))`);
      if (expect.incoming === null) expect.incoming = { client_name: name }; else extra.moreIncoming.push(name);
    } else if (kind === 'outgoing') {
      const o = { applicationSid: rng.sid('AP') };
      const c = rng.float();
      if (c < 0.3 && kinds.includes('incoming')) o.clientName = incomingName;
      else if (c < 0.6) o.clientName = rng.clientName();
      const p = rng.float();
      if (p < 0.1) o.params = {};
      else if (p < 0.65) o.params = randomParamsObject();
      cap.addScope(new ClientCapability.OutgoingClientScope(o));
      calls.push(`cap.addScope(new OutgoingClientScope(${JSON.stringify(o)}))`);
      const ep = expectedParams(o.params);
      expect.outgoing = { application_sid: o.applicationSid,
        client_name: o.clientName === undefined ? null : o.clientName, params: ep.params };
      extra.paramRepeated = extra.paramRepeated || ep.repeated;
    } else if (kind === 'event') {
      const f = rng.float();
      const filters = f < 0.4 ? undefined : f < 0.5 ? {} : randomParamsObject();
      cap.addScope(new ClientCapability.EventStreamScope(filters));
      calls.push(`cap.addScope(new EventStreamScope(${filters === undefined ? '' : JSON.stringify(filters)}))`);
      expect.event_stream = { path: '/2010-04-01/Events', params: expectedParams(filters).params };
    } else {
      // A scope object of the caller's own: ClientCapability serialises any payload().
      const [svc, priv] = rng.pick([['client', 'admin'], ['video', 'incoming'], ['stream', 'publish'], ['sync', 'read']]);
      const uri = `scope:${svc}:${priv}` + (rng.chance(0.5) ? `?x=${rng.fromAlphabet('abc123', 1, 5)}` : '');
      cap.addScope({ payload: () => uri });
      calls.push(`cap.addScope({payload: () => ${lit(uri)}})`);
      expect.unknown_scopes.push(uri);
    }
  }
  const token = cap.toJwt();
  calls.push('cap.toJwt()');
  return { lib: 'node6', kind: 'capability', id: `node6-cap-${i}`, call: calls.join('; '),
    mint_now: mintNow, token, auth_token: authToken,
    expect: { capability: expect, mapping: expectMapping(expect, NOW, extra) } };
}

function accessToken(i) {
  const accountSid = rng.sid('AC'), apiKeySid = rng.sid('SK');
  const secret = rng.pick(apiSecrets);
  const mintNow = NOW - rng.int(0, 5000);
  clock.setNow(mintNow);
  const identity = rng.clientName();
  const opts = { identity };
  if (rng.chance(0.6)) opts.ttl = rng.int(1, 200000);
  if (rng.chance(0.2)) opts.nbf = mintNow - rng.int(0, 100);
  if (rng.chance(0.3)) opts.region = rng.pick(REGIONS);
  const at = new AccessToken(accountSid, apiKeySid, secret, opts);
  const calls = [`t = new AccessToken(${lit(accountSid)}, ${lit(apiKeySid)}, SECRET, ${JSON.stringify(opts)})`];
  const grantMakers = [
    () => {
      const g = {};
      if (rng.chance(0.6)) g.incomingAllow = rng.chance(0.8);
      if (rng.chance(0.7)) g.outgoingApplicationSid = rng.sid('AP');
      if (rng.chance(0.5)) g.outgoingApplicationParams = randomParamsObject();
      if (rng.chance(0.2)) g.pushCredentialSid = rng.sid('CR');
      if (rng.chance(0.1)) g.endpointId = rng.text(1, 20);
      return ['VoiceGrant', g];
    },
    () => ['VideoGrant', rng.chance(0.7) ? { room: rng.text(1, 12) } : {}],
    () => ['ChatGrant', { serviceSid: rng.sid('IS'), endpointId: rng.chance(0.5) ? rng.text(1, 10) : undefined,
      pushCredentialSid: rng.chance(0.3) ? rng.sid('CR') : undefined }],
    () => ['SyncGrant', { serviceSid: rng.sid('IS') }],
    () => ['TaskRouterGrant', { workspaceSid: rng.sid('WS'), workerSid: rng.sid('WK'), role: rng.pick(['worker', 'supervisor']) }],
    () => ['PlaybackGrant', { grant: { requestCredentials: null, playbackUrl: 'https://example.invalid/' + rng.hex(8), playerStreamerSid: rng.sid('VJ') } }],
  ];
  const n = rng.int(1, 3);
  for (let j = 0; j < n; j++) {
    const [cls, g] = rng.pick(grantMakers)();
    at.addGrant(new AccessToken[cls](g));
    calls.push(`t.addGrant(new ${cls}(${JSON.stringify(g)}))`);
  }
  const alg = rng.pick(['HS256', 'HS256', 'HS256', 'HS384', 'HS512']);
  const token = at.toJwt(alg);
  calls.push(`t.toJwt(${lit(alg)})`);
  const payload = jsonwebtoken.decode(token);
  return { lib: 'node6', kind: 'access', id: `node6-access-${i}`, call: calls.join('; '), mint_now: mintNow,
    token, api_key_secret: secret,
    expect: { access: { account_sid: accountSid, api_key_sid: apiKeySid, identity: String(identity),
      region: opts.region || null, grants: payload.grants } } };
}

for (let i = 0; i < Number(args.count || 0); i++) out(capabilityToken(i));
for (let i = 0; i < Number(args.access || 0); i++) out(accessToken(i));
