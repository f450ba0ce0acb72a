// package.json's contributes.configuration against the zod settings schemas: generated from them
// (scripts/gen-configuration.mjs), and checked here key by key so a stale or hand-edited manifest fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { registry, root } from '../helpers/engine.mjs';
import { buildConfiguration, currentConfiguration } from '../../scripts/gen-configuration.mjs';

const require = createRequire(import.meta.url);
const { z } = require('zod');
const { DEFAULTS, clientSettingsSchema, settingsSchema } = require(path.join(root, 'out/server/settings.js'));
const { SETTINGS_GROUPS } = require(path.join(root, 'out/server/settings-ui.js'));
const GENERATOR = path.join(root, 'scripts/gen-configuration.mjs');

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const declared = Object.assign({}, ...pkg.contributes.configuration.map((group) => group.properties));

/** `radlint.*` keys of a parsed settings object: a non-empty object is a namespace (llm, trace), anything else a value. */
function flatten(value, prefix = 'radlint') {
  return Object.entries(value).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0 ? flatten(v, `${prefix}.${k}`) : [[`${prefix}.${k}`, v]],
  );
}
const defaults = [...flatten(DEFAULTS), ...flatten(clientSettingsSchema.parse({}))];

test('package.json is what scripts/gen-configuration.mjs generates (else run `npm run gen`)', () => {
  assert.deepEqual(pkg.contributes.configuration, currentConfiguration(), 'contributes.configuration is stale: run `npm run gen`');
  const run = spawnSync(process.execPath, [GENERATOR, '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});

test('the --check mode fails on a stale manifest and the writer repairs it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-gen-'));
  const file = path.join(dir, 'package.json');
  const stale = structuredClone(pkg);
  stale.contributes.configuration[0].properties['radlint.maxFileSize'].default = 5;
  fs.writeFileSync(file, JSON.stringify(stale, null, 2) + '\n');
  const check = spawnSync(process.execPath, [GENERATOR, '--check', '--package', file], { encoding: 'utf8' });
  assert.equal(check.status, 1);
  assert.match(check.stderr, /stale/);
  execFileSync(process.execPath, [GENERATOR, '--package', file]);
  assert.equal(fs.readFileSync(file, 'utf8'), fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('every setting the server or client reads is declared, with the default the schema gives', () => {
  assert.deepEqual(Object.keys(declared).sort(), defaults.map(([k]) => k).sort());
  for (const [key, value] of defaults) assert.deepEqual(declared[key].default, value, `${key}: declared default differs from the schema's`);
  // The two that were read but not declared before.
  assert.equal(declared['radlint.llm.stream'].default, false);
  assert.equal(declared['radlint.ruleOptions'].type, 'object');
});

test('declared types, enums and limits admit exactly what the schema admits at the edges', () => {
  const llm = settingsSchema.shape.llm;
  assert.equal(declared['radlint.llm.idleDelayMs'].minimum, 200);
  assert.equal(declared['radlint.llm.idleDelayMs'].maximum, 600_000);
  assert.equal(llm.parse({ idleDelayMs: 200 }).idleDelayMs, 200);
  assert.equal(llm.safeParse({ idleDelayMs: 199 }).success, false);
  assert.equal(llm.safeParse({ idleDelayMs: 600_001 }).success, false);
  assert.equal(declared['radlint.maxFileSize'].type, 'integer');
  assert.equal(declared['radlint.maxFileSize'].minimum, 1);
  assert.equal(settingsSchema.safeParse({ maxFileSize: 0 }).success, false);
  assert.equal(settingsSchema.safeParse({ maxFileSize: 1 }).success, true);
  for (const [key, property] of Object.entries(declared)) {
    assert.ok(property.scope, `${key}: scope`);
    assert.ok(property.description || property.markdownDescription, `${key}: description`);
    if (property.enum) {
      assert.ok(property.enum.includes(property.default), `${key}: default ${property.default} is not one of its values`);
      for (const d of ['enumDescriptions', 'markdownEnumDescriptions'])
        if (property[d]) assert.equal(property[d].length, property.enum.length, `${key}: one ${d} entry per value`);
    }
  }
});

test('radlint.rules offers every registered rule id with the levels the schema accepts', () => {
  const rules = declared['radlint.rules'];
  const levels = settingsSchema.shape.rules.unwrap().valueType.options;
  assert.deepEqual(
    Object.keys(rules.properties),
    registry.RULES.map((r) => r.id),
  );
  for (const [id, property] of Object.entries(rules.properties)) {
    assert.deepEqual(property.enum, levels, id);
    assert.ok(property.description.includes(registry.RULES.find((r) => r.id === id).severity), `${id}: names its default level`);
  }
  // Ids added later, and old ids kept as redirects, stay valid.
  assert.deepEqual(rules.additionalProperties.enum, levels);
});

test('settings are grouped under titles in the fixed order, empty groups left out', () => {
  const titles = pkg.contributes.configuration.map((g) => g.title);
  assert.deepEqual(
    titles,
    SETTINGS_GROUPS.filter((g) => titles.includes(g)),
  );
  for (const group of pkg.contributes.configuration) assert.ok(Object.keys(group.properties).length > 0, `${group.title} is empty`);
  for (const title of ['General', 'Rules', 'Critical findings', 'Spelling', 'AI second reader']) assert.ok(titles.includes(title), title);
  assert.ok(
    Object.keys(pkg.contributes.configuration.find((g) => g.title === 'AI second reader').properties).every((k) =>
      k.startsWith('radlint.llm.'),
    ),
  );
});

test('settings restricted in untrusted workspaces are declared', () => {
  for (const key of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations) assert.ok(declared[key], key);
});

/** Repository paths named in a description outside a link: the .vsix does not ship them. */
function unshippedPaths(text) {
  const withoutLinks = text.replace(/https?:\/\/\S+/g, '');
  return withoutLinks.match(/\b(?:docs|server|client|scripts|test|examples|out|src)\/(?:[\w./-]*\w)?|\b[\w-]+\.md\b/g) ?? [];
}

test('descriptions never point at files the .vsix does not ship', () => {
  assert.deepEqual(unshippedPaths('Off by default. See docs/llm.md.'), ['docs/llm.md']);
  assert.deepEqual(unshippedPaths('See [the RadLint docs](https://github.com/radlint/radlint/blob/main/docs/llm.md).'), []);
  const texts = [];
  const collect = (node) => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) {
        if (/description/i.test(k)) texts.push(...[v].flat());
        else collect(v);
      }
  };
  collect(pkg.contributes.configuration);
  assert.ok(texts.length > 20);
  assert.deepEqual(texts.flatMap(unshippedPaths), []);
});

test('the generator refuses a setting without metadata, an unknown group and a duplicate key', () => {
  const args = (schemas) => ({ z, schemas, groups: SETTINGS_GROUPS, rules: registry.RULES });
  assert.throws(
    () => buildConfiguration(args([z.object({ bare: z.boolean().default(true) })])),
    /radlint\.bare has no settings-editor metadata/,
  );
  const odd = z.object({ x: z.boolean().default(true).meta({ group: 'Elsewhere', scope: 'window', description: 'x' }) });
  assert.throws(() => buildConfiguration(args([odd])), /unknown group 'Elsewhere'/);
  const once = z.object({ y: z.boolean().default(true).meta({ group: 'General', scope: 'window', description: 'y' }) });
  assert.throws(() => buildConfiguration(args([once, once])), /radlint\.y is declared twice/);
  const fine = buildConfiguration(args([once]));
  assert.deepEqual(fine, [
    {
      title: 'General',
      order: 0,
      properties: { 'radlint.y': { type: 'boolean', default: true, scope: 'window', description: 'y', order: 0 } },
    },
  ]);
});

// The engine keeps what it parsed from settings objects by identity (engine.ts): the engine's share of one
// settings object is made once, and another settings object gets its own.
test("the engine's share of the settings is one object per settings object", () => {
  const { engineSettings, parseSettings } = require(path.join(root, 'out/server/settings.js'));
  const a = parseSettings({ guidelines: { defaultRisk: 'high' } }).settings;
  const b = parseSettings({ guidelines: { defaultRisk: 'low' } }).settings;
  assert.equal(engineSettings(a), engineSettings(a));
  assert.notEqual(engineSettings(a).ruleOptions, engineSettings(b).ruleOptions);
  assert.deepEqual(
    [a, b].map((s) => engineSettings(s).ruleOptions['follow-up-recommendation'].risk),
    ['high', 'low'],
  );
});
