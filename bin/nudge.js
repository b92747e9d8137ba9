#!/usr/bin/env node
'use strict';
// The `nudge` command. The CLI is bundled to dist/ by `npm run build`
// (run by `npm install` / `npm ci` in a checkout through `prepare`, and into
// the npm package by `prepack`).
try {
  require('../dist/cli.js');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    console.error('nudge: the CLI is not built yet. Run `npm run build` in the nudge folder.');
    process.exit(2);
  }
  throw err;
}
