import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const glossary = require(path.join(root, 'out/server/nlp/glossary.js'));
const { gradeOf } = require(path.join(root, 'out/server/rewrite/readability.js'));
const { adviceSentences } = require(path.join(root, 'out/server/rewrite/summary.js'));
const lexicon = (name) => JSON.parse(fs.readFileSync(path.join(root, 'server/src/nlp/lexicon', name), 'utf8'));
const findings = lexicon('findings.json');
const anatomy = lexicon('anatomy.json');
const data = lexicon('glossary.json');

test('glossary: every findings.json concept has an entry, and every entry names a known concept', () => {
  const ids = new Set(findings.concepts.map((c) => c.id));
  const missing = [...ids].filter((id) => !data.concepts[id]);
  assert.deepEqual(missing, [], `concepts without a glossary entry: ${missing.join(', ')}`);
  const unknown = Object.keys(data.concepts).filter((id) => !ids.has(id));
  assert.deepEqual(unknown, [], `glossary entries for unknown concepts: ${unknown.join(', ')}`);
  assert.equal(glossary.GLOSSARY.length, findings.concepts.length);
});

test('glossary: term-level words name terms their concept really has; every anatomy site has plain words', () => {
  for (const c of findings.concepts) {
    const terms = new Set([...(c.terms ?? []), ...(c.abbr ?? []), ...Object.values(c.contexts ?? {}).flat()].map((t) => t.toLowerCase()));
    for (const t of Object.keys(data.concepts[c.id].terms ?? {})) assert.ok(terms.has(t), `${c.id} has no term "${t}"`);
  }
  const sites = new Set(anatomy.sites.map((s) => s.site));
  assert.deepEqual(
    [...sites].filter((s) => !data.sites[s]),
    [],
  );
  assert.deepEqual(
    Object.keys(data.sites).filter((s) => !sites.has(s)),
    [],
  );
});

test('glossary: glossOf gives lay phrase and meaning by concept id, undefined for an unknown id', () => {
  assert.equal(glossary.withSide(glossary.glossOf('pleural-effusion').lay, null), 'fluid around the lung');
  assert.equal(glossary.withSide(glossary.glossOf('pneumothorax').lay, 'left'), 'collapsed left lung');
  assert.match(glossary.glossOf('meniscal-tear').means, /meniscus/);
  assert.equal(glossary.glossOf('pneumothorax').term, 'pneumothorax');
  assert.equal(glossary.glossOf('no-such-concept'), undefined);
});

test('glossary: a lumped term gets its own words ("prostate cancer" is not an enlarged prostate)', () => {
  assert.equal(glossary.glossOfMention('prostatomegaly', 'prostate cancer').lay, 'prostate cancer');
  assert.equal(glossary.glossOfMention('prostatomegaly', 'enlarged prostate').lay, 'enlarged prostate');
  assert.equal(glossary.glossOfMention('malignancy', 'Tumor').lay, 'growth');
  assert.equal(glossary.glossOfMention('malignancy', 'carcinoma').lay, 'cancer');
});

test('glossary: plainTerm explains report anatomy words; plainUnit and plainSite say units and places', () => {
  assert.match(glossary.plainTerm('hilum'), /airways and blood vessels/);
  assert.match(glossary.plainTerm('Costophrenic  angle'), /corner of the lung/);
  assert.match(glossary.plainTerm('lower lobe'), /lower section/);
  assert.match(glossary.plainTerm('meniscus'), /cartilage in the knee/);
  assert.match(glossary.plainTerm('menisci'), /pads/);
  assert.equal(glossary.plainTerm('xylophone'), undefined);
  assert.equal(glossary.plainUnit('cm'), 'centimeters');
  assert.equal(glossary.plainUnit('mm'), 'millimeters');
  assert.equal(glossary.plainSite('lower lobe', 'right').where, 'in the lower part of the right lung');
  assert.equal(glossary.plainSite('base', 'bilateral').where, 'at the bottom of both lungs');
  assert.equal(glossary.plainSite('nowhere', 'left'), undefined);
});

test('glossary: meanings read at grade 8 or lower, lay phrases are unique, and nothing gives advice, outlook or cause', () => {
  const meanings = glossary.GLOSSARY.flatMap((g) => [g.means, ...[...Object.values(g.terms), ...g.senses].flatMap((t) => t.means ?? [])]);
  const hard = meanings.filter((m) => gradeOf(m) > 8);
  assert.deepEqual(hard, []);
  const lays = glossary.GLOSSARY.map((g) => glossary.withSide(g.lay, null));
  assert.deepEqual(
    lays.filter((l, i) => lays.indexOf(l) !== i),
    [],
  );
  const words = Object.keys(data.words).flatMap((w) => glossary.plainTerms(w));
  const texts = [...meanings, ...lays, ...words, ...data.statements.map((s) => s.plain)];
  assert.deepEqual(
    texts.flatMap((t) => adviceSentences(t)),
    [],
  );
});

test('glossary: a meaning states no size threshold and no route a report can contradict', () => {
  // "nodule"/"mass" near 3 cm is a lung convention: a 2 cm liver mass must not read as "more than 3 cm".
  for (const g of glossary.GLOSSARY) {
    for (const m of [g.means, ...Object.values(g.terms ?? {}).map((t) => t.means)]) {
      assert.doesNotMatch(m, /\d\s*(centimeters|millimeters|inches)/, `${g.id}: ${m}`);
    }
  }
  assert.match(glossary.glossOfMention('enteric-tube', 'Gastrostomy tube in place').means, /belly wall/);
  assert.match(glossary.glossOfMention('enteric-tube', 'PEG tube tip in the stomach').means, /belly wall/);
  assert.doesNotMatch(glossary.glossOfMention('enteric-tube', 'Enteric tube in the stomach').means, /nose|mouth/);
  assert.match(glossary.glossOfMention('enteric-tube', 'Nasogastric tube tip in the stomach').means, /nose/);
});

test('glossary: spine surgery words say what each operation does; "apical" names no one organ', () => {
  const mean = (term) => glossary.glossOfMention('spinal-fusion', term);
  // A laminectomy or discectomy takes something out; only a fusion joins bones.
  assert.match(`${mean('laminectomy').lay} ${mean('laminectomy').means}`, /removed part of a spine bone/);
  assert.doesNotMatch(mean('laminectomy').means, /joined/);
  assert.match(mean('discectomy').means, /disc\) between two spine bones was taken out/);
  assert.match(mean('posterior spinal fusion').means, /joined together/);
  assert.match(glossary.glossOfMention('orthopedic-hardware', 'vertebroplasty').means, /Cement/);
  // The heart's apex is apical too.
  assert.doesNotMatch(glossary.plainTerm('apical'), /lung/);
});

test('glossary: a sense is chosen by the words around the mention; a sense with no words of its own leaves the word unfit', () => {
  const around = (before, after = '') => ({ before, after });
  assert.equal(glossary.glossOfMention('pleural-effusion', 'effusions', around('Small bilateral subdural ')).unfit, true);
  assert.equal(glossary.glossOfMention('pleural-effusion', 'effusion', around('Small ', ' in the right mastoid air cells')).unfit, true);
  assert.equal(glossary.glossOfMention('pleural-effusion', 'effusion', around('Small right ', ' with atelectasis')).unfit, undefined);
  // "Pericardial and pleural effusions": the pleural term names its own sense.
  assert.equal(glossary.glossOfMention('pleural-effusion', 'pleural effusions', around('Small pericardial and ')).unfit, undefined);
  assert.match(glossary.glossOfMention('pulmonary-edema', 'edema', around('Diffuse subcutaneous ')).lay, /swelling/);
  assert.match(glossary.glossOfMention('pulmonary-edema', 'edema', around('Mild interstitial ')).lay, /lungs/);
  // A nerve root or the cord is pressed on, not a joint pinched or a bone misshapen.
  assert.match(glossary.glossOfMention('impingement', 'impingement', around('Mild ', ' of the traversing L5 nerve root')).lay, /nerve/);
  assert.match(glossary.glossOfMention('impingement', 'impingement', around('There is subacromial ')).lay, /joint/);
  assert.doesNotMatch(
    glossary.glossOfMention('osseous-abnormality', 'deformity', around('Mild ', ' of the ventral thecal sac')).lay,
    /bone/,
  );
  assert.doesNotMatch(
    glossary.glossOfMention('osseous-abnormality', 'deformity', around('Flattening and ', ' of the spinal cord')).lay,
    /bone/,
  );
  assert.match(glossary.glossOfMention('osseous-abnormality', 'deformity', around('Old healed ', ' of the distal radius')).lay, /bone/);
  assert.doesNotMatch(
    glossary.glossOfMention('contrast-material', 'contrast material', around('Reflux of ', ' into the IVC')).lay,
    /leftover/,
  );
  assert.match(glossary.glossOfMention('contrast-material', 'contrast material', around('Residual ', ' in the colon')).lay, /leftover/);
  assert.match(glossary.glossOfMention('surgical-clips', 'sutures', around('Median sternotomy ')).lay, /breastbone/);
  assert.match(glossary.glossOfMention('surgical-clips', 'sutures', around('', ' at the bowel anastomosis')).lay, /stitches/);
  // The word list explains a word the findings core refined by the words near it as the word it is.
  assert.doesNotMatch(glossary.glossOfWord('benign-neoplasm', 'mass', around('Benign-appearing ')).means, /cancer/);
  assert.match(glossary.glossOfWord('benign-neoplasm', 'lipoma').lay, /not cancer/);
  // Report words: the lung's base and hilum only near the lung.
  assert.equal(glossary.plainTerm('base', around('at the skull ')), undefined);
  assert.match(glossary.plainTerm('hilum', around('in the renal ')), /organ/);
  assert.match(glossary.plainTerm('cervical', around('', ' spine')), /spine/);
  assert.match(glossary.plainTerm('cervical', around('enlarged ', ' lymph nodes')), /neck/);
  assert.match(glossary.plainTerm('cervical', around('', ' length of the pregnancy')), /womb/);
});

// h10c's four concepts (round one) in words a patient reads: no modality the report may not be, the side where it has one.
test('glossary: venous air embolism, air in the right heart, non-mass enhancement and aortic stenosis in plain words', () => {
  for (const id of ['venous-air-embolism', 'right-heart-air', 'non-mass-enhancement', 'aortic-valve-stenosis']) {
    const g = glossary.glossOf(id);
    assert.ok(g.lay && g.means, id);
    assert.ok(gradeOf(g.means) <= 8, `${id}: ${g.means}`);
    assert.doesNotMatch(`${g.lay} ${g.means}`, /\b(?:MRI|CT|embolism|stenosis|enhancement)\b/i, id);
  }
  assert.equal(glossary.withSide(glossary.glossOf('non-mass-enhancement').lay, 'left'), 'area of the left breast that takes up dye');
  assert.match(glossary.glossOf('venous-air-embolism').lay, /air/);
});

test('a term with a plural phrase of its own matches in its plural; one without keeps to its singular', () => {
  assert.equal(glossary.glossOfMention('splenic-lesion', 'splenic cysts').pl, 'fluid-filled sacs in the spleen');
  assert.equal(glossary.glossOfMention('renal-mass', 'angiomyolipomas').pl, 'fatty lumps in the kidney');
  assert.equal(glossary.glossOfMention('splenic-lesion', 'accessory spleen').pl, undefined);
  // "yolk sacs" has no plural phrase of its own: the concept's words, never the singular "yolk sac" said of two.
  assert.notEqual(glossary.glossOfMention('intrauterine-pregnancy', 'yolk sacs').lay, 'yolk sac');
  assert.equal(glossary.glossOfMention('intrauterine-pregnancy', 'yolk sac').lay, 'yolk sac');
  // Context chooses the sense: needle aspiration of fluid has no lay words (quoted instead), the lung's keeps them.
  const around = (before, after) => ({ before, after });
  assert.equal(
    glossary.glossOfMention('aspiration', 'aspiration', around('Under ultrasound guidance,', 'of 3 liters of fluid')).unfit,
    true,
  );
  assert.equal(
    glossary.glossOfMention('aspiration', 'aspiration', around('Right lower lobe opacity suggests', 'in this patient')).unfit,
    undefined,
  );
  assert.match(glossary.glossOfMention('emphysema', 'emphysematous changes', around('', 'in the subcutaneous tissues')).lay, /soft tissue/);
  assert.match(glossary.glossOfMention('emphysema', 'emphysema', around('Centrilobular', 'in both upper lobes')).lay, /air sacs/);
});

test('"collapse" of a disc space, joint or hollow organ is neither a squashed spine bone nor a deflated lung', () => {
  const around = (before, after) => ({ before, after });
  for (const [before, after] of [
    ['Disc space', 'at L5-S1 with endplate sclerosis'],
    ['There is near complete disc height', 'at L4-5'],
    ['Joint space', 'of the medial compartment'],
  ]) {
    assert.equal(glossary.glossOfMention('compression-fracture', 'collapse', around(before, after)).unfit, true, before);
    assert.equal(glossary.glossOfMention('lobar-collapse', 'collapse', around(before, after)).unfit, true, before);
  }
  assert.equal(glossary.glossOfMention('lobar-collapse', 'collapse', around('Right lower lobe', 'with volume loss')).unfit, undefined);
  assert.equal(
    glossary.glossOfMention('compression-fracture', 'collapse', around('T12 vertebral body', 'with retropulsion')).unfit,
    undefined,
  );
});

test('heart valve and wall entries name the heart in words a patient reads', () => {
  for (const id of ['aortic-regurgitation', 'mitral-regurgitation', 'tricuspid-regurgitation', 'pulmonic-regurgitation', 'mitral-stenosis'])
    assert.match(glossary.glossOfMention(id, 'x').lay, /heart valve$/, id);
  // Said with an article: "There is a thick wall …", not "There is thick main pumping chamber".
  for (const id of ['left-ventricular-hypertrophy', 'hypertrophic-cardiomyopathy']) {
    const g = glossary.glossOfMention(id, 'x');
    assert.equal(g.mass, false, id);
    assert.ok(gradeOf(`There is a ${g.lay}. ${g.means}`) <= 8, id);
  }
});

// r16s #6: the spine's normal front-to-back curve ("reversal of the normal cervical curvature") is no sideways curve.
test('glossary: "curvature" of a normal, lost or reversed spinal curve is not explained as scoliosis', () => {
  const around = (before, after = '') => ({ before, after });
  for (const [before, after] of [
    ['There is reversal of the normal cervical ', ''],
    ['Loss of the usual lumbar ', ', likely from muscle spasm'],
    ['Straightening of the ', ' of the neck'],
    ['The normal lordotic ', ' is preserved'],
  ])
    assert.doesNotMatch(glossary.glossOfMention('scoliosis', 'curvature', around(before, after)).lay, /sideways/, before);
  assert.match(
    glossary.glossOfMention('scoliosis', 'curvature', around('Mild ', ' of the thoracic spine convex to the right')).lay,
    /sideways/,
  );
  assert.match(glossary.glossOfMention('scoliosis', 'dextroscoliosis', around('Mild ')).lay, /sideways/);
});

// h13v to-h13s (#143): a meningioma at a vertebral level is the spinal cord's lining, not the brain's.
test('glossary: a meningioma in the spinal canal is explained as of the spinal cord, one at the convexity as of the brain', () => {
  const around = (before, after = '') => ({ before, after });
  for (const before of [
    'An intradural extramedullary mass at T3, consistent with a ',
    'Calcified lesion in the spinal canal at the T5 level, which may be a ',
  ])
    assert.match(glossary.glossOfMention('malignancy', 'meningioma', around(before)).lay, /spinal cord/, before);
  assert.match(glossary.glossOfMention('malignancy', 'meningioma', around('Left frontal convexity ')).lay, /brain/);
  assert.match(glossary.glossOfMention('malignancy', 'meningiomas', around('Two ', ' along the thoracic spinal cord')).lay, /spinal cord/);
});
