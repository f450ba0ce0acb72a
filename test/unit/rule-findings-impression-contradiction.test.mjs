import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { applyFix, engine, problemsOf, root } from '../helpers/engine.mjs';

const RULE = 'findings-impression-contradiction';
const slice = (text, p) => text.slice(p.start, p.end);
const rules = (text) => engine.checkText(text).problems.map((p) => p.rule);

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

test('an impression naming consolidation over clear lungs is a contradiction', () => {
  const text = 'FINDINGS: The lungs are clear. Heart size is normal.\n\nIMPRESSION: Right lower lobe consolidation.';
  const [p] = problemsOf('findings-impression-contradiction', text);
  assert.ok(p);
  assert.equal(text.slice(p.start, p.end), 'consolidation');
  assert.match(p.message, /lungs are clear/);
  assert.equal(problemsOf('unsupported-impression', text).length, 0, 'one problem for one mistake');
});

test('a normal statement of one side or organ does not contradict a finding elsewhere', () => {
  const other = 'FINDINGS: The right lung is clear.\n\nIMPRESSION: Left lower lobe pneumonia.';
  assert.equal(problemsOf('findings-impression-contradiction', other).length, 0);
  assert.equal(problemsOf('unsupported-impression', other).length, 1, 'still not described');
  const heart = 'FINDINGS: Heart size is normal. Right lower lobe consolidation.\n\nIMPRESSION: Right lower lobe pneumonia.';
  assert.equal(problemsOf('findings-impression-contradiction', heart).length, 0);
  const effusion = 'FINDINGS: The lungs are clear. Small left pleural effusion.\n\nIMPRESSION: Small left pleural effusion.';
  assert.deepEqual(
    rules(effusion).filter((r) => r !== 'critical-finding'),
    [],
  );
  const hilar = 'FINDINGS: Lungs clear. Heart size is normal.\n\nIMPRESSION: Right hilar mass.';
  assert.equal(problemsOf('findings-impression-contradiction', hilar).length, 0, 'a hilar mass is not in the lungs');
  assert.equal(problemsOf('unsupported-impression', hilar).length, 1);
});

test('a normal impression sentence over an abnormal finding: replace it with the finding, or remove it', () => {
  const text = 'FINDINGS: Right lower lobe consolidation.\n\nIMPRESSION: No acute cardiopulmonary process. Stable heart size.';
  const [p] = problemsOf('findings-impression-contradiction', text);
  assert.ok(p);
  assert.equal(p.fixes.length, 2);
  for (const f of p.fixes) assert.equal(f.applicability, 'unsafe');
  assert.equal(
    applyFix(text, p.fixes[0]),
    'FINDINGS: Right lower lobe consolidation.\n\nIMPRESSION: Right lower lobe consolidation. Stable heart size.',
  );
  assert.equal(applyFix(text, p.fixes[1]), 'FINDINGS: Right lower lobe consolidation.\n\nIMPRESSION: Stable heart size.');
  // The only statement: removing it would leave no impression, so only the replacement is offered.
  const alone = 'FINDINGS: Right lower lobe consolidation.\n\nIMPRESSION: No acute cardiopulmonary process.';
  const [q] = problemsOf('findings-impression-contradiction', alone);
  assert.deepEqual(
    q.fixes.map((f) => f.title.split(' ')[0]),
    ['Replace'],
  );
});

test('findings-impression-contradiction: "none of the remaining masses appear worrisome" says masses are there', () => {
  const text =
    'FINDINGS: Enhancing mass in the left breast. None of the remaining masses appear worrisome for malignancy.\nIMPRESSION: Further evaluation of the mass with ultrasound.';
  assert.deepEqual(problemsOf(RULE, text), []);
});

test('findings-impression-contradiction: "Normal examination." beside the impression\'s own abnormal statement', () => {
  const text =
    'EXAM: MRI ABDOMEN\nFINDINGS: Enlarged retroperitoneal lymph nodes up to 2.1 cm. Mild perihepatic ascites.\n' +
    'IMPRESSION: Enlarged retroperitoneal lymph nodes, concerning for metastatic involvement. Normal examination.';
  const found = problemsOf('findings-impression-contradiction', text);
  assert.deepEqual(
    found.map((p) => text.slice(p.start, p.end)),
    ['Normal examination.'],
  );
  assert.match(found[0].message, /reads as normal, but it names/);
  // "No acute abnormality" beside a chronic finding the impression names stays true.
  const chronic = text.replace('Normal examination.', 'No acute abnormality.');
  assert.deepEqual(problemsOf('findings-impression-contradiction', chronic), []);
});

test('findings-impression-contradiction: a denial of degree does not narrow a finding the impression lists plainly', () => {
  const text =
    'EXAM: CT ABDOMEN\nFINDINGS: Pancreatic head mass. There is no significant lymphadenopathy.\nIMPRESSION: Pancreatic head mass. Lymphadenopathy.';
  assert.equal(problemsOf('findings-impression-contradiction', text).length, 1);
  // A size word still narrows: "no large effusion" leaves room for a small one.
  const small =
    'EXAM: CT CHEST\nFINDINGS: No large pleural effusion. Right lower lobe consolidation.\nIMPRESSION: Right lower lobe pneumonia. Small right pleural effusion.';
  assert.deepEqual(problemsOf('findings-impression-contradiction', small), []);
});

test('findings-impression-contradiction: a structured report\'s label ("Thrombosis: No thrombus ...") affirms nothing', () => {
  const text =
    'EXAM: CT abdomen\nFINDINGS: Pancreatic tumor: There is a 3.5 cm hypodense mass in the pancreatic head.Thrombosis: No thrombus is identified within the portal vein, SMV, splenic vein, or IVC.\n' +
    'IMPRESSION: Pancreatic head mass. Compression of the superior mesenteric vein by the mass, without thrombosis.\n';
  assert.deepEqual(
    problemsOf('findings-impression-contradiction', text).map((p) => p.message),
    [],
  );
  // A label answered by the finding itself still affirms it.
  const answered = 'EXAM: CT abdomen\nFINDINGS: Thrombosis: present in the portal vein.\nIMPRESSION: No thrombosis.\n';
  assert.equal(problemsOf('findings-impression-contradiction', answered).length, 1);
});

test('findings-impression-contradiction: a general denial in findings that affirm the same finding elsewhere speaks of one structure', () => {
  // The menisci's "no definite tear" beside a torn collateral ligament does not deny the cruciate tear below.
  const local =
    'FINDINGS: There is a partial tear of the medial collateral ligament. The anterior cruciate ligament is thickened; a partial tear is suspected. The menisci show degeneration. I don’t see a definite tear.\nIMPRESSION: Partial tear of the anterior cruciate ligament. Partial tear of the medial collateral ligament.';
  assert.deepEqual(problemsOf(RULE, local), []);
  // A general denial with no tear affirmed anywhere above still contradicts a specific tear below.
  const whole =
    'FINDINGS: The ligaments and menisci are unremarkable. No tear.\nIMPRESSION: Complete tear of the anterior cruciate ligament.';
  assert.deepEqual(
    problemsOf(RULE, whole).map((p) => p.rule),
    [RULE],
  );
});
