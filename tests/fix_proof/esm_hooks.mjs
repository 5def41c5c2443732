// ES-module resolution hook for run_node.js: `import … from 'twilio'` in a .mjs file gets the
// same real twilio-node (twilio2 or twilio6) that require('twilio') gets; other bare
// specifiers fall back to tests/fix_proof/node_modules, then tests/interop/node_modules.
import { pathToFileURL } from 'node:url';

let twilioMain;
let fallbacks = [];

export async function initialize(data) {
  twilioMain = data.twilioMain;
  fallbacks = data.fallbacks;
}

export async function resolve(specifier, context, next) {
  if (specifier === 'twilio') return { url: pathToFileURL(twilioMain).href, shortCircuit: true };
  try {
    return await next(specifier, context);
  } catch (err) {
    if (err.code !== 'ERR_MODULE_NOT_FOUND' || specifier.startsWith('.') || specifier.startsWith('/')) throw err;
    for (const dir of fallbacks) {
      try {
        return await next(specifier, { ...context, parentURL: pathToFileURL(`${dir}/`).href });
      } catch (e) { /* next */ }
    }
    throw err;
  }
}
