// Wrong alarms read on MTSamples imaging reports, each fixed as a pattern and tested with reports in a
// radiologist's words (not the MTSamples sentence itself): a pertinent-negative list whose "without
// evidence of" the dictation lost, minor tendon degeneration, a coronary "type A lesion".
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { analyze, prepareRules } = require(path.join(root, 'out/server/engine.js'));

before(() => prepareRules());

const alarms = (text) => analyze(text).problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
const findings = (text) => analyze(text).understanding.findings.map((f) => `${f.finding}:${f.assertion}`);

test('"normal in (size and) echogenicity of mass, stone, hydronephrosis" lost its "without evidence of": a denial', () => {
  const us =
    'FINDINGS: The left kidney is normal in size and echogenicity of solid mass, stone or hydronephrosis, measuring 10.8 cm.\n\nIMPRESSION: Normal renal ultrasound.';
  assert.deepEqual(alarms(us), []);
  assert.ok(!findings(us).some((f) => f.endsWith(':present')), findings(us).join());
  // A mass told after the normal statement is a mass.
  const mass =
    'FINDINGS: The left kidney is normal in size and echogenicity. There is a 3.1 cm solid mass in the upper pole.\n\nIMPRESSION: Normal renal ultrasound.';
  assert.ok(alarms(mass).some((p) => p.rule === 'impression-omission' && /mass/.test(p.message)));
});

test('tendinosis is left out of an impression unless called moderate, severe or worse', () => {
  const mri = (grade) =>
    `FINDINGS: There is ${grade}supraspinatus tendinosis without a full-thickness tear. Large Hill-Sachs fracture of the posterior humeral head.\n\nIMPRESSION: Large Hill-Sachs fracture.`;
  assert.ok(!alarms(mri('')).some((p) => /tendinosis/.test(p.message)));
  assert.ok(alarms(mri('severe ')).some((p) => p.rule === 'impression-omission' && /tendinosis/.test(p.message)));
});

test('a coronary "type A lesion" is the stenosis already named, no lesion of its own', () => {
  const cath =
    'FINDINGS: The LAD shows a 60% to 70% stenosis in its mid portion. The lesion is a type A ending before the first diagonal. The RCA has a type B lesion proximally with 40% stenosis.\n\nIMPRESSION: 60% to 70% mid LAD stenosis and 40% proximal RCA stenosis.';
  assert.ok(!findings(cath).some((f) => f.startsWith('lesion')), findings(cath).join());
  assert.ok(!alarms(cath).some((p) => /lesion/.test(p.message)));
  // A lesion in the liver is still a lesion: the liver's.
  assert.ok(findings('FINDINGS: A 2 cm hypodense lesion in the liver.').includes('liver lesion:present'));
});

test('bleeding the biopsy met and stopped, told in the sentences after it, needs no call', () => {
  const biopsy = (after) =>
    `FINDINGS: Ultrasound-guided core biopsy of the 10 o'clock left breast mass. After the second core there was active hemorrhage from the biopsy site. ${after}\n\nIMPRESSION: Core biopsy of the left breast mass.`;
  const calls = (text) =>
    analyze(text)
      .critical.filter((c) => c.needsCall)
      .map((c) => c.finding.finding);
  assert.deepEqual(calls(biopsy('Manual pressure was held for 15 minutes until hemostasis was achieved.')), []);
  assert.ok(calls(biopsy('The patient was sent to the emergency department.')).length > 0);
});

test('an impression may give the largest dimension rounder: "a 4 cm hematoma" for 1.9 x 4.4 x 1.3 cm', () => {
  const sizes = (impression) =>
    alarms(
      `FINDINGS: There is a hematoma in the left breast measuring 1.9 x 4.4 x 1.3 cm.\n\nIMPRESSION: ${impression}\nDiscussed with Dr. Lee by telephone at 14:35.`,
    ).filter((p) => p.rule === 'measurement-mismatch');
  assert.deepEqual(sizes('Left breast hematoma, 4 cm.'), []);
  assert.equal(sizes('Left breast hematoma, 3 cm.').length, 2);
  assert.equal(sizes('Left breast hematoma, 4.1 cm.').length, 2);
});

test('an impression that reports the RECIST target lesions accounts for the measured metastases and nodes', () => {
  const mri = (impression) =>
    [
      'CLINICAL HISTORY: Metastatic colorectal carcinoma on treatment, follow-up.',
      'FINDINGS: Multiple liver metastases in both lobes; the largest in segment IV measures 3.2 x 2.7 cm, previously 4.1 x 3.5 cm.',
      'Retroperitoneal lymphadenopathy, the largest node 2.3 x 1.7 cm, previously 3.0 x 2.2 cm.',
      `IMPRESSION: ${impression}`,
    ].join('\n');
  assert.deepEqual(
    alarms(mri('All target lesions decreased in size, a partial response by RECIST. No new lesions.')).map((p) => p.message),
    [],
  );
  assert.ok(alarms(mri('No new lesions.')).some((p) => p.rule === 'impression-omission'));
});

test('small mastoid effusions are left out of an impression; a complex labral tear is not asked for as a meniscal tear', () => {
  const neck =
    'FINDINGS: Mild mucosal thickening in the paranasal sinuses and small bilateral mastoid effusions. Enlarged right level III lymph node, 3.1 cm.\nIMPRESSION: Right cervical lymphadenopathy.';
  assert.deepEqual(
    alarms(neck).map((p) => p.message),
    [],
  );
  // Fluid that has increased is worth the impression.
  assert.ok(
    alarms(neck.replace('small bilateral mastoid effusions.', 'bilateral mastoid effusions, increased since the prior study.')).some(
      (p) => p.rule === 'impression-omission' && /mastoid effusion/.test(p.message),
    ),
  );
  const shoulder =
    'EXAM: MRI right shoulder.\nFINDINGS: The labrum shows a complex tear involving the anterosuperior and posterosuperior labrum.\nIMPRESSION: Complex SLAP tear.';
  assert.deepEqual(
    alarms(shoulder).map((p) => p.message),
    [],
  );
});
