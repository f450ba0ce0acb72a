// SARIF's artifactLocation.uri is a URI (issue 23, item 14): a path with spaces, '#', '%' or
// non-ASCII letters is percent-encoded; a relative path stays a relative reference that resolves,
// against the folder it was given in, back to the file; an absolute path becomes a file: URI.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root } from '../helpers/engine.mjs';

const CLI = path.join(root, 'bin/radlint.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-sarif-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const NAME = path.join('my reports', 'Ünïcode #1 50%.rpt');
fs.mkdirSync(path.join(dir, 'my reports'));
fs.writeFileSync(path.join(dir, NAME), 'FINDINGS: The the lungs are clear.\nIMPRESSION: Normal chest.\n');

function uris(file) {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', file], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  const results = JSON.parse(r.stdout).runs[0].results;
  assert.ok(results.length > 0);
  return results.flatMap((x) => [...x.locations, ...x.relatedLocations].map((l) => l.physicalLocation.artifactLocation.uri));
}

test('a relative path: each segment percent-encoded (UTF-8), and it resolves back to the file', () => {
  for (const uri of uris(NAME)) {
    assert.equal(uri, 'my%20reports/%C3%9Cn%C3%AFcode%20%231%2050%25.rpt');
    assert.equal(fileURLToPath(new URL(uri, pathToFileURL(dir + path.sep))), path.join(dir, NAME));
  }
});

test('an absolute path: a file: URI that names the file', () => {
  const absolute = path.join(dir, NAME);
  for (const uri of uris(absolute)) {
    assert.match(uri, /^file:\/\/\/\S+$/);
    assert.ok(uri.endsWith('/my%20reports/%C3%9Cn%C3%AFcode%20%231%2050%25.rpt'), uri);
    assert.equal(fileURLToPath(uri), absolute);
  }
});
