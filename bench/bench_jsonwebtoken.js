// Baseline: jsonwebtoken.verify over every token in a file, single process.
//   node bench_jsonwebtoken.js TOKENS_FILE KEY [RUNS] [MODULE_DIR] [STRING_KEY_TOKENS]
// Prints "RESULT jsonwebtoken <tokens/s>" (best of RUNS) and how many verified.
// With a string key, jsonwebtoken 9 first tries crypto.createPublicKey(key), which throws, and
// then createSecretKey on every call; that is what callers passing a string pay, so it is the
// baseline. It costs about 1.5 ms a token, so it runs over the first STRING_KEY_TOKENS tokens
// (default 20000; 0 = all): a rate, not a total. "RESULT jsonwebtoken_keyobject" passes a
// KeyObject made once, over every token, for reference.
'use strict';
const fs = require('fs');
const path = require('path');
const [file, key, runsArg, moduleDir, stringKeyArg] = process.argv.slice(2);
const jwt = require(moduleDir ? path.resolve(moduleDir, 'jsonwebtoken') : 'jsonwebtoken');
const version = require(path.join(path.dirname(require.resolve(moduleDir ? path.resolve(moduleDir, 'jsonwebtoken') : 'jsonwebtoken')), 'package.json')).version;
const tokens = fs.readFileSync(file, 'utf8').split('\n').filter((t) => t.length > 0);
const runs = Number(runsArg || 3);
const opts = { algorithms: ['HS256'], ignoreExpiration: true };

let failures = 0;
const failed = new Map();
const keyObject = require('crypto').createSecretKey(Buffer.from(key));
for (const t of tokens) {
  try { jwt.verify(t, keyObject, opts); } catch (e) { failures++; failed.set(e.message, (failed.get(e.message) || 0) + 1); }
}
console.error(`jsonwebtoken ${version}: ${tokens.length - failures}/${tokens.length} verified` +
  (failures ? ` (failures: ${JSON.stringify([...failed])})` : ''));

function bench(name, k, limit) {
  const set = limit > 0 && limit < tokens.length ? tokens.slice(0, limit) : tokens;
  let best = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    let ok = 0;
    for (const t of set) {
      try { jwt.verify(t, k, opts); ok++; } catch (e) { /* counted above */ }
    }
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const rate = set.length / s;
    console.error(`  ${name} (${set.length} tokens) run ${r + 1}: ${s.toFixed(3)} s, ${rate.toFixed(0)} tokens/s (ok ${ok})`);
    best = Math.max(best, rate);
  }
  console.log(`RESULT ${name} ${best.toFixed(0)}`);
}
console.log(`VERIFIED_JS ${tokens.length - failures} ${tokens.length}`);
bench('jsonwebtoken', key, Number(stringKeyArg ?? 20000));
bench('jsonwebtoken_keyobject', require('crypto').createSecretKey(Buffer.from(key)), 0);
