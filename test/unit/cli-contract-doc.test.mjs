// docs/cli.md is the contract of `radlint check` and `radlint findings`: its examples must have the
// shape the CLI prints and its value lists must be the code's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { CATEGORIES, SEVERITIES } = require(path.join(root, 'out/server/problem.js'));
const { main } = require(path.join(root, 'out/server/cli/index.js'));
const anatomy = JSON.parse(fs.readFileSync(path.join(root, 'server/src/nlp/lexicon/anatomy.json'), 'utf8'));

const doc = fs.readFileSync(path.join(root, 'docs/cli.md'), 'utf8');
const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));

/** The CLI's stdout and status for a report given on stdin. */
async function cli(args, text) {
  let stdout = '';
  const status = await main(args, { stdout: (s) => (stdout += s), stderr: () => {}, readStdin: async () => Buffer.from(text) });
  return { status, out: JSON.parse(stdout) };
}

/** Sorted key paths of a JSON value, arrays read through their first element. */
function shape(value, prefix = '') {
  if (Array.isArray(value)) return value.length ? shape(value[0], `${prefix}[]`) : [`${prefix}[]`];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...shape(v, `${prefix}.${k}`)]);
  return [];
}
const keys = (value) => [...new Set(shape(value))].sort();

const REPORT = 'EXAM: MRI RIGHT KNEE.\nHISTORY: 51-year-old woman.\nFINDINGS: Moderate left pleural effusion measuring 2.3 x 1.5 cm.\n';

test("the category list is the code's, in the same order", () => {
  const line = /`category`: one of ([\s\S]*?)\.\n/.exec(doc);
  assert.ok(line, 'docs/cli.md lists the categories');
  assert.deepEqual(
    [...line[1].matchAll(/`([a-z-]+)`/g)].map((m) => m[1]),
    [...CATEGORIES],
  );
});

test("the severities and assertion values named are the code's", () => {
  const severity = /`severity`: ([^:]*):/.exec(doc);
  assert.deepEqual(
    [...severity[1].matchAll(/`([a-z]+)`/g)].map((m) => m[1]),
    [...SEVERITIES],
  );
  const assertion = /`assertion`: ([\s\S]*?)\n {2}- `side`/.exec(doc);
  const named = [...assertion[1].matchAll(/`([a-z]+)`/g)].map((m) => m[1]);
  assert.deepEqual(named, ['present', 'absent', 'possible', 'historical', 'hypothetical']);
});

test("the modality codes named are the lexicon's", () => {
  const line = /`modality` is a DICOM-style code \(([^)]*)\)/.exec(doc);
  assert.deepEqual([...line[1].matchAll(/`([A-Z]+)`/g)].map((m) => m[1]).sort(), anatomy.modalities.map((m) => m.code).sort());
});

test('the check example has the shape `radlint check --format json` prints', async () => {
  const { status, out } = await cli(['check', '--format', 'json', '-'], REPORT);
  assert.equal(status, 1);
  const example = examples.find((e) => e.files?.[0]?.diagnostics);
  const printed = out.files[0].diagnostics.find((d) => d.finding && d.side);
  assert.ok(printed, 'a diagnostic with finding and side');
  assert.deepEqual(keys({ ...out, files: [{ ...out.files[0], diagnostics: [printed] }] }), keys(example));
  assert.equal(example.files[0].diagnostics[0].source, 'rules');
});

test('the findings example has the shape `radlint findings --format json` prints', async () => {
  const { status, out } = await cli(['findings', '--format', 'json', '-'], REPORT);
  assert.equal(status, 0);
  const example = examples.find((e) => e.files?.[0]?.findings);
  assert.ok(out.files[0].findings[0].measurements.length > 0);
  assert.deepEqual(keys(out), keys(example));
  // A wrong shape is caught: a renamed key does not pass.
  const renamed = structuredClone(example);
  renamed.files[0].exam.part = renamed.files[0].exam.bodyPart;
  delete renamed.files[0].exam.bodyPart;
  assert.notDeepEqual(keys(out), keys(renamed));
});
