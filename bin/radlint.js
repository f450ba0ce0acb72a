#!/usr/bin/env node
// In a clone, dist/ exists only after `npm run build`: say so instead of a module-not-found trace.
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (require('node:fs').existsSync(bundle)) require(bundle).runCli();
else {
  process.stderr.write(`radlint: ${bundle} is missing: run \`npm run build\` in ${path.dirname(__dirname)} first.\n`);
  process.exitCode = 2;
}
