'use strict';
// Type-checks TypeScript files with the real compiler against the real typings:
// `twilio` is npm twilio 6.2.0's own .d.ts (tests/interop/node_modules/twilio6), express,
// @nestjs/* and node come from tests/fix_proof/node_modules. strict, as a current project
// would compile. Prints one diagnostic per line; exit 1 when there is any.
//   node typecheck.js '{"esModuleInterop": true}' FILE...
const path = require('path');
const here = __dirname;
const ts = require(path.join(here, 'node_modules', 'typescript'));
const mods = path.join(here, 'node_modules');
const twilio6 = path.resolve(here, '../interop/node_modules/twilio6');

const extra = JSON.parse(process.argv[2] || '{}');
const files = process.argv.slice(3);
const options = {
  noEmit: true,
  strict: true,
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  experimentalDecorators: true,
  skipLibCheck: true,
  baseUrl: mods,
  paths: { twilio: [twilio6], 'twilio/*': [`${twilio6}/*`], '*': ['*', '@types/*'] },
  typeRoots: [path.join(mods, '@types')],
  types: ['node'],
  ...extra,
};
const program = ts.createProgram(files, options);
const diags = ts.getPreEmitDiagnostics(program)
  .filter((d) => !d.file || files.some((f) => path.resolve(f) === path.resolve(d.file.fileName)));
for (const d of diags) {
  const msg = ts.flattenDiagnosticMessageText(d.messageText, ' ');
  if (d.file) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    console.log(`${path.basename(d.file.fileName)}:${line + 1}:${character + 1}: TS${d.code}: ${msg}`);
  } else {
    console.log(`TS${d.code}: ${msg}`);
  }
}
process.exit(diags.length ? 1 : 0);
