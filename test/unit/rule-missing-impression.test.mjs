// missing-impression: findings without an impression.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, applyFix } from '../helpers/engine.mjs';

test('missing-impression: findings without impression, an empty impression, and silence otherwise', () => {
  const none = problemsOf('missing-impression', 'FINDINGS: Small left effusion.\n');
  assert.equal(none.length, 1);
  assert.match(applyFix('FINDINGS: Small left effusion.\n', none[0].fixes[0]), /\nIMPRESSION:\n\$\{1:impression\}\n$/);
  const empty = problemsOf('missing-impression', 'FINDINGS: Small left effusion.\nIMPRESSION:\n');
  assert.equal(empty.length, 1);
  assert.match(empty[0].message, /empty/);
  assert.equal(empty[0].related.length, 1);
  for (const text of [
    'FINDINGS: Clear.\nIMPRESSION: Normal.',
    'The lungs are clear.',
    'IMPRESSION: Normal.',
    'FINDINGS:\nCONCLUSION: Normal.',
  ]) {
    assert.deepEqual(problemsOf('missing-impression', text), [], text);
  }
});

test('missing-impression: a conclusion run into the findings after them (quoted or bulleted statements) is an impression without its header', () => {
  const rule = (text) => problemsOf('missing-impression', text);
  // Chest CT exports: the conclusion's statements marked off by quotation marks or bullets after the findings' prose.
  assert.deepEqual(
    rule(
      'EXAM: CT CHEST\nFINDINGS: Trachea and both main bronchi are open. Sliding type hiatal hernia is observed. Linear atelectasis in both lower lobes. " Hiatal hernia " Linear atelectasis in both lungs\n',
    ),
    [],
  );
  assert.deepEqual(
    rule(
      'FINDINGS: The heart is normal in size. There is a 6 mm nodule in the right upper lobe. No effusion.\n• Right upper lobe 6 mm nodule; follow-up CT in 6 to 12 months.\n',
    ),
    [],
  );
  // Findings told as a bulleted list, or in prose alone, still have no impression.
  assert.equal(rule('FINDINGS:\n• The lungs are clear.\n• Small right pleural effusion.\n').length, 1);
  assert.equal(rule('FINDINGS: The lungs are clear. Small right pleural effusion. The heart is normal.\n').length, 1);
  // rev18 #2: labelled fields after an opening line, and a level marked off from its finding, are the findings themselves.
  for (const text of [
    'EXAM: CT abdomen.\nFINDINGS: The study is compared to none.\n• Liver: 3 cm hypodense mass in segment 7.\n• Kidneys: normal.\n',
    'EXAM: CT chest.\nFINDINGS: Technique is adequate.\n\u2022 Lungs: 8 mm nodule in the left upper lobe.\n\u2022 Pleura: no effusion.\n',
    'EXAM: MRI lumbar spine.\nFINDINGS: Alignment is normal. L4-5 · Broad-based disc bulge with moderate canal stenosis. L5-S1 · Left paracentral protrusion.\n',
    'EXAM: MRI cervical spine.\nFINDINGS: Vertebral heights are preserved. C5-6 \u00b7 Disc osteophyte complex with mild foraminal narrowing.\n',
  ])
    assert.equal(rule(text).length, 1, text);
});
