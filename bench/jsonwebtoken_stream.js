// The node baseline for `capmig decode - --format jsonl`, end to end: read the token file,
// jwt.verify each token with a KeyObject made once ({complete: true}), and write one JSON
// line per token (header, payload, verified) to stdout, as capmig writes its results.
//   node jsonwebtoken_stream.js TOKENS_FILE KEY MODULE_DIR > /dev/null
'use strict';
const fs = require('fs');
const path = require('path');
const [file, key, moduleDir] = process.argv.slice(2);
const jwt = require(path.resolve(moduleDir, 'jsonwebtoken'));
const keyObject = require('crypto').createSecretKey(Buffer.from(key));
const opts = { algorithms: ['HS256', 'HS384', 'HS512'], ignoreExpiration: true, complete: true };
const tokens = fs.readFileSync(file, 'utf8').split('\n');
const out = [];
let size = 0;
const flush = () => { fs.writeSync(1, out.join('')); out.length = 0; size = 0; };
for (const t of tokens) {
  if (t.length === 0) continue;
  let line;
  try {
    const d = jwt.verify(t, keyObject, opts);
    line = JSON.stringify({ header: d.header, payload: d.payload, verified: true }) + '\n';
  } catch (e) {
    line = JSON.stringify({ error: e.message }) + '\n';
  }
  out.push(line);
  size += line.length;
  if (size > 1 << 20) flush();
}
flush();
