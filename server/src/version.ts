// The version, read from package.json: the bundles (dist/) and the compiled tree (out/server/) sit at
// different depths, so walk up to the package's own manifest.
import * as fs from 'node:fs';
import * as path from 'node:path';

function readVersion(): string {
  for (let dir = __dirname, up = 0; up < 5; dir = path.dirname(dir), up++) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'radlint' && manifest.version) return manifest.version;
    } catch {
      // not here: one folder up
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
