'use strict';
// Runs the code `capmig map --as node` printed, as a user would paste it, with `twilio`
// resolving to twilio-node 6.2.0 (NODE_PATH shim) and the clock frozen by fakeclock.js.
// If the snippet only assigns the token (`const jwt = token.toJwt()`), print it.
const fs = require('fs');
const path = process.argv[2];
let code = fs.readFileSync(path, 'utf8');
if (!/console\.log|process\.stdout/.test(code) && /\b(const|let|var)\s+jwt\b/.test(code)) {
  code += '\nconsole.log(jwt);\n';
}
fs.writeFileSync(path + '.run.js', code);
require(path + '.run.js');
