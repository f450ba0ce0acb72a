// critical-communication-missing: a critical finding without a documented who, when and how.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, applyFix } from '../helpers/engine.mjs';

const slice = (text, p) => text.slice(p.start, p.end);

test('critical-communication-missing: no statement -> warning with a snippet fix at the end of the impression', () => {
  const text = 'FINDINGS: Free intraperitoneal air under the right hemidiaphragm.\nIMPRESSION: Pneumoperitoneum.\n';
  const [p] = problemsOf('critical-communication-missing', text);
  assert.equal(p.severity, 'warning');
  assert.equal(p.category, 'communication');
  const fix = p.fixes[0];
  assert.equal(fix.snippet, true);
  assert.equal(fix.isPreferred, true);
  const after = applyFix(text, fix);
  assert.match(
    after,
    /IMPRESSION: Pneumoperitoneum\.\nThese findings were discussed with \$\{1:Dr\. name\} by \$\{2\|telephone,in person,secure message\|\} on \$\{3:date\} at \$\{4:time\}/,
  );
});

test('critical-communication-missing: a complete statement satisfies it; an incomplete one is named', () => {
  const done =
    'FINDINGS: Large left pneumothorax.\nIMPRESSION: Large left pneumothorax. Discussed with Dr. Lee by telephone at 14:35, read back confirmed.';
  assert.deepEqual(problemsOf('critical-communication-missing', done), []);
  const half = 'FINDINGS: Large left pneumothorax.\nIMPRESSION: Large left pneumothorax. Discussed with Dr. Lee.';
  const [p] = problemsOf('critical-communication-missing', half);
  assert.match(p.message, /when, how/);
  assert.equal(slice(half, p), 'Discussed with Dr. Lee.');
});

test('critical-communication-missing: a known, stable finding of the hours tier needs no new call', () => {
  const text = 'FINDINGS: Stable small right apical pneumothorax.\nIMPRESSION: Unchanged small right pneumothorax.';
  assert.deepEqual(problemsOf('critical-communication-missing', text), []);
  assert.equal(problemsOf('critical-finding', text).length, 1, 'still marked as critical');
});

test('critical-communication-missing: silent without critical findings', () => {
  assert.deepEqual(problemsOf('critical-communication-missing', 'FINDINGS: No pneumothorax.\nIMPRESSION: Normal.'), []);
});

test('one message per critical finding: the mark merges into the communication warning, and goes once a call is documented', () => {
  const text = 'FINDINGS: Large right tension pneumothorax with mediastinal shift.\nIMPRESSION: Right tension pneumothorax.\n';
  // No call documented: one warning names the finding and its urgency; no separate info mark.
  assert.deepEqual(problemsOf('critical-finding', text), []);
  const [w, ...more] = problemsOf('critical-communication-missing', text);
  assert.equal(more.length, 0);
  assert.equal(w.finding, 'tension pneumothorax');
  assert.match(w.message, /tension pneumothorax.*within minutes/);
  // A complete statement: neither the warning nor the mark.
  const told = text + 'Discussed with Dr. Lee by telephone at 14:35, read back confirmed.\n';
  assert.deepEqual(problemsOf('critical-finding', told), []);
  assert.deepEqual(problemsOf('critical-communication-missing', told), []);
  // An incomplete statement: its own warning, still no mark.
  const half = text + 'Discussed with Dr. Lee.\n';
  assert.deepEqual(problemsOf('critical-finding', half), []);
  assert.equal(problemsOf('critical-communication-missing', half).length, 1);
  // Negative: a critical finding that needs no call (the days tier) keeps its mark.
  const mass = 'FINDINGS: 4 cm spiculated mass in the right upper lobe.\nIMPRESSION: Right upper lobe mass, suspicious for malignancy.';
  assert.ok(problemsOf('critical-finding', mass).length >= 1);
  assert.deepEqual(problemsOf('critical-communication-missing', mass), []);
});

test('critical-communication-missing: the items of a hedged differential need no call ("could represent A versus B", "A/B cannot be excluded")', () => {
  const text =
    'FINDINGS: Complex cystic left adnexal mass. This could represent a hemorrhagic cyst versus abscess.\n' +
    'IMPRESSION: Complex cystic left adnexal mass. This could represent a hemorrhagic cyst; however, an abscess/neoplasm cannot be excluded.';
  assert.deepEqual(problemsOf('critical-communication-missing', text), []);
  const single = 'FINDINGS: Fluid collection in the pelvis.\nIMPRESSION: Pelvic abscess cannot be excluded.';
  assert.equal(problemsOf('critical-communication-missing', single).length, 1, 'a lone possibility still needs a call');
});

test('critical-communication-missing: "A or⏎⏎B" split over a blank line stays one differential', () => {
  const text =
    'FINDINGS: Complex fluid collection in the left adnexa.\nIMPRESSION: Complex fluid collection representing either a hemorrhagic cyst or\n\nabscess.';
  assert.deepEqual(problemsOf('critical-communication-missing', text), []);
});

test('critical-communication-missing: blood in a joint effusion is a hemarthrosis, not a haemorrhage to call about', () => {
  const text =
    'FINDINGS: Sizable complex joint effusion.\nIMPRESSION: Sizeable joint effusion which is complex and may contain blood products.';
  assert.deepEqual(problemsOf('critical-communication-missing', text), []);
});

test('critical-communication-missing: bleeding the procedure itself stopped, and a collection said to be unchanged, need no call', () => {
  const stopped =
    'FINDINGS: Biopsy of the right renal mass.\nIMPRESSION: Small hematoma with active bleeding through the biopsy needle stopped by tract embolization.';
  assert.deepEqual(problemsOf('critical-communication-missing', stopped), []);
  const transient = 'FINDINGS: Core biopsy.\nIMPRESSION: Transient arterial hemorrhage was noted at the biopsy site.';
  assert.deepEqual(problemsOf('critical-communication-missing', transient), []);
  const unchanged =
    'FINDINGS: Loculated pelvic fluid collection.\nIMPRESSION: 1. Left pelvic fluid collection has not significantly changed in size. These findings may be due to a pelvic abscess.';
  assert.deepEqual(problemsOf('critical-communication-missing', unchanged), []);
  const active = 'FINDINGS: Large retroperitoneal hematoma.\nIMPRESSION: Retroperitoneal hemorrhage with active bleeding.';
  assert.equal(problemsOf('critical-communication-missing', active).length, 1, 'bleeding nobody stopped is still a call');
});

test('critical-communication-missing: a statement broken over a line break after "with" is read whole', () => {
  const text = 'FINDINGS: Large left pneumothorax.\nIMPRESSION: Large left pneumothorax. Discussed with\nDr. Lee by telephone at 14:35.';
  assert.deepEqual(problemsOf('critical-communication-missing', text), []);
});
