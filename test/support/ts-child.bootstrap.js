// Lets test children (processes and worker threads) run the TypeScript sources directly (the same swc transform jest uses).
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const libs = join(__dirname, '..', '..', 'libs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@samarkiv\/([^/]+)(.*)$/.exec(request);
  return resolve.call(this, m ? join(libs, m[1], 'src', m[2]) : request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(process.argv[2]);
