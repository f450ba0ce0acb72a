// Packages the extension (`npm run package`, in a scratch copy) and checks what the .vsix holds:
// the bundles and what the manifest points at, and none of the sources, tests, maps or node_modules.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, buildVsix, extractZip, listZip } from './vsix.mjs';

let built;
let names = [];

before(() => {
  const started = Date.now();
  built = buildVsix();
  names = listZip(built.vsix).map((e) => e.name);
  const kb = (statSync(built.vsix).size / 1024).toFixed(1);
  console.log(`vsix: ${names.length} entries, ${kb} KiB, built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
after(() => built?.cleanup());

const FORBIDDEN = [
  [/\.(c|m)?ts$/, 'TypeScript source'],
  [/\.map$/, 'source map'],
  [/\.tsbuildinfo$/, 'tsc build info'],
  [/(^|\/)tsconfig[^/]*\.json$/, 'tsconfig'],
  [/(^|\/)node_modules\//, 'node_modules'],
  [/^extension\/out\//, 'tsc output (out/)'],
  [/^extension\/(client|server)\//, 'client/server sources'],
  [/(^|\/)(test|tests|__tests__)\//, 'tests'],
  [/\.test\.(m|c)?js$/, 'tests'],
  [/(^|\/)\.(git|vscode|vscode-test|ci)\//, 'tooling folder'],
];

test('the .vsix holds no sources, tests, maps, node_modules or out/', () => {
  const bad = [];
  for (const name of names) {
    for (const [pattern, what] of FORBIDDEN) if (pattern.test(name)) bad.push(`${name} (${what})`);
  }
  assert.deepEqual(bad, [], `unwanted entries in the .vsix:\n  ${bad.join('\n  ')}`);
});

test('the .vsix holds the bundles, the licence and everything the manifest points at', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const c = pkg.contributes ?? {};
  const referenced = [
    pkg.main,
    ...Object.values(pkg.bin ?? {}),
    ...(c.languages ?? []).map((l) => l.configuration),
    ...(c.grammars ?? []).map((g) => g.path),
    ...(c.snippets ?? []).map((s) => s.path),
    'dist/extension.js',
    'dist/server.js',
    'dist/cli.js',
    'package.json',
  ]
    .filter(Boolean)
    .map((p) => p.replace(/^\.\//, ''));
  const missing = referenced.filter((p) => !names.includes(`extension/${p}`));
  // vsce stores these two under lower-case names (extension/readme.md, extension/changelog.md).
  for (const doc of ['README.md', 'CHANGELOG.md']) {
    if (existsSync(join(ROOT, doc)) && !names.includes(`extension/${doc.toLowerCase()}`)) missing.push(doc);
  }
  if (!names.some((n) => /^extension\/LICENSE(\.txt|\.md)?$/.test(n))) missing.push('LICENSE');
  assert.deepEqual(missing, [], `missing from the .vsix: ${missing.join(', ')}`);
});

test('the packaged bundles are production builds (no source map links)', () => {
  for (const file of ['extension.js', 'server.js', 'cli.js']) {
    const text = readFileSync(join(built.dir, 'dist', file), 'utf8');
    assert.ok(!/\/\/# sourceMappingURL=/.test(text), `dist/${file} in the .vsix links a source map`);
  }
});

test('data files the server reads at run time are packaged', () => {
  // The spelling rule reads dist/dicts/manifest.json beside the bundle; without it, in an installed
  // extension (no node_modules), spelling would silently be off.
  const server = readFileSync(join(built.dir, 'dist', 'server.js'), 'utf8');
  if (!(server.includes('"dicts"') && server.includes('manifest.json'))) return;
  assert.ok(
    names.includes('extension/dist/dicts/manifest.json'),
    'dist/server.js reads dist/dicts/, but the .vsix has no dist/dicts/manifest.json (does `npm run package` run scripts/copy-dicts.mjs?)',
  );
  const manifest = JSON.parse(readFileSync(join(built.dir, 'dist', 'dicts', 'manifest.json'), 'utf8'));
  for (const d of manifest.dictionaries ?? []) {
    assert.ok(names.includes(`extension/dist/dicts/${d.file}`), `dictionary ${d.file} is missing from the .vsix`);
  }
});

test('the unpacked .vsix runs on its own: its CLI checks a report with no node_modules around', () => {
  // Unpacked under the OS temp folder, away from the repository, so nothing resolves from node_modules.
  const dir = mkdtempSync(join(tmpdir(), 'radlint-unpacked-'));
  try {
    extractZip(built.vsix, dir);
    const report = join(dir, 'report.rpt');
    writeFileSync(report, 'FINDINGS: The the lungs are clear. No pleural efusion.\n\nIMPRESSION: Normal chest radiograph.\n');
    let stdout;
    try {
      stdout = execFileSync(process.execPath, [join(dir, 'extension', 'bin', 'radlint.js'), 'check', '--format', 'json', report], {
        cwd: dir,
        encoding: 'utf8',
      });
    } catch (error) {
      assert.equal(error.status, 1, `the packaged CLI failed: ${error.stderr}`);
      stdout = error.stdout;
    }
    const rules = JSON.parse(stdout).files[0].diagnostics.map((d) => `${d.rule}:${d.message}`);
    assert.ok(
      rules.some((r) => r.startsWith('dictation-artifact:')),
      `no dictation-artifact from the packaged CLI: ${JSON.stringify(rules)}`,
    );
    // Spelling needs dist/dicts at run time: without them it would be silently off in the installed extension.
    const bundle = readFileSync(join(dir, 'extension', 'dist', 'cli.js'), 'utf8');
    if (bundle.includes('"dicts"')) {
      assert.ok(
        rules.some((r) => r.startsWith('spelling:') && r.includes('efusion')),
        `spelling is off in the packaged CLI: ${JSON.stringify(rules)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
