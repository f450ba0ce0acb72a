// Packages the extension (`npm run package`, in a scratch copy) and checks what the .vsix holds:
// the bundles and what the manifest points at, and none of the sources, tests, maps or node_modules.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, buildVsix, extractZip, listZip } from './vsix.mjs';
import { startLsp } from '../helpers/lsp.mjs';

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
  // The command-line tool is the npm package's: VS Code never runs it.
  [/^extension\/dist\/cli\.js$/, 'CLI bundle'],
  [/^extension\/bin\//, 'CLI launchers (bin/)'],
  [/^extension\/images\/.*\.svg$/, 'icon source'],
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
    pkg.icon,
    ...(c.languages ?? []).map((l) => l.configuration),
    ...(c.grammars ?? []).map((g) => g.path),
    ...(c.snippets ?? []).map((s) => s.path),
    ...(c.walkthroughs ?? []).flatMap((w) => w.steps.map((step) => step.media?.markdown ?? step.media?.image)),
    // Opened by the extension at run time: the rule docs (offline) and the walkthrough's example.
    ...readdirSync(join(ROOT, 'docs', 'rules')).map((f) => `docs/rules/${f}`),
    'examples/chest-radiograph-errors.rpt',
    'dist/extension.js',
    'dist/server.js',
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

test('the extension page (the packaged readme) is EXTENSION.md with its pictures inlined: they render offline', () => {
  const readme = readFileSync(join(built.dir, 'dist', 'extension-readme.md'), 'utf8');
  const pictures = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
  assert.ok(pictures.length >= 3, `only ${pictures.length} pictures`);
  assert.deepEqual(
    pictures.filter((p) => !p.startsWith('data:image/')),
    [],
    'a picture the Extensions view cannot show offline',
  );
  assert.match(readme, /^# RadLint — a second reader for your radiology reports/, 'radiologists first');
  assert.ok(names.includes('extension/readme.md'));
});

test('the packaged bundles are production builds (no source map links)', () => {
  for (const file of ['extension.js', 'server.js']) {
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

test('the unpacked .vsix runs on its own: its language server checks a report with no node_modules around', async () => {
  // Unpacked under the OS temp folder, away from the repository, so nothing resolves from node_modules.
  const dir = mkdtempSync(join(tmpdir(), 'radlint-unpacked-'));
  let lsp;
  try {
    extractZip(built.vsix, dir);
    const server = join(dir, 'extension', 'dist', 'server.js');
    lsp = await startLsp({ server, cwd: dir, initializationOptions: {} });
    const uri = 'file:///tmp/packaged-report.rpt';
    await lsp.open(uri, 'FINDINGS: The the lungs are clear. No pleural efusion.\n\nIMPRESSION: Normal chest radiograph.\n');
    const published = await lsp.next('diagnostics', (p) => p.uri === uri && p.diagnostics.length > 0);
    const rules = published.diagnostics.map((d) => `${d.code}:${d.message}`);
    assert.ok(
      rules.some((r) => r.startsWith('dictation-artifact:')),
      `no dictation-artifact from the packaged server: ${JSON.stringify(rules)}`,
    );
    // Spelling needs dist/dicts at run time: without them it would be silently off in the installed extension.
    const bundle = readFileSync(server, 'utf8');
    if (bundle.includes('"dicts"')) {
      assert.ok(
        rules.some((r) => r.startsWith('spelling:') && r.includes('efusion')),
        `spelling is off in the packaged server: ${JSON.stringify(rules)}`,
      );
    }
  } finally {
    await lsp?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
