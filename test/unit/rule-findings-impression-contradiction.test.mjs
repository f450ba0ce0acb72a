import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { problemsOf, root } from '../helpers/engine.mjs';

const RULE = 'findings-impression-contradiction';
const slice = (text, p) => text.slice(p.start, p.end);

test('findings-impression-contradiction: denied above, present below', () => {
  const text = 'FINDINGS: No pleural effusion. No pneumothorax.\nIMPRESSION: Small left pleural effusion.';
  const [p, ...rest] = problemsOf(RULE, text);
  assert.equal(rest.length, 0);
  assert.equal(p.category, 'contradiction');
  assert.equal(slice(text, p), 'pleural effusion');
  assert.ok(p.start > text.indexOf('IMPRESSION'));
  assert.equal(slice(text, p.related[0]), 'pleural effusion');
  assert.ok(p.related[0].start < text.indexOf('IMPRESSION'));
});

test('findings-impression-contradiction: present above, denied below; a general denial reaches its kinds', () => {
  const a = 'FINDINGS: Small right apical pneumothorax.\nIMPRESSION: No pneumothorax.';
  assert.deepEqual(
    problemsOf(RULE, a).map((p) => slice(a, p)),
    ['pneumothorax'],
  );
  const b = 'FINDINGS: No intracranial hemorrhage.\nIMPRESSION: Small acute left subdural hematoma.';
  assert.deepEqual(
    problemsOf(RULE, b).map((p) => p.finding),
    ['subdural hematoma'],
  );
});

test('findings-impression-contradiction: a normal impression over a significant finding', () => {
  const text = fs.readFileSync(path.join(root, 'examples/chest-radiograph-errors.rpt'), 'utf8');
  const ps = problemsOf(RULE, text);
  assert.equal(ps.length, 1);
  assert.equal(slice(text, ps[0]), 'No acute cardiopulmonary process.');
  assert.equal(ps[0].finding, 'pneumothorax');
  const b = 'FINDINGS: Moderate right pleural effusion.\nIMPRESSION: Normal chest radiograph.';
  assert.equal(problemsOf(RULE, b).length, 1);
});

test('findings-impression-contradiction: narrowed denials, other sides, minor findings and "otherwise" are not contradictions', () => {
  for (const text of [
    'FINDINGS: No large pleural effusion.\nIMPRESSION: Small left pleural effusion.',
    'FINDINGS: No new pleural effusion. Small stable left pleural effusion.\nIMPRESSION: Small left pleural effusion.',
    'FINDINGS: No right pleural effusion.\nIMPRESSION: Small left pleural effusion.',
    'FINDINGS: Calcified granuloma. Mild degenerative changes.\nIMPRESSION: No acute cardiopulmonary process.',
    'FINDINGS: Large hiatal hernia.\nIMPRESSION: No acute cardiopulmonary process.',
    'FINDINGS: Moderate left pleural effusion.\nIMPRESSION: 1. Moderate left pleural effusion. 2. Otherwise no acute cardiopulmonary process.',
    'FINDINGS: No pleural effusion.\nIMPRESSION: No pleural effusion.',
  ]) {
    assert.deepEqual(problemsOf(RULE, text), [], text);
  }
});

test('findings-impression-contradiction: silent on the correct examples', () => {
  for (const file of ['chest-radiograph-normal.rpt', 'ct-head-hemorrhage.rpt', 'ct-abdomen-pelvis.rpt']) {
    assert.deepEqual(problemsOf(RULE, fs.readFileSync(path.join(root, 'examples', file), 'utf8')), [], file);
  }
});

test('findings-impression-contradiction: "normal chest radiograph" over a fracture; hidden or focal denials stay open', () => {
  const a = 'FINDINGS: Displaced fracture of the left 5th rib.\nIMPRESSION: Normal chest radiograph.';
  assert.equal(problemsOf(RULE, a).length, 1);
  for (const text of [
    'FINDINGS: No XXXX infiltrates.\nIMPRESSION: Persistent right lower lobe infiltrate.',
    'FINDINGS: No focal consolidation.\nIMPRESSION: Streaky bibasilar airspace opacities.',
    'FINDINGS: No focal consolidation. Displaced fracture of the left 5th rib.\nIMPRESSION: 1. Left rib fracture. 2. No acute cardiopulmonary process.',
  ]) {
    assert.deepEqual(problemsOf(RULE, text), [], text);
  }
});

test('findings-impression-contradiction: a qualifier narrows only its own list item', () => {
  const a =
    'FINDINGS: No focal consolidation, suspicious pulmonary opacity, pneumothorax or definite pleural effusion.\nIMPRESSION: Small left apical pneumothorax.';
  assert.equal(problemsOf(RULE, a).length, 1);
  assert.deepEqual(problemsOf(RULE, 'FINDINGS: No large pleural effusion or pneumothorax.\nIMPRESSION: Small left pleural effusion.'), []);
});
