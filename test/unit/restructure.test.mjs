// Restructure into a template: every source sentence kept and filed, fields where the source is silent,
// pertinent negatives only on request, the understanding of the report unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { parseReport, understand } from '../helpers/nlp.mjs';
import { root } from '../helpers/engine.mjs';
import { iuReports, mtReports, skipWithoutData } from '../../scripts/lib/corpus.mjs';
import { keptIn } from '../../scripts/eval-restructure.mjs';

const require = createRequire(import.meta.url);
const { chooseTemplate, templateById } = require(path.join(root, 'out/server/templates/index.js'));
const { restructure, restructureText, PERTINENT_NEGATIVE_MARK } = require(path.join(root, 'out/server/rewrite/restructure.js'));
const { rewrite } = require(path.join(root, 'out/server/rewrite/index.js'));
const { analyze } = require(path.join(root, 'out/server/engine.js'));

const PLAIN = { fillPertinentNegatives: false, fields: 'plain' };
const norm = (s) => s.replace(/\s+/g, ' ').trim();
const example = (name) => fs.readFileSync(path.join(root, 'examples', name), 'utf8');
function run(text, options = PLAIN, id) {
  const report = parseReport(text);
  const template = id ? templateById(id) : chooseTemplate(report).template;
  return { report, out: restructure(report, template, options) };
}
/** The line of the output that starts with a label. */
const line = (out, label) => out.text.split(/\r?\n/).find((l) => l.startsWith(`${label}:`));
/**
 * The findings read in a text. A normal statement's implied denials ("the right kidney is unremarkable":
 * no hydronephrosis) are read in FINDINGS only, so when sentences moved there out of TECHNIQUE (findings
 * dictated on in that paragraph) they are left out (`noImplied`): the sentences themselves are kept as written.
 */
const multiset = (text, noImplied = false, patientLines = new Set()) => {
  const report = parseReport(text);
  return understand(text)
    .findings.filter((f) => !(noImplied && f.normal))
    .filter((f) => !patientLines.has(report.sentences[f.sentenceIndex]?.text.trim()))
    .map((f) => `${f.finding}|${f.assertion}|${f.side}`)
    .sort();
};

/** The invariants every restructure keeps; returns a reason or null. */
function broken(text, options = PLAIN) {
  const { report, out } = run(text, options);
  const flat = norm(out.text);
  for (const s of report.sentences) if (!keptIn(flat, s.text)) return `lost: ${s.text}`;
  const seen = out.placed.map((p) => p.sentence);
  if (seen.length !== report.sentences.length || new Set(seen).size !== seen.length) return 'a sentence placed twice or not at all';
  if (options.fields === 'plain' && !options.fillPertinentNegatives) {
    const noImplied = out.placed.some(
      (p) => p.section === 'FINDINGS' && report.sections[report.sentences[p.sentence].section]?.kind === 'technique',
    );
    // Who the patient is, said above the headers and moved to the history word for word, names the
    // question, not a finding (as the gate reads it, verify-findings.ts).
    const history = out.placed.filter(
      (p) => p.section === 'CLINICAL HISTORY' && (report.sections[report.sentences[p.sentence].section]?.kind ?? 'preamble') === 'preamble',
    );
    const patientLines = new Set(history.map((p) => report.sentences[p.sentence].text.trim()));
    const a = multiset(text, noImplied, patientLines).join('\n');
    const b = multiset(out.text, noImplied, patientLines).join('\n');
    if (a !== b) return `findings changed:\n${a}\n---\n${b}`;
  }
  return null;
}

test('the example reports keep every sentence and every finding', () => {
  for (const f of fs.readdirSync(path.join(root, 'examples')).filter((x) => x.endsWith('.rpt'))) assert.equal(broken(example(f)), null, f);
});

test('a chest radiograph files each sentence under its organ', () => {
  const { out } = run(example('chest-radiograph-normal.rpt'));
  assert.equal(out.template, 'chest-radiograph');
  assert.equal(line(out, 'Lungs'), 'Lungs: The lungs are clear without focal consolidation.');
  assert.equal(line(out, 'Pleura'), 'Pleura: No pleural effusion or pneumothorax.');
  assert.equal(line(out, 'Heart and mediastinum'), 'Heart and mediastinum: The cardiomediastinal silhouette is within normal limits.');
  assert.equal(line(out, 'Bones and soft tissues'), 'Bones and soft tissues: No acute osseous abnormality.');
  assert.equal(line(out, 'EXAM'), 'EXAM: Chest radiograph, PA and lateral.');
  assert.equal(line(out, 'CLINICAL HISTORY'), 'CLINICAL HISTORY: 62-year-old male with cough for two weeks.');
  assert.equal(line(out, 'COMPARISON'), 'COMPARISON: None.');
  assert.match(out.text, /IMPRESSION:\nNo acute cardiopulmonary process\.\n$/);
  const headers = out.text
    .split('\n')
    .filter((l) => /^[A-Z ]+:/.test(l))
    .map((l) => l.split(':')[0]);
  assert.deepEqual(headers, ['EXAM', 'CLINICAL HISTORY', 'TECHNIQUE', 'COMPARISON', 'FINDINGS', 'IMPRESSION']);
});

test('the finding decides where a sentence goes when no organ is named', () => {
  const { out } = run(
    'EXAM: Chest radiograph.\nFINDINGS: No pneumothorax. Mild cardiomegaly. Calcified granuloma in the right upper lobe. Right IJ central venous catheter tip in the SVC.',
  );
  assert.equal(line(out, 'Pleura'), 'Pleura: No pneumothorax.');
  assert.equal(line(out, 'Heart and mediastinum'), 'Heart and mediastinum: Mild cardiomegaly.');
  assert.equal(line(out, 'Lungs'), 'Lungs: Calcified granuloma in the right upper lobe.');
  assert.equal(line(out, 'Lines and tubes'), 'Lines and tubes: Right IJ central venous catheter tip in the SVC.');
  const by = Object.fromEntries(out.placed.map((p) => [p.text, p.by]));
  assert.equal(by['No pneumothorax.'], 'finding');
  assert.equal(by['EXAM: Chest radiograph.'], undefined);
});

test('the first organ a sentence names is its subject', () => {
  const { out } = run(
    'EXAM: Chest radiograph.\nFINDINGS: The lungs are clear bilaterally with no pleural effusion. There is a small left pleural effusion with adjacent atelectasis.',
  );
  assert.equal(line(out, 'Lungs'), 'Lungs: The lungs are clear bilaterally with no pleural effusion.');
  assert.equal(line(out, 'Pleura'), 'Pleura: There is a small left pleural effusion with adjacent atelectasis.');
});

test('unaddressed subsections stay fields: [ ] in plain text, numbered tab stops in a snippet', () => {
  const text = example('chest-radiograph-normal.rpt');
  const { out } = run(text);
  assert.equal(line(out, 'Lines and tubes'), 'Lines and tubes: [ ]');
  assert.equal(line(out, 'TECHNIQUE'), 'TECHNIQUE: [ ]');
  assert.equal(line(out, 'Upper abdomen'), 'Upper abdomen: [ ]');
  assert.ok(!out.text.includes('No free air under the diaphragm'), 'no invented normal text');
  assert.ok(!out.text.includes(PERTINENT_NEGATIVE_MARK));
  assert.deepEqual(
    out.fields.map((f) => `${f.section}/${f.subsection}/${f.content}`),
    ['TECHNIQUE/null/field', 'FINDINGS/Lines and tubes/field', 'FINDINGS/Upper abdomen/field'],
  );
  const { out: snip } = run(text, { fillPertinentNegatives: false, fields: 'snippet' });
  assert.equal(line(snip, 'TECHNIQUE'), 'TECHNIQUE: ${1:}');
  assert.equal(line(snip, 'Lines and tubes'), 'Lines and tubes: ${2:}');
  assert.equal(line(snip, 'Upper abdomen'), 'Upper abdomen: ${3:}');
  assert.equal(line(snip, 'Lungs'), line(out, 'Lungs'));
});

test('pertinent negatives go in only when asked for, marked, and never over what the source says', () => {
  const text = example('chest-radiograph-normal.rpt');
  const { out } = run(text, { fillPertinentNegatives: true, fields: 'plain' });
  assert.equal(line(out, 'Upper abdomen'), `Upper abdomen: ${PERTINENT_NEGATIVE_MARK} No free air under the diaphragm.`);
  assert.equal(line(out, 'Lungs'), 'Lungs: The lungs are clear without focal consolidation.', 'an addressed subsection is left alone');
  assert.equal(line(out, 'Lines and tubes'), 'Lines and tubes: [ ]', 'no pertinent negative in the template: still a field');
  assert.ok(out.fields.some((f) => f.subsection === 'Upper abdomen' && f.content === 'pertinent-negative'));
  // The mark is a field the unfilled-placeholder rule reports until the radiologist removes it.
  const { engine } = await_engine();
  assert.ok(
    engine
      .checkText(out.text)
      .problems.some((p) => p.rule === 'unfilled-placeholder' && out.text.slice(p.start, p.end) === PERTINENT_NEGATIVE_MARK),
  );
  const { out: snip } = run(text, { fillPertinentNegatives: true, fields: 'snippet' });
  assert.match(line(snip, 'Upper abdomen'), /^Upper abdomen: \$\{\d+:<<from template>> No free air under the diaphragm\.\}$/);
});

test('no pertinent negative where the report speaks of the organ elsewhere', () => {
  const text =
    'EXAM: Chest radiograph.\nFINDINGS: The lungs are clear bilaterally with a small left pleural effusion.\nIMPRESSION: Small left effusion.';
  const { out } = run(text, { fillPertinentNegatives: true, fields: 'plain' });
  assert.match(line(out, 'Lungs'), /small left pleural effusion/);
  assert.equal(line(out, 'Pleura'), 'Pleura: [ ]', 'no "No pleural effusion" beside a described effusion');
  assert.match(line(out, 'Bones and soft tissues'), /<<from template>> No acute osseous abnormality\./);
});

test('a sentence naming several organs is filed under the first; the others get no pertinent negative, nor an empty field beside it', () => {
  const text = 'EXAM: CT abdomen and pelvis.\nFINDINGS: The liver, gallbladder and spleen are unremarkable.\nIMPRESSION: Normal.';
  const { out } = run(text, { fillPertinentNegatives: true, fields: 'plain' });
  assert.equal(line(out, 'Liver'), 'Liver: The liver, gallbladder and spleen are unremarkable.');
  assert.equal(line(out, 'Spleen'), undefined);
  assert.equal(line(out, 'Gallbladder and bile ducts'), undefined);
  assert.match(line(out, 'Pancreas'), /<<from template>>/);
});

test('a region heading outside FINDINGS ("CT PELVIS:") is findings, filed by organ', () => {
  const text =
    'EXAM: CT abdomen and pelvis.\nTECHNIQUE: Axial images.\nCT ABDOMEN: The liver is normal.\nCT PELVIS: The appendix is normal. The bladder is distended.\nIMPRESSION: Normal.\nRECOMMENDATION: None.';
  const { out } = run(text);
  assert.equal(line(out, 'Liver'), 'Liver: The liver is normal.');
  assert.equal(line(out, 'Appendix'), 'Appendix: The appendix is normal.');
  assert.equal(line(out, 'Bladder'), 'Bladder: The bladder is distended.');
  assert.match(out.text, /\n\nRECOMMENDATION: None\.\n$/);
  assert.ok(!out.text.includes('CT PELVIS'));
  assert.equal(broken(text), null);
});

function await_engine() {
  return { engine: require(path.join(root, 'out/server/engine.js')) };
}

test('a sentence filed out of a numbered FINDINGS list leaves its number behind', () => {
  const text =
    'EXAM: CT abdomen and pelvis.\nFINDINGS:\n1. The liver is normal.\n2. No hydronephrosis.\n3. The appendix is normal.\nIMPRESSION:\n1. Normal.';
  const { out } = run(text);
  assert.equal(line(out, 'Liver'), 'Liver: The liver is normal.');
  assert.equal(line(out, 'Kidneys and ureters'), 'Kidneys and ureters: No hydronephrosis.');
  assert.match(out.text, /IMPRESSION:\n1\. Normal\.\n$/);
  assert.equal(out.placed.find((p) => p.subsection === 'Liver').text, 'The liver is normal.');
  assert.equal(broken(text), null);
});

test('the impression is kept as written, items on their lines', () => {
  const { out } = run(example('ct-head-hemorrhage.rpt'));
  const impression = out.text.split('IMPRESSION:\n')[1];
  assert.match(
    impression,
    /^1\. Acute left convexity subdural hematoma, 9 mm thick, with 4 mm rightward midline shift\.\n2\. No calvarial fracture\.\nThese findings were discussed/,
  );
  assert.equal(line(out, 'Extra-axial spaces').startsWith('Extra-axial spaces: There is an acute subdural hematoma'), true);
});

test('an organ label of the source opens its subsection in place of the template label', () => {
  const { out } = run(example('mri-knee.rpt'));
  assert.equal(line(out, 'Cartilage'), 'Cartilage: Preserved.');
  assert.equal(line(out, 'Articular cartilage'), undefined);
  assert.match(line(out, 'Menisci'), /^Menisci: There is an oblique tear/);
  assert.match(line(out, 'Collateral ligaments and corners'), /medial collateral ligament is thickened/);
});

test('a sentence with nothing to go by goes to the FINDINGS head; an organ the template lacks to Other', () => {
  const { out } = run(
    'EXAM: CT head without contrast.\nFINDINGS:\nImages are degraded by motion.\nNo intracranial hemorrhage.\nA 1 cm thyroid nodule is noted.\n',
  );
  const findings = out.text.split('FINDINGS:\n')[1].split('\n');
  assert.equal(findings[0], 'Images are degraded by motion.');
  assert.equal(line(out, 'Brain'), 'Brain: No intracranial hemorrhage.');
  assert.equal(line(out, 'Other'), 'Other: A 1 cm thyroid nodule is noted.');
  const by = Object.fromEntries(out.placed.map((p) => [p.text, p.by]));
  assert.equal(by['Images are degraded by motion.'], 'unplaced');
  assert.equal(by['A 1 cm thyroid nodule is noted.'], 'other');
  // Nothing to go by, after a placed sentence: it follows that one.
  const { out: ctx } = run('EXAM: CT head.\nFINDINGS: The ventricles are mildly enlarged. Stable since the prior.');
  assert.equal(
    line(ctx, 'Ventricles and cisterns'),
    'Ventricles and cisterns: The ventricles are mildly enlarged. Stable since the prior.',
  );
});

test('both kidneys share one subsection: a label carries no side onto sentences', () => {
  const text =
    'EXAM: Renal ultrasound.\nFINDINGS: The right kidney measures 10.2 cm. No hydronephrosis. The left kidney measures 10.8 cm with a 1.2 cm simple cyst. The bladder is unremarkable.';
  const { out } = run(text);
  assert.equal(out.template, 'us-renal');
  assert.equal(
    line(out, 'Kidneys'),
    'Kidneys: The right kidney measures 10.2 cm. No hydronephrosis. The left kidney measures 10.8 cm with a 1.2 cm simple cyst.',
  );
  assert.equal(line(out, 'Bladder'), 'Bladder: The bladder is unremarkable.');
  assert.ok(!/^(Right|Left) /m.test(out.text.split('FINDINGS:')[1].replace(/^Kidneys: .*$/m, '')), 'no sided label');
  assert.equal(broken(text), null);
});

test('spine levels are filed by level', () => {
  const text =
    'EXAM: MRI lumbar spine.\nFINDINGS: Normal alignment. The conus terminates at L1. L4-5: Broad-based disc bulge with mild foraminal narrowing. At L5-S1 there is a small central disc protrusion. Remaining discs are normal.';
  const { out } = run(text);
  assert.equal(out.template, 'mri-lumbar-spine');
  assert.equal(line(out, 'Alignment'), 'Alignment: Normal alignment.');
  assert.equal(line(out, 'Conus and cauda equina'), 'Conus and cauda equina: The conus terminates at L1.');
  assert.equal(line(out, 'L4-5'), 'L4-5: Broad-based disc bulge with mild foraminal narrowing.');
  // The level's label stands on its own line: the sentence names its level in its own words.
  assert.match(out.text, /^L5-S1:\nAt L5-S1 there is a small central disc protrusion\.$/m);
  assert.equal(line(out, 'Discs and spinal canal'), 'Discs and spinal canal: Remaining discs are normal.');
  assert.equal(line(out, 'L2-L3'), 'L2-L3: [ ]');
});

test('a paragraph opened at one level keeps its sentences there until a blank line, another level or another organ', () => {
  const text = [
    'EXAM: CT cervical spine',
    'FINDINGS: At the C6-7 level, there is uncovertebral joint hypertrophy on the right.  A broad disc osteophyte complex indents the thecal sac.  No cord compression is evident.  Moderate right foraminal narrowing results.  The remaining levels are unremarkable.',
    '',
    'At C5-6, mild disc space narrowing is seen.  There is endplate sclerosis.',
    '',
    'The prevertebral soft tissues are normal.',
  ].join('\n');
  const { out } = run(text);
  assert.equal(out.template, 'ct-cervical-spine');
  assert.match(
    out.text,
    /^C6-C7:\nAt the C6-7 level, there is uncovertebral joint hypertrophy on the right\. A broad disc osteophyte complex indents the thecal sac\. No cord compression is evident\. Moderate right foraminal narrowing results\.$/m,
  );
  assert.match(out.text, /^C5-C6:\nAt C5-6, mild disc space narrowing is seen\. There is endplate sclerosis\.$/m);
  assert.doesNotMatch(out.text, /results\. The remaining levels/);
  assert.equal(broken(text), null);
});

test("where one field holds every level, a level paragraph stays whole there; the cord alone is the cord's", () => {
  const text =
    'EXAM: MRI spine\nFINDINGS: L4-L5 shows a left paracentral protrusion. No thecal sac deformity. Bilateral laminotomies noted. A cord signal abnormality is not identified.';
  const { out } = run(text, PLAIN, 'mri-spine');
  assert.equal(
    line(out, 'Disc levels and spinal canal'),
    'Disc levels and spinal canal: L4-L5 shows a left paracentral protrusion. No thecal sac deformity. Bilateral laminotomies noted.',
  );
  assert.equal(line(out, 'Spinal cord and conus'), 'Spinal cord and conus: A cord signal abnormality is not identified.');
});

test("a sentence that leans on the one before stays with it; one on the whole exam goes to the general line; nodes of a region to Lymph nodes; a part of another organ is that organ's", () => {
  const chest = run(
    'EXAM: CT chest\nFINDINGS: A 2 cm cystic lesion abuts the right heart border in the middle lobe of the right lung. Also, it most likely represents a benign lesion (pericardial cyst?). Mild cardiomegaly. All other findings are stable compared with the prior examination. Other areas are normal.',
  ).out;
  assert.match(
    line(chest, 'Lungs'),
    /middle lobe of the right lung\. Also, it most likely represents a benign lesion \(pericardial cyst\?\)\.$/,
  );
  assert.equal(line(chest, 'Heart and pericardium'), 'Heart and pericardium: Mild cardiomegaly.');
  assert.match(chest.text, /FINDINGS:\nAll other findings are stable compared with the prior examination\. Other areas are normal\.\n/);
  const abdomen = run('EXAM: CT abdomen and pelvis\nFINDINGS: The bladder is unremarkable. No inguinal adenopathy.').out;
  assert.equal(line(abdomen, 'Lymph nodes'), 'Lymph nodes: No inguinal adenopathy.');
  const knee = run(
    'EXAM: MRI left knee\nFINDINGS: The ACL is intact. There is a contusion in the posteromedial corner of the tibial plateau.',
  ).out;
  assert.equal(line(knee, 'Bones and marrow'), 'Bones and marrow: There is a contusion in the posteromedial corner of the tibial plateau.');
  // A measure after an organ word names no organ ("attenuation" is a brain word); a piece cut at a question mark after a comma stays with its start.
  const neck = run(
    'EXAM: CT neck\nFINDINGS: There is a mass of the left parotid gland. There is a solid rim with a mean attenuation coefficient of 40. Is it necrotic? , or cystic, we cannot tell.',
  ).out;
  assert.match(line(neck, 'Salivary glands'), /mean attenuation coefficient of 40\. Is it necrotic\? , or cystic, we cannot tell\.$/);
  const colon = run(
    'EXAM: CT chest\nFINDINGS: The lungs are clear. There is wall thickening of the sigmoid colon. In this location, there is infiltration of the pericolonic fat.',
  ).out;
  assert.match(
    colon.text,
    /Other: There is wall thickening of the sigmoid colon\. In this location, there is infiltration of the pericolonic fat\./,
  );
  const neckMri = run('EXAM: MRI neck\nFINDINGS: The ethmoid sinuses show mucosal thickening. No supraclavicular masses are seen.').out;
  assert.equal(line(neckMri, 'Soft tissues'), 'Soft tissues: No supraclavicular masses are seen.');
  const weighted = run(
    'EXAM: MRI left knee\nTECHNIQUE: Sagittal proton density and coronal T2-weighted images are evaluated.\nFINDINGS: The menisci are intact.',
  ).out;
  assert.equal(line(weighted, 'TECHNIQUE'), 'TECHNIQUE: Sagittal proton density and coronal T2-weighted images are evaluated.');
  const smoker = run(
    'EXAM: CT chest\nFINDINGS: The heart is normal. A centrilobular nodular pattern is seen in both upper lobes. It was evaluated as compatible with respiratory bronchiolitis in a patient with a history of smoking.',
  ).out;
  assert.match(
    line(smoker, 'Lungs'),
    /both upper lobes\. It was evaluated as compatible with respiratory bronchiolitis in a patient with a history of smoking\.$/,
  );
  const magnet = run('EXAM: MRI right shoulder\nFINDINGS: The patient was scanned in a 3 Tesla magnet. The rotator cuff is intact.').out;
  assert.equal(line(magnet, 'TECHNIQUE'), 'TECHNIQUE: The patient was scanned in a 3 Tesla magnet.');
  const reading = run(
    'EXAM: CT neck\nFINDINGS: A 2 cm mass is seen in the right parotid gland. Primary consideration is a benign neoplasm.',
  ).out;
  assert.match(line(reading, 'Salivary glands'), /right parotid gland\. Primary consideration is a benign neoplasm\.$/);
  const ankle = run(
    'EXAM: MRI right ankle\nFINDINGS: The Achilles tendon is intact. There is tendinosis of the peroneus longus just above the calcaneus.',
  ).out;
  assert.match(line(ankle, 'Tendons'), /peroneus longus just above the calcaneus\.$/);
});

test('a history with no FINDINGS header that runs on, after a blank line, into what the exam showed is refused, not filed as history', () => {
  const text =
    'EXAM: Renal ultrasound\nCLINICAL HISTORY:  Recurrent urinary tract infections.\n\nThe right kidney measures 10.2 cm.  There is mild right hydronephrosis.  The urinary bladder is unremarkable.\n\nIMPRESSION:  Mild right hydronephrosis.';
  assert.match(chooseTemplate(parseReport(text)).refused ?? '', /runs on under the clinical history/);
  assert.equal(rewrite('restructure', analyze(text)).verification.ok, false);
  const headed = text.replace('\n\nThe right kidney', '\n\nFINDINGS: The right kidney');
  assert.equal(chooseTemplate(parseReport(headed)).refused, undefined);
});

test("an exam's title set as a heading over no finding is the exam, a region's over a bare value stays with it: their words are kept", () => {
  const text = 'EXAM: CT head\nCT HEAD WITHOUT CONTRAST: __\nFINDINGS: No acute intracranial hemorrhage.\nIMPRESSION: Normal.';
  const { out } = run(text);
  assert.match(out.text, /^EXAM: CT head\nCT HEAD WITHOUT CONTRAST: __\n/);
  assert.equal(broken(text), null);
  // So does a region's heading over a bare value: "2 cm." alone would not say what measures 2 cm.
  const value = 'EXAM: CT head\nFINDINGS: No acute intracranial hemorrhage.\n\nTHYROID:  2 cm.\n\nIMPRESSION: Normal.';
  assert.match(run(value).out.text, /\nTHYROID: 2 cm\.\n/);
  assert.equal(broken(value), null);
});

test('a section of no known kind keeps its side of the impression; a part label under a field leaves the field named', () => {
  const text = [
    'EXAM: Transthoracic echocardiogram',
    'FINDINGS: The left ventricle is normal in size with an ejection fraction of 60%. No intracardiac thrombus is seen.',
    'DIMENSIONS: Septum 1.0 cm, posterior wall 0.9 cm.',
    'IMPRESSION: Normal study.',
    'ADDENDUM: Discussed with the referring physician.',
  ].join('\n');
  const { out } = run(text);
  assert.equal(out.template, 'us-echocardiogram');
  // (The wall dimensions follow the ventricle told before them, with its thrombus denial: a chamber's, no vessel's.)
  assert.match(out.text, /\nDIMENSIONS: Septum 1\.0 cm, posterior wall 0\.9 cm\.\n[^]*\n\nIMPRESSION:\nNormal study\.\n\nADDENDUM:/);
  assert.match(line(out, 'Ventricles'), /No intracardiac thrombus is seen\./);
  assert.doesNotMatch(line(out, 'Aortic root and venae cavae'), /thrombus/);
  assert.equal(broken(text), null);
  const ob = run(
    'EXAM: Obstetric ultrasound\n\nFETAL ANATOMY:\nFetal Stomach: Normal\n\nFetal Kidneys: Normal\n\nPlacenta: Posterior.\n\nIMPRESSION:\nSingle live intrauterine pregnancy.',
  ).out;
  assert.match(ob.text, /^Fetal anatomy:\nFetal Stomach: Normal\nFetal Kidneys: Normal$/m);
  assert.equal(line(ob, 'Placenta'), 'Placenta: Posterior.');
});

test('a level label keeps the rest of its line: the cord at C5-6 is not cut from its level', () => {
  const text =
    'EXAM: MRI cervical spine\nFINDINGS:\nC5-6: Disc osteophyte complex with mild foraminal narrowing. No cord compression.\nC6-7: Normal.\nThe cord is normal in signal.';
  const { out } = run(text);
  assert.equal(line(out, 'C5-6'), 'C5-6: Disc osteophyte complex with mild foraminal narrowing. No cord compression.');
  assert.equal(line(out, 'Spinal cord'), 'Spinal cord: The cord is normal in signal.');
});

test('spine findings are kept per level, and the restructure passes the gate', () => {
  const text = [
    'EXAM: MRI cervical spine',
    'FINDINGS:',
    'Vertebral alignment is normal. The C2-3 and C3-4 disk levels appear unremarkable.',
    'At C4-5, broad based disk osteophyte contacts the ventral surface of the spinal cord. There may also be some narrowing of the neuroforamina at this level.',
    'C5-6: Disc desiccation. CSF remains present surrounding the cord.',
    'A specific abnormality is not identified at the C7-T1 level.',
    'IMPRESSION: Mild degenerative disc disease.',
  ].join('\n');
  const { out } = run(text);
  // One level: that level's field, whatever else the sentence names; the label on its own line.
  assert.match(out.text, /^C4-C5:\nAt C4-5, broad based .*spinal cord\. There may also be some narrowing .* at this level\.$/m);
  assert.match(out.text, /^C7-T1:\nA specific abnormality is not identified at the C7-T1 level\.$/m);
  // Several levels: the general field.
  assert.equal(line(out, 'Discs and spinal canal'), 'Discs and spinal canal: The C2-3 and C3-4 disk levels appear unremarkable.');
  assert.equal(line(out, 'C5-6'), 'C5-6: Disc desiccation. CSF remains present surrounding the cord.');
  assert.equal(line(out, 'C2-C3'), 'C2-C3: [ ]');
  assert.equal(broken(text), null);
  const r = rewrite('restructure', analyze(text));
  assert.deepEqual(r.verification.reasons, []);
});

test('a sentence goes to its subject: the organ named first, a region for a finding of several organs, scoliosis to alignment', () => {
  const text = [
    'EXAM: CT abdomen and pelvis with contrast',
    'FINDINGS:',
    'The liver appears normal in size without focal lesion, and there is no biliary ductal dilatation.',
    'There is a 4 cm rim-enhancing fluid collection in the left lower quadrant adjacent to the sigmoid colon.',
    'The appendix is dilated to 12 mm with periappendiceal stranding in the right lower quadrant.',
    'Mild dextroconvex scoliosis of the lumbar spine.',
    'IMPRESSION: Left lower quadrant abscess. Acute appendicitis.',
  ].join('\n');
  const { out } = run(text);
  assert.match(line(out, 'Liver'), /^Liver: The liver appears normal/);
  assert.equal(line(out, 'Gallbladder and bile ducts'), 'Gallbladder and bile ducts: [ ]');
  assert.match(line(out, 'Peritoneum and retroperitoneum'), /fluid collection in the left lower quadrant/);
  assert.match(line(out, 'Appendix'), /The appendix is dilated/, 'a region never outvotes the organ');
  assert.match(line(out, 'Bones'), /scoliosis/);
  const spine = run('EXAM: MRI lumbar spine\nFINDINGS: Mild levoconvex scoliosis of the lumbar spine. The conus terminates at L1-L2.').out;
  assert.equal(line(spine, 'Alignment'), 'Alignment: Mild levoconvex scoliosis of the lumbar spine.');
  assert.equal(line(spine, 'Conus and cauda equina'), 'Conus and cauda equina: The conus terminates at L1-L2.');
  const chest = run('EXAM: CT chest\nFINDINGS: The lungs are clear. Pleural effusion is not observed in both lungs.').out;
  assert.equal(line(chest, 'Pleura'), 'Pleura: Pleural effusion is not observed in both lungs.');
  assert.equal(broken(text), null);
});

test('the organs a sentence names outvote the organs of its findings and a word named once', () => {
  const text =
    'EXAM: CT chest\nFINDINGS: A few bronchiectasis and peribronchial thickenings are observed in the middle lobe of the right lung. Budding tree appearances in the superior segment of the left lung lower lobe. Free air was observed between the pleural leaves.';
  const { out } = run(text);
  assert.match(line(out, 'Lungs'), /bronchiectasis .*Budding tree/);
  assert.equal(line(out, 'Upper abdomen'), 'Upper abdomen: [ ]', 'a lung segment is not the liver');
  assert.equal(line(out, 'Pleura'), 'Pleura: Free air was observed between the pleural leaves.');
});

test('renal cysts stay with the kidneys, fetal organs with the fetus, never under another organ', () => {
  const abdomen = run('EXAM: CT abdomen and pelvis\nFINDINGS: Simple cysts in both kidneys. The uterus is normal.').out;
  assert.equal(line(abdomen, 'Kidneys and ureters'), 'Kidneys and ureters: Simple cysts in both kidneys.');
  assert.equal(line(abdomen, 'Reproductive organs'), 'Reproductive organs: The uterus is normal.');
  const ob = run(
    'EXAM: Obstetric ultrasound\nFINDINGS: The fetal stomach, kidneys and bladder are normal. The maternal bladder is unremarkable. Amniotic fluid index 14 cm. Placenta is posterior.',
  ).out;
  assert.equal(ob.template, 'us-obstetric');
  assert.equal(line(ob, 'Fetal anatomy'), 'Fetal anatomy: The fetal stomach, kidneys and bladder are normal.');
  assert.equal(line(ob, 'Other'), 'Other: The maternal bladder is unremarkable.');
  assert.equal(line(ob, 'Amniotic fluid'), 'Amniotic fluid: Amniotic fluid index 14 cm.');
});

test('technique and comparison sentences dictated among the findings move to their sections', () => {
  const text =
    'EXAM: CT abdomen\nFINDINGS: Axial images were obtained after intravenous contrast. Comparison is made to the study of 1/2/2020. The liver is normal. Compared with the prior study, no new lesion.';
  const { out } = run(text);
  assert.equal(line(out, 'TECHNIQUE'), 'TECHNIQUE: Axial images were obtained after intravenous contrast.');
  assert.equal(line(out, 'COMPARISON'), 'COMPARISON: Comparison is made to the study of 1/2/2020.');
  assert.match(
    out.text.split('FINDINGS:')[1],
    /Compared with the prior study, no new lesion\./,
    'a comparison that states a finding stays',
  );
});

test('lines above the headers that state no finding are the history', () => {
  const { out } = run('This is a 63-year-old female with neck pain.\n\nEXAM: MRI cervical spine\nFINDINGS: Normal alignment.');
  assert.equal(line(out, 'CLINICAL HISTORY'), 'CLINICAL HISTORY: This is a 63-year-old female with neck pain.');
});

test('a lead-in label starts the line under the field label, so the two are not read as one', () => {
  const { out } = run('EXAM: CT chest\nFINDINGS: As far as can be observed: Heart contour and size are normal.');
  assert.match(out.text, /\nHeart and pericardium:\r?\nAs far as can be observed: Heart contour and size are normal\./);
});

test('an INTERPRETATION above the IMPRESSION is the findings: filed by organ, the IMPRESSION kept', () => {
  const text =
    'EXAM: Thoracic spine.\nINTERPRETATION: Mild anterior wedging of T11.\n\nIMPRESSION:\n1. Mild anterior wedging of T11.\n2. Osteoporosis.';
  const { out } = run(text);
  assert.equal(line(out, 'Vertebral bodies'), 'Vertebral bodies: Mild anterior wedging of T11.');
  assert.match(out.text, /^IMPRESSION:\r?\n1\. Mild anterior wedging of T11\.$/m);
  assert.equal(broken(text), null);
  assert.deepEqual(gate(text), []);
});

test('a word two subsections share goes to the one the template lists first; technique that names an organ stays', () => {
  const { out } = run('EXAM: MRI right elbow\nFINDINGS: The surrounding muscles are unremarkable.');
  assert.equal(line(out, 'Muscles'), 'Muscles: The surrounding muscles are unremarkable.');
  const abdomen = run('EXAM: CT abdomen\nFINDINGS: In non-contrast abdominal sections, the gallbladder appears operated.').out;
  assert.equal(line(abdomen, 'TECHNIQUE'), 'TECHNIQUE: [ ]');
  assert.match(line(abdomen, 'Gallbladder and bile ducts'), /the gallbladder appears operated/);
});

test('a sided region heading keeps its sentences, so neither leg loses its side', () => {
  const text =
    'EXAM: Bilateral lower extremity venous duplex\nRIGHT LEG: The common femoral vein is compressible.\nLEFT LEG: The common femoral vein is not compressible.';
  const { out } = run(text);
  assert.match(out.text, /^RIGHT LEG: The common femoral vein is compressible\.$/m);
  assert.match(out.text, /^LEFT LEG: The common femoral vein is not compressible\.$/m);
});

test('CRLF input gives CRLF output and keeps working', () => {
  const text = example('ct-abdomen-pelvis.rpt').replace(/\r?\n/g, '\r\n');
  const { out } = run(text);
  assert.ok(out.text.includes('\r\n'));
  assert.ok(!/[^\r]\n/.test(out.text), 'no bare LF');
  assert.equal(broken(text), null);
  assert.equal(run(text).out.text.replace(/\r\n/g, '\n'), run(text.replace(/\r\n/g, '\n')).out.text);
});

test('snippet mode escapes $, } and \\ in the source text', () => {
  const { out } = run('EXAM: CT head.\nFINDINGS: Cost $5 } paid \\ once. No hemorrhage.', {
    fillPertinentNegatives: false,
    fields: 'snippet',
  });
  assert.ok(out.text.includes('Cost \\$5 \\} paid \\\\ once.'));
  const { out: plain } = run('EXAM: CT head.\nFINDINGS: Cost $5 } paid \\ once. No hemorrhage.');
  assert.ok(plain.text.includes('Cost $5 } paid \\ once.'));
});

test('a report without headers is filed whole; a title line becomes the EXAM', () => {
  const { out } = run(
    'CT ABDOMEN AND PELVIS WITH CONTRAST\n\nThe liver is normal. The appendix is dilated with surrounding fat stranding.\n',
  );
  assert.equal(out.template, 'ct-abdomen-pelvis');
  assert.equal(line(out, 'EXAM'), 'EXAM: CT ABDOMEN AND PELVIS WITH CONTRAST');
  assert.equal(line(out, 'Liver'), 'Liver: The liver is normal.');
  assert.match(line(out, 'Appendix'), /dilated/);
  assert.equal(out.placed.find((p) => p.section === 'EXAM').by, 'title');
});

test('sections the template has no place for keep their own header after the impression', () => {
  const text = 'EXAM: CT head.\nFINDINGS: No hemorrhage.\nIMPRESSION: Normal.\nRECOMMENDATION: Follow-up MRI if symptoms persist.\n';
  const { out } = run(text);
  assert.match(out.text, /IMPRESSION:\nNormal\.\n\nRECOMMENDATION: Follow-up MRI if symptoms persist\.\n$/);
  assert.equal(broken(text), null);
});

// Report-like text from clinical sentences, organ labels, headers, lists and odd spacing.
const SENTENCES = [
  'The lungs are clear.',
  'No pleural effusion or pneumothorax.',
  'There is a small left pleural effusion.',
  'Heart size is normal',
  'Mild cardiomegaly.',
  'No focal consolidation',
  'Right lower lobe opacity, likely atelectasis.',
  'A 2.3 x 1.5 cm mass in the right upper lobe.',
  'Degenerative changes of the thoracic spine.',
  'The liver is enlarged measuring 19 cm.',
  'No gallstones.',
  'Mild right hydronephrosis.',
  'The appendix is normal.',
  'no free fluid',
  'Otherwise unremarkable.',
  'Stable since prior.',
  'XXXX XXXX are normal.',
  'Acute subdural hematoma along the left convexity.',
  'The ventricles are normal in size.',
  'Tear of the posterior horn of the medial meniscus.',
  'At L4-5 there is a disc bulge.',
  'Liver: normal.',
  'LUNGS: clear.',
  'Kidneys: No stones.',
  'new paragraph',
  '1. Small left effusion.',
  'Possible pneumonia versus atelectasis.',
];
const HEADERS = [
  'EXAM:',
  'INDICATION:',
  'HISTORY:',
  'COMPARISON:',
  'TECHNIQUE:',
  'FINDINGS:',
  'IMPRESSION:',
  'RECOMMENDATION:',
  'Findings:',
  '',
];
const TITLES = [
  'Chest radiograph, PA and lateral.',
  'CT head without contrast.',
  'MRI right knee.',
  'CT abdomen and pelvis.',
  'Renal ultrasound.',
  'MRI lumbar spine.',
  '',
];
const section = fc.tuple(
  fc.constantFrom(...HEADERS),
  fc.array(fc.constantFrom(...SENTENCES), { maxLength: 5 }),
  fc.constantFrom(' ', '\n', '  ', '\r\n', '\n\n'),
);
const reportText = fc
  .tuple(fc.constantFrom(...TITLES), fc.array(section, { maxLength: 5 }), fc.boolean())
  .map(([title, sections, crlf]) => {
    const body = (title ? `EXAM: ${title}\n` : '') + sections.map(([h, ss, sep]) => `${h}${h ? ' ' : ''}${ss.join(sep)}`).join('\n');
    return crlf ? body.replace(/\r?\n/g, '\r\n') : body;
  });

test('property: any report keeps every sentence, places each once and keeps its findings', () => {
  fc.assert(
    fc.property(reportText, (text) => {
      assert.equal(broken(text), null, JSON.stringify(text));
    }),
    { numRuns: 300, seed: 20261201 },
  );
});

test('property: the snippet text is the plain text with tab stops for fields and escapes', () => {
  fc.assert(
    fc.property(reportText, fc.boolean(), (text, fill) => {
      const plain = run(text, { fillPertinentNegatives: fill, fields: 'plain' }).out.text;
      const snippet = run(text, { fillPertinentNegatives: fill, fields: 'snippet' }).out.text;
      const unsnipped = snippet
        .replace(/\$\{\d+:\}/g, '[ ]')
        .replace(/\$\{\d+:((?:[^\\}]|\\.)*)\}/g, '$1')
        .replace(/\\([\\$}])/g, '$1');
      assert.equal(unsnipped, plain);
    }),
    { numRuns: 150, seed: 7 },
  );
});

test('real reports keep every sentence and every finding', { skip: skipWithoutData }, () => {
  /** @type {any[]} */
  const reports = [...iuReports().slice(0, 400), ...mtReports()];
  const failures = [];
  for (const r of reports) {
    const why = broken(r.text);
    if (why) failures.push(`${r.uid ?? r.id}: ${why}`);
  }
  assert.deepEqual(failures.slice(0, 5), []);
});

test('an empty report gives the bare template, every part a field', () => {
  const { out } = run('', PLAIN, 'ct-head');
  assert.equal(out.placed.length, 0);
  assert.equal(line(out, 'EXAM'), 'EXAM: [ ]');
  assert.equal(line(out, 'Brain'), 'Brain: [ ]');
  assert.match(out.text, /IMPRESSION:\n\[ \]\n$/);
  assert.equal(out.fields.length, 4 + templateById('ct-head').findings.length + 1);
});

test('restructureText: the chosen template, or the one asked for; an unknown id fails by name', () => {
  const text = example('mri-knee.rpt');
  const chosen = restructureText(text, PLAIN);
  assert.equal(chosen.template, 'mri-knee');
  assert.equal(chosen.choice.confidence, 'high');
  assert.equal(chosen.text, run(text).out.text);
  const asked = restructureText(text, { ...PLAIN, templateId: 'mri-shoulder' });
  assert.equal(asked.template, 'mri-shoulder');
  assert.equal(asked.choice, null);
  assert.equal(broken(text), null);
  assert.throws(() => restructureText(text, { ...PLAIN, templateId: 'mri-toe' }), /unknown template mri-toe/);
});

// Faithful restructures the verifier once refused (verify-clauses.ts): each is filed where a radiologist
// files it, and the gate passes it; the restructure must not be bent to a check's blind spot.
const REFUSED_FAITHFUL = [
  [
    'identical level lines in descending order are paired by their text, not their level labels',
    'EXAM: MRI lumbar spine without contrast\nFINDINGS:\nThe conus is normal.\nL5-S1: Central canal and neural foramina are patent.\nL4-L5: Central canal and neural foramina are patent.\nL3-L4: Central canal and neural foramina are patent.\nIMPRESSION: Normal.',
    'L5-S1',
    'L5-S1: Central canal and neural foramina are patent.',
  ],
  [
    "'labra' is the labrum's word ('glenoid' is not the glenohumeral joint)",
    'EXAM: MRI left shoulder\nFINDINGS: Normal rotator cuff. The glenohumeral joint is normal. Normal anterior and posterior glenoid labra.\nIMPRESSION: Normal.',
    'Labrum and ligaments',
    'Labrum and ligaments: Normal anterior and posterior glenoid labra.',
  ],
  [
    "'atrium' is the atria's word ('pulmonary' is not the pulmonic valve)",
    'EXAM: 2-D echocardiogram\nFINDINGS: Normal left ventricular size and function. Pulmonary venous return is to the left atrium. The tricuspid and pulmonic valves are normal.\nIMPRESSION: Normal.',
    'Atria',
    'Atria: Pulmonary venous return is to the left atrium.',
  ],
  [
    "a 'medial segment' of a lobe is not the mediastinum",
    'EXAM: CT chest\nFINDINGS: No mediastinal lymphadenopathy. There is linear atelectasis in the medial segment of the right middle lobe.\nIMPRESSION: Linear atelectasis.',
    'Lungs',
    'Lungs: There is linear atelectasis in the medial segment of the right middle lobe.',
  ],
  [
    "'bursitis' is the bursae's word",
    'EXAM: MRI right shoulder\nFINDINGS: Normal glenoid labrum. The glenohumeral joint is normal. No significant subacromial/subdeltoid bursitis or glenohumeral joint effusion.\nIMPRESSION: Normal.',
    'Bursae',
    'Bursae: No significant subacromial/subdeltoid bursitis or glenohumeral joint effusion.',
  ],
  [
    "a 'pulmonary nodule' in a lobe is the lungs', not the pulmonary arteries'",
    'EXAM: CT pulmonary angiogram\nFINDINGS: There is no pulmonary embolism. A 7 mm pulmonary nodule is seen within the left lower lobe.\nIMPRESSION: No pulmonary embolism.',
    'Lungs',
    'Lungs: A 7 mm pulmonary nodule is seen within the left lower lobe.',
  ],
  [
    "a listhesis narrowing the 'spinal canal' is the alignment's, not the spinal cord's",
    'EXAM: MRI thoracic spine\nFINDINGS: The spinal cord is normal. There is a mild anterolisthesis of T8 on T9, causing spinal canal narrowing.\nIMPRESSION: Mild anterolisthesis.',
    'Alignment',
    'Alignment: There is a mild anterolisthesis of T8 on T9, causing spinal canal narrowing.',
  ],
  [
    "'pericholecystic' is the gallbladder's, not the pericardium's",
    'EXAM: CT chest\nFINDINGS: The heart is normal. The gallbladder is distended. The pericholecystic area is edematous.\nIMPRESSION: Distended gallbladder.',
    'Upper abdomen',
    'Upper abdomen: The gallbladder is distended. The pericholecystic area is edematous.',
  ],
  [
    "the 'nasal bones' are facial bones, not the nasal cavity",
    'EXAM: CT maxillofacial without contrast\nFINDINGS: There is fluid opacification of the ostiomeatal complexes bilaterally. The nasal bones appear intact.\nIMPRESSION: Ostiomeatal opacification.',
    'Facial bones',
    'Facial bones: The nasal bones appear intact.',
  ],
];
for (const [name, text, label, expected, todo] of REFUSED_FAITHFUL) {
  test(`filed right: ${name}`, () => assert.equal(line(run(text).out, label), expected));
  test(`the gate passes it: ${name}`, { todo }, () => {
    assert.deepEqual(rewrite('restructure', analyze(text)).verification.reasons, []);
  });
}

// Mammograms and obstetric scans, written for these tests in the radiologist's words (test/fixtures/restructure).
const FIXTURES = path.join(root, 'test/fixtures/restructure');
const fixture = (name) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

test('mammograms and obstetric scans get their own template, every sentence kept, and pass the gate', () => {
  const names = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.rpt'));
  assert.equal(names.filter((f) => f.startsWith('mg-')).length, 5);
  assert.equal(names.filter((f) => f.startsWith('ob-')).length, 5);
  for (const name of names) {
    const text = fixture(name);
    const r = rewrite('restructure', analyze(text));
    assert.equal(r.template.id, name.startsWith('mg-') ? 'mg-breast' : 'us-obstetric', name);
    assert.equal(broken(text), null, name);
    assert.deepEqual(r.verification.reasons, [], name);
  }
});

test("a sentence about the one before stays with it; renal cortical cysts are the kidneys', fetal organs the anatomy's", () => {
  const chest = run(
    'EXAM: CT chest\nFINDINGS: The lungs are clear. Truncus celiacus causes severe stenosis at the outlet level. It causes narrowing of the lumen. Cortical cysts are observed in both kidneys.',
  ).out;
  assert.match(line(chest, 'Other'), /Truncus celiacus causes severe stenosis at the outlet level\. It causes narrowing of the lumen\.$/);
  assert.equal(line(chest, 'Upper abdomen'), 'Upper abdomen: Cortical cysts are observed in both kidneys.');
  const ob = run(
    'EXAM: Obstetric ultrasound\nFINDINGS:\nFetal Cerebellum: Normal\nFetal Diaphragm: Normal\nFetal Limbs: Normal\nFetal heart rate 140 bpm.',
  ).out;
  assert.match(ob.text, /Fetal Cerebellum: Normal\nFetal Diaphragm: Normal\nFetal Limbs: Normal/);
  assert.ok(
    ob.placed.filter((p) => p.text.startsWith('Fetal C') || p.text.startsWith('Fetal D')).every((p) => p.subsection === 'Fetal anatomy'),
  );
});

test('a second clause does not outvote the first; spine alignment is the alignment', () => {
  const abdomen = run(
    'EXAM: CT abdomen and pelvis\nFINDINGS: The urinary bladder is normal in contour, and the prostate gland is mildly enlarged, consistent with benign prostatic hypertrophy.',
  ).out;
  assert.match(line(abdomen, 'Bladder'), /^Bladder: The urinary bladder is normal in contour/);
  const spine = run(
    'EXAM: CT cervical spine\nFINDINGS: The cervical spine alignment is maintained. Vertebral body heights are preserved.',
  ).out;
  assert.equal(line(spine, 'Alignment'), 'Alignment: The cervical spine alignment is maintained.');
});

test('a statement about the whole exam goes to the head of FINDINGS, not the field before it', () => {
  const { out } = run(
    'EXAM: CT chest\nFINDINGS: The chest wall soft tissues are normal. Non-contrast CT of the thorax within normal limits.',
  );
  assert.match(out.text, /FINDINGS:\nNon-contrast CT of the thorax within normal limits\.\n/);
  assert.equal(line(out, 'Chest wall'), 'Chest wall: The chest wall soft tissues are normal.');
});

test('breast and pregnancy findings go to their fields', () => {
  const mass = run(fixture('mg-diagnostic-mass.rpt')).out;
  assert.equal(line(mass, 'Skin and nipples'), 'Skin and nipples: There is mild skin thickening overlying the mass.');
  assert.match(line(mass, 'Breasts'), /No associated calcifications\./);
  assert.equal(line(mass, 'Axillae'), 'Axillae: A 2.1 cm left axillary lymph node with cortical thickening is present.');
  assert.match(line(run(fixture('mg-asymmetry.rpt')).out, 'Breasts'), /intramammary lymph node/);
  const early = run(fixture('ob-first-trimester.rpt')).out;
  assert.match(line(early, 'Fetal heart and lie'), /^Fetal heart and lie: There is a single intrauterine gestational sac/);
  assert.match(line(early, 'Maternal uterus and adnexa'), /corpus luteum cyst/);
  // Each twin's weight stays on its twin's line.
  const twins = run(fixture('ob-twins.rpt')).out;
  assert.match(twins.text, /Twin A is cephalic[^\n]*Estimated fetal weight 640 grams\. Twin B/);
  assert.match(twins.text, /Twin B is transverse[^\n]*Estimated fetal weight 590 grams\./);
  assert.equal(line(run(fixture('ob-previa.rpt')).out, 'Placenta').startsWith('Placenta: The placenta is posterior'), true);
});

test('the gate passes a growth scan whose "Biometry:" label the restructure keeps', () => {
  assert.deepEqual(rewrite('restructure', analyze(fixture('ob-growth-bpp.rpt'))).verification.reasons, []);
});

// Misplacements read by hand on CT/MRI/US restructures, one per pattern: each sentence under its own organ.
const OWN_ORGAN = [
  [
    "a part word several organs have ('cortical', 'parenchyma', 'lobe') takes the organ the sentence names",
    'EXAM: CT chest\nFINDINGS: The lungs are clear. Decreased cortical thickness is noted in the left kidney. The contour, size, parenchyma density of the spleen is normal. Hypodense lesions are seen in both lobes of the liver.',
    'Upper abdomen',
    'Upper abdomen: Decreased cortical thickness is noted in the left kidney. The contour, size, parenchyma density of the spleen is normal. Hypodense lesions are seen in both lobes of the liver.',
  ],
  [
    "a gallbladder's base and fundus are the gallbladder's, not the lung's",
    'EXAM: CT abdomen and pelvis\nFINDINGS: The lung bases are clear. There is sludge at the base of the gallbladder. A 4 mm polyp is seen at the gallbladder fundus.',
    'Gallbladder and bile ducts',
    'Gallbladder and bile ducts: There is sludge at the base of the gallbladder. A 4 mm polyp is seen at the gallbladder fundus.',
  ],
  [
    'a list of organs goes to its first',
    'EXAM: Echocardiogram\nFINDINGS: Normal left ventricular size. Normal morphology of aortic valve, mitral valve, tricuspid valve, and pulmonary valve.',
    'Aortic valve',
    'Aortic valve: Normal morphology of aortic valve, mitral valve, tricuspid valve, and pulmonary valve.',
  ],
  [
    "a list of one place's words counts for that place",
    'EXAM: CT chest\nFINDINGS: In the prevascular, paratracheal and subcarinal regions, masses are observed that compress the trachea and both main bronchi.',
    'Mediastinum and hila',
    'Mediastinum and hila: In the prevascular, paratracheal and subcarinal regions, masses are observed that compress the trachea and both main bronchi.',
  ],
  [
    'a finding that opens the sentence gives its organ on a tie (a nodule by the pleura is in the lung)',
    'EXAM: CT chest\nFINDINGS: A 4 mm nodule close to the pleura is seen in the right lung lower lobe. Fracture lines are observed in the left 9th and 10th ribs.',
    'Lungs',
    'Lungs: A 4 mm nodule close to the pleura is seen in the right lung lower lobe.',
  ],
  [
    "rib fracture lines are the bones', not lines and devices",
    'EXAM: CT chest\nFINDINGS: A 4 mm nodule close to the pleura is seen in the right lung lower lobe. Fracture lines are observed in the left 9th and 10th ribs.',
    'Bones',
    'Bones: Fracture lines are observed in the left 9th and 10th ribs.',
  ],
  [
    "an organ named as a landmark beside the place does not outvote it; 'soft tissue' density takes the organ it is in",
    'EXAM: CT chest\nFINDINGS: Free air was observed in the right pleural space adjacent to the upper lobe anterior and middle lobe anterior segments. A soft tissue density lesion is seen in the right lung hilum. There is soft tissue swelling overlying the sternum.',
    'Pleura',
    'Pleura: Free air was observed in the right pleural space adjacent to the upper lobe anterior and middle lobe anterior segments.',
  ],
  [
    'a region before an organ starts no list of organs',
    'EXAM: CT abdomen and pelvis\nFINDINGS: Within the right lower quadrant, the appendix measures 16 mm and there are adjacent inflammatory changes with fluid in the right lower quadrant.',
    'Appendix',
    'Appendix: Within the right lower quadrant, the appendix measures 16 mm and there are adjacent inflammatory changes with fluid in the right lower quadrant.',
  ],
  [
    'subclavian vessels are the chest vessels (a subclavian line is a line)',
    'EXAM: CT chest with contrast\nFINDINGS: There is a right subclavian central venous catheter. Thrombus in the left subclavian vein.',
    'Vessels',
    'Vessels: Thrombus in the left subclavian vein.',
  ],
  [
    'the cavernous sinus is no paranasal sinus',
    'EXAM: CT head without contrast\nFINDINGS: The paranasal sinuses are clear. The mass extends into the cavernous sinuses bilaterally.',
    'Sinuses and mastoids',
    'Sinuses and mastoids: The paranasal sinuses are clear.',
  ],
  [
    "the internal and external capsules are the brain's",
    'EXAM: MRI brain\nFINDINGS: Normal internal and external capsules.',
    'Brain parenchyma',
    'Brain parenchyma: Normal internal and external capsules.',
  ],
  [
    'collateral ligamentous complexes are the collateral ligaments',
    'EXAM: MRI right knee\nFINDINGS: The medial and lateral collateral ligamentous complexes are intact.',
    'Collateral ligaments and corners',
    'Collateral ligaments and corners: The medial and lateral collateral ligamentous complexes are intact.',
  ],
  [
    'an ileostomy and a colectomy are the bowel, not the quadrant they are in',
    'EXAM: CT abdomen and pelvis\nFINDINGS: A partial colectomy and diverting ileostomy is seen within the right lower quadrant.',
    'Bowel',
    'Bowel: A partial colectomy and diverting ileostomy is seen within the right lower quadrant.',
  ],
  [
    'extra-vertebral soft tissues are the paraspinal soft tissues',
    'EXAM: MRI thoracic spine\nFINDINGS: The vertebral bodies are normal. The visualized extra-vertebral soft tissues appear unremarkable.',
    'Paraspinal soft tissues',
    'Paraspinal soft tissues: The visualized extra-vertebral soft tissues appear unremarkable.',
  ],
];
for (const [name, text, label, expected] of OWN_ORGAN)
  test(`under its own organ: ${name}`, () => {
    assert.equal(line(run(text).out, label), expected);
    assert.equal(broken(text), null);
  });

test('part words are organ terms, places and territories organ ids, checked at load', () => {
  const { loadPlacementWords } = require(path.join(root, 'out/server/templates/placement-words.js'));
  const words = {
    note: '',
    partWords: ['cortex'],
    lookFindings: ['opacity'],
    landmarks: ['near'],
    places: { phlebolith: 'abdominal-vessels' },
    territories: { words: ['territory'], fed: { 'intracranial-vessels': 'brain' } },
    locatedBy: ['lymph-nodes'],
    backReferences: ['the ligament'],
    dating: ['consistent with'],
    windows: ['window'],
    levelParts: ['discs'],
    levelSpaces: ['thecal sac'],
    levelAlongside: ['spinal-cord'],
    levelFindings: ['cord-compression'],
    readings: ['primary consideration'],
    wholeReport: ['other findings'],
    beyondLevel: ['remaining'],
    stations: { words: ['chain'], vessels: ['neck-vessels'] },
    heldPlaces: { 'abdominal sections': 'upper-abdomen' },
    nodeRegions: ['upper-abdomen'],
    measuredBy: ['flow'],
    findingReferences: ['the findings'],
    wholeStudy: { subjects: ['study'], verdicts: ['normal'], parts: ['bubble'] },
    bareFindings: ['nodule'],
    edgeFields: ['Lung apices'],
    placeReferences: ['in this localization'],
    sharedParts: { lobe: ['thyroid', 'liver'] },
    nodeStationRegions: { cervical: 'neck' },
    likeReferences: ['similar findings'],
    thingNecks: ['hernia'],
    compositions: { 'breast-composition': 'breast' },
    arteryLevels: { levels: ['segmental'], nouns: ['artery', 'branches'], sharedNouns: ['branches'], airwayWords: ['mucus'] },
    pieces: ['fragment'],
    relativePlaces: ['adjacent'],
    walls: { findings: ['wall thickening'], hollow: ['gallbladder'] },
    wholes: { heart: ['pericardium'] },
    heldPartsOf: { isthmus: ['aorta'] },
    perfusionDefects: { kinds: ['fixed'], nouns: ['defect'], organ: 'heart' },
    techniqueHeadings: ['doppler'],
    regionWide: ['peritoneum'],
    textPointers: ['described'],
    otherReferences: ['no other'],
  };
  assert.ok(loadPlacementWords(words).partWords.has('cortex'));
  assert.throws(() => loadPlacementWords({ ...words, regionWide: ['belly'] }), /unknown organ belly/);
  assert.throws(() => loadPlacementWords({ ...words, heldPartsOf: { isthmus: ['aortas'] } }), /unknown organ aortas/);
  assert.throws(
    () => loadPlacementWords({ ...words, perfusionDefects: { kinds: ['fixed'], nouns: ['defect'], organ: 'hearts' } }),
    /unknown organ hearts/,
  );
  assert.deepEqual(loadPlacementWords(words).sharedParts.get('lobe'), ['thyroid', 'liver']);
  assert.throws(() => loadPlacementWords({ ...words, sharedParts: { lobe: ['thyroids'] } }), /unknown organ thyroids/);
  assert.throws(() => loadPlacementWords({ ...words, sharedParts: { flap: ['thyroid'] } }), /flap is no organ term/);
  assert.throws(() => loadPlacementWords({ ...words, compositions: { density: 'breast' } }), /unknown organ density/);
  assert.throws(() => loadPlacementWords({ ...words, stations: { words: ['chain'], vessels: ['jugulars'] } }), /unknown organ jugulars/);
  assert.throws(() => loadPlacementWords({ ...words, partWords: ['gizzard'] }), /gizzard is no organ term/);
  assert.throws(() => loadPlacementWords({ ...words, bareFindings: ['nodules'] }), /unknown finding nodules/);
  assert.throws(() => loadPlacementWords({ ...words, places: { phlebolith: 'pelvic-veins' } }), /unknown organ pelvic-veins/);
  assert.throws(
    () => loadPlacementWords({ ...words, territories: { words: ['territory'], fed: { 'intracranial-vessels': 'brains' } } }),
    /unknown organ brains/,
  );
});

test('a restructure the chooser refuses says why without a snippet; an empty report is told first', () => {
  const refused = rewrite(
    'restructure',
    analyze('EXAM: Nuclear medicine hepatobiliary scan\nFINDINGS: Normal uptake.\nIMPRESSION: Normal.'),
  );
  assert.equal(refused.verification.ok, false);
  assert.equal(refused.verification.reasons.length, 1);
  assert.equal(refused.verification.reasons[0], refused.template.refused);
  assert.equal(refused.snippet, undefined);
  assert.match(rewrite('restructure', analyze('   \n')).verification.reasons[0], /^the report is empty/);
});

test('the template choice is read once per parsed report', () => {
  const report = parseReport('EXAM: CT chest\nFINDINGS: The lungs are clear.');
  assert.equal(chooseTemplate(report), chooseTemplate(report));
  assert.notEqual(chooseTemplate(parseReport(report.text)), chooseTemplate(report));
});

test('a finding of one place that opens the sentence is filed there before an organ the template lacks; a density is not', () => {
  const ctpa = run(
    'EXAM: CT pulmonary angiogram\nFINDINGS: No pulmonary embolism. Cardiomegaly is seen with mitral valvular calcifications.',
  ).out;
  assert.equal(line(ctpa, 'Heart'), 'Heart: Cardiomegaly is seen with mitral valvular calcifications.');
  const chest = run('EXAM: CT chest\nFINDINGS: The lungs are clear. Density increase is observed in the central mesentery.').out;
  assert.equal(line(chest, 'Lungs'), 'Lungs: The lungs are clear.');
  assert.equal(line(chest, 'Other'), 'Other: Density increase is observed in the central mesentery.');
});

test('a sentence saying how the exam was done moves to TECHNIQUE though it names an organ; a surgery done stays a finding', () => {
  const face = run(
    'EXAM: CT maxillofacial\nFINDINGS: CT examination of the maxillofacial bones was performed without contrast. The nasal bones are intact.',
  ).out;
  assert.equal(line(face, 'TECHNIQUE'), 'TECHNIQUE: CT examination of the maxillofacial bones was performed without contrast.');
  const liver = run('EXAM: CT chest\nFINDINGS: The lungs are clear. Liver right lobe transplantation was performed.').out;
  assert.equal(line(liver, 'TECHNIQUE'), 'TECHNIQUE: [ ]');
  assert.equal(line(liver, 'Upper abdomen'), 'Upper abdomen: Liver right lobe transplantation was performed.');
});

test('"at this level" is the last level named; a mammogram titled "mammographic" gets the breast template; a moved list item leaves its number', () => {
  const spine = run(
    'EXAM: MRI cervical spine\nFINDINGS: At C4-5, a disc osteophyte contacts the cord. A cord signal abnormality is not identified. There may be narrowing of the neuroforamina at this level.',
  ).out;
  assert.match(
    spine.text,
    /C4-C5:\nAt C4-5, a disc osteophyte contacts the cord\. There may be narrowing of the neuroforamina at this level\./,
  );
  const mammo =
    'EXAM: Mammographic screening FFDM\nFINDINGS:\n1. The breasts are heterogeneously dense.\n2. There are no spiculated masses.\n3. These images were obtained with digital mammography equipment.\nIMPRESSION: Benign.';
  const out = run(mammo).out;
  assert.equal(out.template, 'mg-breast');
  assert.match(line(out, 'TECHNIQUE'), /^TECHNIQUE: These images were obtained/);
  assert.deepEqual(rewrite('restructure', analyze(mammo)).verification.reasons, []);
  const pelvis = run('EXAM: CT abdomen and pelvis\nFINDINGS: The bladder is normal. Postsurgical changes of hysterectomy are noted.').out;
  assert.equal(line(pelvis, 'Reproductive organs'), 'Reproductive organs: Postsurgical changes of hysterectomy are noted.');
});

test("a heading that is one field's label ('BPD:') goes there and stays on its line, so a measurement keeps its name", () => {
  const text =
    'EXAM: Obstetric ultrasound\n\nBIOMETRY:\nBPD: 8.4 cm consistent with 33 weeks, 6 days gestation\n\nHC: 29.8 cm consistent with 33 weeks, 0 days gestation\n\nFL/BPD:     74   (71-87)\n\nFETAL ANATOMY:\nFetal Spine: Normal\n\nIMPRESSION:\nSingle live intrauterine pregnancy.';
  const { out } = run(text);
  assert.match(
    out.text,
    /Fetal biometry: BPD: 8\.4 cm consistent with 33 weeks, 6 days gestation\nHC: 29\.8 cm consistent with 33 weeks, 0 days gestation\nFL\/BPD: 74 \(71-87\)/,
  );
  assert.match(out.text, /Fetal anatomy: Fetal Spine: Normal/);
  assert.equal(broken(text), null);
});

test("the gate passes a biometry heading kept on its line ('FL/BPD:' is the report's own heading)", () => {
  const text =
    'EXAM: Obstetric ultrasound\n\nBIOMETRY:\nBPD: 8.4 cm consistent with 33 weeks\n\nFL/BPD:     74   (71-87)\n\nIMPRESSION:\nSingle live intrauterine pregnancy.';
  assert.deepEqual(rewrite('restructure', analyze(text)).verification.reasons, []);
});

// Hand-read misplacements of last session (issue 18), each a pattern: the verifier's gate passes each rewrite.
/** The verifier's reasons against the restructure of a text. */
function gate(text) {
  return rewrite('restructure', analyze(text)).verification.reasons;
}

test('an exam title on its own line below the history is the exam; a sentence naming the exam stays history', () => {
  const text =
    'CLINICAL INDICATION:  Struck by a car, neck pain.\n\nCT CERVICAL SPINE WITHOUT CONTRAST\n\nTECHNIQUE:  Axial CT images of the cervical spine were obtained.\n\nFINDINGS:  No fracture. Alignment is normal.\n\nIMPRESSION:  No acute fracture.';
  const { out } = run(text);
  assert.equal(line(out, 'EXAM'), 'EXAM: CT CERVICAL SPINE WITHOUT CONTRAST');
  assert.equal(line(out, 'CLINICAL HISTORY'), 'CLINICAL HISTORY: Struck by a car, neck pain.');
  assert.deepEqual(gate(text), []);
  const asked = 'CLINICAL HISTORY: Headache.\nCT head was requested by the ER.\n\nFINDINGS:  No acute hemorrhage.\n\nIMPRESSION:  Normal.';
  assert.match(run(asked).out.text, /CLINICAL HISTORY: Headache\.\nCT head was requested by the ER\./);
});

test('who the patient is goes to the history: an age line above the headers, L M P and G/P among the findings', () => {
  const text =
    'This is a 27-year-old female with a size and date discrepancy.\n\nEXAM: Obstetric ultrasound\n\nGENERAL EVALUATION:\nPlacenta: Anterior Grade I.\n\nBIOMETRY:\nBPD: 8.4 cm consistent with 33 weeks, 6 days gestation\n\nL M P: 10/16/06\n\nFETAL ANATOMY:\nFetal Spine: Normal\n\nIMPRESSION:\nActive intrauterine pregnancy.';
  const { out } = run(text, PLAIN, 'us-obstetric');
  assert.equal(line(out, 'CLINICAL HISTORY'), 'CLINICAL HISTORY: This is a 27-year-old female with a size and date discrepancy.');
  assert.match(out.text, /\nL M P: 10\/16\/06\n/);
  assert.ok(out.placed.some((p) => p.section === 'CLINICAL HISTORY' && p.text === 'L M P: 10/16/06'));
  assert.equal(broken(text), null);
  assert.deepEqual(gate(text), []);
  const gp = run(
    'Patient is G2P1 at 8 weeks.\n\nFINDINGS: There is a gestational sac in the uterus.\nIMPRESSION: Early pregnancy.',
    PLAIN,
    'us-obstetric',
  ).out;
  assert.equal(line(gp, 'CLINICAL HISTORY'), 'CLINICAL HISTORY: Patient is G2P1 at 8 weeks.');
  // A line after the exam title in the EXAM section that tells the history is the history.
  const exam = run(
    'EXAM: Bilateral diagnostic mammogram.\n\nHistory of palpable abnormality in the right breast.\n\nFINDINGS: The breasts are dense.',
  ).out;
  assert.equal(line(exam, 'EXAM'), 'EXAM: Bilateral diagnostic mammogram.');
  assert.equal(line(exam, 'CLINICAL HISTORY'), 'CLINICAL HISTORY: History of palpable abnormality in the right breast.');
});

test("an age line that states the patient's state (pregnant) stays in the general findings field, under no organ", () => {
  const text =
    'This is a 22-year-old pregnant female.\n\nEXAM: Obstetric ultrasound\nFINDINGS: The placenta is posterior. Amniotic fluid is normal.\nIMPRESSION: Single live intrauterine pregnancy.';
  const { out } = run(text, PLAIN, 'us-obstetric');
  assert.match(out.text, /FINDINGS:\nThis is a 22-year-old pregnant female\.\n/);
  assert.equal(broken(text), null);
  assert.deepEqual(gate(text), []);
});

test('the gate passes an age line stating a finding moved to the history; a finding moved there is still refused', () => {
  const text =
    'EXAM: Obstetric ultrasound\nCLINICAL HISTORY: This is a 22-year-old pregnant female.\n\nFINDINGS: The placenta is posterior.\nIMPRESSION: Single live intrauterine pregnancy.';
  const source =
    'This is a 22-year-old pregnant female.\n\nEXAM: Obstetric ultrasound\nFINDINGS: The placenta is posterior.\nIMPRESSION: Single live intrauterine pregnancy.';
  const { verify } = require(path.join(root, 'out/server/rewrite/index.js'));
  assert.deepEqual(verify('restructure', analyze(source), text).reasons, []);
  const finding = source.replace('This is a 22-year-old pregnant female.', 'Small subchorionic hemorrhage.');
  assert.equal(
    verify('restructure', analyze(finding), text.replace('This is a 22-year-old pregnant female.', 'Small subchorionic hemorrhage.')).ok,
    false,
  );
});

test('breast imaging boilerplate is no organ finding: its own section stays as written, a line in FINDINGS goes to the general field', () => {
  const text =
    'EXAM: Screening mammogram\nFINDINGS: The breasts are heterogeneously dense. There are no spiculated masses or architectural distortion. Lack of radiographic evidence of malignancy should not delay a biopsy if a clinically suspicious mass is present.\nIMPRESSION: Benign.\n\nMAMMOGRAPHY INFORMATION:\n1. A certain percentage of cancers will not be identified by mammography.\n2. These images were obtained with FDA-approved digital mammography equipment.';
  const { out } = run(text);
  assert.equal(out.template, 'mg-breast');
  assert.match(out.text, /MAMMOGRAPHY INFORMATION: 1\. A certain percentage .*\n2\. These images were obtained with FDA-approved/);
  assert.match(out.text, /FINDINGS:\nLack of radiographic evidence of malignancy should not delay a biopsy/);
  assert.equal(line(out, 'TECHNIQUE'), 'TECHNIQUE: [ ]');
  assert.equal(line(out, 'Other'), undefined);
  assert.equal(broken(text), null);
  assert.deepEqual(gate(text), []);
});

const PLACED_BY_PATTERN = [
  [
    'one phrase names one field once: "axillary lymph nodes" does not outvote "both breasts"',
    'EXAM: Screening mammogram\nFINDINGS: The breasts are dense. There are benign-appearing calcifications in both breasts as well as unremarkable axillary lymph nodes.\nIMPRESSION: Benign.',
    'Breasts',
    // "The breasts are dense" is the breast composition (BI-RADS density), its own field.
    'Breasts: There are benign-appearing calcifications in both breasts as well as unremarkable axillary lymph nodes.',
  ],
  [
    'pelvic phleboliths are veins, not reproductive organs',
    'EXAM: CT abdomen and pelvis\nFINDINGS: The uterus is normal. There are pelvic phleboliths seen.\nIMPRESSION: Normal.',
    'Vessels',
    'Vessels: There are pelvic phleboliths seen.',
  ],
  [
    'encephalomalacia in a vascular territory is the brain parenchyma, not the vessels',
    'EXAM: MRI brain\nFINDINGS: There is an area of encephalomalacia in the left middle cerebral artery (MCA) territory. The intracranial flow voids are preserved.\nIMPRESSION: Old left MCA infarct.',
    'Brain parenchyma',
    'Brain parenchyma: There is an area of encephalomalacia in the left middle cerebral artery (MCA) territory.',
  ],
  [
    'a vessel named without a territory stays the vessels',
    'EXAM: CT head\nFINDINGS: The brain is normal. The left middle cerebral artery is dense.\nIMPRESSION: Dense left MCA.',
    'Vessels',
    'Vessels: The left middle cerebral artery is dense.',
  ],
  [
    'a region of another exam keeps its paragraph under Other, opened by its heading',
    'EXAM: CT head without contrast\nFINDINGS:\nHEAD:\nThe brain is normal. The calvarium is intact.\n\nCERVICAL SPINE:\nThere is mild generalized osteopenia. There is no prevertebral soft tissue swelling. The dens is intact.\n\nIMPRESSION: No acute abnormality.',
    'Other',
    'Other:',
  ],
];
for (const [name, text, label, expected] of PLACED_BY_PATTERN)
  test(`placed by pattern: ${name}`, () => {
    const { out } = run(text);
    assert.equal(line(out, label), expected);
    assert.equal(broken(text), null);
    assert.deepEqual(gate(text), []);
  });

test('a region heading over a long paragraph of another exam opens its sentences under Other, none under the skull', () => {
  const text = PLACED_BY_PATTERN.at(-1)[1];
  const { out } = run(text);
  assert.equal(out.template, 'ct-head');
  assert.match(
    out.text,
    /Other:\nCERVICAL SPINE:\nThere is mild generalized osteopenia\. There is no prevertebral soft tissue swelling\. The dens is intact\./,
  );
  assert.equal(line(out, 'Skull and scalp'), 'Skull and scalp: The calvarium is intact.');
  // Titled as both exams, which no one template covers: refused, not filed under the head's fields.
  const both = text.replace('CT head without contrast', 'CT head and CT cervical spine');
  assert.match(gate(both)[0] ?? '', /^no template for the head with the cervical spine/);
  // The same regions as sections of their own, no FINDINGS header.
  const sections =
    'EXAM: CT head without contrast\n\nHEAD:\nThe brain is normal. The calvarium is intact.\n\nCERVICAL SPINE:\nThere is mild generalized osteopenia. There is no prevertebral soft tissue swelling. The dens is intact.\n\nIMPRESSION: No acute abnormality.';
  const own = run(sections).out;
  assert.match(
    own.text,
    /Other:\nCERVICAL SPINE: There is mild generalized osteopenia\. There is no prevertebral soft tissue swelling\. The dens is intact\./,
  );
  assert.equal(line(own, 'Skull and scalp'), 'Skull and scalp: The calvarium is intact.');
  assert.equal(broken(sections), null);
  assert.deepEqual(gate(sections), []);
});

test('an organ adjective yields to the noun of another place: lymphadenopathy to the nodes, flow voids to the vessels; in a mammogram the node is where the adjective says', () => {
  const ct = run('EXAM: CT abdomen and pelvis\nFINDINGS: The aorta is normal in caliber. There is no retroperitoneal lymphadenopathy.').out;
  assert.equal(line(ct, 'Lymph nodes'), 'Lymph nodes: There is no retroperitoneal lymphadenopathy.');
  const mr = run('EXAM: MRI brain\nFINDINGS: The ventricles are normal. The intracranial flow voids are preserved.').out;
  assert.equal(line(mr, 'Vessels'), 'Vessels: The intracranial flow voids are preserved.');
  const mg = run('EXAM: Screening mammogram\nFINDINGS: There is a benign intramammary lymph node in the left breast.').out;
  assert.match(line(mg, 'Breasts'), /intramammary lymph node/);
});

test('the gate passes retroperitoneal adenopathy under Lymph nodes', () => {
  assert.deepEqual(
    gate('EXAM: CT abdomen and pelvis\nFINDINGS: The stomach is unremarkable. There is no abdominal or retroperitoneal adenopathy.'),
    [],
  );
});

test('a heading line goes with what it heads: a region heading to the general field, another to the field of the line after it', () => {
  const ct = run(
    'EXAM: CT abdomen and pelvis\nFINDINGS\nCT PELVIS:\nThe uterus is normal. The bladder is normal.\n\nCT ABDOMEN:\nThe appendix is normal. The liver is normal.\nIMPRESSION: Normal.',
  ).out;
  assert.match(ct.text, /FINDINGS:\nCT PELVIS:\nCT ABDOMEN:\n/);
  assert.equal(line(ct, 'Appendix'), 'Appendix: The appendix is normal.');
  const ob =
    'EXAM: OB ultrasound\nFINDINGS: The placenta is posterior. The stomach, bladder and kidneys are unremarkable.\n\nBIOMETRIC DATA:\nBPD = 7.77 cm = 31 weeks, 1 day\nHC = 28.26 cm = 31 weeks, 1 day\n\nIMPRESSION: Single live intrauterine gestation.';
  const out = run(ob, PLAIN, 'us-obstetric').out;
  assert.match(out.text, /Fetal biometry:\nBIOMETRIC DATA:\nBPD = 7\.77 cm/);
  assert.equal(broken(ob), null);
  assert.deepEqual(gate(ob), []);
});

test('fetal words place a sentence in an obstetric scan; "the ligament" stays with the ligament named before', () => {
  const ob = run(
    'EXAM: OB ultrasound\nFINDINGS: The placenta is posterior. There is a 4-chamber heart. There is spontaneous body/limb motion.',
    PLAIN,
    'us-obstetric',
  ).out;
  assert.equal(line(ob, 'Fetal anatomy'), 'Fetal anatomy: There is a 4-chamber heart.');
  assert.equal(line(ob, 'Fetal heart and lie'), 'Fetal heart and lie: There is spontaneous body/limb motion.');
  const knee = run(
    'EXAM: MRI left knee\nFINDINGS: There is an interstitial sprain of the anterior cruciate ligament. There is no complete tear or discontinuity, and the ligament has a celery stick appearance.',
  ).out;
  assert.match(line(knee, 'Cruciate ligaments'), /celery stick appearance\.$/);
});

test('the contrast given is technique; a part word of no organ here follows the sentence before; the posterior fossa is the brain', () => {
  const ct = run('EXAM: CT abdomen and pelvis\nFINDINGS: Oral contrast was also administered. The liver is normal.').out;
  assert.equal(line(ct, 'TECHNIQUE'), 'TECHNIQUE: Oral contrast was also administered.');
  const renal = run('EXAM: Renal ultrasound\nFINDINGS: The kidneys are normal in size. There is no evidence of cortical thinning.').out;
  assert.match(line(renal, 'Kidneys'), /There is no evidence of cortical thinning\.$/);
  const mr = run(
    'EXAM: MRI brain\nFINDINGS: There are no extraaxial fluid collections. Posterior fossa structures are within normal limits.',
  ).out;
  assert.match(line(mr, 'Brain parenchyma'), /Posterior fossa structures/);
});

test('a chest CT files the heart valves, the cardiothoracic index and hepatosteatosis under their organs', () => {
  const text =
    'EXAM: CT CHEST\nFINDINGS: Trachea and main bronchi are open. The cardiothoracic index is natural. Postoperative changes in the aortic valve were observed. " Hepatosteatosis';
  const { out } = run(text);
  assert.equal(
    line(out, 'Heart and pericardium'),
    'Heart and pericardium: The cardiothoracic index is natural. Postoperative changes in the aortic valve were observed.',
  );
  assert.equal(line(out, 'Upper abdomen'), 'Upper abdomen: " Hepatosteatosis');
  assert.equal(broken(text), null);
  assert.deepEqual(gate(text), []);
});

test('an organ before "window" is how the images were shown: "When examined in the lung parenchyma window; … pleural effusion" is pleural', () => {
  const text =
    'EXAM: CT CHEST\nFINDINGS: The lungs are clear. When examined in the lung parenchyma window; There is a minimal pleural effusion in the right hemithorax, locally locating, with free air images at the lower lobe level.';
  const { out } = run(text);
  assert.match(line(out, 'Pleura'), /^Pleura: When examined in the lung parenchyma window; There is a minimal pleural effusion/);
  assert.equal(broken(text), null);
  assert.deepEqual(gate(text), []);
});

test('a finding of one place the modality only qualifies is filed by the finding ("no CT evidence of acute diverticulitis")', () => {
  const text =
    'EXAM: CT abdomen and pelvis\nFINDINGS: The appendix is normal. There are scattered diverticula, but no CT evidence of acute diverticulitis.';
  assert.equal(line(run(text).out, 'Bowel'), 'Bowel: There are scattered diverticula, but no CT evidence of acute diverticulitis.');
  assert.equal(broken(text), null);
  assert.deepEqual(gate(text), []);
});

test("an obstetric scan: INTERPRETATION above the IMPRESSION is the findings; heart motion is the fetus's activity, an anatomic exam its anatomy", () => {
  const text =
    'REASON FOR EXAM: Followup for fetal growth.\n\nINTERPRETATION: Real-time exam demonstrates a single intrauterine fetus in cephalic presentation.\n\nThe placenta is posterior. A detailed fetal anatomic exam was not performed at this setting. There was no fetal heart motion on Doppler.\n\nIMPRESSION: Single intrauterine pregnancy.';
  const { out } = run(text, PLAIN, 'us-obstetric');
  assert.match(
    line(out, 'Fetal heart and lie'),
    /^Fetal heart and lie: Real-time exam demonstrates a single intrauterine fetus.* There was no fetal heart motion on Doppler\.$/,
  );
  assert.equal(line(out, 'Fetal anatomy'), 'Fetal anatomy: A detailed fetal anatomic exam was not performed at this setting.');
  assert.match(out.text, /IMPRESSION:\nSingle intrauterine pregnancy\.\n$/);
  assert.equal(broken(text), null);
});

test("a shoulder: the tendon's bursal surface is the cuff's, a sublabral foramen the labrum's", () => {
  const text =
    'EXAM: MRI left shoulder\nFINDINGS: There is marked supraspinatus tendinosis. There is still a small rim of tendon along the bursal surface, although there may be a small tear at the level of the rotator interval. There is a small sublabral foramen at the eleven o’clock position.';
  const { out } = run(text);
  assert.match(line(out, 'Rotator cuff'), /along the bursal surface/);
  assert.match(line(out, 'Labrum and ligaments'), /sublabral foramen/);
  assert.equal(line(out, 'Bursae'), 'Bursae: [ ]');
  assert.equal(broken(text), null);
  assert.deepEqual(gate(text), []);
});

test('a head MRI: "Correlation is made with the head CT" is the comparison, a Chiari malformation the brain\'s', () => {
  const text =
    'EXAM: MRI head without contrast\nFINDINGS: Correlation is made with the head CT of 4/18/05. There is normal flow void demonstrated in the major vascular systems. The sagittal sequence demonstrates no Chiari malformation.';
  const { out } = run(text);
  assert.equal(line(out, 'COMPARISON'), 'COMPARISON: Correlation is made with the head CT of 4/18/05.');
  assert.equal(line(out, 'Brain parenchyma'), 'Brain parenchyma: The sagittal sequence demonstrates no Chiari malformation.');
  assert.equal(broken(text), null);
  assert.deepEqual(gate(text), []);
});

test('a chest CT: the upper part of the abdomen is the upper abdomen, a comparison told in words goes to COMPARISON, a piece cut at a question mark stays with its sentence', () => {
  const text =
    'EXAM: CT CHEST\nFINDINGS: The examination was evaluated by comparing it with CT images dated 04.04.2017. Trachea and main bronchi are open. A mosaic attenuation pattern was observed in both lungs (small airway disease? small vessel disease?). No pathology was detected in the sections passing through the upper part of the abdomen.';
  const { out } = run(text);
  assert.equal(line(out, 'COMPARISON'), 'COMPARISON: The examination was evaluated by comparing it with CT images dated 04.04.2017.');
  assert.match(line(out, 'Lungs'), /small airway disease\? small vessel disease\? ?\)\.$/);
  assert.equal(
    line(out, 'Upper abdomen'),
    'Upper abdomen: No pathology was detected in the sections passing through the upper part of the abdomen.',
  );
  assert.equal(line(out, 'Other'), undefined);
  assert.equal(broken(text), null);
});

test("an endoluminal graft is the aorta's; DISCUSSION without FINDINGS is the findings; COMPARISON EXAMINATION is the comparison", () => {
  const text =
    'EXAM: CT abdomen and pelvis\nFINDINGS: The lung bases are clear. Just below the renal arteries is the top of the endoluminal graft repair with numerous surrounding surgical clips.\nIMPRESSION: Stable aneurysm.';
  const { out } = run(text);
  assert.match(line(out, 'Vessels'), /endoluminal graft repair/);
  assert.equal(broken(text), null);
  assert.deepEqual(gate(text), []);
  const discussion =
    'EXAM: CT Scan of the brain without contrast.\n\nCOMPARISON EXAMINATION: None.\n\nDISCUSSION: No acute intracranial abnormalities appreciated. The sinuses are clear.\n\nIMPRESSION: No acute intracranial abnormalities appreciated.';
  const head = run(discussion).out;
  assert.equal(line(head, 'COMPARISON'), 'COMPARISON: None.');
  assert.equal(line(head, 'Sinuses and mastoids'), 'Sinuses and mastoids: The sinuses are clear.');
  assert.equal(line(head, 'DISCUSSION'), undefined);
  assert.equal(broken(discussion), null);
  assert.deepEqual(gate(discussion), []);
});

test('one word names its field once; the chest wall is the chest wall, HCC the liver', () => {
  const text =
    'EXAM: CT CHEST\nFINDINGS: The lungs are clear. There are no chest wall masses or osseous lesions. • Operated HCC at follow-up.';
  const chest = run(text).out;
  assert.equal(line(chest, 'Chest wall'), 'Chest wall: There are no chest wall masses or osseous lesions.');
  assert.equal(line(chest, 'Upper abdomen'), 'Upper abdomen: • Operated HCC at follow-up.');
  assert.equal(broken(text), null);
  assert.deepEqual(gate(text), []);
});

test('the gate passes a VMO strain into the medial patellofemoral ligament under Extensor mechanism', () => {
  const text =
    'EXAM: MRI left knee\nFINDINGS: Normal quadriceps and patellar tendons. There is a mild strain of the vastus medialis oblique muscle extending into the medial patellofemoral ligament and medial patellar retinaculum but there is no complete tear or discontinuity.';
  assert.deepEqual(gate(text), []);
});

test('a chest CT that runs into the pelvis: a sentence naming no organ of its own follows the one before, never a chest field', () => {
  const text =
    'EXAM: CT CHEST\nFINDINGS: The lungs are clear. The prostate is enlarged. Parenchyma is heterogeneous. Perivesical fat planes are clear. ' +
    'A mass is seen in the descending colon. The mass measures 31 mm. Its serosal extension measures 12 mm. ' +
    'Three lymph nodes up to 8 mm are seen in the mesocolon. No lymph node is seen in the aortocaval and paracaval regions. No rib fracture.';
  const { out } = run(text, PLAIN, 'ct-chest');
  const other = line(out, 'Other') ?? out.text.split('Other:')[1];
  for (const s of [
    'Parenchyma is heterogeneous.',
    'Perivesical fat planes are clear.',
    'The mass measures 31 mm.',
    'Its serosal extension measures 12 mm.',
    'Three lymph nodes up to 8 mm are seen in the mesocolon.',
    'No lymph node is seen in the aortocaval and paracaval regions.',
  ])
    assert.ok(other.includes(s), s);
  assert.equal(line(out, 'Lungs'), 'Lungs: The lungs are clear.');
  assert.match(line(out, 'Mediastinum and hila'), /\[ \]/);
  // Inguinal nodes and hernias, intra-abdominal nodes: no chest field either.
  const groin =
    'EXAM: CT CHEST\nFINDINGS: No mediastinal lymphadenopathy. Lymph nodes up to 12 mm are seen in both inguinal regions. No lymph node was seen in intraabdominal pathological size. There is a left inguinal hernia.';
  const g = run(groin, PLAIN, 'ct-chest').out;
  assert.equal(line(g, 'Mediastinum and hila'), 'Mediastinum and hila: No mediastinal lymphadenopathy.');
  assert.match(line(g, 'Chest wall'), /\[ \]/);
  assert.equal(broken(groin), null);
  assert.match(line(out, 'Chest wall'), /\[ \]/);
  assert.equal(broken(text), null);
  // In an abdomen CT the nodes of a station are the lymph nodes' field; the parenchyma follows its organ.
  const abdomen = run(
    'EXAM: CT abdomen and pelvis\nFINDINGS: The spleen is normal in size. Parenchyma is homogeneous. No lymph node is seen in the aortocaval and paracaval regions.',
    PLAIN,
    'ct-abdomen-pelvis',
  ).out;
  assert.match(line(abdomen, 'Spleen'), /Parenchyma is homogeneous\./);
  assert.match(line(abdomen, 'Lymph nodes'), /aortocaval/);
});

test('advice dictated among the findings stays there, though it names a history', () => {
  const text =
    'EXAM: CT abdomen and pelvis\nHISTORY: Pain.\nFINDINGS: The uterus is absent. Correlate with history of prior hysterectomy. Recommend follow-up of the history of colitis.';
  const { out } = run(text, PLAIN, 'ct-abdomen-pelvis');
  assert.equal(line(out, 'CLINICAL HISTORY'), 'CLINICAL HISTORY: Pain.');
  assert.match(out.text, /The uterus is absent\. Correlate with history of prior hysterectomy\./);
  assert.equal(broken(text), null);
});

test("an obstetric scan: a measurement dated in weeks is the pregnancy's biometry, not the heart's or the uterus's", () => {
  const text =
    'EXAM: Obstetric ultrasound\nFINDINGS: An embryo is seen with a crown-rump length of 9 mm corresponding to 7 weeks 0 days. There is a fetal pole measuring 9 mm consistent with 7 weeks. Cardiac activity is present. The ovaries are normal.';
  const { out } = run(text, PLAIN, 'us-obstetric');
  assert.match(line(out, 'Fetal biometry'), /crown-rump length of 9 mm.*fetal pole measuring 9 mm/);
  assert.doesNotMatch(line(out, 'Fetal heart and lie') ?? '', /fetal pole/);
  assert.equal(broken(text), null);
});

test('findings dictated on in the TECHNIQUE paragraph are findings, filed by organ; the technique stays; a whole region goes to the general field', () => {
  const text =
    'EXAM: CT abdomen and pelvis\nTECHNIQUE: Axial CT images of the abdomen and pelvis were obtained with intravenous contrast. No oral contrast was given. ' +
    'The abdominal aortic aneurysm measures 4.1 cm, unchanged. The findings are stable. There is mild atrophy of the right kidney. The lung bases are clear. ' +
    'Concerning the remainder of the pelvis, no acute abnormality is seen.\nIMPRESSION: Stable aneurysm.';
  const { out } = run(text, PLAIN, 'ct-abdomen-pelvis');
  assert.match(line(out, 'TECHNIQUE'), /^TECHNIQUE: Axial CT images .* No oral contrast was given\.$/);
  assert.match(line(out, 'Vessels'), /aneurysm measures 4\.1 cm, unchanged\. The findings are stable\./);
  assert.match(line(out, 'Kidneys and ureters'), /atrophy of the right kidney/);
  assert.match(line(out, 'Lower chest'), /^Lower chest: The lung bases are clear\.$/);
  assert.match(out.text, /FINDINGS:\r?\nConcerning the remainder of the pelvis/);
  assert.equal(broken(text), null);
});

test('a tendon torn beside a bone landmark is the tendon’s; a fetal weight percentile is biometry; intraorbital is the orbits, perivertebral the paraspinal', () => {
  const ankle =
    'EXAM: MRI right ankle\nFINDINGS: There is tendinosis of the peroneus brevis tendon. There is a longitudinal split of the tendon just distal to the tip of the lateral malleolus.';
  assert.match(line(run(ankle, PLAIN, 'mri-ankle').out, 'Tendons'), /distal to the tip of the lateral malleolus/);
  const ob =
    'EXAM: Obstetric ultrasound\nFINDINGS: Single live fetus in breech presentation. The estimated weight is 2100 g, placing the fetus at the 40th percentile.';
  assert.match(line(run(ob, PLAIN, 'us-obstetric').out, 'Fetal biometry'), /40th percentile/);
  const brain = 'EXAM: MRI brain\nFINDINGS: The sinuses are clear. The intraorbital structures are normal.';
  assert.match(line(run(brain, PLAIN, 'mri-brain').out, 'Orbits'), /intraorbital/);
  const knee = 'EXAM: MRI right knee\nFINDINGS: Small joint effusion. The visualized neurovascular structures are unremarkable.';
  assert.match(line(run(knee, PLAIN, 'mri-knee').out, 'Other'), /neurovascular/);
  const spine = 'EXAM: CT lumbar spine\nFINDINGS: Vertebral body heights are maintained. No perivertebral soft tissue mass.';
  assert.match(line(run(spine, PLAIN, 'ct-lumbar-spine').out, 'Paraspinal soft tissues'), /perivertebral/);
  for (const t of [ankle, ob, brain, knee, spine]) assert.equal(broken(t), null);
});

test('a chest CT whose conclusion items are quoted: a sentence ends at the closing quote, so each item goes under its own organ', () => {
  const text =
    'EXAM: CT CHEST\nFINDINGS: The lungs are emphysematous. " Thyroid nodule in the right lobe." Gynecomastia in both breasts. " A few nodules in both lungs." A 14 mm nodule in the left adrenal gland.';
  const { report, out } = run(text, PLAIN, 'ct-chest');
  assert.ok(report.sentences.some((s) => s.text === '" Thyroid nodule in the right lobe."'));
  assert.match(line(out, 'Lower neck'), /^Lower neck: " Thyroid nodule in the right lobe\."$/);
  assert.match(line(out, 'Upper abdomen'), /^Upper abdomen: A 14 mm nodule in the left adrenal gland\.$/);
  assert.doesNotMatch(line(out, 'Lungs'), /adrenal/);
  assert.equal(broken(text), null);
  // Items run on without stops, each opened by a quotation mark standing alone.
  const run2 = 'EXAM: CT CHEST\nFINDINGS: " Calcified plaques in the aorta " Millimetric nodules in both lungs " Hemangioma in the liver';
  const r2 = run(run2, PLAIN, 'ct-chest');
  assert.deepEqual(
    r2.report.sentences.slice(1).map((s) => s.text),
    ['" Calcified plaques in the aorta', '" Millimetric nodules in both lungs', '" Hemangioma in the liver'],
  );
  assert.match(line(r2.out, 'Upper abdomen'), /Hemangioma in the liver/);
  assert.equal(broken(run2), null);
});

test('who was told the results goes to the general field, not under the organ before; an articulation is the joint', () => {
  const head =
    'EXAM: CT head without contrast\nFINDINGS: No acute intracranial abnormality. No acute bony abnormality. The preliminary report was given to the emergency department by Dr. Smith.';
  const out = run(head, PLAIN, 'ct-head').out;
  assert.match(out.text, /FINDINGS:\r?\nThe preliminary report was given/);
  assert.doesNotMatch(line(out, 'Skull and scalp') ?? '', /preliminary/);
  const elbow = 'EXAM: MRI left elbow\nFINDINGS: The ulnar collateral ligament is intact. The radiocapitellar articulation is normal.';
  assert.match(line(run(elbow, PLAIN, 'mri-elbow').out, 'Joints and cartilage'), /radiocapitellar articulation/);
  for (const t of [head, elbow]) assert.equal(broken(t), null);
});

test('"the mass" in a sentence naming an organ this template has no field for goes to Other, not after the organ before', () => {
  const text =
    'EXAM: CT head without contrast\nFINDINGS: The ventricles are normal in size. There is a 2 cm sellar mass. The pituitary gland is not seen separately from the mass.';
  const { out } = run(text, PLAIN, 'ct-head');
  assert.match(out.text, /Other:[^\n]*The pituitary gland is not seen separately from the mass\./);
  assert.doesNotMatch(line(out, 'Ventricles and cisterns'), /pituitary/);
  assert.equal(broken(text), null);
});

test('a finding of many places with no organ named (a mass) stays with the sentence before; one of few places (a fracture) goes to its field; one of several fields with no sentence before to Other', () => {
  const neck =
    'EXAM: CT neck with contrast\nFINDINGS: There is a lobulated mass of the epiglottis. There is an infiltrative mass extending into the pre-epiglottic space. There are no fractures.';
  const out = run(neck, PLAIN, 'ct-neck').out;
  assert.match(line(out, 'Pharynx and larynx'), /lobulated mass of the epiglottis\. There is an infiltrative mass extending/);
  assert.doesNotMatch(line(out, 'Visualized brain and orbits') ?? '', /mass/);
  // A finding of several fields here, with nothing before it to place it, is no one field's: Other.
  const first = run('EXAM: CT abdomen and pelvis\nFINDINGS: There is a 12 mm hypodense lesion. The spleen is normal.').out;
  assert.match(line(first, 'Liver'), /\[ \]/);
  assert.match(first.text, /Other: There is a 12 mm hypodense lesion\./);
  const knee = 'EXAM: MRI right knee\nFINDINGS: Normal quadriceps and patellar tendons. There are no fractures.';
  assert.match(line(run(knee, PLAIN, 'mri-knee').out, 'Bones and marrow'), /no fractures/);
  for (const t of [neck, knee]) assert.equal(broken(t), null);
});

test('a word of another sense does not pick the field: lung lines, body-wall hernias, wrist compartments, cartilage, the knee corner', () => {
  const cases = [
    ['ct-chest', 'Scattered reticular lines are noted at both lung bases.', 'Lungs'],
    ['ct-chest', 'The patient is mastectomized on the right.', 'Chest wall'],
    ['ct-abdomen-pelvis', 'A small fat-containing umbilical hernia is present.', 'Body wall'],
    ['mri-wrist', 'There is synovitis within the first dorsal compartment.', 'Tendons'],
    ['mri-knee', 'The patellar cartilage is thinned along the lateral facet.', 'Articular cartilage'],
    ['mri-knee', 'The arcuate ligament is thickened.', 'Collateral ligaments and corners'],
  ];
  for (const [id, sentence, label] of cases) {
    const { out } = run(`FINDINGS:\n${sentence}\n\nIMPRESSION:\nSee above.\n`, PLAIN, id);
    assert.ok(line(out, label)?.includes(sentence), `${id}: "${sentence}" under ${label}:\n${out.text}`);
  }
});

test('below the chest in a chest CT: abdominal-wall hernias under the upper abdomen, a cholecystectomy or TAH-BSO by its organ, never the item before', () => {
  const cases = [
    ['ct-chest', 'Small fat-containing umbilical hernia.', 'Upper abdomen'],
    ['ct-chest', 'There is a ventral hernia in the anterior abdominal wall containing omentum.', 'Upper abdomen'],
    ['ct-chest', 'A paraumbilical hernia containing a loop of bowel is partly imaged.', 'Upper abdomen'],
    ['ct-pulmonary-angiogram', 'Incidental incisional hernia in the upper abdominal wall.', 'Upper abdomen'],
    // The abdomen's own templates keep the body wall's hernias there.
    ['ct-abdomen-pelvis', 'There is a ventral hernia in the anterior abdominal wall containing omentum.', 'Body wall'],
    ['ct-chest', 'Subcutaneous emphysema in the left chest wall.', 'Chest wall'],
  ];
  for (const [id, sentence, label] of cases) {
    const { out } = run(`FINDINGS:\nHeart size is normal. ${sentence}\n\nIMPRESSION:\nSee above.\n`, PLAIN, id);
    assert.ok(line(out, label)?.includes(sentence), `${id}: "${sentence}" under ${label}:\n${out.text}`);
  }
  // A CT-RATE summary item naming its organ by the operation: not the item before's field.
  for (const [item, label] of [
    ['Cholecystectomized', 'Upper abdomen'],
    ['Cholecystectomised', 'Upper abdomen'],
    ['Status post TAH-BSO', 'Other'],
    ['TAH+BSO', 'Other'],
    ['Hysterectomized', 'Other'],
  ]) {
    const text = `EXAM: CT CHEST\nFINDINGS: Emphysema in both upper lobes. The gallbladder and uterus are not seen. " Emphysema in both upper lobes " ${item} " Hiatal hernia.\n`;
    const { out } = run(text, PLAIN, 'ct-chest');
    assert.doesNotMatch(line(out, 'Lungs') ?? '', new RegExp(item.replace(/[+]/g, '\\+')), `${item} left under Lungs:\n${out.text}`);
    assert.ok(
      out.text.split(/\r?\n/).some(
        (l, k, all) =>
          l.includes(item) &&
          (l.startsWith(`${label}:`) ||
            all
              .slice(0, k + 1)
              .reverse()
              .find((x) => /^[A-Z][\w ]*:/.test(x))
              ?.startsWith(`${label}:`)),
      ),
      `${item} under ${label}:\n${out.text}`,
    );
  }
});

test('lymph nodes named by the diaphragm or the heart border they lie on are nodes: the mediastinum in a chest CT, never the Pleura', () => {
  const cases = [
    ['ct-chest', 'Enlarged anterior diaphragmatic lymph nodes are noted.', 'Mediastinum and hila'],
    ['ct-chest', 'A 12 mm right cardiophrenic lymph node.', 'Mediastinum and hila'],
    ['ct-chest', 'Paracardiac nodes up to 8 mm on the left.', 'Mediastinum and hila'],
    ['ct-abdomen-pelvis', 'Retrocrural lymph nodes measure up to 11 mm.', 'Lymph nodes'],
    ['ct-abdomen-pelvis', 'Enlarged anterior diaphragmatic lymph nodes are noted.', 'Lymph nodes'],
    ['ct-chest', 'The right hemidiaphragm is elevated.', 'Pleura'],
  ];
  // After a sentence of the upper abdomen too: the nodes name their own place.
  const after = run('FINDINGS:\nThe liver is normal. Enlarged anterior diaphragmatic lymph nodes are noted.\n', PLAIN, 'ct-chest').out;
  assert.match(line(after, 'Mediastinum and hila') ?? '', /anterior diaphragmatic/, after.text);
  for (const [id, sentence, label] of cases) {
    const { out } = run(`FINDINGS:\nNo pleural effusion. ${sentence}\n\nIMPRESSION:\nSee above.\n`, PLAIN, id);
    assert.ok(line(out, label)?.includes(sentence), `${id}: "${sentence}" under ${label}:\n${out.text}`);
  }
});

test('the space around an organ, an ischemic change, the cervical spine, the iliac fossa and a bowel anastomosis place a sentence by their organ', () => {
  const filed = (id, sentences) => run(`EXAM: CT.\nFINDINGS: ${sentences.join(' ')}\nIMPRESSION: Normal.`, PLAIN, id).out;
  const abdomen = filed('ct-abdomen-pelvis', [
    'The sigmoid colon has diverticula.',
    'Mild right periureteric fat stranding is noted.',
    'The liver is normal.',
    'Perinephric fat stranding on the left.',
    'The liver is normal.',
    'A 5 cm mass in the left iliac fossa.',
  ]);
  assert.equal(line(abdomen, 'Bowel'), 'Bowel: The sigmoid colon has diverticula.');
  assert.match(line(abdomen, 'Kidneys and ureters'), /periureteric fat stranding is noted\. Perinephric fat stranding on the left\.$/);
  assert.match(line(abdomen, 'Peritoneum and retroperitoneum'), /iliac fossa/);
  const head = filed('ct-head', [
    'There is a small subdural hematoma.',
    'No acute ischemic change is seen.',
    'The upper cervical spine is visualized without fractures.',
  ]);
  assert.equal(line(head, 'Brain'), 'Brain: No acute ischemic change is seen.');
  // No field for the spine in a head CT: Other, not the skull.
  assert.equal(line(head, 'Other'), 'Other: The upper cervical spine is visualized without fractures.');
  const chest = filed('ct-chest', [
    'There is a tube in the stomach.',
    'Fluid in the right iliac fossa.',
    'An anastomotic line is seen in the transverse colon.',
  ]);
  assert.equal(line(chest, 'Lines and devices'), 'Lines and devices: There is a tube in the stomach.');
  assert.equal(line(chest, 'Other'), 'Other: Fluid in the right iliac fossa. An anastomotic line is seen in the transverse colon.');
});

test('a protocol line that names the organs scanned is technique, not a finding', () => {
  const { out } = run(
    'EXAM: CT.\nFINDINGS: Axial CT of the brain per standard protocol. There is a small subdural hematoma.\nIMPRESSION: Normal.',
    PLAIN,
    'ct-head',
  );
  assert.equal(line(out, 'TECHNIQUE'), 'TECHNIQUE: Axial CT of the brain per standard protocol.');
});

test('a protocol named for a finding ("per pulmonary embolism protocol") is how the exam was done: technique, and the rewrite is offered', () => {
  const text =
    'EXAM: CT angiogram chest.\nFINDINGS: CT angiography of the chest per pulmonary embolism protocol. The lungs are clear. No pleural effusion.\nIMPRESSION: No acute abnormality.';
  const { out } = run(text, PLAIN, 'ct-chest');
  assert.equal(line(out, 'TECHNIQUE'), 'TECHNIQUE: CT angiography of the chest per pulmonary embolism protocol.');
  assert.equal(rewrite('restructure', analyze(text)).verification.ok, true);
});

test('a section after the impression whose lines open with the template’s field names is filed by field, not left after the impression', () => {
  const text =
    'EXAM: Obstetric ultrasound.\nFINDINGS: Single live intrauterine pregnancy in breech presentation. BPD 7.9 cm.\nIMPRESSION: Single live intrauterine pregnancy.\nGENERAL EVALUATION:\nPlacenta: Fundal, grade I.\nAmniotic Fluid: Mildly increased, AFI 22 cm.\nCervix: Long and closed.\n';
  const { out } = run(text, PLAIN, 'us-obstetric');
  assert.equal(line(out, 'Placenta'), 'Placenta: Fundal, grade I.');
  assert.equal(line(out, 'Cervix'), 'Cervix: Long and closed.');
  assert.match(out.text, /Cervix: Long and closed\.[\s\S]*IMPRESSION:\nSingle live intrauterine pregnancy\.\s*$/);
  assert.equal(rewrite('restructure', analyze(text)).verification.ok, true);
});

/** Where each sentence goes, as the whole FINDINGS of a report in the template: its field label. */
const fieldOf = (id, sentence) => run(`FINDINGS:\n${sentence}\n`, PLAIN, id).out.placed[0].subsection;

test('a valve’s finding is the valve’s, also when two valves share the noun; a PA pressure is no valve’s', () => {
  for (const [sentence, field] of [
    ['Trace aortic and pulmonary regurgitation.', 'Aortic valve'],
    ['Mild aortic and mitral regurgitation.', 'Aortic valve'],
    ['Moderate aortic stenosis.', 'Aortic valve'],
    ['The aortic root measures 3.2 cm.', 'Aortic root and venae cavae'],
    ['PA systolic pressure is 36 mmHg.', 'Other'],
    ['Estimated PASP 40 mmHg.', 'Other'],
    ['Peak aortic velocity 3.2 m/s, mean gradient 25 mmHg.', 'Aortic valve'],
    ['E/A ratio 0.8 consistent with grade I diastolic dysfunction.', 'Ventricles'],
  ])
    assert.equal(fieldOf('us-echocardiogram', sentence), field, sentence);
  // In a chest CT the valves are the heart's, the aorta and its branches the vessels'.
  assert.equal(fieldOf('ct-chest', 'Aortic and mitral valve calcifications.'), 'Heart and pericardium');
  assert.equal(fieldOf('ct-chest', 'Aortic and iliac atherosclerosis.'), 'Vessels');
});

test('a heading of a technique alone ("DOPPLER:") over valve findings is findings told by Doppler, never the exam line', () => {
  const text =
    '2-D M-MODE:\n1.  Normal size right and left ventricle.\n2.  Normal morphology of aortic valve, mitral valve, tricuspid valve, and pulmonary valve.\n3.  PA systolic pressure is 36 mmHg.\n\n' +
    'COLOR DOPPLER:\n1.  Moderate mitral and mild tricuspid regurgitation.\n2.  Mild aortic and trace pulmonic regurgitation.\n';
  const { out } = run(text, PLAIN, 'us-echocardiogram');
  assert.equal(line(out, 'EXAM'), 'EXAM: [ ]');
  assert.match(line(out, 'Mitral valve'), /Moderate mitral and mild tricuspid regurgitation\./);
  assert.match(line(out, 'Aortic valve'), /Mild aortic and trace pulmonic regurgitation\./);
  assert.doesNotMatch(line(out, 'Aortic valve'), /PA systolic/);
  assert.equal(broken(text), null);
  assert.deepEqual(gate(text), []);
  // An exam's title as a heading still names the exam.
  const titled = run('MRI BRAIN WITH AND WITHOUT CONTRAST: 12/01/2026\n\nFINDINGS: The ventricles are normal.', PLAIN, 'mri-brain').out;
  assert.equal(line(titled, 'EXAM'), 'EXAM: MRI BRAIN WITH AND WITHOUT CONTRAST: 12/01/2026');
});

test('a lymph node is where its station says: a node in the lung is the lung’s, a station named after a vessel the nodes’', () => {
  for (const [id, sentence, field] of [
    ['ct-chest', 'Small intrapulmonary lymph node.', 'Lungs'],
    ['ct-chest', 'Subpleural lymph node in the right middle lobe, 4 mm.', 'Lungs'],
    ['ct-chest', 'A 5 mm perifissural nodule along the left major fissure, likely a lymph node.', 'Lungs'],
    ['ct-chest', 'No mediastinal or hilar lymphadenopathy.', 'Mediastinum and hila'],
    ['ct-chest', 'Internal mammary lymph node 8 mm.', 'Mediastinum and hila'],
    ['ct-neck', 'There is bilateral cervical lymphadenopathy at the internal jugular stations (levels II-IV).', 'Lymph nodes'],
    ['ct-neck', 'Bilateral internal jugular chain lymphadenopathy, up to 14 mm.', 'Lymph nodes'],
    ['ct-neck', 'Lymphadenopathy along the left internal jugular vein.', 'Lymph nodes'],
    ['ct-neck', 'The jugular veins are patent.', 'Vessels'],
    ['ct-neck', 'A 2 cm mass in the right carotid space.', 'Soft tissues'],
    ['ct-neck', 'Left carotid space mass displacing the internal carotid artery anteriorly.', 'Soft tissues'],
    ['us-carotid', 'Enlarged internal jugular chain lymph nodes on the right.', 'Neck soft tissues'],
    ['ct-abdomen-pelvis', 'Hepatic hilum lymph nodes are prominent.', 'Lymph nodes'],
    ['ct-abdomen-pelvis', 'Splenic hilar lymph node of 9 mm.', 'Lymph nodes'],
    ['ct-abdomen-pelvis', 'Enlarged para-aortic and aortocaval lymph nodes.', 'Lymph nodes'],
    ['ct-abdomen-pelvis', 'Celiac axis lymph nodes are enlarged.', 'Lymph nodes'],
    ['ct-abdomen-pelvis', 'The aorta and lymph nodes are normal.', 'Vessels'],
    ['ct-abdomen-pelvis', 'The spleen is normal with a small lymph node at its hilum.', 'Spleen'],
  ])
    assert.equal(fieldOf(id, sentence), field, sentence);
});

test('a chest CT’s abdominal sections are its upper abdomen, and the nodes named at no place after them are theirs', () => {
  const text =
    'EXAM: CT chest\nFINDINGS: No enlarged lymph nodes were seen in the mediastinum or hila. The lungs are clear. ' +
    'There is no free fluid in the upper abdominal sections. There are no enlarged lymph nodes of pathological size. ' +
    'No significant abnormality was seen in the abdominal slices. No lytic lesion in the bones.\nIMPRESSION: Normal.';
  const { out } = run(text, PLAIN, 'ct-chest');
  assert.equal(
    line(out, 'Upper abdomen'),
    'Upper abdomen: There is no free fluid in the upper abdominal sections. There are no enlarged lymph nodes of pathological size. No significant abnormality was seen in the abdominal slices.',
  );
  assert.equal(line(out, 'Mediastinum and hila'), 'Mediastinum and hila: No enlarged lymph nodes were seen in the mediastinum or hila.');
  assert.equal(broken(text), null);
  // After a chest sentence the same nodes are the chest's; in an abdomen CT the abdominal sections are the whole exam's.
  assert.equal(
    run('FINDINGS:\nThe heart is normal in size. No enlarged lymph nodes.\n', PLAIN, 'ct-chest').out.placed[1].subsection,
    'Mediastinum and hila',
  );
  assert.equal(fieldOf('ct-abdomen-pelvis', 'No pathology was detected in the abdominal sections.'), null);
});

test('a region’s label opening a sentence filed by organ starts its own line; two regions’ run-in labels over sentences naming their organs are filed by organ', () => {
  const one = run(
    'EXAM: CT abdomen and pelvis\nFINDINGS: The liver is normal. Pelvis: The ureters are normal in caliber.\nIMPRESSION: Normal.',
    PLAIN,
    'ct-abdomen-pelvis',
  ).out;
  assert.match(one.text, /\nKidneys and ureters:\nPelvis: The ureters are normal in caliber\.\n/);
  const text =
    'EXAM: CT abdomen and pelvis\nFINDINGS: Abdomen: The lung bases are clear. The liver is normal. Pelvis: The ureters are normal in caliber. The bladder is normal.\nIMPRESSION: Normal.';
  const { out } = run(text, PLAIN, 'ct-abdomen-pelvis');
  // The region is no organ: each sentence goes under its organ's field, its label kept on its line.
  assert.match(
    out.text,
    /\nLower chest:\nAbdomen: The lung bases are clear\.\nLiver: The liver is normal\.\n[^]*\nKidneys and ureters:\nPelvis: The ureters are normal in caliber\.\nBladder: The bladder is normal\.\n/,
  );
  assert.equal(broken(text), null);
  assert.deepEqual(gate(text), []);
  const cta =
    'EXAM: CTA abdomen and pelvis\nFINDINGS:\nAbdomen: The pancreas demonstrates a 2.8 cm cystic lesion in the tail. The spleen is normal in size. ' +
    'There is no aneurysmal dilatation of the abdominal aorta.\nPelvis: The urinary bladder is unremarkable. The uterus and ovaries are normal.\n' +
    'Pelvis: The bowel is unremarkable. No free fluid.\nIMPRESSION: Pancreatic cyst.';
  const c = run(cta, PLAIN, 'ct-abdomen-pelvis').out;
  assert.equal(line(c, 'Spleen'), 'Spleen: The spleen is normal in size.');
  assert.equal(line(c, 'Reproductive organs'), 'Reproductive organs: The uterus and ovaries are normal.');
  // A run whose bowel and fluid are the pelvis's only by its label stays whole.
  assert.match(c.text, /\nPelvis: The bowel is unremarkable\. No free fluid\.\n/);
  assert.match(c.text, /\nPancreas:\nAbdomen: The pancreas demonstrates a 2\.8 cm cystic lesion in the tail\.\n/);
  assert.equal(broken(cta), null);
  assert.deepEqual(gate(cta), []);
});

test('a sentence about the finding or organ before, naming nothing of its own, stays with it rather than heading the findings', () => {
  const scrotum =
    'EXAM: Scrotal ultrasound\nFINDINGS: The right testis measures 4.2 x 2.5 x 2.8 cm and is homogeneous. There is normal color Doppler flow. ' +
    'A small hydrocele is present on the right. The right epididymis is normal.\nIMPRESSION: Small right hydrocele.';
  const s = run(scrotum, PLAIN, 'us-scrotum').out;
  assert.match(line(s, 'Testes'), /homogeneous\. There is normal color Doppler flow\./);
  assert.equal(line(s, 'Scrotal sac and cords'), 'Scrotal sac and cords: A small hydrocele is present on the right.');
  assert.equal(broken(scrotum), null);
  const chest =
    'EXAM: CT chest\nFINDINGS: Post-radiation fibrosis in the right upper lobe. Compared with the PET-CT of 03/2025 these findings have decreased. The heart is normal.\nIMPRESSION: Decreased fibrosis.';
  assert.match(
    line(run(chest, PLAIN, 'ct-chest').out, 'Lungs'),
    /right upper lobe\. Compared with the PET-CT of 03\/2025 these findings have decreased\./,
  );
  // A sentence of the whole exam stays the exam's; one naming its finding is placed by it.
  assert.equal(fieldOf('ct-chest', 'Non-contrast CT of the thorax within normal limits.'), null);
  const covid = 'FINDINGS:\nNo fracture of the ribs.\nThe findings were evaluated as viral pneumonia.\n';
  assert.equal(run(covid, PLAIN, 'ct-chest').out.placed[1].subsection, 'Lungs');
});

test('findings told a paragraph per side keep their side: a paragraph that would be split over fields stays whole', () => {
  const text =
    'EXAM: Renal ultrasound\nFINDINGS: The right kidney measures 11.2 cm. There is moderate hydronephrosis. The bladder is decompressed.\n\n' +
    'The left kidney measures 10.8 cm. No hydronephrosis. A 1 cm simple cyst is present in the bladder wall.\nIMPRESSION: Right hydronephrosis.';
  const { out } = run(text, PLAIN, 'us-renal');
  assert.match(
    out.text,
    /\nFINDINGS:\nThe right kidney measures 11\.2 cm\. There is moderate hydronephrosis\. The bladder is decompressed\.\nThe left kidney/,
  );
  assert.match(line(out, 'Bladder'), /\[ \]/);
  assert.equal(broken(text), null);
  assert.deepEqual(gate(text), []);
  // Paragraphs whose sentences all go to one field, or that name their side, are filed as usual.
  const oneField =
    'EXAM: Renal ultrasound\nFINDINGS: The right kidney measures 11.2 cm. There is no hydronephrosis.\n\nThe left kidney measures 10.8 cm. There is no hydronephrosis.\n\nThe bladder is normal.\nIMPRESSION: Normal.';
  const o = run(oneField, PLAIN, 'us-renal').out;
  assert.match(line(o, 'Kidneys'), /^Kidneys: The right kidney measures 11\.2 cm\./);
  assert.equal(line(o, 'Bladder'), 'Bladder: The bladder is normal.');
});

test('a word naming an organ with no field here and one with a field is that field’s: the breast and axilla are a chest CT’s chest wall', () => {
  for (const [sentence, field] of [
    ['There is an implant in the left breast.', 'Chest wall'],
    ['A 12 mm nodular density in the upper outer quadrant of the right breast.', 'Chest wall'],
    ['No axillary lymphadenopathy is present.', 'Chest wall'],
  ])
    assert.equal(fieldOf('ct-chest', sentence), field, sentence);
  // Nodes in the axillae are still not the mediastinum's, which holds a chest CT's nodes.
  assert.notEqual(fieldOf('ct-chest', 'There are short lymph nodes less than 1 cm in diameter in both axillae.'), 'Mediastinum and hila');
});

test('a PROCEDURE section telling how the study was done fills TECHNIQUE, not a section of its own beside an empty one', () => {
  const echo = run(
    'EXAM: Transthoracic echocardiogram.\n\nPROCEDURE: Complete two-dimensional, M-mode and color Doppler examination was performed.\n\nFINDINGS: The left ventricle is normal in size.\n\nIMPRESSION: Normal study.\n',
    PLAIN,
    'us-echocardiogram',
  ).out.text;
  assert.match(echo, /^TECHNIQUE: Complete two-dimensional, M-mode and color Doppler examination was performed\.$/m);
  assert.doesNotMatch(echo, /^PROCEDURE:/m);
  assert.doesNotMatch(echo, /TECHNIQUE: \[ \]/);
  const ct = run(
    'CT CHEST WITH CONTRAST\n\nPROCEDURES PERFORMED: Axial images of the chest were obtained following intravenous contrast. A 6 mm nodule is present in the right upper lobe.\n\nIMPRESSION: Right upper lobe nodule.\n',
    PLAIN,
    'ct-chest',
  ).out.text;
  assert.match(ct, /^TECHNIQUE: Axial images of the chest were obtained following intravenous contrast\.$/m);
  // Its finding still goes to the organ's field.
  assert.match(ct, /^Lungs[^:]*: A 6 mm nodule is present in the right upper lobe\.$/m);
  // A PROCEDURE header over the exam's name alone is still the exam.
  const title = run('PROCEDURE: CT chest without contrast.\n\nFINDINGS: The lungs are clear.\n', PLAIN, 'ct-chest').out.text;
  assert.match(title, /^EXAM: CT chest without contrast\.$/m);
});

test('in an echocardiogram the valve abbreviations name their valve; in another template, and in capitals throughout, they name none', () => {
  for (const [sentence, field] of [
    ['Trace MR and TR.', 'Mitral valve'],
    ['Mild AI.', 'Aortic valve'],
    ['There is moderate AS with a peak velocity of 3.4 m/s.', 'Aortic valve'],
    ['Mild to moderate MR is seen.', 'Mitral valve'],
    ['Physiologic PI.', 'Tricuspid and pulmonic valves'],
    ['Moderate TR, RVSP 45 mmHg.', 'Tricuspid and pulmonic valves'],
    ['No significant AR.', 'Aortic valve'],
    ['Mild MS with a mean gradient of 5 mmHg.', 'Mitral valve'],
  ])
    assert.equal(fieldOf('us-echocardiogram', sentence), field, sentence);
  // "AS", "PR", "MS", "MR" are words or other things elsewhere: ungraded, nothing changes outside the echo.
  assert.equal(fieldOf('ct-chest', 'MR and TR.'), fieldOf('ct-chest', 'XY and YZ.'));
  // Graded, "AS" and "MR" are read as the valve's disease by the lexicon itself (any exam), so they go to the heart there too.
  assert.equal(fieldOf('ct-chest', 'Moderate AS.'), 'Heart and pericardium');
  assert.equal(fieldOf('ct-chest', 'Trace MR and TR.'), 'Heart and pericardium');
  assert.equal(fieldOf('us-echocardiogram', 'THE PR INTERVAL IS NORMAL AS SEEN.'), null);
  assert.equal(fieldOf('us-echocardiogram', 'The PR interval is 180 ms.'), null);
});

/** The field each sentence of a FINDINGS paragraph is filed under, in order. */
const fieldsOf = (id, findings) => run(`FINDINGS:\n${findings}\n`, PLAIN, id).out.placed.map((p) => p.subsection);

test('a sentence that points back stays with what it points to, also where its words would file it elsewhere', () => {
  // The nodule of a neck exam is not the lung apices' on the word alone; nor is its enhancement.
  assert.deepEqual(
    fieldsOf(
      'ct-neck',
      'A 1.1 cm enhancing nodule is seen in the left parotid gland. The nodule demonstrates well-defined margins. The lesion shows no calcification.',
    ),
    ['Salivary glands', 'Salivary glands', 'Salivary glands'],
  );
  // A noun made of the verb before ("… are thickened. The thickening …"), and "the enlargement" of "enlarged".
  assert.deepEqual(
    fieldsOf('ct-chest', 'The bronchial walls are diffusely thickened. The thickening is more marked in both lower lobes.'),
    ['Airways', 'Airways'],
  );
  assert.deepEqual(
    fieldsOf('ct-abdomen-pelvis', 'The spleen is enlarged, measuring 16 cm. The enlargement has progressed since the prior study.'),
    ['Spleen', 'Spleen'],
  );
  // A place pointed back to ("in this localization", "in the same area"), and a change told against the prior
  // "in the described appearance": the finding's, not COMPARISON's nor another organ's.
  const lobe =
    'Reticular opacities are present in the posterior basal segment of the left lower lobe. Mild traction bronchiectasis is seen in the same area. ' +
    'Compared with the previous study, slight progression is noted in the described appearance.';
  const placed = run(`EXAM: CT chest\nFINDINGS: ${lobe}\nIMPRESSION: Fibrosis.`, PLAIN, 'ct-chest').out.placed;
  assert.deepEqual(
    placed.filter((p) => p.section !== 'EXAM' && p.section !== 'IMPRESSION').map((p) => p.subsection),
    ['Lungs', 'Lungs', 'Lungs'],
  );
  // Not an organ's own name after "the": "The left epididymis is normal." after the left testis is the epididymis'.
  assert.deepEqual(fieldsOf('us-scrotum', 'The left testis is normal in size. The left epididymis is normal.'), ['Testes', 'Epididymides']);
});

test('a whole-study conclusion goes to the findings’ general line, never the last organ’s field', () => {
  for (const conclusion of [
    'Otherwise normal study.',
    'Examination otherwise unremarkable.',
    'Findings within normal limits.',
    'Chest CT examination within normal limits except for a small hiatal hernia.',
  ])
    assert.deepEqual(fieldsOf('ct-chest', `No lytic or sclerotic bone lesion. ${conclusion}`), ['Bones', null], conclusion);
  // A finding's own organ still places it.
  assert.deepEqual(fieldsOf('ct-chest', 'The lungs are within normal limits.'), ['Lungs']);
});

test('the organ by the right word: segmental arteries, laryngeal cartilages, a neck nodule, a ligament complex', () => {
  assert.equal(fieldOf('ct-chest', 'Subsegmental atelectasis is present at both lung bases.'), 'Lungs');
  assert.equal(fieldOf('ct-chest', 'Linear segmental atelectasis in the lingula.'), 'Lungs');
  assert.equal(
    fieldOf('ct-pulmonary-angiogram', 'Filling defects are present in the segmental arteries of the right lower lobe.'),
    'Pulmonary arteries',
  );
  assert.equal(fieldOf('ct-pulmonary-angiogram', 'No filling defect to the subsegmental level.'), 'Pulmonary arteries');
  assert.equal(fieldOf('ct-neck', 'The thyroid and cricoid cartilages are intact.'), 'Pharynx and larynx');
  assert.equal(fieldOf('ct-neck', 'Normal thyroid, cricoid and arytenoid cartilages.'), 'Pharynx and larynx');
  assert.equal(fieldOf('ct-neck', 'The thyroid gland is homogeneous.'), 'Thyroid');
  assert.equal(fieldOf('ct-neck', 'An 11 mm lymph node is seen at the level of the cricoid cartilage.'), 'Lymph nodes');
  assert.equal(fieldOf('ct-neck', 'There is a 9 mm hypoechoic nodule.'), 'Other');
  assert.equal(fieldOf('ct-neck', 'A 5 mm nodule is present in the right lung apex.'), 'Lung apices');
  assert.equal(fieldOf('mri-elbow', 'The lateral ulnar collateral ligament complex is intact.'), 'Ligaments');
  assert.equal(fieldOf('mri-elbow', 'The medial collateral ligament complex is thickened without tear.'), 'Ligaments');
  assert.equal(fieldOf('mri-knee', 'The medial collateral ligament complex is intact.'), 'Collateral ligaments and corners');
});

test('headings and labels: history and comparison synonyms, run-in region labels, an untitled referral opening', () => {
  const headed =
    'CT ABDOMEN AND PELVIS WITH CONTRAST\nCLINICAL BACKGROUND: A 61-year-old woman with weight loss.\nPRIOR EXAMINATION: CT of 02/03/2024.\n' +
    'PROCEDURE COMMENTS: Axial images were obtained after intravenous contrast.\nFINDINGS: The liver is normal.\nIMPRESSION: Normal.';
  const out = run(headed, PLAIN, 'ct-abdomen-pelvis').out;
  assert.equal(line(out, 'CLINICAL HISTORY'), 'CLINICAL HISTORY: A 61-year-old woman with weight loss.');
  assert.equal(line(out, 'COMPARISON'), 'COMPARISON: CT of 02/03/2024.');
  assert.equal(line(out, 'TECHNIQUE'), 'TECHNIQUE: Axial images were obtained after intravenous contrast.');
  const comparative = run('EXAM: MRI knee\nCOMPARATIVE STUDY: None.\nFINDINGS: No effusion.\nIMPRESSION: Normal.', PLAIN, 'mri-knee').out;
  assert.equal(line(comparative, 'COMPARISON'), 'COMPARISON: None.');
  // Run-in region labels in one paragraph keep each region's sentences together, opened by the label,
  // where a sentence says which region only by it ("No free fluid." of the abdomen, then of the pelvis).
  const regions =
    'EXAM: CT chest, abdomen and pelvis\nFINDINGS: Chest: The lungs are clear. No effusion. Abdomen: The liver is normal. No free fluid. ' +
    'Pelvis: The bladder is normal. No free fluid.\nIMPRESSION: Normal.';
  const r = run(regions, PLAIN, 'ct-abdomen-pelvis').out;
  assert.match(r.text, /\nAbdomen: The liver is normal\. No free fluid\.\nPelvis: The bladder is normal\. No free fluid\.\n/);
  assert.match(r.text, /\nChest: The lungs are clear\. No effusion\.\n/);
  assert.equal(broken(regions), null);
  // An untitled opening saying who the patient is, above FINDINGS, names the finding asked about: the
  // question the exam answers, the history's, whole and word for word.
  for (const opening of [
    'This is a middle-aged woman with a palpable parotid mass and dysphagia.',
    'This is an elderly man with hoarseness and a left vocal cord mass.',
    'A 58-year-old man with a growing lump in the left neck for three months.',
  ]) {
    const text = `${opening}\n\nEXAM: CT neck with contrast\nFINDINGS:\nThe thyroid gland is normal.\n\nIMPRESSION:\nNormal.`;
    const o = run(text, PLAIN, 'ct-neck').out;
    assert.equal(line(o, 'CLINICAL HISTORY'), `CLINICAL HISTORY: ${opening}`);
    assert.equal(broken(text), null);
    assert.deepEqual(gate(text), []);
  }
});

test('a node negative with no place is the nodes of the region before, never the mediastinum after an abdominal line', () => {
  for (const before of ['No intraabdominal free fluid-collection was detected.', 'There is no free fluid in the pelvis.'])
    assert.deepEqual(fieldsOf('ct-chest', `The lungs are clear. ${before} No pathologically enlarged lymph nodes were observed.`), [
      'Lungs',
      'Other',
      'Other',
    ]);
  assert.deepEqual(fieldsOf('ct-chest', 'The mediastinum is normal. No pathologically enlarged lymph nodes were observed.'), [
    'Mediastinum and hila',
    'Mediastinum and hila',
  ]);
  for (const id of ['ct-abdomen-pelvis', 'mri-neck'])
    assert.deepEqual(fieldsOf(id, 'No pathologically enlarged lymph nodes.'), ['Lymph nodes']);
  assert.deepEqual(fieldsOf('mri-shoulder', 'No enlarged lymph nodes are seen.'), ['Other']);
  // A region of the exam's own named with the nodes is their field; another region's is not.
  assert.deepEqual(fieldsOf('mri-neck', 'No significant lymphadenopathy is seen in the neck.'), ['Lymph nodes']);
  assert.deepEqual(fieldsOf('ct-abdomen-pelvis', 'There is no pelvic lymphadenopathy.'), ['Lymph nodes']);
  assert.notDeepEqual(fieldsOf('mri-neck', 'No pelvic lymphadenopathy.'), ['Lymph nodes']);
});

test('a bracketed differential stays with its finding; a prior "evaluated together with" is the comparison; an inline "Conclusion." opens the impression', () => {
  for (const differential of ['(lymphoma involvement? infection?).', '(metastasis? granuloma?)'])
    assert.deepEqual(fieldsOf('ct-chest', `A 9 mm nodule is present in the right lung upper lobe. ${differential}`), ['Lungs', 'Lungs']);
  for (const prior of [
    'The examination was evaluated together with the PET-CT examination dated 12.03.2021.',
    'The current study was evaluated comparatively with the CT dated 04.05.2020.',
  ]) {
    const out = run(`EXAM: CT chest\nFINDINGS: ${prior} The lungs are clear.`, PLAIN, 'ct-chest').out;
    assert.equal(line(out, 'COMPARISON'), `COMPARISON: ${prior}`);
  }
  for (const heading of ['Conclusion.', 'Result:']) {
    const text = `EXAM: CT chest\nFINDINGS: No lytic lesion in the bones. ${heading} Ground glass opacities in the right lower lobe, suspicious for viral pneumonia.`;
    const out = run(text, PLAIN, 'ct-chest').out;
    assert.equal(line(out, 'Bones'), 'Bones: No lytic lesion in the bones.');
    assert.match(out.text, /\nIMPRESSION:\n(?:Conclusion\.|Result:) Ground glass opacities/);
    assert.equal(broken(text), null);
  }
});

test('a finding told after a lead-in of the history stays a finding; advice "evaluated together with" the clinic is no comparison', () => {
  for (const sentence of [
    'In the case with a history of trauma, slight corrugation is observed in the anterior contour of the 6th rib on the right.',
    'In the patient with a history of a fall, a nondisplaced fracture is seen in the left 7th rib.',
  ]) {
    const out = run(`EXAM: CT chest\nFINDINGS: The lungs are clear. ${sentence}`, PLAIN, 'ct-chest').out;
    assert.equal(out.placed[2].section, 'FINDINGS', sentence);
    assert.equal(out.placed[2].subsection, 'Bones', sentence);
  }
  for (const advice of [
    'It is recommended that this localization be evaluated together with the physical examination findings.',
    'The findings should be evaluated together with the clinical and laboratory findings.',
  ]) {
    const out = run(`EXAM: CT chest\nFINDINGS: A 6 mm nodule is seen in the left lower lobe. ${advice}`, PLAIN, 'ct-chest').out;
    assert.equal(out.placed[2].section, 'FINDINGS', advice);
  }
});

test('a statement of no comparison is the comparison, also dictated in TECHNIQUE; "The lesion …" after "a focal area …" stays with it', () => {
  for (const none of ['There are no comparison studies.', 'No prior studies are available for comparison.']) {
    const technique = run(
      `EXAM: CT head\nTECHNIQUE: Axial images were obtained without contrast. ${none}\nFINDINGS: The ventricles are normal.`,
      PLAIN,
      'ct-head',
    ).out;
    assert.equal(line(technique, 'COMPARISON'), `COMPARISON: ${none}`);
    assert.equal(line(technique, 'TECHNIQUE'), 'TECHNIQUE: Axial images were obtained without contrast.');
  }
  const prior = run(
    'EXAM: CT head\nTECHNIQUE: Axial images were obtained. Comparison is made with the prior CT dated 01/02/2020.\nFINDINGS: Normal.',
    PLAIN,
    'ct-head',
  ).out;
  assert.equal(line(prior, 'COMPARISON'), 'COMPARISON: Comparison is made with the prior CT dated 01/02/2020.');
  for (const [first, next] of [
    [
      'There is a 12 mm focal area of T2 hypointensity in the left peripheral zone of the prostate.',
      'The lesion shows restricted diffusion.',
    ],
    ['A 2 cm hypoattenuating focus is present in the pancreatic tail.', 'The lesion abuts the splenic vein.'],
  ])
    assert.deepEqual(
      new Set(fieldsOf(first.includes('prostate') ? 'mri-abdomen-pelvis' : 'ct-abdomen-pelvis', `${first} ${next}`)).size,
      1,
    );
});

/** The field each FINDINGS sentence went to, with the exam line the chooser reads. */
const filedIn = (id, findings) =>
  Object.fromEntries(
    run(`FINDINGS:\n${findings}\n`, PLAIN, id)
      .out.placed.filter((p) => p.section === 'FINDINGS')
      .map((p) => [p.text, p.subsection]),
  );

test("a part of the template's own organ is that organ's: a thyroid's lobes, poles and isthmus, where the lung and liver have no field", () => {
  const placed = filedIn(
    'us-neck',
    [
      'Right lobe: 5.1 x 2.0 x 1.9 cm. Homogeneous echotexture.',
      'The left lobe measures 4.6 x 1.7 x 1.5 cm.',
      'Isthmus: 3 mm in thickness.',
      'Nodule 2: Left upper pole, 8 mm spongiform nodule.',
      'A 6 mm cyst is seen in the lower pole.',
    ].join('\n'),
  );
  for (const [sentence, field] of Object.entries(placed)) assert.equal(field, 'Thyroid', sentence);
  // Where the organ the lexicon lists them under has a field, they stay its own.
  assert.equal(
    filedIn('us-abdomen', 'The right lobe of the liver measures 16 cm. The left lobe is normal.')['The left lobe is normal.'],
    'Liver',
  );
  assert.equal(
    filedIn('us-renal', 'A 1.2 cm cyst in the upper pole of the left kidney.')['A 1.2 cm cyst in the upper pole of the left kidney.'],
    'Kidneys',
  );
});

test("a node negative with a station of the exam's own region is its Lymph nodes', not the cervical spine's", () => {
  for (const id of ['us-neck', 'mri-neck'])
    for (const s of ['No cervical lymphadenopathy.', 'No enlarged supraclavicular lymph nodes are seen.'])
      assert.equal(filedIn(id, `The thyroid gland is unremarkable. ${s}`)[s], 'Lymph nodes', `${id}: ${s}`);
});

test("a line naming several fields in its label stands once for them all; a label before another field's organ; a run-in label starts its line", () => {
  for (const label of ['Pancreas, spleen, adrenals', 'Spleen and pancreas']) {
    const text = `EXAM: CT abdomen and pelvis\nFINDINGS:\nLiver: Normal.\n${label}: Unremarkable.\nKidneys: No stone.`;
    const { out } = run(text, PLAIN, 'ct-abdomen-pelvis');
    assert.equal(line(out, label), `${label}: Unremarkable.`);
    assert.equal(line(out, 'Spleen'), undefined, label);
    assert.equal(line(out, 'Gallbladder and bile ducts'), 'Gallbladder and bile ducts: [ ]');
    assert.equal(broken(text), null);
    assert.ok(rewrite('restructure', analyze(text)).verification.ok, label);
  }
  for (const s of ['Bowel: The appendix is dilated to 11 mm with surrounding fat stranding.', 'GI tract: The appendix is normal.'])
    assert.equal(filedIn('ct-abdomen-pelvis', s)[s], 'Appendix', s);
  // A level's label keeps its disc.
  assert.equal(filedIn('mri-cervical-spine', 'C6-7: Disc bulge.')['C6-7: Disc bulge.'], 'C6-C7');
  for (const s of ['Lung bases: Clear.', 'Lung bases: Mild dependent atelectasis.'])
    assert.equal(filedIn('ct-abdomen-pelvis', s)[s], 'Lower chest', s);
  const { out } = run(
    'EXAM: CT abdomen and pelvis\nFINDINGS:\nBowel: No obstruction. No free air. Pelvis: Trace free fluid in the cul-de-sac.',
    PLAIN,
    'ct-abdomen-pelvis',
  );
  assert.match(out.text, /\nPelvis: Trace free fluid in the cul-de-sac\./);
});

test('an echo done of limited quality is technique; "similar findings … as well" follows what it compares with', () => {
  for (const s of [
    'Transthoracic echocardiogram was performed of technically limited quality.',
    'A limited transthoracic echocardiogram was performed.',
  ]) {
    const { out } = run(`EXAM: Echocardiogram\nFINDINGS:\n${s} The left ventricle is normal in size.`, PLAIN, 'us-echocardiogram');
    assert.equal(line(out, 'TECHNIQUE'), `TECHNIQUE: ${s}`);
  }
  // Still a finding where it does not say the exam was done.
  const { out } = run('EXAM: CT abdomen\nFINDINGS:\nEvaluation of the pancreas is limited by motion.', PLAIN, 'ct-abdomen-pelvis');
  assert.equal(line(out, 'TECHNIQUE'), 'TECHNIQUE: [ ]');
  for (const [id, first, like, field] of [
    [
      'us-echocardiogram',
      'Mitral annular calcification is present.',
      'Similar changes are seen at the aortic valve as well.',
      'Mitral valve',
    ],
    [
      'ct-abdomen-pelvis',
      'Multiple small hypodense lesions are seen in the spleen.',
      'Similar findings are present in the liver as well.',
      'Spleen',
    ],
  ]) {
    assert.equal(filedIn(id, `${first} ${like}`)[like], field, like);
    assert.ok(
      rewrite(
        'restructure',
        analyze(`EXAM: ${id === 'us-echocardiogram' ? 'Echocardiogram' : 'CT abdomen and pelvis'}\nFINDINGS:\n${first} ${like}`),
      ).verification.ok,
      like,
    );
  }
});

test("a hernia's or aneurysm's neck is not the neck region; stranding around an organ is that organ's", () => {
  const hernia = filedIn('ct-abdomen-pelvis', 'A small umbilical hernia contains fat. The hernia neck measures 1.5 cm.');
  assert.equal(hernia['The hernia neck measures 1.5 cm.'], 'Body wall');
  const aneurysm = filedIn(
    'ct-abdomen-pelvis',
    'There is a 4.2 cm infrarenal abdominal aortic aneurysm. The neck of the aneurysm is 1.6 cm long.',
  );
  assert.equal(aneurysm['The neck of the aneurysm is 1.6 cm long.'], 'Vessels');
  for (const s of ['Mild right perinephric stranding.', 'Perirenal stranding is noted on the left.'])
    assert.equal(filedIn('ct-abdomen-pelvis', `The liver is normal. ${s}`)[s], 'Kidneys and ureters', s);
});

test("breast density is the composition field, and the sentence told on after it the breasts'; a mass or vascularity of no field here follows its finding", () => {
  for (const density of ['The breasts are extremely dense.', 'There are scattered areas of fibroglandular density.']) {
    const placed = filedIn('mg-breast', `${density} No suspicious mass is seen.`);
    assert.equal(placed[density], 'Breast composition', density);
    assert.equal(placed['No suspicious mass is seen.'], 'Breasts', density);
  }
  for (const next of ['No internal vascularity.', 'No solid component or mass is identified.']) {
    const placed = filedIn('us-breast', `At 9 o'clock in the left breast there is a 7 mm oval hypoechoic mass. ${next}`);
    assert.equal(placed[next], 'Breasts', next);
  }
});

test('a bullet run without stops is an item each, filed by its own organ', () => {
  const placed = filedIn(
    'ct-chest',
    'The trachea is patent. • Enlarged mediastinal lymph nodes • Moderate left pleural effusion • Lytic lesions in the thoracic vertebrae',
  );
  assert.equal(placed['• Enlarged mediastinal lymph nodes'], 'Mediastinum and hila');
  assert.equal(placed['• Moderate left pleural effusion'], 'Pleura');
  assert.equal(placed['• Lytic lesions in the thoracic vertebrae'], 'Bones');
});

test("a sentence whose subject lists several fields' organs stands for them: their empty fields are not printed beside it", () => {
  /** @type {[string, string[]][]} */
  const cases = [
    ['The liver, pancreas, spleen, and adrenal glands are unremarkable.', ['Pancreas', 'Spleen', 'Adrenal glands']],
    ['The pancreas and spleen are normal in size and attenuation.', ['Spleen']],
  ];
  for (const [sentence, gone] of cases) {
    const text = `EXAM: CT abdomen and pelvis\nFINDINGS:\n${sentence} The kidneys are normal.`;
    const { out } = run(text, PLAIN, 'ct-abdomen-pelvis');
    assert.ok(out.text.includes(sentence), sentence);
    for (const label of gone) assert.equal(line(out, label), undefined, `${sentence}: ${label}`);
    assert.equal(line(out, 'Bladder'), 'Bladder: [ ]');
    assert.equal(broken(text), null);
    assert.ok(rewrite('restructure', analyze(text)).verification.ok, sentence);
  }
  // Not where the other organ is only where a finding lies ("free fluid adjacent to the spleen").
  const { out } = run('EXAM: CT abdomen\nFINDINGS:\nThere is free fluid adjacent to the spleen.', PLAIN, 'ct-abdomen-pelvis');
  assert.ok(line(out, 'Spleen') !== undefined);
});

test('"this finding corresponds to …" stays with the finding it tells of, not ahead of it under the organ it names', () => {
  for (const [first, reading] of [
    [
      'A 1.4 cm enhancing subcutaneous nodule is seen in the right posterior neck.',
      'On comparison with the prior CT, this finding corresponds to a lymph node.',
    ],
    ['There is a 9 mm hypoechoic nodule in the left submandibular region.', 'This lesion most likely represents a reactive lymph node.'],
  ]) {
    const placed = filedIn('mri-neck', `${first} ${reading} The thyroid gland is normal.`);
    assert.equal(placed[reading], placed[first], reading);
  }
});

test("a carpal or tarsal bone named alone is the bones' field, not Other; the ligament named after two of them stays the ligaments'", () => {
  const placed = filedIn(
    'mri-wrist',
    'There is a small intraosseous cyst in the lunate. A nondisplaced fracture of the scaphoid waist is present. The scapholunate ligament is intact.',
  );
  assert.equal(placed['There is a small intraosseous cyst in the lunate.'], 'Bones and marrow');
  assert.equal(placed['A nondisplaced fracture of the scaphoid waist is present.'], 'Bones and marrow');
  assert.equal(placed['The scapholunate ligament is intact.'], 'Ligaments and TFCC');
});

test('a level word of the pulmonary arteries names them only before an artery or clot word; two stations of a node list', () => {
  for (const s of [
    'There is a segmental PE in the right lower lobe.',
    'Segmental and subsegmental pulmonary emboli are present in the left lower lobe.',
    'Filling defects are seen in the segmental pulmonary arterial branches of the right upper lobe.',
  ])
    assert.equal(filedIn('ct-chest', s)[s], 'Vessels', s);
  for (const s of [
    'Segmental-subsegmental peribronchial thickening is seen in both lungs.',
    'Subsegmental atelectasis is noted in both lower lobes.',
  ])
    assert.ok(['Lungs', 'Airways'].includes(filedIn('ct-chest', s)[s]), s);
  for (const s of [
    'No significant retroperitoneal or mesenteric lymphadenopathy was identified.',
    'No pelvic or inguinal lymphadenopathy.',
  ])
    assert.equal(filedIn('mri-abdomen-pelvis', `The spleen is normal. ${s}`)[s], 'Lymph nodes', s);
});

test('"in the described localization" after a part word stays with the finding it points to; "evaluated together with the examinations dated" is the comparison', () => {
  for (const next of [
    'The boundaries of the soft tissue density observed in the described localization cannot be distinguished from the mediastinal pleura.',
    'The soft tissue component in this localization abuts the mediastinal pleura.',
  ]) {
    const first = 'An irregular soft tissue density is seen in the left upper lobe.';
    const placed = filedIn('ct-chest', `${first} ${next}`);
    assert.equal(placed[next], placed[first], next);
    assert.notEqual(placed[next], 'Mediastinum and hila', next);
  }
  const { out } = run(
    'EXAM: CT chest\nFINDINGS: The examination of the patient was evaluated together with the examinations dated 2014 and 2016. The lungs are clear.',
    PLAIN,
    'ct-chest',
  );
  assert.match(line(out, 'COMPARISON'), /evaluated together with the examinations dated 2014/);
});

test('a ligament tear told "in the region of" a bone cyst and "towards" a bone stays the ligament\'s', () => {
  for (const s of [
    'There is a partial tear of the scapholunate ligament in the region of a lunate cyst with retraction towards the scaphoid.',
    'The lunotriquetral ligament is torn, with fluid extending toward the triquetrum.',
  ])
    assert.equal(filedIn('mri-wrist', s)[s], 'Ligaments and TFCC', s);
});

test('a sentence pointing back by "the identified changes", "the appearance" or "However," stays with the finding before, whatever it names after', () => {
  for (const [id, first, next] of [
    [
      'ct-chest',
      'There is mild pleural thickening at the right lung base with linear parenchymal bands in the right lower lobe.',
      "The identified changes are also present on the patient's previous CT dated 2016.",
    ],
    [
      'ct-abdomen-pelvis',
      'Nodular thickening of the left adrenal gland is noted.',
      'The identified changes were also seen on the previous CT from 2020.',
    ],
    [
      'ct-chest',
      'There is extensive consolidation with air bronchograms in both lower lobes.',
      'The appearance may represent an infectious process or parenchymal involvement by lymphoma.',
    ],
    [
      'ct-abdomen-pelvis',
      'There is a 2 cm hypodense lesion in segment 7 of the liver.',
      'The described appearance is compatible with a hemangioma.',
    ],
    ['ct-chest', 'The gallbladder is distended in the imaged upper abdomen.', 'However, intraluminal content on CT appears hypodense.'],
    ['ct-abdomen-pelvis', 'The spleen is enlarged.', 'However, no focal lesion is identified on this CT.'],
  ]) {
    const placed = filedIn(id, `The lungs are clear. ${first} ${next} No pleural effusion.`);
    assert.equal(placed[next], placed[first], next);
  }
  // Not the look of an organ named after it, nor changes said of an organ of their own.
  const placed = filedIn(
    'ct-abdomen-pelvis',
    'The liver is normal. The appearance of the kidneys is normal. The identified changes in the right kidney are stable.',
  );
  assert.equal(placed['The appearance of the kidneys is normal.'], 'Kidneys and ureters');
  assert.equal(placed['The identified changes in the right kidney are stable.'], 'Kidneys and ureters');
});

test("an echo's organless clot or mass denial stays with its list item's chamber; biatrial enlargement is the atria's", () => {
  for (const [item, next] of [
    ['2. The interatrial septum is intact.', 'No thrombus is seen.'],
    ['2. The left atrium is dilated.', 'There is no clot or mass seen.'],
  ]) {
    const placed = filedIn(
      'us-echocardiogram',
      `1. The left ventricle is normal in size.\n${item} ${next}\n3. The mitral valve is normal.\n4. There is mild plaque in the descending thoracic aorta.`,
    );
    assert.equal(placed[next], 'Atria', next);
  }
  for (const s of ['Mild biatrial enlargement.', 'There is moderate bi-atrial enlargement.'])
    assert.equal(filedIn('us-echocardiogram', `1. Moderate concentric left ventricular hypertrophy.\n2. ${s}`)[s], 'Atria', s);
});

test('"vertebral body heights" in a level\'s paragraph is the vertebral bodies\' field; a fracture at the level keeps its level', () => {
  for (const [id, text, s] of [
    [
      'ct-cervical-spine',
      'There are postsurgical changes of C5-C6 anterior discectomy and fusion with intact hardware. Vertebral body heights are maintained. At C6-C7 there is mild disc bulge.',
      'Vertebral body heights are maintained.',
    ],
    [
      'ct-lumbar-spine',
      'Mild degenerative disc disease at L4-L5 with disc space narrowing. The vertebral body heights are well preserved without compression fracture. L5-S1 shows a small protrusion.',
      'The vertebral body heights are well preserved without compression fracture.',
    ],
  ])
    assert.equal(filedIn(id, text)[s], 'Vertebral bodies', s);
  const placed = filedIn('ct-lumbar-spine', 'At L4-L5 there is a disc bulge. Endplate osteophytes are present at this level.');
  assert.equal(placed['Endplate osteophytes are present at this level.'], 'L4-L5');
});

test("a displaced or flipped fragment after a meniscal tear is the meniscus's, wherever it lies; so is a parameniscal cyst", () => {
  for (const [tear, piece] of [
    [
      'The lateral meniscus demonstrates a complex tear involving the body and posterior horn.',
      'A displaced fragment is noted in the intercondylar notch.',
    ],
    ['There is a bucket-handle tear of the medial meniscus.', 'A flipped fragment lies in the intercondylar notch adjacent to the PCL.'],
    ['There is a horizontal tear of the medial meniscus.', 'The flap is displaced into the medial gutter.'],
  ]) {
    const placed = filedIn('mri-knee', `${tear} ${piece} There is a moderate joint effusion.`);
    assert.equal(placed[piece], 'Menisci', piece);
    assert.equal(placed['There is a moderate joint effusion.'], 'Joint and synovium');
  }
  const s = 'An associated parameniscal cyst is present along the posteromedial joint line.';
  assert.equal(filedIn('mri-knee', `The lateral meniscus is intact. ${s}`)[s], 'Menisci');
  // A fragment named with its own organ is that organ's.
  const bone = 'A small bone fragment is seen in the joint.';
  assert.notEqual(filedIn('mri-knee', `There is a horizontal tear of the medial meniscus. ${bone}`)[bone], 'Menisci');
});

test('"segmental branches" in a sentence of mucus or bronchi are the airways\', not the pulmonary arteries', () => {
  for (const s of [
    'Low-density filling in the segmental branches of the left lower lobe, which is considered compatible with mucus in the airways.',
    'Secretions are seen in the subsegmental branches of the right lower lobe bronchi.',
  ])
    assert.equal(filedIn('ct-chest', `The pulmonary arteries are normal in caliber. ${s}`)[s], 'Airways', s);
  for (const s of [
    'Filling defects are seen in the segmental branches of the right lower lobe.',
    'There are filling defects in the segmental branches of the left lower lobe pulmonary arteries; the bronchi are patent.',
  ])
    assert.equal(filedIn('ct-chest', s)[s], 'Vessels', s);
});

test("an echo told technique by technique keeps each heading's list whole, numbers and all; the fields it speaks of are not printed empty", () => {
  for (const [text, twoD, doppler] of /** @type {[string, RegExp, RegExp][]} */ ([
    [
      '2-D STUDY\n1. Mild aortic stenosis, widely calcified.\n2. Moderate biatrial enlargement.\n3. Normal mitral valve.\n\nDOPPLER\n1. There is 1 to 2+ aortic regurgitation, but no aortic stenosis.\n2. Mild tricuspid regurgitation.\n\nSUMMARY\n1. Moderate biatrial enlargement.',
      /2-D STUDY\n1\. Mild aortic stenosis, widely calcified\.\n2\. Moderate biatrial enlargement\./,
      /DOPPLER\n1\. There is 1 to 2\+ aortic regurgitation, but no aortic stenosis\.\n2\. Mild tricuspid regurgitation\./,
    ],
    [
      'EXAM: Transthoracic echocardiogram\n\nFINDINGS:\n2-D:\n1. The aortic valve is thickened with mild stenosis.\n2. The left atrium is mildly enlarged.\n\nCOLOR FLOW DOPPLER:\n1. No aortic stenosis by Doppler.\n2. Mild mitral regurgitation.\n\nIMPRESSION:\nMild LV dysfunction.',
      /2-D:\n1\. The aortic valve is thickened with mild stenosis\./,
      /COLOR FLOW DOPPLER:\n1\. No aortic stenosis by Doppler\.\n2\. Mild mitral regurgitation\./,
    ],
  ])) {
    const { out } = run(text, PLAIN, 'us-echocardiogram');
    assert.match(out.text, twoD);
    assert.match(out.text, doppler);
    assert.equal(line(out, 'Aortic valve'), undefined, 'the aortic valve is spoken of in the lists');
    assert.equal(line(out, 'Atria'), undefined);
    assert.match(line(out, 'Pericardium'), /\[ \]/);
    assert.equal(broken(text), null);
  }
  // One heading alone heads nothing to keep apart: its items are filed by organ.
  const { out } = run('FINDINGS:\nDOPPLER\n1. Mild mitral regurgitation.\n2. Trace tricuspid regurgitation.', PLAIN, 'us-echocardiogram');
  assert.equal(line(out, 'Mitral valve'), 'Mitral valve: Mild mitral regurgitation.');
});

test("an obstetric worksheet's prior-study date is the comparison, and its label lines stay apart; a pregnant patient's line stays a finding", () => {
  for (const [text, history, comparison] of /** @type {[string, RegExp, string][]} */ ([
    [
      'This is a 24-year-old pregnant patient to evaluate fetal weight and placental grade.\n\nBIOMETRY:\nBPD: 9.0cm consistent with 36weeks, 4days gestation\n\nAC: 34.6cm which equals 38weeks and 4days gestational age.\n\nCI (BPD/OFD):  (70-86) 73\n\nGESTATIONAL AGE BY DATES: 40weeks 0days.\n\nL M P: Unknown.\n\nDATE OF PREVIOUS ULTRASOUND: 03/05/07.\n\nEDD BY PREVIOUS ULTRASOUND: 05/24/07.\n\nIMPRESSION:\nSingle live intrauterine pregnancy.',
      /This is a 24-year-old pregnant patient to evaluate fetal weight/,
      'COMPARISON: DATE OF PREVIOUS ULTRASOUND: 03/05/07.',
    ],
    [
      'A 31-year-old pregnant female referred to assess fetal growth.\n\nBIOMETRY:\nHC: 30.1cm which equals 33weeks gestational age.\n\nFL/AC (20-24) 21\n\nPRIOR ULTRASOUND: 01/12/19.\n\nIMPRESSION:\nAppropriate growth.',
      /A 31-year-old pregnant female referred to assess fetal growth\./,
      'COMPARISON: PRIOR ULTRASOUND: 01/12/19.',
    ],
  ])) {
    const { out } = run(text, PLAIN, 'us-obstetric');
    // (Under CLINICAL HISTORY "pregnant" would read as the question: the line stays in the findings' general field.)
    assert.match(out.text, new RegExp(`FINDINGS:\\n${history.source}`));
    assert.equal(line(out, 'COMPARISON'), comparison);
    assert.doesNotMatch(out.text, /gestational age\. [A-Z]/, 'a label line is not glued to the one before');
    assert.equal(broken(text), null);
  }
  // A dating line that only derives from the prior study stays with the biometry.
  const { out } = run(
    'BIOMETRY:\nBPD: 9.0cm consistent with 36weeks gestation\n\nEDD BY PREVIOUS ULTRASOUND: 05/24/07.\n\nIMPRESSION:\nPregnancy.',
    PLAIN,
    'us-obstetric',
  );
  assert.match(out.text, /EDD BY PREVIOUS ULTRASOUND: 05\/24\/07\./);
  assert.equal(line(out, 'COMPARISON'), 'COMPARISON: [ ]');
});

test("a side told over several paragraphs in a row is kept whole together: a lead-in still leads to its lines, 'again' follows what it repeats", () => {
  const text = [
    'EXAM: Bilateral carotid ultrasound.',
    '',
    'FINDINGS: The right common carotid artery is patent with mild intimal thickening. Right ICA PSV 0.61 m/second. Vertebral flow is antegrade on the right.',
    '',
    'On the left, there is moderate plaque at the bifurcation. Measurements are as follows:',
    '',
    'Left common carotid PSV 0.70 m/second. Left ECA PSV 0.90 m/second.',
    '',
    'Left internal carotid artery again shows hard plaque with 50% stenosis. There is spectral broadening.',
    '',
    'IMPRESSION: Left ICA stenosis of about 50%.',
  ].join('\n');
  const { out } = run(text, PLAIN, 'us-carotid');
  assert.match(
    out.text,
    /On the left, there is moderate plaque at the bifurcation\. Measurements are as follows:\nLeft common carotid PSV 0\.70 m\/second\. Left ECA PSV 0\.90 m\/second\.\nLeft internal carotid artery again shows hard plaque/,
  );
  assert.match(line(out, 'Carotid and vertebral arteries'), /Vertebral flow is antegrade on the right\.$/);
  assert.equal(broken(text), null);
});

test('a transesophageal echo whose consent-and-probe narrative stands in a section of its own is restructured, the narrative kept as written under TECHNIQUE', () => {
  for (const [narrative, header] of [
    [
      'The procedure and its complications were explained to the patient and formal consent was obtained. His throat was anesthetized with lidocaine spray. Probe was introduced without any difficulty. The patient tolerated the procedure very well.',
      'INTERPRETATION',
    ],
    [
      'Informed consent was obtained. The oropharynx was anesthetized with topical lidocaine. The probe was passed without difficulty. The patient tolerated the procedure well.',
      'DESCRIPTION OF PROCEDURE',
    ],
  ]) {
    const text = `REASON FOR EXAM: Bacteremia.\n\nPROCEDURE: Transesophageal echocardiogram.\n\n${header}: ${narrative}\n\nFINDINGS:\n1. Left ventricle has normal size and function.\n2. Atrial septum is intact. Bubble study was negative.\n3. Aortic valve reveals echodensity suggestive of vegetation.\n\nIMPRESSION:\n1. Aortic valve vegetation.`;
    const report = parseReport(text);
    const choice = chooseTemplate(report);
    assert.equal(choice.refused, undefined, header);
    assert.equal(choice.template.id, 'us-echocardiogram');
    const out = restructure(report, choice.template, PLAIN);
    assert.equal(line(out, 'TECHNIQUE'), `TECHNIQUE: ${narrative}`, header);
    assert.match(line(out, 'Atria'), /Atrial septum is intact\. Bubble study was negative\./);
    assert.equal(broken(text), null);
  }
  // A procedure note whose FINDINGS tell the steps is still refused.
  const note =
    'PROCEDURE: Ultrasound-guided biopsy.\n\nFINDINGS: Informed consent was obtained. The skin was prepped and draped in sterile fashion. Local anesthesia was given with lidocaine. Core biopsies were obtained and sent to pathology.\n\nIMPRESSION: Successful biopsy.';
  assert.match(chooseTemplate(parseReport(note)).refused ?? '', /procedure note/);
});

test('"trace MR" in an echo list without an exam line is mitral regurgitation, not an MRI: the echo template', () => {
  for (const text of [
    'FINDINGS:\n1. The left ventricle is normal in size.\n2. The interatrial septum is intact.\n3. The mitral valve is structurally normal with trace MR.\n4. There is mild plaque in the descending thoracic aorta.',
    'FINDINGS:\nNormal left ventricular size and function. Mild MR and trace TR. No pericardial effusion.',
  ])
    assert.equal(chooseTemplate(parseReport(text)).template.id, 'us-echocardiogram', text);
});

test("a later sentence of a numbered item naming no organ stays with its item, though it names the study; 'otherwise normal study' is still the whole exam's", () => {
  for (const next of ['Study was negative.', 'Bubble study was negative.', 'Saline contrast study showed no shunt.']) {
    const placed = filedIn(
      'us-echocardiogram',
      `1. Left ventricle is normal in size.\n2. Atrial septum intact. ${next}\n3. Doppler study essentially benign.\n4. Aorta essentially benign.`,
    );
    assert.equal(placed[next], 'Atria', next);
  }
  const placed = filedIn('ct-chest', '1. Mild cardiomegaly. Otherwise normal study.\n2. The lungs are clear.');
  assert.equal(placed['Otherwise normal study.'], null);
});

test('the tendons named as a group are the Tendons field where a template has one, not the joint they surround', () => {
  for (const s of [
    'Tendinous structures surrounding the ankle joint are intact.',
    'The tendon structures about the ankle are unremarkable.',
  ])
    assert.equal(filedIn('mri-ankle', `There is no evidence of joint effusion. ${s}`)[s], 'Tendons', s);
  // In a shoulder the rotator cuff tendons keep their own field.
  const cuff = 'The supraspinatus tendon is intact.';
  assert.equal(filedIn('mri-shoulder', cuff)[cuff], 'Rotator cuff');
});

test('"REASON FOR CT SCAN:" above a clinic note\'s findings is the clinical history, not a line of the findings', () => {
  const text =
    'REASON FOR CT SCAN: The patient has adult hydrocephalus with a shunt.\n\nCT scan from 03/11/2008 demonstrates a single shunt ending in the left lateral ventricle.\n\nASSESSMENT: The subdural effusions are improving.';
  const { out } = run(text, PLAIN, 'ct-head');
  assert.match(line(out, 'CLINICAL HISTORY'), /adult hydrocephalus with a shunt/);
});

test('a list of organs anywhere in a sentence, or an organ heading a clause of its own, stands for their empty fields', () => {
  /** @type {[string, string, string, string[]][]} */
  const cases = [
    ['us-echocardiogram', 'Normal appearance of the tricuspid and mitral valves.', 'Trace aortic regurgitation.', ['Mitral valve']],
    [
      'us-echocardiogram',
      'Structurally normal mitral, tricuspid and pulmonic valves.',
      'No pericardial effusion.',
      ['Tricuspid and pulmonic valves'],
    ],
    [
      'mri-knee',
      'The anterior and posterior cruciate ligaments and the medial and lateral collateral ligaments are intact.',
      'Small joint effusion.',
      ['Collateral ligaments and corners'],
    ],
    [
      'mri-shoulder',
      'The biceps tendon is in normal position, and the labrum is grossly intact.',
      'No fracture.',
      ['Labrum and ligaments'],
    ],
    ['mri-shoulder', 'The biceps tendon is normal; the labrum appears intact.', 'No fracture.', ['Labrum and ligaments']],
    [
      'ct-abdomen-pelvis',
      'Given the lack of contrast, the liver, spleen and pancreas are grossly unremarkable.',
      'No ascites.',
      ['Spleen', 'Pancreas'],
    ],
  ];
  for (const [id, sentence, other, gone] of cases) {
    const { out } = run(`FINDINGS:\n${sentence} ${other}\n`, PLAIN, id);
    assert.ok(out.text.includes(sentence), sentence);
    for (const label of gone) assert.equal(line(out, label), undefined, `${sentence}: ${label}`);
    assert.ok(
      out.text.split('\n').some((l) => l.endsWith('[ ]')),
      `${sentence}: other fields still printed`,
    );
  }
  // One noun, one thing: "The thoracic spine alignment is maintained." leaves Vertebral bodies printed.
  const { out } = run('FINDINGS:\nThe thoracic spine alignment is maintained.\n', PLAIN, 'ct-spine');
  assert.equal(line(out, 'Vertebral bodies'), 'Vertebral bodies: [ ]');
  // Nor an organ only where a finding lies.
  const near = run('FINDINGS:\nThe gallbladder is distended, with fluid adjacent to the liver.\n', PLAIN, 'ct-abdomen-pelvis');
  assert.equal(line(near.out, 'Liver'), 'Liver: [ ]');
});

test("an organ's finding told with the history it bears out is that organ's, not a line of the whole exam", () => {
  for (const [id, sentence, field] of [
    [
      'ct-abdomen-pelvis',
      "The left kidney shows multiple cysts, in keeping with the patient's history of polycystic kidney disease.",
      'Kidneys and ureters',
    ],
    [
      'ct-spine',
      'Vertebral body heights are preserved except for a mild compression fracture at T9, consistent with known history of osteoporosis.',
      'Vertebral bodies',
    ],
    ['ct-abdomen-pelvis', 'Postsurgical changes of the bowel, compatible with the history of colectomy.', 'Bowel'],
  ]) {
    const placed = filedIn(id, `${sentence} No free fluid.`);
    assert.equal(placed[sentence], field, sentence);
  }
  // Who the patient is, among the findings, names no organ first: still no organ's.
  const who = 'Patient is a 45-year-old woman with a history of liver cirrhosis.';
  assert.equal(filedIn('ct-abdomen-pelvis', `The spleen is enlarged. ${who}`)[who], null);
});

test('advice naming only the modality to follow with stays with the finding it is for, not at the head of the findings', () => {
  for (const [id, finding, advice] of [
    ['ct-chest', 'A 22 mm hypodense nodule is seen in the left thyroid lobe.', 'Ultrasound correlation is recommended.'],
    ['ct-chest', 'A 4 mm nodule in the right lower lobe.', 'CT follow-up in 12 months is suggested.'],
    ['ct-abdomen-pelvis', 'Hepatic steatosis with a 9 mm hypodensity.', 'MRI is recommended for further characterization.'],
    ['ct-chest', 'An 18 mm nodule in the right thyroid lobe.', 'US control is recommended.'],
  ]) {
    const text = `FINDINGS:\n${finding} ${advice}\nNo pleural effusion.\n`;
    const placed = filedIn(id, `${finding} ${advice}\nNo pleural effusion.`);
    assert.equal(placed[advice], placed[finding], advice);
    assert.notEqual(placed[advice], null, advice);
    assert.equal(broken(text), null);
  }
  // A whole-exam line naming the modality is still the whole exam's.
  const study = 'Non-contrast CT of the thorax within normal limits.';
  assert.equal(filedIn('ct-chest', `Mild cardiomegaly. ${study}`)[study], null);
});

test("a clot named in the pulmonary arteries is theirs, however many lobes say where they run; a system's word and the alignment of a region have their fields", () => {
  for (const [id, sentence, field] of [
    [
      'ct-pulmonary-angiogram',
      'Filling defects are seen in segmental branches of the right upper lobe, right middle lobe, and bilateral lower lobes.',
      'Pulmonary arteries',
    ],
    [
      'ct-chest',
      'Acute pulmonary emboli are present in segmental arteries of the right upper and middle lobes and both lower lobes.',
      'Vessels',
    ],
    ['ct-abdomen-pelvis', 'There are no notable musculoskeletal abnormalities.', 'Bones'],
    ['ct-cervical-spine', 'Alignment of the cervical spine is maintained.', 'Alignment'],
    ['mri-lumbar-spine', 'The alignment of the lumbar spine is normal.', 'Alignment'],
    ['ct-chest', 'A 12 mm nodule is present in the left thyroid lobe.', 'Lower neck'],
  ]) {
    const placed = filedIn(id, `The urinary bladder is unremarkable. ${sentence}`);
    assert.equal(placed[sentence], field, sentence);
  }
  // A lung finding that only names a clot later keeps its lung.
  const lung = 'Consolidation in the right lower lobe with a small pleural effusion.';
  assert.equal(filedIn('ct-pulmonary-angiogram', lung)[lung], 'Lungs');
});

test("a side told over paragraphs whose sentences stand in one field is kept whole in that field, after the other side's, each side on a line of its own", () => {
  const text = [
    'EXAM: CAROTID DOPPLER ULTRASOUND, BILATERAL',
    '',
    'FINDINGS:',
    'The right common carotid artery shows mild intimal thickening. Peak systolic velocity in the right internal carotid artery is 85 cm/s. Flow in the vertebral artery is antegrade.',
    '',
    'On the left, there is moderate heterogeneous plaque at the bifurcation. Measurements are as follows:',
    '',
    'Left internal carotid artery peak systolic velocity 190 cm/s, end-diastolic velocity 60 cm/s.',
    '',
    'Left internal carotid artery again shows plaque with estimated 50-69% stenosis. Flow is antegrade in the vertebral artery.',
    '',
    'IMPRESSION:',
    'Left ICA 50-69% stenosis.',
  ].join('\n');
  const { out } = run(text, PLAIN, 'us-carotid');
  const lines = out.text.split('\n');
  const field = lines.findIndex((l) => l.startsWith('Carotid and vertebral arteries: The right common carotid'));
  const left = lines.findIndex((l) => l.startsWith('On the left, there is moderate'));
  assert.ok(field > 0 && left > field, out.text);
  assert.ok(
    lines.slice(field, left).every((l) => !/^[A-Z][\w ]+: \[ \]$/.test(l)),
    'no other field between the sides',
  );
  assert.equal(lines[left + 1], 'Left internal carotid artery peak systolic velocity 190 cm/s, end-diastolic velocity 60 cm/s.');
  assert.equal(broken(text), null);
  assert.ok(rewrite('restructure', analyze(text)).verification.ok);
});

test('a second section under the same exam header is one EXAM field told on two lines, not two EXAM headers', () => {
  for (const second of ['MRI OF THE LEFT KNEE WITHOUT CONTRAST EXAM DATE: __.', 'CT CHEST (PULMONARY ANGIOGRAM)']) {
    const text = `EXAM: ${second.startsWith('MRI') ? 'MRI KNEE' : 'CT CHEST'}\nEXAM:\n${second}\nHISTORY: Pain.\nFINDINGS:\nSmall joint effusion.\nIMPRESSION:\nEffusion.`;
    const { out } = run(text, PLAIN);
    assert.equal(out.text.match(/^EXAM:/gm)?.length, 1, out.text);
    assert.ok(out.text.includes(second), second);
    assert.equal(broken(text), null);
  }
  // A procedure section after the exam keeps its own header.
  const { out } = run(
    'EXAM: Echocardiogram.\nPROCEDURE: Complete 2D and Doppler study was performed.\nFINDINGS:\nNormal left ventricular size.',
    PLAIN,
  );
  assert.equal(out.text.match(/^EXAM:/gm)?.length, 1);
});

test('a line that names the prior exam by its date, naming no organ, is the comparison; a finding told against it stays a finding', () => {
  for (const line of [
    'The review was evaluated together with the old CT dated January 2020.',
    'Comparatively evaluated with CT dated 20 September.',
  ]) {
    const { out } = run(`FINDINGS:\n${line}\nA 5 mm nodule in the right upper lobe.\n`, PLAIN, 'ct-chest');
    assert.equal(out.placed.find((p) => p.text === line)?.section, 'COMPARISON', line);
  }
  const finding = 'The nodule was not seen on the CT dated 2019.';
  assert.equal(filedIn('ct-chest', `A 5 mm nodule in the right upper lobe. ${finding}`)[finding], 'Lungs');
});

test('a findings sentence that opens with the history and goes on to what this exam shows stays a finding, placed by its organ', () => {
  for (const [id, sentence, field] of /** @type {[string, string, string][]} */ ([
    [
      'ct-abdomen-pelvis',
      'The patient has a history of right nephrectomy; there is a 2 cm enhancing nodule in the right renal fossa.',
      'Kidneys and ureters',
    ],
    ['ct-neck', 'History of total thyroidectomy, and a 1.2 cm enhancing nodule is seen in the left thyroid bed.', 'Thyroid'],
    ['ct-head', 'History of left frontal craniotomy, but there is new vasogenic edema in the left frontal lobe.', 'Brain'],
  ])) {
    const text = `EXAM: CT\nCLINICAL HISTORY: Follow-up.\nFINDINGS: ${sentence}\nIMPRESSION: As above.`;
    const { out } = run(text, PLAIN, id);
    assert.equal(line(out, 'CLINICAL HISTORY'), 'CLINICAL HISTORY: Follow-up.');
    assert.equal(line(out, field), `${field}: ${sentence}`);
    assert.equal(broken(text), null);
  }
  // No organ in the observed clause: still among the findings, never lifted into the history.
  const opll = 'History of remote occipital craniotomy, and ossification of the posterior longitudinal ligament is observed from C3 to C6.';
  const neck = run(`EXAM: CT NECK\nCLINICAL HISTORY: Lymphoma.\nFINDINGS: ${opll}\nIMPRESSION: As above.`, PLAIN, 'ct-neck');
  assert.equal(line(neck.out, 'CLINICAL HISTORY'), 'CLINICAL HISTORY: Lymphoma.');
  assert.equal(neck.out.placed.find((p) => neck.report.sentences[p.sentence].text === opll)?.section, 'FINDINGS');
  // A sentence that is all history still moves.
  const all = run(
    'EXAM: CT ABDOMEN\nFINDINGS: History of cholecystectomy and appendectomy. The liver is normal.\nIMPRESSION: Normal.',
    PLAIN,
    'ct-abdomen-pelvis',
  ).out;
  assert.equal(line(all, 'CLINICAL HISTORY'), 'CLINICAL HISTORY: History of cholecystectomy and appendectomy.');
});

test('a contrast statement among the findings is the technique, though it says no; one that goes on to a finding stays', () => {
  for (const sentence of [
    'No contrast agent was given in the examination.',
    'Intravenous contrast was not administered.',
    'No IV contrast material was used.',
    'Images were obtained without the use of intravenous contrast.',
  ]) {
    const text = `EXAM: CT CHEST\nFINDINGS: ${sentence} The lungs are clear. No pleural effusion.\nIMPRESSION: Normal.`;
    const { out } = run(text, PLAIN, 'ct-chest');
    assert.equal(line(out, 'TECHNIQUE'), `TECHNIQUE: ${sentence}`);
    assert.equal(broken(text), null);
    assert.deepEqual(gate(text), []);
  }
  const limited = 'Without intravenous contrast, no focal liver lesion is seen.';
  const { out } = run(`EXAM: CT ABDOMEN\nFINDINGS: ${limited} The spleen is normal.\nIMPRESSION: Normal.`, PLAIN, 'ct-abdomen-pelvis');
  assert.equal(line(out, 'TECHNIQUE'), 'TECHNIQUE: [ ]');
});

test('the organ in a place phrase of the subject beats the lesion noun pointing back: the thyroid nodule after lung nodules is the thyroid’s', () => {
  const lungs = 'There are several small nodules in both lungs, the largest 6 mm in the right lower lobe.';
  for (const sentence of [
    'Nodule described above in the right thyroid lobe measures 12 mm.',
    'The nodule described above in the left thyroid lobe is unchanged.',
    'The lesion mentioned above in the thyroid gland is stable.',
  ])
    assert.deepEqual(fieldsOf('ct-chest', `${lungs} ${sentence}`), ['Lungs', 'Lower neck'], sentence);
  // Still the finding before: a lesion named with only where it reaches, or a part of the organ before.
  assert.deepEqual(fieldsOf('ct-chest', `${lungs} The nodule abuts the left thyroid lobe.`), ['Lungs', 'Lungs']);
  assert.deepEqual(fieldsOf('ct-chest', `${lungs} The nodule in the lower lobes is stable.`), ['Lungs', 'Lungs']);
});

test('a bare "cortical" is placed by the exam: the bones on a knee, the brain on a head, the kidney on a renal scan', () => {
  assert.deepEqual(fieldsOf('mri-knee', 'The anterior cruciate ligament is intact. No cortical abnormality.'), [
    'Cruciate ligaments',
    'Bones and marrow',
  ]);
  assert.deepEqual(fieldsOf('mri-knee', 'The ACL is intact. Cortical irregularity is not seen.'), [
    'Cruciate ligaments',
    'Bones and marrow',
  ]);
  assert.deepEqual(fieldsOf('ct-head', 'The ventricles are normal in size. There is mild cortical volume loss.'), [
    'Ventricles and cisterns',
    'Brain',
  ]);
  assert.deepEqual(fieldsOf('us-renal', 'The bladder is normal. No cortical thinning.'), ['Bladder', 'Kidneys']);
  // Said on of an organ with a cortex, it stays with it.
  assert.deepEqual(fieldsOf('mri-knee', 'The distal femur is normal. No cortical abnormality.'), ['Bones and marrow', 'Bones and marrow']);
});

test('a sentence excluding more of what the one before told ("No other masses … in the neck") follows it, not the findings’ head', () => {
  assert.deepEqual(
    fieldsOf(
      'mri-neck',
      'There is a 2.5 cm enhancing mass in the left parotid gland. No other masses or focal abnormalities are detected in the neck.',
    ),
    ['Salivary glands', 'Salivary glands'],
  );
  assert.deepEqual(
    fieldsOf('ct-abdomen-pelvis', 'There is a 3 cm mass in the pancreatic tail. No additional lesions are seen in the abdomen.'),
    ['Pancreas', 'Pancreas'],
  );
  // Naming no finding, or no "other", a line of the whole region is still the findings' own.
  assert.deepEqual(
    fieldsOf('ct-abdomen-pelvis', 'There is atrophy of the left kidney. No acute findings are identified elsewhere in the abdomen.')[1],
    null,
  );
  assert.deepEqual(
    fieldsOf('ct-abdomen-pelvis', 'There is atrophy of the left kidney. No other acute abnormality in the abdomen.')[1],
    null,
  );
  assert.deepEqual(
    fieldsOf('ct-abdomen-pelvis', 'There is a 3 cm mass in the pancreatic tail. Otherwise normal CT of the abdomen.')[1],
    null,
  );
});

test('advice naming only the modality to follow with stays with its finding, in its many wordings', () => {
  for (const advice of [
    'Further evaluation of intrathoracic findings should be done with a dedicated CT chest examination.',
    'A MRI examination would be of benefit for further evaluation of this finding.',
    'Further characterization with MRI could be performed.',
  ])
    assert.deepEqual(
      fieldsOf('ct-neck', `The lung apices show a 4 mm nodule in the right upper lobe. ${advice}`),
      ['Lung apices', 'Lung apices'],
      advice,
    );
});

test('heart findings named without the heart are the heart’s; vascularity alone is no lung word', () => {
  assert.deepEqual(fieldsOf('ct-chest', 'The lungs are clear. There is moderate calcific aortic stenosis.'), [
    'Lungs',
    'Heart and pericardium',
  ]);
  assert.deepEqual(fieldsOf('ct-chest', 'The lungs are clear. Intracardiac air is noted, likely from IV access.'), [
    'Lungs',
    'Heart and pericardium',
  ]);
  assert.deepEqual(fieldsOf('us-echocardiogram', 'The left ventricle is normal. There is mild aortic valve stenosis.'), [
    'Ventricles',
    'Aortic valve',
  ]);
  // A lesion's vascularity is the lesion's organ, not the lungs' (no lungs field: Other).
  assert.deepEqual(fieldsOf('us-breast', 'There is a 9 mm hypoechoic mass with internal vascularity.'), ['Breasts']);
  assert.deepEqual(fieldsOf('us-scrotum', 'The left testis is normal. Vascularity is symmetric.'), ['Testes', 'Testes']);
  // Pulmonary vascularity is still the lungs'.
  assert.deepEqual(fieldsOf('chest-radiograph', 'Pulmonary vascularity is normal.'), ['Lungs']);
});

test('a caveat on what the exam can show stays with the finding it qualifies, not lifted to the findings’ head', () => {
  for (const caveat of [
    'However, CT may be false negative in the first days of the infection.',
    'It should be noted that MRI can be normal early in the course of osteomyelitis.',
    'Note that early changes may not be visible on CT within the first 48 hours.',
  ])
    assert.deepEqual(
      fieldsOf('ct-chest', `Degenerative changes of the spine. No consolidation is seen in the lungs. ${caveat}`),
      ['Bones', 'Lungs', 'Lungs'],
      caveat,
    );
  // The breast imaging notice is still the whole report's, not the breasts'.
  assert.deepEqual(
    fieldsOf(
      'mg-breast',
      'No suspicious mass or calcification is seen in either breast. Mammography has a false-negative rate of about 10 percent.',
    ),
    ['Breasts', null],
  );
});

test('a lesion told on by its subject, its component or what lies beside it stays with the lesion', () => {
  // The mass's reach into another organ is the mass's (a short noun is no reason against it).
  assert.deepEqual(
    fieldsOf('ct-chest', 'A 7 cm mass is seen in the left upper lobe. The mass surrounds the subclavian artery and invades the pleura.'),
    ['Lungs', 'Lungs'],
  );
  assert.deepEqual(fieldsOf('ct-neck', 'There is a 4 cm mass in the left thyroid lobe. The mass encases the left common carotid artery.'), [
    'Thyroid',
    'Thyroid',
  ]);
  // A component named by its tissue is the lesion's, not the soft tissues'.
  for (const next of [
    'Soft tissue components accompanying the compression were observed, favoring a pathological fracture.',
    'A soft tissue component extends into the adjacent intercostal space.',
  ])
    assert.deepEqual(fieldsOf('ct-chest', `There is a compression fracture of the T10 vertebral body. ${next}`), ['Bones', 'Bones'], next);
  // Placed only beside the thing before: that thing's, not the body wall's.
  for (const next of ['There is no abnormal adjacent stranding.', 'No surrounding edema.'])
    assert.deepEqual(
      fieldsOf('ct-abdomen-pelvis', `A 2.2 cm cystic lesion arises from the tail of the pancreas. ${next}`),
      ['Pancreas', 'Pancreas'],
      next,
    );
  // Nodes keep a field of their own.
  assert.deepEqual(
    fieldsOf('ct-abdomen-pelvis', 'A 2.2 cm cystic lesion arises from the tail of the pancreas. No adjacent lymphadenopathy.'),
    ['Pancreas', 'Lymph nodes'],
  );
});

test('the heart’s valves, branches and muscle findings are filed under their own fields; an aortic isthmus is the aorta’s', () => {
  assert.deepEqual(
    fieldsOf(
      'mri-cardiac',
      'The left ventricle is normal in size. There is patchy myocardial edema in the inferolateral wall. There is moderate mitral regurgitation. Trace pulmonic insufficiency. No patent foramen ovale.',
    ),
    ['Ventricles and function', 'Myocardium and late enhancement', 'Valves', 'Valves', 'Atria'],
  );
  assert.deepEqual(
    fieldsOf(
      'ct-coronary',
      'Mild noncalcified plaque in the proximal circumflex. The first diagonal branch shows minimal stenosis. The obtuse marginal branch is patent. The posterior descending artery arises from the right coronary artery.',
    ),
    Array(4).fill('Coronary arteries and myocardium'),
  );
  // Not the left main bronchus, nor a circumflex artery of the limbs.
  assert.deepEqual(fieldsOf('ct-chest', 'The left main bronchus is patent. Severe mitral stenosis is noted.'), [
    'Airways',
    'Heart and pericardium',
  ]);
  assert.notDeepEqual(fieldsOf('mri-shoulder', 'The posterior circumflex humeral artery is patent.'), ['Coronary arteries and myocardium']);
  // The prostate's zones.
  assert.deepEqual(
    fieldsOf(
      'mri-abdomen-pelvis',
      'The liver is normal. There is a 1.2 cm lesion in the left peripheral zone. The transition zone is enlarged.',
    ),
    ['Liver', 'Reproductive organs', 'Reproductive organs'],
  );
  // The isthmus of the aorta, named with it, is never the thyroid's; the thyroid's still is.
  for (const aortic of [
    'There is an intramural hematoma of the descending aorta extending from the isthmus to the diaphragm.',
    'A pseudoaneurysm is seen at the aortic isthmus.',
  ]) {
    assert.deepEqual(fieldsOf('ct-chest', `The lungs are clear. ${aortic}`), ['Lungs', 'Vessels'], aortic);
    assert.deepEqual(fieldsOf('ct-neck', `The parotid glands are normal. ${aortic}`), ['Salivary glands', 'Other'], aortic);
  }
  assert.deepEqual(fieldsOf('ct-neck', 'The parotid glands are normal. There is a 5 mm nodule in the isthmus.'), [
    'Salivary glands',
    'Thyroid',
  ]);
});

test('a history told inside the findings in translated wording moves to the history; a hedge lead-in with a colon is no label', () => {
  for (const history of [
    'It was learned from the history that the patient had a fever for three days.',
    'According to the clinical history, the patient fell from a height two days ago.',
  ]) {
    const { out } = run(`EXAM: CT CHEST\nFINDINGS:\n${history} The lungs are clear.\nIMPRESSION: No acute findings.\n`);
    assert.equal(line(out, 'CLINICAL HISTORY'), `CLINICAL HISTORY: ${history}`);
  }
  // The mediastinum's main vessels, however worded, are the Vessels field's, the hedge kept on its sentence.
  assert.deepEqual(
    fieldsOf(
      'ct-chest',
      'The trachea is patent. As far as can be observed: Calibration of thoracic main vascular structures is natural. As far as can be seen: the main vessels are of normal calibre.',
    ),
    ['Airways', 'Vessels', 'Vessels'],
  );
});

test('a sheath of the lung, a tendon or the rectus is that anatomy, not a device; the walls of the thorax are the chest wall', () => {
  assert.deepEqual(
    fieldsOf(
      'ct-chest',
      'Thickening of the peribronchovascular sheath is observed in the lower zones. There is thickening of the bronchovascular sheaths bilaterally. A vascular sheath is in the right femoral vein.',
    ),
    ['Lungs', 'Lungs', 'Lines and devices'],
  );
  assert.deepEqual(fieldsOf('ct-abdomen-pelvis', 'The liver is normal. There is a hematoma in the left rectus sheath.'), [
    'Liver',
    'Body wall',
  ]);
  assert.deepEqual(
    fieldsOf(
      'ct-chest',
      'The lungs are clear. Emphysematous changes in the anterior and lateral walls of the thorax. Gas in the right thoracic wall. Air is seen under the skin along the right anterior chest wall after surgery.',
    ),
    ['Lungs', 'Chest wall', 'Chest wall', 'Chest wall'],
  );
});

test('advice naming the exam to follow with by its body part stays with its finding; an organ’s own field beats a catch-all', () => {
  assert.deepEqual(
    fieldsOf(
      'mri-breast',
      'There is an enlarged left axillary lymph node with cortical thickening. Recommend 6-month follow-up breast MRI. There is a 2 cm lesion in the liver. MRI of the liver is recommended for characterization.',
    ),
    ['Axillae', 'Axillae', 'Other findings', 'Other findings'],
  );
  assert.deepEqual(
    fieldsOf(
      'ct-chest',
      'There is a 1 cm hypodense lesion in the liver. Liver MRI is recommended. There is a 6 mm nodule in the right upper lobe.',
    ),
    ['Upper abdomen', 'Upper abdomen', 'Lungs'],
  );
  // "breast" is the Breasts field's, not Other findings' soft tissues, whatever came before.
  assert.deepEqual(fieldsOf('mri-breast', 'There is a 2 cm cyst in the liver. The right breast shows no suspicious enhancement.'), [
    'Other findings',
    'Breasts',
  ]);
});

test('a finding told as seen after who the patient is stays a finding: never moved under the history as the question (rev12 #3)', () => {
  // No FINDINGS header: the line is the report's finding.
  for (const text of [
    'An 80-year-old man with a large acute left subdural hematoma causing 8 mm of midline shift.',
    'A 45-year-old woman with a 2 cm hypoechoic solid mass in the right breast at 10 o’clock.',
  ]) {
    const { out } = run(`${text}\n`, PLAIN, 'ct-head');
    assert.equal(line(out, 'CLINICAL HISTORY'), 'CLINICAL HISTORY: [ ]', text);
    assert.ok(norm(out.text.split('FINDINGS:')[1]).includes(norm(text)), text);
  }
  // Measured or seen on this exam, under the EXAM line: kept there, not turned into the question.
  const { out } = run('EXAM: CT HEAD\nA 70-year-old woman with a small right parietal hemorrhage is seen.\nFINDINGS: No midline shift.\n');
  assert.equal(line(out, 'CLINICAL HISTORY'), 'CLINICAL HISTORY: [ ]');
  // The question asked, above a FINDINGS section of its own, is still the history.
  const asked = run(
    'This is a middle-aged female with a growth on the arm which is reportedly enlarging.\nFINDINGS: There is a subcutaneous lipoma.\nIMPRESSION: Lipoma.\n',
    PLAIN,
    'ct-head',
  ).out;
  assert.match(line(asked, 'CLINICAL HISTORY'), /middle-aged female with a growth on the arm/);
  // A finding named as known before this exam, sized or not, is the question (rev13 #6).
  for (const text of [
    'A 70-year-old man with a history of a large left MCA infarct.',
    'A 62-year-old woman with a known 3 cm left renal mass, for staging.',
  ]) {
    const known = run(`${text}\nFINDINGS: There is a 1 cm nodule in the right lower lobe.\nIMPRESSION: Nodule.\n`, PLAIN, 'ct-head').out;
    assert.match(line(known, 'CLINICAL HISTORY'), /year-old/, text);
  }
});

test('an exam title run on into a label keeps every word: a title that opens on its body part, a title tail before a run-in history (r15r #6 #14)', () => {
  // The second exam line whose title names its modality after the body part, run on into "EXAM DATE: __": the exam's.
  for (const title of ['CHEST W/CONTRAST CT EXAM DATE: __.', 'ABDOMEN AND PELVIS WITHOUT CONTRAST CT EXAM DATE: 03/04/2021.']) {
    const { out } = run(
      `EXAM:\n${title}\n\nFINDINGS:\nThere is a 2 cm nodule in the right upper lobe.\n\nIMPRESSION:\nNodule.\n`,
      PLAIN,
      'ct-chest',
    );
    assert.equal(line(out, 'EXAM'), `EXAM: ${title}`);
    assert.ok(!out.text.split('FINDINGS:')[1].includes(title.split(': ')[1]), title);
  }
  // A label after the title's tail ("__ CONTRAST INDICATION:") opens the history, as "__ INDICATION:" does.
  for (const [text, history] of [
    ['MRI BRAIN WITH AND WITHOUT CONTRAST EXAM DATE: __ CONTRAST INDICATION: Recurrent headaches.', 'Recurrent headaches.'],
    ['CT HEAD WITHOUT CONTRAST EXAM DATE: 01/02/2020 CONTRAST CLINICAL HISTORY: Fall from standing.', 'Fall from standing.'],
  ]) {
    const { out } = run(`EXAM:\n${text}\n\nFINDINGS:\nNo hydrocephalus.\n\nIMPRESSION:\nNormal.\n`, PLAIN, 'mri-brain');
    assert.equal(line(out, 'CLINICAL HISTORY'), `CLINICAL HISTORY: ${history}`, text);
    assert.ok(norm(line(out, 'EXAM')).includes('EXAM DATE'), text);
  }
});

test('a bone region (metaphysis, diaphysis, epiphysis, physis) is the bones’; a hedge or advice on “this” stays with the sentence it follows (r15r #12)', () => {
  assert.deepEqual(
    fieldsOf(
      'mri-knee',
      'There is a sprain of the posterolateral joint capsule. There is linear low signal within the proximal tibial metaphysis. There is no discrete fracture line, and this is of uncertain significance, but this should be correlated with radiographs. The menisci are intact.',
    ),
    [fieldsOf('mri-knee', 'There is a sprain of the posterolateral joint capsule.')[0], 'Bones and marrow', 'Bones and marrow', 'Menisci'],
  );
  assert.deepEqual(
    fieldsOf(
      'mri-knee',
      'Joint effusion is small. There is a focus of edema in the distal femoral diaphysis. No cortical break is seen, but this should be followed with radiographs. The patellar tendon is intact.',
    ),
    ['Joint and synovium', 'Bones and marrow', 'Bones and marrow', 'Extensor mechanism'],
  );
  assert.deepEqual(
    fieldsOf(
      'mri-ankle',
      'The Achilles tendon is intact. There is marrow edema in the distal tibial epiphysis. This is likely a bone contusion.',
    ),
    ['Tendons', 'Bones and marrow', 'Bones and marrow'],
  );
  // A bare "this" after an organ of a field of its own is that organ's: "… in the liver, and this is likely benign".
  assert.deepEqual(fieldsOf('ct-abdomen-pelvis', 'The spleen is normal. A 1 cm cyst is seen in the liver, and this is likely benign.'), [
    'Spleen',
    'Liver',
  ]);
});

test('a nuclear stress report: its perfusion and function sections fill their fields, a stress technique the technique, the stress ECG part kept as written (r15r #10 #18)', () => {
  const dobutamine = run(
    'INDICATIONS: Chest pain.\n\nSTRESS TECHNIQUE: Dobutamine was infused at up to 40 mcg/kg/minute. Peak heart rate was 140.\n\nNARRATIVE: There was a fixed anterior defect in the short axis view. The vertical long axis view showed an anterior defect with no change.\n\nWALL MOTION: Hypokinesis of the anterior wall.\n\nCONCLUSIONS:\n1. Fixed anterior defect.\n',
    PLAIN,
    'nm-myocardial-perfusion',
  ).out;
  assert.match(line(dobutamine, 'TECHNIQUE'), /Dobutamine was infused/);
  assert.match(line(dobutamine, 'Myocardial perfusion'), /fixed anterior defect in the short axis view\. The vertical long axis view/);
  assert.ok(!/^(NARRATIVE|STRESS TECHNIQUE):/m.test(dobutamine.text));
  const adenosine = run(
    'TYPE OF TEST: Adenosine nuclear stress test.\n\nINDICATION: Shortness of breath.\n\nINTERPRETATION: Resting heart rate of 70 and blood pressure of 130/80. Peak heart rate was 95.\n\nIMPRESSION: Nondiagnostic stress ECG.\n\nNUCLEAR INTERPRETATION: Rest and stress images showed a reversible inferior defect. Gated SPECT showed inferior hypokinesis and ejection fraction of 50%.\n\nIMPRESSION: Inferior ischemia.\n',
    PLAIN,
    'nm-myocardial-perfusion',
  ).out;
  assert.equal(line(adenosine, 'EXAM'), 'EXAM: Adenosine nuclear stress test.');
  assert.equal(
    line(adenosine, 'Myocardial perfusion'),
    'Myocardial perfusion: Rest and stress images showed a reversible inferior defect.',
  );
  assert.match(line(adenosine, 'Wall motion and ejection fraction'), /ejection fraction of 50%/);
  // The stress ECG's heart rate and blood pressure are no perfusion finding: they stay under their own heading.
  assert.match(line(adenosine, 'INTERPRETATION') ?? '', /^INTERPRETATION:/);
  assert.ok(!/Myocardial perfusion:.*heart rate/.test(adenosine.text));
});

test('an unlabelled preamble is sorted by kind before organ; advice naming a modality to work up with stays with its finding (r15r #7)', () => {
  for (const [preamble, history, technique] of [
    [
      'Recent diagnosis of left breast cancer. Bilateral breast MRI with and without IV contrast was performed on 8/2/2020.',
      'Recent diagnosis of left breast cancer.',
      'Bilateral breast MRI with and without IV contrast was performed on 8/2/2020.',
    ],
    [
      'History of right breast carcinoma. Rule out multicentric disease. Breast MRI with gadolinium, compared with the study of 3/2/2019.',
      'History of right breast carcinoma. Rule out multicentric disease.',
      'Breast MRI with gadolinium, compared with the study of 3/2/2019.',
    ],
  ]) {
    const { out } = run(
      `${preamble}\n\nFINDINGS:\nThere is a 1 cm enhancing mass in the left breast.\n\nIMPRESSION:\nMass.\n`,
      PLAIN,
      'mri-breast',
    );
    assert.equal(line(out, 'CLINICAL HISTORY'), `CLINICAL HISTORY: ${history}`, preamble);
    assert.equal(line(out, 'TECHNIQUE'), `TECHNIQUE: ${technique}`, preamble);
  }
  assert.deepEqual(
    fieldsOf(
      'mri-breast',
      'There is a 9 mm enhancing mass in the right breast at 10:00. Further work-up with ultrasound is indicated. No axillary lymphadenopathy.',
    ),
    ['Breasts', 'Breasts', 'Axillae'],
  );
  assert.deepEqual(
    fieldsOf(
      'ct-abdomen-pelvis',
      'There is a 2 cm indeterminate lesion in the right kidney. MRI could be obtained for characterization. The liver is normal.',
    ),
    ['Kidneys and ureters', 'Kidneys and ureters', 'Liver'],
  );
});

test('lymph nodes placed by a lead-in vessel ("In the short axis of the descending aorta, a few lymph nodes …") are the nodes’, not the vessel’s (r15r #3)', () => {
  for (const text of [
    'In the short axis of the descending aorta, a few lymph nodes up to 9 mm are observed.',
    'Along the ascending aorta, there are a few subcentimeter lymph nodes.',
  ])
    assert.deepEqual(
      fieldsOf('ct-chest', `The lungs are clear. ${text} The heart is normal.`),
      ['Lungs', 'Mediastinum and hila', 'Heart and pericardium'],
      text,
    );
  // A lead-in station of no field here is no station of this exam: neck nodes in a chest CT go to Other.
  assert.deepEqual(fieldsOf('ct-chest', 'The lungs are clear. Along the internal jugular vein, lymphadenopathy is noted.'), [
    'Lungs',
    'Other',
  ]);
  assert.deepEqual(fieldsOf('ct-neck', 'Along the internal jugular vein, lymphadenopathy is noted.'), ['Lymph nodes']);
});

test('an exam "conducted" or "carried out" with its sequences is technique though it names an organ; the pulmonary cone is a vessel, gynecomastia the chest wall’s', () => {
  for (const technique of [
    'The MRI examination of the right knee was conducted using sagittal proton density and coronal T2 through the anterior cruciate ligament.',
    'MR imaging of the left knee was carried out with axial and coronal proton density images.',
  ]) {
    const { out } = run(
      `EXAM: MR KNEE\nTECHNIQUE: ${technique}\nFINDINGS: The anterior cruciate ligament is intact.\nIMPRESSION: Normal.\n`,
      PLAIN,
      'mri-knee',
    );
    assert.equal(line(out, 'TECHNIQUE'), `TECHNIQUE: ${technique}`);
  }
  assert.deepEqual(
    fieldsOf(
      'ct-chest',
      'The lungs are clear. The pulmonary cones are wider than normal at 38 millimeters. Bilateral gynecomastia was observed.',
    ),
    ['Lungs', 'Vessels', 'Chest wall'],
  );
  assert.deepEqual(fieldsOf('ct-chest', 'The pulmonary conus measures 34 mm. Mild gynaecomastia is present on the left.'), [
    'Vessels',
    'Chest wall',
  ]);
});

test('a drug or contrast given for the exam, said with its dose, is technique (premedication, contrast agent, nitroglycerin, sedation) (r16r #1)', () => {
  for (const given of [
    'The patient was given 50 mg oral metoprolol before the scan.',
    '80 mL Omnipaque 350 was injected intravenously.',
    'Sublingual nitroglycerin 0.8 mg was administered.',
    'Patient received 5 mg of intravenous metoprolol prior to imaging.',
    '90 cc of Isovue 370 was utilized as the contrast agent.',
  ]) {
    const { out } = run(
      `EXAM: CT CORONARY ANGIOGRAM\nTECHNIQUE AND FINDINGS: Coronary CTA was performed on a 256-slice scanner. ${given} The LAD has mild plaque.\nIMPRESSION: Mild disease.\n`,
      PLAIN,
      'ct-coronary',
    );
    assert.equal(norm(line(out, 'TECHNIQUE')), norm(`TECHNIQUE: Coronary CTA was performed on a 256-slice scanner. ${given}`), given);
  }
  // A finding said beside a dose stays a finding; so does a line that names an organ. (Extravasation is read as the
  // aorta's, lexicon ruptured-aneurysm: the aorta seen on a cardiac CT is an extracardiac finding.)
  assert.deepEqual(fieldsOf('ct-coronary', 'No contrast extravasation after 80 mL was injected. The LAD has mild plaque.'), [
    'Extracardiac findings',
    'Coronary arteries and myocardium',
  ]);
  assert.deepEqual(fieldsOf('ct-chest', 'The lungs are clear. 2 units of blood were given to the patient with a large pleural effusion.'), [
    'Lungs',
    'Pleura',
  ]);
});

test('a coronary artery named short (circumflex, LCx, left main, OM1) is the heart’s; a circumflex artery of a limb and the left main bronchus are not (r16r #1)', () => {
  for (const vessel of [
    'Circumflex demonstrates mild proximal stenosis due to calcified plaque.',
    'The circumflex shows a 50% stenosis.',
    'Left main is normal without stenosis.',
    'The left main has a small calcified plaque.',
    'The LCx is patent.',
    'OM1 has a mild stenosis.',
  ])
    assert.deepEqual(
      fieldsOf('ct-coronary', `The aortic valve is trileaflet. ${vessel}`),
      ['Valves', 'Coronary arteries and myocardium'],
      vessel,
    );
  assert.deepEqual(fieldsOf('ct-chest', 'The lungs are clear. The left main bronchus is patent. The left mainstem bronchus is patent.'), [
    'Lungs',
    'Airways',
    'Airways',
  ]);
  for (const limb of ['The deep circumflex iliac artery is patent.', 'The lateral femoral circumflex artery is patent.'])
    assert.notEqual(fieldsOf('ct-abdomen-pelvis', `The liver is normal. ${limb}`)[1], 'Lower chest', limb);
});

test('the steps of how a study was done, under a heading of their own (INTERPRETATION, DESCRIPTION OF PROCEDURE), fill TECHNIQUE when they state no finding (r16r #16)', () => {
  const findings = 'FINDINGS: The left ventricle is normal in size. The left atrial appendage is free of thrombus.';
  for (const [heading, steps] of [
    [
      'DESCRIPTION OF PROCEDURE',
      'Informed consent was obtained. 2 mg of IV midazolam was given. The probe was passed into the esophagus without difficulty. The patient tolerated the procedure well.',
    ],
    [
      'PROCEDURE NOTE',
      'Consent was obtained after the risks were explained. The throat was sprayed with lidocaine. The transesophageal probe was advanced without resistance.',
    ],
  ]) {
    const text = `EXAM: TRANSESOPHAGEAL ECHOCARDIOGRAM\nINDICATION: Stroke.\n${heading}: ${steps}\n${findings}\nIMPRESSION: No cardiac source of embolus.\n`;
    const { out } = run(text, PLAIN, 'us-echocardiogram');
    assert.equal(norm(line(out, 'TECHNIQUE')), norm(`TECHNIQUE: ${steps}`), heading);
    assert.ok(!out.text.includes(`${heading}:`), heading);
    assert.deepEqual(rewrite('restructure', analyze(text)).verification.reasons, [], heading);
  }
  // Read before the SUMMARY that is the impression, an INTERPRETATION telling the procedure is its technique too.
  const tee =
    'PROCEDURE: Transesophageal echocardiogram.\nINDICATION: Atrial fibrillation.\nINTERPRETATION: Procedure explained to the patient. Informed consent was obtained. The patient was anesthetized in the throat with lidocaine spray. Images were taken. The patient tolerated the procedure without complications.\nFINDINGS: The left ventricle is normal in size. No thrombus in the left atrial appendage.\nSUMMARY: No left atrial appendage thrombus.\n';
  const { out } = run(tee, PLAIN, 'us-echocardiogram');
  assert.match(line(out, 'TECHNIQUE'), /Informed consent was obtained\..*tolerated the procedure without complications\./);
  assert.ok(!/^INTERPRETATION:/m.test(out.text));
  // An INTERPRETATION of steps that also tells a finding stays as written.
  const withFinding = tee.replace('Images were taken.', 'A small pericardial effusion was seen.');
  const kept = run(withFinding, PLAIN, 'us-echocardiogram').out;
  assert.match(kept.text, /^INTERPRETATION: Procedure explained to the patient\..*A small pericardial effusion was seen\./m);
  assert.equal(line(kept, 'TECHNIQUE'), 'TECHNIQUE: [ ]');
  // rev15 #3: a statement of an organ the lexicon does not know ("dense spontaneous echo contrast", "sludge") is no step:
  // the steps go to TECHNIQUE, the statement stays out of it, kept as written.
  for (const statement of [
    'Dense spontaneous echo contrast was present in the left atrial appendage with low emptying velocities.',
    'Sludge-like echoes were seen in the left atrial appendage.',
  ]) {
    const smoke = tee.replace('Images were taken.', statement);
    const { out } = run(smoke, PLAIN, 'us-echocardiogram');
    assert.ok(!line(out, 'TECHNIQUE').includes(statement), out.text);
    assert.ok(out.text.includes(statement), out.text);
    assert.deepEqual(rewrite('restructure', analyze(smoke)).verification.reasons, []);
  }
});

test('a preamble line naming a finding as known or asked about, that tells what this exam finds (new, grown, unchanged, a size), stays in FINDINGS (rev14 #1)', () => {
  for (const told of [
    'Previously seen left upper lobe nodule has enlarged and now measures 11 mm.',
    'Known metastatic colon cancer with a new 2 cm liver lesion.',
    'Diagnosed with sarcoidosis, with increased mediastinal lymphadenopathy.',
    'Evaluate the right lower lobe mass, which has grown to 3 cm.',
    'Prior left lung nodule, unchanged.',
  ]) {
    const { out } = run(`${told}\n\nFINDINGS:\nThe heart is normal. No pleural effusion.\n\nIMPRESSION:\nSee above.\n`, PLAIN, 'ct-chest');
    assert.ok(!(line(out, 'CLINICAL HISTORY') ?? '').includes(told), told);
    assert.ok(out.text.split('IMPRESSION:')[0].split('FINDINGS:')[1].includes(told), told);
  }
  // Only known before, or only asked: the history.
  for (const asked of ['Known right breast carcinoma.', 'Recent diagnosis of lymphoma.', 'Rule out pulmonary embolism.'])
    assert.equal(
      line(run(`${asked}\n\nFINDINGS:\nThe heart is normal.\n\nIMPRESSION:\nSee above.\n`, PLAIN, 'ct-chest').out, 'CLINICAL HISTORY'),
      `CLINICAL HISTORY: ${asked}`,
      asked,
    );
});

test('a sentence pointing back with "the aforementioned / above-mentioned / previously described X" follows the sentence that told X (r17r #8)', () => {
  for (const [text, id, field, told] of [
    [
      'EXAM: CT abdomen and pelvis without contrast.\nFINDINGS: A 3 mm calcification lies in the right hemipelvis, most likely a phlebolith. No hydronephrosis. The spleen is normal. Prone images show the aforementioned calcification is separate from the ureter.\nIMPRESSION: No ureteral calculus.\n',
      'ct-abdomen-pelvis',
      'Vessels',
      'Prone images show the aforementioned calcification is separate from the ureter.',
    ],
    [
      'EXAM: CT chest.\nFINDINGS: A 6 mm nodule is seen in the right lower lobe. The heart is normal in size. No pleural effusion. Thin sections through the liver dome confirm the above-mentioned nodule is pulmonary.\nIMPRESSION: Right lower lobe nodule.\n',
      'ct-chest',
      'Lungs',
      'Thin sections through the liver dome confirm the above-mentioned nodule is pulmonary.',
    ],
    [
      'EXAM: CT abdomen and pelvis with contrast.\nFINDINGS: There is a 2 cm simple cyst in the left kidney. The liver is normal. Delayed images of the pelvis show the previously described cyst does not enhance.\nIMPRESSION: Left renal cyst.\n',
      'ct-abdomen-pelvis',
      'Kidneys and ureters',
      'Delayed images of the pelvis show the previously described cyst does not enhance.',
    ],
  ]) {
    const { out } = run(text, PLAIN, id);
    assert.ok(line(out, field).includes(told), out.text);
  }
  // Nothing earlier in the report names it (a prior exam's finding): placed by its own words as before.
  const { out } = run(
    'EXAM: CT chest.\nFINDINGS: The heart is normal in size. The previously described right lower lobe nodule has resolved.\nIMPRESSION: Resolved nodule.\n',
    PLAIN,
    'ct-chest',
  );
  assert.ok(line(out, 'Lungs').includes('The previously described right lower lobe nodule has resolved.'), out.text);
});

test('a finding named for its tissue (atherosclerosis, osteophytes) naming no organ goes to the one field that holds it (r17r #6 #9)', () => {
  for (const [text, field, said] of [
    [
      'EXAM: CT CHEST\nFINDINGS: The airways are patent. Scattered calcified plaques in the thoracic aorta. The lungs are clear. Mild degenerative change in the thoracic spine. • Atherosclerotic calcifications. • Spondylosis.\n',
      'Vessels',
      '• Atherosclerotic calcifications.',
    ],
    [
      'EXAM: CT CHEST\nFINDINGS: Thoracic aorta is of normal caliber. A 4 mm nodule is seen in the left upper lobe. " Arteriosclerosis " Left upper lobe nodule\n',
      'Vessels',
      'Arteriosclerosis',
    ],
    [
      'EXAM: CT CHEST\nFINDINGS: The lungs are clear. No pleural effusion. No destructive bone lesion. Marginal osteophytes are present at the mid thoracic level.\n',
      'Bones',
      'Marginal osteophytes are present at the mid thoracic level.',
    ],
    [
      'EXAM: CT CHEST\nFINDINGS: The heart is normal. The lungs are clear. Anterior bridging syndesmophytes extend from T5 to T9.\n',
      'Bones',
      'Anterior bridging syndesmophytes extend from T5 to T9.',
    ],
  ]) {
    const { out } = run(text, PLAIN, 'ct-chest');
    assert.ok(line(out, field).includes(said), out.text);
    assert.deepEqual(rewrite('restructure', analyze(text)).verification.reasons, [], text);
  }
  // A lesion of any organ, naming none, still stays with the sentence before ("There is a mass." after the lungs).
  const { out } = run(
    'EXAM: CT CHEST\nFINDINGS: The thoracic aorta is normal. The lungs are clear. There is no mass.\n',
    PLAIN,
    'ct-chest',
  );
  assert.ok(line(out, 'Lungs').includes('There is no mass.'), out.text);
});

test('a short label over a value alone inside a list of measures stays in that list (r17r #5)', () => {
  for (const [label, value] of [
    ['CI', '81    (70-86)'],
    ['TCD', '4.1 cm'],
  ]) {
    const text = `This is a 28-year-old female for growth scan.\n\nBIOMETRY:\nBPD: 8.6 cm consistent with 34 weeks gestation\n\nHC: 31.0 cm consistent with 34 weeks gestation\n\n${label}: ${value}\n\nFL/BPD:     75   (71-87)\n\nFETAL ANATOMY:\nFetal Stomach: Normal\n\nIMPRESSION:\nSingle live intrauterine pregnancy.\n`;
    const { out } = run(text, PLAIN, 'us-obstetric');
    const findings = out.text.split('IMPRESSION:')[0];
    const lines = findings.split(/\r?\n/);
    const at = lines.findIndex((l) => l.startsWith(`${label}: `));
    assert.ok(at > 0 && /^HC: /.test(lines[at - 1]) && /^FL\/BPD: /.test(lines[at + 1]), out.text);
  }
  // A label over words, not a value, is no measure: it stays as written.
  const text =
    'BIOMETRY:\nBPD: 8.6 cm consistent with 34 weeks gestation\n\nNOTE: Images reviewed by the attending.\n\nIMPRESSION:\nSingle live intrauterine pregnancy.\n';
  assert.match(run(text, PLAIN, 'us-obstetric').out.text, /^NOTE: Images reviewed by the attending\./m);
});

test('a great vessel seen on a cardiac CT is an extracardiac finding (issue 18)', () => {
  const text =
    'EXAM: CT coronary angiography.\nFINDINGS: No coronary stenosis. The ascending aorta measures 3.6 cm. The superior vena cava is unremarkable. The lung bases are clear.\nIMPRESSION: No coronary artery disease.\n';
  const { out } = run(text, PLAIN, 'ct-coronary');
  assert.match(line(out, 'Extracardiac findings'), /ascending aorta measures 3\.6 cm\..*superior vena cava is unremarkable\./);
});

test('"this X" / "the above-described X" after sentences of other organs follows the sentence that told X', () => {
  for (const [text, id, field, told] of [
    [
      'EXAM: CT abdomen and pelvis with contrast.\nFINDINGS: A 1.8 cm exophytic cyst arises from the right kidney. The liver is normal. The spleen is normal. This cyst needs no further imaging.\nIMPRESSION: Renal cyst.\n',
      'ct-abdomen-pelvis',
      'Kidneys and ureters',
      'This cyst needs no further imaging.',
    ],
    [
      'EXAM: CT chest.\nFINDINGS: A 7 mm solid nodule is present in the left lower lobe. The heart is normal in size. No pleural effusion. This small nodule warrants follow-up CT in 6 to 12 months.\n',
      'ct-chest',
      'Lungs',
      'This small nodule warrants follow-up CT in 6 to 12 months.',
    ],
    [
      'EXAM: CT abdomen and pelvis with contrast.\nFINDINGS: A 1.5 cm hypodense lesion is seen in the pancreatic tail. The kidneys are normal. The above-described lesion may represent a cystic neoplasm.\nIMPRESSION: Pancreatic lesion.\n',
      'ct-abdomen-pelvis',
      'Pancreas',
      'The above-described lesion may represent a cystic neoplasm.',
    ],
  ]) {
    const { out } = run(text, PLAIN, id);
    assert.ok(line(out, field).includes(told), out.text);
  }
  // "This represents a cyst." has "this" as its subject, the finding right before: not the renal cyst told earlier.
  const { out } = run(
    'EXAM: CT abdomen and pelvis with contrast.\nFINDINGS: No renal cyst. A 9 mm hypodense lesion is seen in the liver. This represents a cyst.\nIMPRESSION: Liver cyst.\n',
    PLAIN,
    'ct-abdomen-pelvis',
  );
  assert.ok(line(out, 'Liver').includes('This represents a cyst.'), out.text);
});

test('a PROCEDURE section of a stress study: the steps are TECHNIQUE, a paragraph after them telling what the images showed is FINDINGS', () => {
  for (const [tracer, results] of [
    [
      '10.2 mCi of Tc-99m sestamibi was injected at rest and resting SPECT was obtained. Regadenoson 0.4 mg was given intravenously.',
      'Stress and rest SPECT images showed homogeneous tracer uptake with no perfusion defect. Gated images demonstrated normal wall motion. Left ventricular ejection fraction was 64%.',
    ],
    [
      '11 mCi of Cardiolite was injected and rest Cardiolite SPECT was obtained. Dipyridamole 40 mg was infused over four minutes.',
      'Cardiolite SPECT revealed normal uptake throughout the myocardium. Gated SPECT showed normal wall motion and thickening. Ejection fraction was 58%.',
    ],
  ]) {
    const text = `PROCEDURE DONE: Pharmacologic stress myocardial perfusion SPECT.\n\nINDICATIONS: Chest pain.\n\nPROCEDURE: ${tracer} Resting heart rate was 72 beats per minute.\n\n${results}\n\nIMPRESSION: Normal myocardial perfusion.\n`;
    const { out } = run(text, PLAIN, 'nm-myocardial-perfusion');
    const technique = line(out, 'TECHNIQUE');
    assert.ok(technique.includes(tracer) && !technique.includes(results.split('.')[0]), out.text);
    const findings = out.text.split('FINDINGS:')[1].split('IMPRESSION:')[0];
    for (const sentence of results.split(/(?<=\.) /)) assert.ok(findings.includes(sentence), sentence);
    assert.ok(!/^PROCEDURE:/m.test(out.text), out.text);
  }
});

// Session 13, round two (r18r): patterns of the hand-read, each in phrasings of our own.
test('a stability sentence pointing back ("in these views") stays with the finding it speaks of, not lifted to the head', () => {
  for (const [text, id, field, told] of [
    [
      'EXAM: CT chest without contrast.\nFINDINGS: Subpleural reticulation and traction bronchiectasis are seen in both lower lobes. No significant progression is seen in these views compared to the prior study. A 5 mm nodule is seen in the right upper lobe.\nIMPRESSION: Fibrotic lung disease.\n',
      'ct-chest',
      'Lungs',
      'No significant progression is seen in these views compared to the prior study.',
    ],
    [
      'EXAM: MRI brain without contrast.\nFINDINGS: Scattered T2 hyperintense foci are seen in the periventricular white matter. No significant change is detected in these views on the current study. The ventricles are normal in size.\nIMPRESSION: Small vessel disease.\n',
      'mri-brain',
      'Brain parenchyma',
      'No significant change is detected in these views on the current study.',
    ],
  ]) {
    const { out } = run(text, PLAIN, id);
    assert.ok(line(out, field).includes(told), out.text);
    assert.ok(
      !out.text
        .split('FINDINGS:')[1]
        .split(/\n[A-Z][a-z]/)[0]
        .includes(told),
      out.text,
    );
  }
});

test("a wall's finding naming no organ is the wall of the hollow organ the sentence before named", () => {
  for (const [text, id, field, told] of [
    [
      'EXAM: CT chest with contrast.\nFINDINGS: The esophagus is mildly patulous. There is no significant wall thickening. Trachea and main bronchi are patent.\nIMPRESSION: Normal.\n',
      'ct-chest',
      'Mediastinum and hila',
      'There is no significant wall thickening.',
    ],
    [
      'EXAM: CT abdomen and pelvis with contrast.\nFINDINGS: The gallbladder is distended and contains sludge. Mild wall thickening is noted. The kidneys are normal.\nIMPRESSION: Gallbladder sludge.\n',
      'ct-abdomen-pelvis',
      'Gallbladder and bile ducts',
      'Mild wall thickening is noted.',
    ],
    [
      'EXAM: CT abdomen and pelvis with contrast.\nFINDINGS: The urinary bladder is moderately distended. No mural thickening is seen. No free fluid.\nIMPRESSION: Normal.\n',
      'ct-abdomen-pelvis',
      'Bladder',
      'No mural thickening is seen.',
    ],
  ]) {
    const { out } = run(text, PLAIN, id);
    assert.ok(line(out, field).includes(told), out.text);
  }
  // After a solid organ the wall is no organ's of that sentence: left to the lexicon (the bowel's).
  const { out } = run(
    'EXAM: CT abdomen and pelvis with contrast.\nFINDINGS: The liver is normal. No wall thickening is seen.\nIMPRESSION: Normal.\n',
    PLAIN,
    'ct-abdomen-pelvis',
  );
  assert.ok(!line(out, 'Liver').includes('wall thickening'), out.text);
});

test('the mastoid air cells are no paranasal sinus: their own field where a template has one, else Other', () => {
  for (const text of [
    'EXAM: CT sinuses without contrast.\nFINDINGS: The maxillary sinuses are clear. There is fluid opacification of the right mastoid air cells. The nasal septum is midline.\nIMPRESSION: Right mastoid effusion.\n',
    'EXAM: CT maxillofacial without contrast.\nFINDINGS: Mild mucosal thickening of the ethmoid air cells. The left mastoid is partially opacified, which may represent mastoiditis. The orbits are normal.\nIMPRESSION: Possible left mastoiditis.\n',
  ]) {
    const { out } = run(text, PLAIN, 'ct-sinuses-face');
    assert.ok(!/mastoid/.test(line(out, 'Paranasal sinuses')), out.text);
    assert.match(line(out, 'Other'), /mastoid/, out.text);
    assert.ok(/ethmoid|maxillary/.test(line(out, 'Paranasal sinuses')), out.text);
  }
  const { out } = run(
    'EXAM: CT head without contrast.\nFINDINGS: No intracranial hemorrhage. There is partial opacification of the left mastoid air cells. The orbits are unremarkable.\nIMPRESSION: No acute abnormality.\n',
    PLAIN,
    'ct-head',
  );
  assert.match(line(out, 'Sinuses and mastoids'), /left mastoid air cells/, out.text);
});

test("a cardiac CT: a chamber or the pericardium named in the heart's words goes to its own field, not the coronary arteries'", () => {
  const text =
    'EXAM: Coronary CT angiography.\nFINDINGS: The calcium score is 0. The left main coronary artery is normal. The left ventricle is normal in size. No pericardial effusion. The right atrium is mildly enlarged. There is trace pericardial fluid. The lungs are clear.\nIMPRESSION: No coronary artery disease.\n';
  const { out } = run(text, PLAIN, 'ct-coronary');
  assert.equal(
    line(out, 'Coronary arteries and myocardium'),
    'Coronary arteries and myocardium: The left main coronary artery is normal.',
    out.text,
  );
  assert.match(
    line(out, 'Cardiac chambers and function'),
    /left ventricle is normal in size\. The right atrium is mildly enlarged\./,
    out.text,
  );
  assert.match(line(out, 'Pericardium'), /No pericardial effusion\. There is trace pericardial fluid\./, out.text);
  assert.deepEqual(gate(text), []);
  // The heart's adjective right before a chamber's word, and the chambers named as a whole, are the chambers'.
  const { out: whole } = run(
    'EXAM: Coronary CT angiography.\nFINDINGS: The LAD has moderate stenosis. Cardiac wall motion is normal. The heart chambers are normal in size.\nIMPRESSION: Moderate LAD stenosis.\n',
    PLAIN,
    'ct-coronary',
  );
  assert.match(
    line(whole, 'Cardiac chambers and function'),
    /Cardiac wall motion is normal\. The heart chambers are normal in size\./,
    whole.text,
  );
});

test("a brain MRI's vessel words naming no vessel ('normal vascular flow', 'flow-related signal') are the Vessels'", () => {
  for (const [sentence, after] of [
    ['Normal vascular flow is maintained.', 'The ventricles are normal in size.'],
    ['Normal flow-related signal is present in the major arteries.', 'The orbits are unremarkable.'],
  ]) {
    const { out } = run(
      `EXAM: MRI brain without contrast.\nFINDINGS: No restricted diffusion. ${sentence} ${after}\nIMPRESSION: Normal.\n`,
      PLAIN,
      'mri-brain',
    );
    assert.ok(line(out, 'Vessels').includes(sentence), out.text);
    assert.ok(!line(out, 'Brain parenchyma').includes(sentence), out.text);
  }
});

test("a run-off study filed as abdomen and pelvis: the leg arteries are the Vessels', each leg's run kept in its order", () => {
  for (const [text, id] of [
    [
      'EXAM: CTA abdomen and pelvis with runoff.\nFINDINGS: The abdominal aorta is normal in caliber. On the left, the superficial femoral artery is occluded over 6 cm with reconstitution above the knee. The popliteal artery and tibial arteries are patent below it. On the right, the common femoral artery has mild plaque without stenosis. The liver is normal.\nIMPRESSION: Left SFA occlusion.\n',
      'ct-abdomen-pelvis',
    ],
    [
      'EXAM: MR angiogram abdomen and pelvis.\nFINDINGS: The infrarenal aorta is patent. In the right leg, there is moderate stenosis of the posterior tibial artery. The peroneal artery and the dorsalis pedis are patent. The kidneys are normal.\nIMPRESSION: Right posterior tibial artery stenosis.\n',
      'mri-abdomen-pelvis',
    ],
  ]) {
    const { out } = run(text, PLAIN, id);
    const vessels = line(out, 'Vessels');
    const told = text
      .split('FINDINGS: ')[1]
      .split('\n')[0]
      .split(/(?<=\.) /)
      .filter((s) => /arter|pedis/.test(s) && !/aorta/.test(s));
    assert.ok(vessels.includes(told.join(' ')), out.text);
  }
});

test('a merged TECHNIQUE AND FINDINGS section: a premedication named without its dose and the post-processing are technique', () => {
  for (const steps of [
    'Post-processing was done on an independent workstation. The patient received sublingual nitroglycerin before the contrast injection.',
    'Images were reviewed with 3D postprocessing on a dedicated workstation. Sublingual nitroglycerin was given prior to scanning.',
  ]) {
    const text = `EXAM: Coronary CT angiography.\nTECHNIQUE AND FINDINGS: Coronary CTA was performed on a dual-source CT scanner. ${steps} The calcium score is 0. The left main coronary artery is normal.\nIMPRESSION: No coronary artery disease.\n`;
    const { out } = run(text, PLAIN, 'ct-coronary');
    assert.ok(line(out, 'TECHNIQUE').includes(steps), out.text);
    assert.ok(!out.text.split('FINDINGS:')[1].includes('nitroglycerin'), out.text);
  }
});

test("where the report went ('placed on the patient's chart', 'saved to PACS') is no organ's line: the findings' general line", () => {
  for (const [admin, id] of [
    ["A copy of this report was placed in the patient's chart. The images were stored in PACS.", 'ct-coronary'],
    ['The report was faxed to the referring office.', 'ct-abdomen-pelvis'],
  ]) {
    const text = `EXAM: CT.\nFINDINGS: The lungs are clear. ${admin}\nIMPRESSION: Normal.\n`;
    const { out } = run(text, PLAIN, id);
    const head = out.text.split('FINDINGS:')[1].split(/\n[A-Z][a-z]+[a-z ]*:/)[0];
    assert.ok(head.includes(admin), out.text);
  }
});

test('in a sinus or face CT the bones named bare ("osseous", "bony", "the visualized bones") are the facial bones, not Other', () => {
  for (const sentence of ['No aggressive osseous lesion is identified.', 'The visualized bones appear intact without erosion.']) {
    const text = `EXAM: CT maxillofacial without contrast.\nFINDINGS: The maxillary sinuses are clear. ${sentence} The orbits are normal.\nIMPRESSION: Normal.\n`;
    const { out } = run(text, PLAIN, 'ct-sinuses-face');
    assert.ok(line(out, 'Facial bones').includes(sentence), out.text);
  }
});

test("the mediastinal vascular structures are the Vessels' in a chest CT, not the mediastinum's", () => {
  for (const sentence of [
    'Mediastinal main vascular structures and heart contour are normal.',
    'The mediastinal vascular structures are of normal calibre.',
  ]) {
    const text = `EXAM: CT chest without contrast.\nFINDINGS: ${sentence} No mediastinal lymphadenopathy. No pleural effusion.\nIMPRESSION: Normal.\n`;
    const { out } = run(text, PLAIN, 'ct-chest');
    assert.ok(line(out, 'Vessels').includes(sentence), out.text);
    assert.ok(line(out, 'Mediastinum and hila').includes('No mediastinal lymphadenopathy.'), out.text);
  }
});

test('a sentence that opens on the place beside what the one before told ("In its neighborhood", "Adjacent to it") stays right after that sentence, in its field, though it names another organ', () => {
  for (const [first, pointer, field] of [
    [
      'There is an expansile lytic lesion of the right fifth rib.',
      'Adjacent to it, there is a soft tissue mass extending into the lung.',
      'Bones',
    ],
    [
      'There is destruction of the cortex of the left fourth rib posteriorly.',
      'In its neighbourhood, an area of consolidation has increased since the prior study.',
      'Bones',
    ],
    [
      'A 2 cm lytic lesion is seen in the T8 vertebral body.',
      'Around this lesion, there is mild atelectasis of the right lower lobe.',
      'Bones',
    ],
    [
      'A 3 cm mass is seen in the left hilum.',
      'Next to it, there is subsegmental atelectasis in the left upper lobe.',
      'Mediastinum and hila',
    ],
  ]) {
    const text = `EXAM: CT chest.\nFINDINGS: A 4 mm calcified nodule is seen in the right lower lobe. ${first} ${pointer} No pleural effusion.\nIMPRESSION: Lesion.\n`;
    const { out } = run(text, PLAIN, 'ct-chest');
    assert.ok(line(out, field).includes(`${first} ${pointer}`), out.text);
    assert.ok(!line(out, 'Lungs').includes(pointer), out.text);
  }
  // Pointing back after an organ of its own is that organ's place, not the sentence before's.
  const { out } = run(
    'EXAM: CT chest.\nFINDINGS: There is a lytic lesion of the right fifth rib. Consolidation of the right lower lobe is seen adjacent to it.\nIMPRESSION: Lesion.\n',
    PLAIN,
    'ct-chest',
  );
  assert.ok(line(out, 'Lungs').includes('Consolidation of the right lower lobe'), out.text);
});

test('an organ named only by an abbreviation, an adjective or a tissue word is filed under that organ, not the field of the sentence before', () => {
  for (const [id, before, sentence, field] of [
    ['ct-chest', 'No pneumothorax.', 'CTR is within normal limits.', 'Heart and pericardium'],
    ['ct-chest', 'No pleural effusion.', 'The C/T ratio is increased.', 'Heart and pericardium'],
    ['chest-radiograph', 'The lungs are clear.', 'CTR is less than 50%.', 'Heart and mediastinum'],
    ['mri-brain', 'The ventricles and sulci are normal.', 'There is normal intracranial vascularity.', 'Vessels'],
    ['ct-head', 'The ventricles are normal.', 'There is no hyperdense vascularity to suggest thrombosis.', 'Vessels'],
    ['us-echocardiogram', 'Pericardium is normal without effusion.', 'No intracardiac thrombus is seen.', 'Ventricles'],
    ['us-echocardiogram', 'There is no pericardial effusion.', 'No obvious intracardiac mass or thrombi noted.', 'Ventricles'],
    ['mri-abdomen-pelvis', 'The kidneys are normal.', 'The internal and external iliac veins appear normal.', 'Vessels'],
    ['mri-abdomen-pelvis', 'The kidneys are normal.', 'The hepatic vasculature is patent.', 'Vessels'],
    [
      'mri-knee',
      'Mild patellar tendinosis is noted.',
      'There is grade 3 chondromalacia patellae at the medial facet.',
      'Articular cartilage',
    ],
    ['mri-knee', 'The quadriceps tendon is intact.', 'Mild patellar chondromalacia is present.', 'Articular cartilage'],
  ]) {
    const { out } = run(`EXAM: Study.\nFINDINGS: ${before} ${sentence}\nIMPRESSION: Normal.\n`, PLAIN, id);
    assert.ok(line(out, field)?.includes(sentence), `${id}: ${sentence}\n${out.text}`);
  }
  // No heart in a wrist: its CTR is a carpal tunnel release, no chamber's.
  const { out } = run(
    'EXAM: MRI wrist.\nFINDINGS: Postsurgical changes of prior CTR are noted. The TFCC is intact.\nIMPRESSION: Normal.\n',
    PLAIN,
    'mri-wrist',
  );
  assert.ok(!/Heart/.test(out.text), out.text);
});

test("a two-part stress and nuclear report: the section headed by the nuclear exam's own name is the findings, filed by organ; the stress part keeps its heading, its heart rates off the perfusion field and its 'EKG remains the same.' after its EKG", () => {
  const stress =
    'INTERPRETATION: Resting heart rate of 80, blood pressure of 130/70. EKG, normal sinus rhythm. Post regadenoson 0.4 mg injected intravenously. Peak heart rate was 101, blood pressure of 128/72. EKG remains the same. No symptoms are noted.';
  for (const heading of ['NUCLEAR PERFUSION SCAN WITH SPECT', 'MYOCARDIAL PERFUSION SCAN', 'MYOCARDIAL PERFUSION STUDY']) {
    const text = `EXAM: Regadenoson nuclear myocardial perfusion scan.\n\nINDICATION: Chest pain.\n\n${stress}\n\nSUMMARY:\n1. Nondiagnostic stress test.\n2. Nuclear interpretation as below.\n\n${heading}:  Rest and stress SPECT images were obtained. There is no evidence of reversible or fixed defect. Gated SPECT revealed normal wall motion. Ejection fraction calculated at 58%.\n\nIMPRESSION:\n1. Normal myocardial perfusion scan.\n`;
    const r = rewrite('restructure', analyze(text));
    assert.ok(r.verification.ok, `${heading}: ${r.verification.reasons}`);
    const perfusion = r.text.split('\n').find((l) => l.startsWith('Myocardial perfusion:'));
    assert.ok(perfusion.includes('There is no evidence of reversible or fixed defect.'), r.text);
    assert.ok(!/heart rate/i.test(perfusion), r.text);
    assert.ok(
      r.text
        .split('\n')
        .find((l) => l.startsWith('Wall motion and ejection fraction:'))
        .includes('Ejection fraction calculated at 58%.'),
      r.text,
    );
    assert.ok(norm(r.text).includes(norm(stress)), r.text);
  }
});

test("a stress test's heart rate is the patient's pulse, not the heart's perfusion: it is never filed under Myocardial perfusion", () => {
  for (const sentence of [
    'Resting heart rate of 80, blood pressure of 130/70.',
    'Peak heart rate was 145 bpm, 92% of the maximum predicted heart rate.',
  ]) {
    const text = `EXAM: Lexiscan nuclear myocardial perfusion scan.\nFINDINGS: ${sentence} There is no reversible or fixed perfusion defect. Ejection fraction is 60%.\nIMPRESSION: Normal.\n`;
    const { out } = run(text, PLAIN, 'nm-myocardial-perfusion');
    assert.ok(!line(out, 'Myocardial perfusion').includes(sentence), out.text);
    assert.ok(out.text.includes(sentence), out.text);
  }
});

test('a defect said fixed or reversible is the myocardial perfusion, though it names no organ; the pulse and pressure during the scan are technique', () => {
  for (const defect of [
    'There is a small fixed inferior defect.',
    'A partially reversible anteroapical perfusion defect of moderate size is seen.',
    'Moderate-sized reversible defect involving the lateral wall, consistent with ischemia.',
  ]) {
    const text = `EXAM: Myocardial perfusion SPECT.\nFINDINGS: ${defect} The ejection fraction is 58%.\nIMPRESSION: Abnormal.\n`;
    const { out } = run(text, PLAIN, 'nm-myocardial-perfusion');
    assert.ok(line(out, 'Myocardial perfusion')?.includes(defect), out.text);
  }
  for (const [id, pulse] of [
    ['ct-coronary', 'Mean heart rate during acquisition was 62 bpm.'],
    ['ct-coronary', 'Average heart rate during the scan was 58 beats per minute.'],
    ['nm-myocardial-perfusion', 'Resting heart rate of 66 and blood pressure of 88/45.'],
  ]) {
    const text = `EXAM: Cardiac study.\nFINDINGS: ${pulse} The left ventricular ejection fraction is 60%.\nIMPRESSION: Normal.\n`;
    const { out } = run(text, PLAIN, id);
    const technique = out.text.slice(out.text.indexOf('TECHNIQUE:'), out.text.indexOf('FINDINGS:'));
    assert.ok(technique.includes(pulse), `${pulse} in TECHNIQUE:\n${out.text}`);
  }
  // A rhythm said of the heart is still a finding.
  const echo = run(
    'EXAM: Echocardiogram.\nFINDINGS: The heart rate is irregular. The left ventricle is normal in size.\n',
    PLAIN,
    'us-echocardiogram',
  ).out;
  assert.ok(echo.text.indexOf('The heart rate is irregular.') > echo.text.indexOf('FINDINGS:'), echo.text);
});

test("a procedure's course and the plan after it (a TEE's closing lines) go to the findings' general line, never under the organ before", () => {
  for (const closing of [
    'The patient tolerated the procedure well without complications. She will be kept n.p.o. for 2 hours.',
    'The patient tolerated the study well and was transferred to recovery in stable condition.',
    'He will follow up with cardiology clinic in one week.',
  ]) {
    const text = `EXAM: Transesophageal echocardiogram.\nFINDINGS: The left atrium is mildly dilated. No thrombus in the left atrial appendage. ${closing}\nIMPRESSION: No thrombus.\n`;
    const { out } = run(text, PLAIN, 'us-echocardiogram');
    assert.doesNotMatch(line(out, 'Atria') ?? '', /tolerated|n\.p\.o|follow up/i, out.text);
    assert.ok(out.text.includes(closing), out.text);
  }
});

test("a nuclear stress report's own headings: IMAGE TECHNIQUE is technique, IMAGE ANALYSIS the findings, REASON FOR THE TEST the history", () => {
  for (const [tracer, analysis] of [
    ['3 mCi of thallous chloride', 'There is a small reversible anterior defect. The ejection fraction is 55%.'],
    ['10 mCi of technetium tetrofosmin', 'There is a fixed inferior defect. The left ventricular ejection fraction is 48%.'],
  ]) {
    const text = `REASON FOR THE TEST: Chest pain.\n\nSTRESS TECHNIQUE: Adenosine was infused over four minutes.\n\nIMAGE TECHNIQUE: The patient was injected with ${tracer} and imaged with gated SPECT.\n\nIMAGE ANALYSIS: ${analysis}\n\nCONCLUSIONS: Abnormal perfusion study.\n`;
    const report = parseReport(text);
    const { template } = chooseTemplate(report);
    assert.equal(template?.id, 'nm-myocardial-perfusion', text);
    const { out } = run(text, PLAIN, 'nm-myocardial-perfusion');
    assert.ok(line(out, 'CLINICAL HISTORY')?.includes('Chest pain.'), out.text);
    assert.ok(line(out, 'Myocardial perfusion')?.includes(analysis.split('. ')[0]), out.text);
    assert.ok(!/^IMAGE (TECHNIQUE|ANALYSIS):/m.test(out.text), out.text);
  }
});

test('a nuclear stress study named only by its title or tracer is nuclear medicine, never a chest film', () => {
  for (const [title, finding] of [
    ['NUCLEAR STRESS TEST', 'There is a small reversible defect in the anterior wall. The ejection fraction is 55%.'],
    ['GATED SPECT STRESS STUDY', 'No fixed or reversible defect. The ejection fraction is 62%.'],
  ]) {
    const text = `${title}\n\nREASON FOR THE TEST: Chest pain.\n\nFINDINGS: ${finding}\n`;
    const { template } = chooseTemplate(parseReport(text));
    assert.equal(template?.id, 'nm-myocardial-perfusion', text);
  }
});

test("'vertebral' alone in a carotid duplex is the vertebral artery, so a velocity table stays whole; in a neck CT it is still the spine's", () => {
  for (const table of [
    'PARAMETRIC DATA: Right CCA PSV 0.80 m/s. Right ICA PSV is 0.90 m/s. Right vertebral 0.45 m/s. Right IC/CC is 1.1. Left CCA PSV 0.70 m/s.',
    'Right ICA PSV 95 cm/s. Left vertebral flow is antegrade. Left ICA EDV 22 cm/s.',
  ]) {
    const text = `EXAM: Carotid duplex ultrasound.\nFINDINGS: Mild plaque at both carotid bulbs.\n\n${table}\n\nIMPRESSION: No significant stenosis.\n`;
    const { out } = run(text, PLAIN, 'us-carotid');
    assert.ok(!/^Other:/m.test(out.text), out.text);
    assert.ok(norm(out.text).includes(norm(table.replace(/^PARAMETRIC DATA: /, ''))), out.text);
  }
  const neck = run(
    'EXAM: CT neck.\nFINDINGS: The thyroid is normal. There is a vertebral compression fracture at C5.\n',
    PLAIN,
    'ct-neck',
  ).out;
  assert.match(line(neck, 'Bones') ?? '', /vertebral compression fracture/, neck.text);
});

test('a line above the headers telling when a known disease began ("Newly diagnosed …") is the clinical history, not a finding of this exam', () => {
  for (const history of ['Newly diagnosed left breast carcinoma, staging.', 'Newly diagnosed right upper lobe lung mass, staging.']) {
    const text = `${history}\nEXAM: CT CHEST WITH CONTRAST\nFINDINGS: The lungs are clear. No pleural effusion. No mediastinal lymphadenopathy.\nIMPRESSION: No evidence of metastatic disease.\n`;
    const { out } = run(text, PLAIN, 'ct-chest');
    assert.ok(line(out, 'CLINICAL HISTORY')?.includes(history), out.text);
  }
});

test("a nuclear study's gated scan tells the ventricles' wall motion: its sentence is filed there, not under the lungs' Extracardiac findings by an 'apical' segment", () => {
  for (const sentence of [
    'The gated scan revealed paradoxical septal motion, dyskinetic apical segment and severe inferior hypokinesis.',
    'Gated study demonstrates apical akinesis with mild hypokinesis of the anterior wall.',
  ]) {
    const text = `EXAM: Adenosine Myoview stress test.\nFINDINGS: A large inferoseptal perfusion defect is noted. ${sentence} Ejection fraction is 27%.\nIMPRESSION: Ischemic cardiomyopathy.\n`;
    const { out } = run(text, PLAIN, 'nm-myocardial-perfusion');
    assert.ok(line(out, 'Wall motion and ejection fraction').includes(sentence), out.text);
  }
});

test("bronchiectasis named alone or as an adjective, after a pleural sentence, is the airways', not Other's", () => {
  for (const sentence of ['Minimal bronchiectatic changes were observed in the central part.', 'Bronchiectasis is present.']) {
    const text = `EXAM: CT chest.\nFINDINGS: Pleural thickening-effusion was not detected. ${sentence} The heart is normal.\nIMPRESSION: Normal.\n`;
    const { out } = run(text, PLAIN, 'ct-chest');
    assert.ok(line(out, 'Airways').includes(sentence), out.text);
  }
});
