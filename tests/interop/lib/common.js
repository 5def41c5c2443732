'use strict';
// Shared by the node generators: a seeded PRNG, random inputs, and the expected mapping of a
// capability token computed from what the library was asked to put in it (TOKENS.md §5).
// Nothing here parses a token: the expectations come from the generator's own inputs.

function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) { this.r = mulberry32(seed); }
  float() { return this.r(); }
  int(lo, hi) { return lo + Math.floor(this.r() * (hi - lo + 1)); }   // inclusive
  chance(p) { return this.r() < p; }
  pick(arr) { return arr[Math.floor(this.r() * arr.length)]; }
  hex(n) { let s = ''; for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(0, 15)]; return s; }
  sid(prefix) { return prefix + this.hex(32); }
  fromAlphabet(alphabet, lo, hi) {
    const chars = Array.from(alphabet); const n = this.int(lo, hi); let s = '';
    for (let i = 0; i < n; i++) s += this.pick(chars);
    return s;
  }
  // Voice-valid client name, or (p) one with characters outside [A-Za-z0-9_].
  clientName(pInvalid = 0.2) {
    let s = this.fromAlphabet(SAFE, 1, 20);
    if (this.chance(pInvalid)) {
      const bad = this.pick(BAD_NAME_CHARS);
      const at = this.int(0, s.length);
      s = s.slice(0, at) + bad + s.slice(at);
    }
    return s;
  }
  // A parameter key or value: plain, or with the characters that break naive escaping.
  text(lo, hi) {
    if (this.chance(0.5)) return this.fromAlphabet(SAFE, lo, hi);
    let s = '';
    const n = this.int(lo, hi);
    for (let i = 0; i < n; i++) s += this.chance(0.5) ? this.pick(Array.from(SAFE)) : this.pick(TRICKY);
    return s;
  }
  key() {
    if (this.chance(0.08)) return String(this.int(0, 99));   // integer-like: JS orders these first
    return this.text(1, 10);
  }
}

const SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_';
const TRICKY = [' ', '+', '/', '&', '=', '%', '?', '#', ';', ',', ':', '@', '.', '-', '~', '*', "'",
  '(', ')', '!', '"', '\\', 'é', 'ü', '中', '😀', '\u2028', '%20', '%2B', '+1', '\t', '<', '>', '[', ']'];
const BAD_NAME_CHARS = [' ', '.', '-', '@', '+', '/', '&', '=', '%', 'é', '中', '😀', '"', '\\',
  '\n', '\u2028', "'", '~', '!', '*', '(', ')', '#', '?'];

const REGIONS = ['us1', 'ie1', 'au1', 'de1', 'jp1', 'sg1', 'br1'];
const VALID_IDENTITY = /^[A-Za-z0-9_]+$/;

// The Access Token mapping of a capability token, from its expected decoded fields.
// cap: {account_sid, expires_at, issued_at, not_before, incoming, outgoing, event_stream,
//       unknown_scopes}; extra: {paramRepeated, moreIncoming: [names]}.
function expectMapping(cap, now, extra = {}) {
  const diags = [];
  let ttl;
  if (cap.issued_at !== null) ttl = cap.expires_at - cap.issued_at;
  else if (cap.not_before !== null) ttl = cap.expires_at - cap.not_before;
  else { ttl = 3600; diags.push('ttl-unknown'); }
  if (ttl > 86400) { ttl = 86400; diags.push('ttl-exceeds-max'); }

  const inc = cap.incoming ? cap.incoming.client_name : null;
  const out = cap.outgoing ? cap.outgoing.client_name : null;
  let conflict = inc !== null && out !== null && inc !== out;
  for (const n of extra.moreIncoming || []) if (n !== inc) conflict = true;
  if (conflict) diags.push('identity-conflict');
  const identity = inc !== null ? inc : out;
  if (identity === null) diags.push('identity-missing');
  else if (!VALID_IDENTITY.test(identity)) diags.push('identity-invalid-chars');
  if (cap.event_stream) diags.push('event-stream-unsupported');
  if (cap.unknown_scopes.length) diags.push('scope-unknown');
  if (extra.paramRepeated) diags.push('param-repeated');
  if (cap.expires_at <= now) diags.push('capability-expired');

  const voice = {};
  if (cap.incoming) voice.incoming = { allow: true };
  if (cap.outgoing) {
    voice.outgoing = { application_sid: cap.outgoing.application_sid };
    if (cap.outgoing.params.size) voice.outgoing.params = cap.outgoing.params;
  }
  const grants = {};
  if (identity !== null) grants.identity = identity;
  grants.voice = voice;
  diags.sort();
  return { identity, ttl, grants, diagnostics: diags };
}

// A JSON object whose members keep exactly the given order. A plain JS object would move
// integer-like keys ("7") first; the token keeps them where the library wrote them.
class Ordered {
  constructor(pairs) { this.pairs = pairs; }
  get size() { return this.pairs.length; }
}

// Ordered string pairs -> Ordered, last value wins, first position kept (TOKENS.md §1.4).
function lastWins(pairs) {
  const order = []; const val = new Map(); let repeated = false;
  for (const [k, v] of pairs) {
    if (val.has(k)) repeated = true; else order.push(k);
    val.set(k, v);
  }
  return { params: new Ordered(order.map((k) => [k, val.get(k)])), repeated };
}

// JSON.stringify that writes Ordered members in their order.
function stringify(v) {
  if (v instanceof Ordered) {
    return '{' + v.pairs.map(([k, x]) => JSON.stringify(k) + ':' + stringify(x)).join(',') + '}';
  }
  if (Array.isArray(v)) return '[' + v.map(stringify).join(',') + ']';
  if (v !== null && typeof v === 'object') {
    return '{' + Object.keys(v).filter((k) => v[k] !== undefined)
      .map((k) => JSON.stringify(k) + ':' + stringify(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) o[argv[i].slice(2)] = argv[i + 1], i++;
  }
  return o;
}

module.exports = { Rng, Ordered, expectMapping, lastWins, stringify, parseArgs, REGIONS, SAFE };
