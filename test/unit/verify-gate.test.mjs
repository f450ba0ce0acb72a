// The gate every rewrite passes (rewrite/index.ts verify): the cases issue 18 saw, each rejected for
// its own reason by a layer that does not need the lexicon to know the finding, and the faithful
// rewrites still offered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { rewrite, verify } = require(path.join(root, 'out/server/rewrite/index.js'));
const { readText, CUES } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { checkFix } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));

const example = (name) => fs.readFileSync(path.join(root, 'examples', name), 'utf8');
const reasonsOf = (kind, source, candidate) => verify(kind, analyze(source), candidate, 'reworded').reasons;
const rejects = (kind, source, candidate, why) => {
  const reasons = reasonsOf(kind, source, candidate);
  assert.ok(reasons.length > 0, `accepted: ${candidate}`);
  assert.ok(
    reasons.some((r) => why.test(r)),
    `${why} not among: ${reasons.join(' | ')}`,
  );
};

const CHEST = `EXAM: Chest radiograph, PA and lateral.
FINDINGS:
There is a moderate left pleural effusion. Possible right lower lobe pneumonia. The heart size is unchanged.
No pneumothorax.
IMPRESSION:
1. Moderate left pleural effusion.
2. Possible right lower lobe pneumonia.
`;
const withImpression = (body) => CHEST.replace(/IMPRESSION:[\s\S]*$/, `IMPRESSION:\n${body}\n`);

test('cue words: zod-checked data; a clause is read without the lexicon', () => {
  assert.ok(CUES.hedges.length > 20 && CUES.negations.length > 5);
  const [c] = readText('FINDINGS: Possible 2.1 x 1.5 cm left flibbertigibbet at L4-5, unchanged.');
  assert.deepEqual([...c.sides], ['left']);
  assert.deepEqual(c.quantities, ['length:21', 'length:15']);
  assert.deepEqual(c.levels, ['L4-5']);
  assert.ok(c.hedged.has('flibbertigibbet'), 'a word the lexicon does not know is still hedged');
  assert.deepEqual([...c.time], ['unchanged']);
  const [d] = readText('FINDINGS: No pneumothorax or effusion.');
  assert.ok(d.negated.has('pneumothorax') && d.negated.has('effusion') && !d.positive);
});

test('impression-only report: never "No acute abnormality"; the draft keeps what it says', () => {
  const text = 'IMPRESSION:\nLarge acute left subdural hematoma with 8 mm midline shift.\n';
  const r = rewrite('impression', analyze(text));
  assert.equal(r.verification.ok, true, r.verification.reasons.join('; '));
  assert.doesNotMatch(r.text, /No acute/);
  assert.match(r.text, /Large acute left subdural hematoma with 8 mm midline shift/);
  rejects('impression', text, 'IMPRESSION: No acute abnormality.\n', /normal statement|nothing is wrong/);
});

test('empty or content-free input is refused with a clear message, for every kind', () => {
  for (const text of ['', '\n\n', 'FINDINGS:\nIMPRESSION:\n'])
    for (const kind of ['restructure', 'impression', 'summary']) {
      const r = rewrite(kind, analyze(text));
      assert.equal(r.verification.ok, false, `${kind} of ${JSON.stringify(text)}`);
      assert.match(r.verification.reasons.join('\n'), /empty/);
    }
});

// A case history whose lab line the impression draft can neither call normal nor list, and an operative
// note: each kind is told the document is no imaging report, not what its writer tripped on in it.
const NOT_IMAGING = [
  [
    'CC: Fatigue and dizziness.',
    'HX: This 68 y/o man had two months of malaise and lightheadedness when standing up.',
    'LAB: Na 128 meq/L, K 3.9 meq/L, Cl 95 meq/L, CO2 22meq/L, BUN 10mg/DL, CR 0.8mg/DL, Glucose 95mg/DL, ESR 22mm/hr, CBC WNL with nl WBC differential, Urinalysis: SG 1.020 and otherwise WNL, TSH 1.9 IU/ML, FT4 1.1ng/DL, Urine Osmolality 210 MOSM/Kg (low), Urine Na 40 meq/L,',
    'COURSE: He improved with fluids.',
  ].join('\n\n'),
  [
    'PREOPERATIVE DIAGNOSIS: Hallux valgus, left foot.',
    'ANESTHESIA: Ankle block with sedation.',
    'DESCRIPTION OF PROCEDURE: A dorsomedial incision was made and the capsule opened. The medial eminence was resected with a sagittal saw.',
  ].join('\n\n'),
];

test('a case history or an operative note: every kind refuses it as no imaging report, by one path', () => {
  for (const text of NOT_IMAGING)
    for (const kind of ['restructure', 'impression', 'summary']) {
      const v = rewrite(kind, analyze(text)).verification;
      assert.equal(v.ok, false, kind);
      assert.deepEqual(v.reasons.length, 1, `${kind}: ${v.reasons.join(' | ')}`);
      assert.match(v.reasons[0], /^not an imaging report \(it reads as a (case history|procedure note)\)/, kind);
      assert.equal(v.details[0].unrewritable, true, kind);
    }
});

test('summary: built from the whole report, refused while it has an unresolved error', () => {
  const r = rewrite('summary', analyze(example('chest-radiograph-errors.rpt')));
  assert.equal(r.verification.ok, false);
  assert.match(r.verification.reasons.join('\n'), /unresolved error: Critical finding not in the impression: pneumothorax/);
  // A report whose impression leaves out a significant finding of the findings: the summary tells it.
  const text = 'FINDINGS: Small right pneumothorax. Heart size normal.\nIMPRESSION: Right lower lobe pneumonia.\n';
  const s = rewrite('summary', analyze(text));
  assert.match(s.text, /\(pneumothorax\)/);
  assert.doesNotMatch(s.text, /no sign of a new or sudden problem/);
});

test('LLM-style unfaithful impressions are rejected, each for its reason', () => {
  rejects('impression', CHEST, withImpression('1. Large left pleural effusion.\n2. Possible right lower lobe pneumonia.'), /severity/);
  rejects('impression', CHEST, withImpression('1. Moderate left pleural effusion.\n2. Right lower lobe pneumonia.'), /hedge/);
  rejects('impression', CHEST, withImpression('1. Moderate right pleural effusion.\n2. Possible right lower lobe pneumonia.'), /side/);
  rejects(
    'impression',
    CHEST,
    withImpression('1. Moderate left pleural effusion, likely malignant.\n2. Possible right lower lobe pneumonia.'),
    /hedge|adds/,
  );
  rejects(
    'impression',
    CHEST,
    withImpression('1. Moderate left pleural effusion.\n2. Possible right lower lobe pneumonia.\n3. Recommend biopsy.'),
    /recommend/,
  );
  rejects(
    'impression',
    CHEST,
    withImpression('1. Moderate left pleural effusion.\n2. Possible right lower lobe pneumonia.\n3. No acute cardiopulmonary process.'),
    /normal statement|nothing is wrong/,
  );
  rejects(
    'impression',
    CHEST,
    withImpression('1. Moderate left pleural effusion.\n2. Possible right lower lobe pneumonia.\n3. Pneumothorax.'),
    /adds|denies/,
  );
  rejects(
    'impression',
    CHEST,
    withImpression('1. Moderate left pleural effusion.\n2. Possible right lower lobe pneumonia.\n3. New cardiomegaly.'),
    /time|adds/,
  );
  // The faithful one passes.
  assert.deepEqual(reasonsOf('impression', CHEST, CHEST), []);
});

test('LLM-style unfaithful summaries are rejected: a denial over a finding, advice, text after the glossary', () => {
  const good = rewrite('summary', analyze(CHEST));
  assert.equal(good.verification.ok, true, good.verification.reasons.join('; '));
  assert.deepEqual(reasonsOf('summary', CHEST, good.text), []);
  rejects(
    'summary',
    CHEST,
    good.text.replace(/- There is a moderate amount of fluid[^\n]*/, '- There is no fluid around your lungs.'),
    /drops|denies|nothing is wrong|adds/,
  );
  rejects('summary', CHEST, `${good.text}- effusion: The report is normal and you are fine.\n`, /glossary/);
  rejects(
    'summary',
    CHEST,
    good.text.replace('What the report found:', 'What the report found:\n- The report is normal.'),
    /nothing is wrong|normal statement|adds/,
  );
  rejects('summary', CHEST, good.text.replace(/There may be/, 'There is'), /hedge|certain/);
});

test('restructure: a mammogram gets the mammography template; a gallium scan, with no template of its own, is refused one; the user may still pick one', () => {
  const mammogram =
    'EXAM: Bilateral screening mammogram.\nFINDINGS: Scattered fibroglandular densities. No suspicious mass.\nIMPRESSION: BI-RADS 1.\n';
  const mg = rewrite('restructure', analyze(mammogram));
  assert.equal(mg.template.id, 'mg-breast');
  assert.equal(mg.verification.ok, true, mg.verification.reasons.join('; '));
  const text =
    'EXAM: Whole body gallium scan.\nFINDINGS: Increased uptake in the left sixth rib. No other abnormal uptake.\nIMPRESSION: Focal uptake in the left sixth rib.\n';
  const r = rewrite('restructure', analyze(text));
  assert.equal(r.verification.ok, false);
  assert.match(r.verification.reasons[0], /no NM template|no template for/);
  const chosen = rewrite('restructure', analyze(text), { templateId: 'chest-radiograph' });
  assert.equal(chosen.template.id, 'chest-radiograph');
  // A bone scan has its template now.
  const bone = rewrite('restructure', analyze(text.replace('gallium', 'bone')));
  assert.equal(bone.template.id, 'nm-bone-scan');
  assert.equal(bone.verification.ok, true, bone.verification.reasons.join('; '));
});

test('restructure: a sentence under another organ is misplaced', () => {
  const text = 'EXAM: CT abdomen and pelvis.\nFINDINGS: The liver is normal. The kidneys are normal.\n';
  const out = 'EXAM: CT abdomen and pelvis.\nFINDINGS:\nLiver: The kidneys are normal.\nKidneys: The liver is normal.\n';
  rejects('restructure', text, out, /places .* under/);
});

test('restructure: a word that qualifies another thing places nothing; the organ itself still does', () => {
  const accepts = (source, out) => assert.deepEqual(reasonsOf('restructure', source, out), []);
  // A differential in brackets, and the lungs named in a side cue ("both lungs").
  const chest = 'EXAM: CT chest\nFINDINGS: The trachea is patent. Mosaic attenuation (small airway disease? small vessel disease?).\n';
  accepts(
    chest,
    'EXAM: CT chest\nFINDINGS:\nAirways: The trachea is patent.\nLungs: Mosaic attenuation (small airway disease? small vessel disease?).\n',
  );
  const both = chest.replace('Mosaic attenuation', 'Mosaic attenuation in both lungs');
  accepts(
    both,
    'EXAM: CT chest\nFINDINGS:\nAirways: The trachea is patent.\nLungs: Mosaic attenuation in both lungs (small airway disease? small vessel disease?).\n',
  );
  rejects(
    'restructure',
    'EXAM: CT chest\nFINDINGS: The lungs are clear. The airways are narrowed.\n',
    'EXAM: CT chest\nFINDINGS:\nAirways: The lungs are clear.\nLungs: The airways are narrowed.\n',
    /places "Lungs: The airways are narrowed\." under lungs, but it speaks of airways/,
  );
  // The mastoid process is bone; the mastoid air cells are the mastoids.
  const head = (s) => `EXAM: CT head\nFINDINGS: The calvarium is intact. ${s}\n`;
  const skull = 'There is a fracture of the left temporal bone extending to the mastoid process.';
  accepts(head(skull), `EXAM: CT head\nFINDINGS:\nSkull and scalp: ${skull}\nSinuses and mastoids: The calvarium is intact.\n`);
  const cells = 'There is opacification of the left mastoid air cells.';
  rejects(
    'restructure',
    head(cells),
    `EXAM: CT head\nFINDINGS:\nSkull and scalp: ${cells}\nSinuses and mastoids: The calvarium is intact.\n`,
    /speaks of sinuses and mastoids/,
  );
  // A bursal-sided tear is the tendon's; bursitis is the bursa's.
  const shoulder = 'EXAM: MRI shoulder\nFINDINGS: The infraspinatus tendon shows bursal-sided fraying. There is subacromial bursitis.\n';
  accepts(
    shoulder,
    'EXAM: MRI shoulder\nFINDINGS:\nRotator cuff: The infraspinatus tendon shows bursal-sided fraying.\nBursae: There is subacromial bursitis.\n',
  );
  rejects(
    'restructure',
    shoulder,
    'EXAM: MRI shoulder\nFINDINGS:\nRotator cuff: There is subacromial bursitis.\nBursae: The infraspinatus tendon shows bursal-sided fraying.\n',
    /under rotator cuff, but it speaks of bursae/,
  );
  // "Ligament" names both ligament fields of a knee, so neither by itself; the cruciate ligament names its own.
  const knee =
    'EXAM: MRI knee\nFINDINGS: The quadriceps tendon and the infrapatellar ligament are intact. There is a complete tear of the anterior cruciate ligament.\n';
  accepts(
    knee,
    'EXAM: MRI knee\nFINDINGS:\nCruciate ligaments: There is a complete tear of the anterior cruciate ligament.\nCollateral ligaments and corners: [ ]\nExtensor mechanism: The quadriceps tendon and the infrapatellar ligament are intact.\n',
  );
  rejects(
    'restructure',
    knee,
    'EXAM: MRI knee\nFINDINGS:\nCruciate ligaments: The quadriceps tendon and the infrapatellar ligament are intact.\nExtensor mechanism: There is a complete tear of the anterior cruciate ligament.\n',
    /under extensor mechanism, but it speaks of cruciate ligaments/,
  );
});

test('impression: a draft of list marks only ("1. ") is no impression, whatever the findings state', () => {
  const text = 'EXAM: Chest radiograph.\nFINDINGS: The lungs are clear. Moderate degenerative changes of the thoracic spine.\n';
  rejects('impression', text, `${text}IMPRESSION:\n1. \n`, /has no impression/);
  assert.deepEqual(reasonsOf('impression', text, `${text}IMPRESSION:\n1. Moderate degenerative changes of the thoracic spine.\n`), []);
});

test('AI quick fixes: offered only when the report states what they say', () => {
  const text = CHEST;
  const at = text.indexOf('Moderate left pleural effusion.');
  const span = { start: at, end: at + 'Moderate left pleural effusion'.length };
  assert.notDeepEqual(checkFix(text, { ...span, newText: 'Moderate right pleural effusion' }), []);
  assert.notDeepEqual(checkFix(text, { ...span, newText: '3.4 cm nodule' }), []);
  assert.notDeepEqual(checkFix(text, { ...span, newText: 'No acute cardiopulmonary process' }), []);
  // A fix the findings support: the impression says right, the findings say left.
  const conflict = text.replace('1. Moderate left pleural effusion.', '1. Moderate right pleural effusion.');
  const wrong = conflict.indexOf('Moderate right pleural effusion.');
  assert.deepEqual(
    checkFix(conflict, { start: wrong, end: wrong + 'Moderate right pleural effusion'.length, newText: 'Moderate left pleural effusion' }),
    [],
  );
});

test('snippets: no template is offered by completion (no prefix); Enter accepts no suggestion in a report', () => {
  const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets/radreport.code-snippets'), 'utf8'));
  for (const [name, s] of Object.entries(snippets)) {
    const multiLine = s.body.length > 1 || /\n/.test(s.body.join(''));
    if (multiLine) assert.equal(s.prefix, undefined, `${name}: a multi-line snippet has no completion prefix`);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.contributes.configurationDefaults['[radreport]']['editor.acceptSuggestionOnEnter'], 'off');
});
