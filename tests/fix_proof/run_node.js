'use strict';
// Runs one function of a legacy (or migrated) Node/TypeScript file under a REAL twilio-node
// and writes the token it returns to --out. Nothing of twilio is stubbed.
//
//   node run_node.js --runtime node2|node6 --file F --call NAME [--args JSON]
//                    [--construct JSON] [--http JSON] [--result-path a.b] --now T --out FILE
//
// * `require('twilio')` (and `import … from 'twilio'` once transpiled) resolves to
//   tests/interop/node_modules/twilio2 (npm twilio 2.11.1) or twilio6 (npm twilio 6.2.0),
//   whatever directory the file sits in. Other bare modules (express, @nestjs/common) come
//   from tests/fix_proof/node_modules, then tests/interop/node_modules.
// * `.mjs` files are imported as native ES modules; esm_hooks.mjs gives `import 'twilio'` the
//   same resolution.
// * `.ts` files are transpiled with the real TypeScript compiler (transpileModule, CommonJS,
//   esModuleInterop, experimentalDecorators), as ts-node --transpile-only would.
// * The clock is frozen at --now (tests/interop/lib/fakeclock.js replaces Date and Date.now),
//   so exp − iat is the ttl the code asked for.
// * --call is a dotted path into the module's exports ("tokenFor", "default.tokenFor");
//   with --construct {"class": "TokenService", "args": [...]}, it is a method of that new
//   instance. An argument {"$config": "env"} becomes a ConfigService-like {get(k)} over
//   process.env. Promises are awaited; --result-path picks the token out of an object result.
// * --http {"export": "router"|"app", "method": "GET", "path": "/token?x=y", "user": {...},
//   "json_path": "token"} mounts that express router/app on a real express app listening on
//   127.0.0.1 (port 0), sends one request and reads the token from the JSON body.
// Console output of the code under test goes to stderr so stdout stays clean.
const fs = require('fs');
const path = require('path');
const Module = require('module');

const here = __dirname;
const interopModules = path.resolve(here, '../interop/node_modules');
const proofModules = path.resolve(here, 'node_modules');

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--')) throw new Error(`unexpected argument ${argv[i]}`);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  return out;
}

const opts = parseArgs(process.argv.slice(2));
for (const k of ['runtime', 'file', 'now', 'out']) {
  if (opts[k] === undefined) throw new Error(`--${k} is required`);
}
const twilioDir = { node2: 'twilio2', node6: 'twilio6' }[opts.runtime];
if (!twilioDir) throw new Error(`unknown runtime ${opts.runtime} (node2 | node6)`);
const twilioMain = require.resolve(path.join(interopModules, twilioDir));

process.env.CAPMIG_FAKE_NOW = String(opts.now);
require(path.resolve(here, '../interop/lib/fakeclock.js')).setNow(Number(opts.now));

const realResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, isMain, options) {
  if (request === 'twilio') return twilioMain;
  if (request.startsWith('twilio/')) {
    return realResolve.call(this, path.join(interopModules, twilioDir, request.slice(7)), parent, isMain, options);
  }
  try {
    return realResolve.call(this, request, parent, isMain, options);
  } catch (err) {
    if (err.code !== 'MODULE_NOT_FOUND' || request.startsWith('.') || path.isAbsolute(request)) throw err;
    for (const dir of [proofModules, interopModules]) {
      try {
        return realResolve.call(this, request, parent, isMain, { paths: [dir] });
      } catch (e) { /* next */ }
    }
    throw err;
  }
};

require.extensions['.ts'] = function compileTs(module, filename) {
  const ts = require(path.join(proofModules, 'typescript'));
  const src = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(src, {
    fileName: filename,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2020,
      esModuleInterop: true,
      experimentalDecorators: true,
      sourceMap: false,
    },
  });
  const errors = (out.diagnostics || []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) {
    const msg = errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ');
    throw new Error(`TypeScript syntax error in ${filename}: ${msg}`);
  }
  module._compile(out.outputText, filename);
};

function materialise(arg) {
  if (arg && typeof arg === 'object' && !Array.isArray(arg) && arg.$config === 'env') {
    return { get: (key) => process.env[key] };
  }
  return arg;
}

function dig(obj, dotted) {
  if (!dotted) return obj;
  return dotted.split('.').reduce((o, k) => (o == null ? o : o[k]), obj);
}

function httpRequest(app, spec) {
  const http = require('http');
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      const req = http.request({ host: '127.0.0.1', port, path: spec.path, method: spec.method || 'GET' }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => { body += c; });
        res.on('end', () => {
          server.close();
          if (res.statusCode !== 200) {
            reject(new Error(`HTTP ${res.statusCode} from ${spec.path}: ${body.slice(0, 300)}`));
            return;
          }
          try {
            resolve(spec.json_path ? dig(JSON.parse(body), spec.json_path) : body);
          } catch (e) {
            reject(e);
          }
        });
      });
      req.on('error', (e) => { server.close(); reject(e); });
      req.setTimeout(10000, () => req.destroy(new Error('HTTP request timed out')));
      req.end();
    });
  });
}

async function main() {
  const realLog = console.log;
  console.log = (...a) => console.error(...a);
  console.info = console.log;
  console.debug = console.log;
  const file = path.resolve(opts.file);
  let mod;
  if (file.endsWith('.mjs')) {
    const { register } = require('module');
    const { pathToFileURL } = require('url');
    register(pathToFileURL(path.join(here, 'esm_hooks.mjs')).href, {
      data: { twilioMain, fallbacks: [proofModules, interopModules] },
    });
    mod = await import(pathToFileURL(file).href);
  } else {
    mod = require(file);
  }
  let result;
  if (opts.http) {
    const spec = JSON.parse(opts.http);
    const express = require('express');
    const target = dig(mod, spec.export);
    if (!target) throw new Error(`${opts.file} exports no ${spec.export}`);
    const app = express();
    if (spec.user) {
      app.use((req, res, next) => { req.user = spec.user; next(); });
    }
    app.use(target);
    result = await httpRequest(app, spec);
  } else {
    if (!opts.call) throw new Error('--call or --http is required');
    const args = JSON.parse(opts.args || '[]').map(materialise);
    let owner = mod;
    if (opts.construct) {
      const c = JSON.parse(opts.construct);
      const Cls = dig(mod, c.class);
      if (typeof Cls !== 'function') throw new Error(`${opts.file} exports no class ${c.class}`);
      owner = new Cls(...(c.args || []).map(materialise));
    }
    const parts = opts.call.split('.');
    const name = parts.pop();
    owner = dig(owner, parts.join('.'));
    if (!owner || typeof owner[name] !== 'function') {
      throw new Error(`${opts.file}: ${opts.call} is not a function (exports: ${Object.keys(mod).join(', ')})`);
    }
    result = await owner[name](...args);
  }
  result = dig(result, opts['result-path']);
  console.log = realLog;
  if (typeof result !== 'string' || result.split('.').length !== 3) {
    throw new Error(`${opts.file}: ${opts.call || 'http'} returned ${JSON.stringify(result)}, not a JWT`);
  }
  fs.writeFileSync(opts.out, `${result}\n`);
}

main().catch((err) => {
  process.stderr.write(`run_node: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
