// One version number: package.json's, read by server/src/version.ts, in the compiled tree and the bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test("the compiled version module reports package.json's version", () => {
  assert.match(version, /^\d+\.\d+\.\d+/);
  assert.equal(require(path.join(root, 'out/server/version.js')).VERSION, version);
});

test('the bundled CLI (dist/cli.js) reports it too', (t) => {
  const bundle = path.join(root, 'dist/cli.js');
  if (!fs.existsSync(bundle)) return t.skip('dist/cli.js is not built (npm run build)');
  const run = spawnSync(process.execPath, [bundle, '--version'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, `${version}\n`);
});

test('no version number is written into the sources', () => {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && /VERSION\s*(?::\s*string\s*)?=\s*['"`]\d/.test(fs.readFileSync(full, 'utf8')))
        found.push(path.relative(root, full));
    }
  };
  walk(path.join(root, 'server/src'));
  walk(path.join(root, 'client/src'));
  assert.deepEqual(found, [], 'import VERSION from server/src/version.ts instead');
});
