// Counts are compared as said, each time (clauses.ts countList): "one or two" told as "two or two", "two or three" as
// "three or three", "several … and multiple …" as "numerous … and multiple …" change the count; the same counts
// reworded pass. Sentences of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const report = (sentence) => `EXAM: CT ABDOMEN\nFINDINGS:\n${sentence} The spleen is normal.\n\nIMPRESSION:\nSee findings.\n`;
const countReasons = (kind, a, b) =>
  checkClauses(kind, parseReport(report(a)), report(b))
    .map((r) => r.message)
    .filter((m) => /count/.test(m));

const CHANGED = [
  ['There are one or two small cysts in the left kidney.', 'There are two or two small cysts in the left kidney.'],
  ['Two or three gallstones are present.', 'Three or three gallstones are present.'],
  [
    'Several hypodense lesions in the liver and multiple cysts in the kidneys.',
    'Numerous hypodense lesions in the liver and multiple cysts in the kidneys.',
  ],
];
const KEPT = [
  ['There are one or two small cysts in the left kidney.', 'One or two small cysts are seen in the left kidney.'],
  ['Two or three gallstones are present.', 'There are two or three gallstones.'],
];

test('a count range or a count word changed is refused', () => {
  for (const kind of ['restructure', 'impression'])
    for (const [a, b] of CHANGED) assert.ok(countReasons(kind, a, b).length > 0, `${kind}: ${b}`);
});

test('the same counts reworded pass', () => {
  for (const kind of ['restructure', 'impression'])
    for (const [a, b] of KEPT) assert.deepEqual(countReasons(kind, a, b), [], `${kind}: ${b}`);
});
