import { test } from 'node:test';
import assert from 'node:assert/strict';
import { report as R } from '../helpers/engine.mjs';

const sentences = (text) => R.parseReport(text).sentences.map((s) => s.text);

// The splitter jumps from stop to stop, one search shared by all sections: a section without any stop
// must still end its sentence at its own end, and a later section must find its own stops.
test('sections without stops and list items end their sentences where they should', () => {
  assert.deepEqual(
    sentences('EXAM: Chest two views\nINDICATION: cough\nFINDINGS: Lungs clear. No effusion\nIMPRESSION:\n1. Normal chest. 2. No change\n'),
    ['Chest two views', 'cough', 'Lungs clear.', 'No effusion', '1. Normal chest.', '2. No change'],
  );
});

test('a stop inside a number or after an abbreviation ends nothing; a question does', () => {
  assert.deepEqual(sentences('FINDINGS: Nodule of 2.3 cm, e.g. in the apex. Pneumonia? No effusion!'), [
    'Nodule of 2.3 cm, e.g. in the apex.',
    'Pneumonia?',
    'No effusion!',
  ]);
});

// Dotted clinical abbreviations stand inside a sentence; a word that may end one ("lab.") still does.
test('n.p.o., p.o., i.v., p.r.n. and the a.c. joint end no sentence', () => {
  assert.deepEqual(
    sentences(
      'INDICATION: Patient kept n.p.o. since midnight, pain medication p.r.n. for a week.\nFINDINGS: Oral contrast given p.o. and i.v. contrast administered. Liver normal.',
    ),
    [
      'Patient kept n.p.o. since midnight, pain medication p.r.n. for a week.',
      'Oral contrast given p.o. and i.v. contrast administered.',
      'Liver normal.',
    ],
  );
  assert.deepEqual(sentences('FINDINGS: The a.c. joint is intact. Sample sent to the lab. No fracture.'), [
    'The a.c. joint is intact.',
    'Sample sent to the lab.',
    'No fracture.',
  ]);
});

// A query or stop in round brackets qualifies the finding before it; it does not end the sentence.
test('a question or stop inside round brackets ends no sentence', () => {
  assert.deepEqual(
    sentences(
      'FINDINGS: Two small hypoattenuating foci (hemangioma? cyst?) in the right hepatic lobe. Mild wall thickening (colitis?) of the sigmoid.',
    ),
    ['Two small hypoattenuating foci (hemangioma? cyst?) in the right hepatic lobe.', 'Mild wall thickening (colitis?) of the sigmoid.'],
  );
  assert.deepEqual(sentences('FINDINGS: Patchy densities (atelectasis? see prior study. ) at both bases. Heart normal.'), [
    'Patchy densities (atelectasis? see prior study. ) at both bases.',
    'Heart normal.',
  ]);
});

test('a bracket left open on its line does not swallow the sentences after it', () => {
  assert.deepEqual(sentences('FINDINGS: Nodule in the left lower lobe (series 4. No effusion? Heart normal.\nLiver normal.'), [
    'Nodule in the left lower lobe (series 4.',
    'No effusion?',
    'Heart normal.',
    'Liver normal.',
  ]);
});

test('a question right before ")" stays in the bracket even when the bracket began on the line above', () => {
  assert.deepEqual(
    sentences('FINDINGS: Mosaic attenuation of both lungs (air trapping,\nsmall airway disease?) without consolidation. No effusion.'),
    ['Mosaic attenuation of both lungs (air trapping,\nsmall airway disease?) without consolidation.', 'No effusion.'],
  );
});

// A stop typed without its space still ends the sentence, so a normal statement does not glue onto
// the finding before it; a stop inside a name, an abbreviation, a number or initials does not.
test('a stop without its space between a lower-case word and a capital ends a sentence', () => {
  assert.deepEqual(sentences('FINDINGS: There is mild edema.The other structures are normal.'), [
    'There is mild edema.',
    'The other structures are normal.',
  ]);
  assert.deepEqual(sentences('FINDINGS: Normal liver.No mass.Small simple cyst in the left kidney.CT shows no hydronephrosis.'), [
    'Normal liver.',
    'No mass.',
    'Small simple cyst in the left kidney.',
    'CT shows no hydronephrosis.',
  ]);
});

test('Dr.Smith, U.S., e.g.The, St.Mary, initials, decimals, fig.3 and n.p.o. are not cut', () => {
  assert.deepEqual(sentences('FINDINGS: Discussed with Dr.Smith at St.Mary hospital. Aorta 2.5 cm, see fig.3 of the prior.'), [
    'Discussed with Dr.Smith at St.Mary hospital.',
    'Aorta 2.5 cm, see fig.3 of the prior.',
  ]);
  assert.deepEqual(sentences('INDICATION: Seen at a U.S.Army hospital, e.g.The prior, seen by J.R.Brown, kept n.p.o.Today.'), [
    'Seen at a U.S.Army hospital, e.g.The prior, seen by J.R.Brown, kept n.p.o.Today.',
  ]);
  assert.deepEqual(sentences('FINDINGS: Lungs clear.no effusion. Heart size 10.5 cm.'), [
    'Lungs clear.no effusion.',
    'Heart size 10.5 cm.',
  ]);
});

test('a dotted country without "the" names something of it and goes on; "in the U.S." may end the sentence', () => {
  assert.deepEqual(sentences('FINDINGS: Images were read at U.S. Radiology and reviewed. No fracture.'), [
    'Images were read at U.S. Radiology and reviewed.',
    'No fracture.',
  ]);
  assert.deepEqual(sentences('HISTORY: Referred from U.S. Army Hospital; a U.K. trial participant. No acute abnormality.'), [
    'Referred from U.S. Army Hospital; a U.K. trial participant.',
    'No acute abnormality.',
  ]);
  assert.deepEqual(sentences('HISTORY: Recently moved to the U.K. In 2019 she had surgery.'), [
    'Recently moved to the U.K.',
    'In 2019 she had surgery.',
  ]);
  assert.deepEqual(sentences('HISTORY: Study performed in the U.S. No prior imaging.'), [
    'Study performed in the U.S.',
    'No prior imaging.',
  ]);
});

test('a bullet inside a line opens the next item of a list run on without stops; a bullet between lower-case words does not', () => {
  assert.deepEqual(sentences('IMPRESSION: • Enlarged mediastinal lymph nodes • Hiatal hernia • Lytic lesions in the thoracic spine'), [
    '• Enlarged mediastinal lymph nodes',
    '• Hiatal hernia',
    '• Lytic lesions in the thoracic spine',
  ]);
  assert.deepEqual(sentences('FINDINGS: The lungs are clear. • Right pleural effusion • 6 mm nodule in the left upper lobe'), [
    'The lungs are clear.',
    '• Right pleural effusion',
    '• 6 mm nodule in the left upper lobe',
  ]);
  assert.deepEqual(sentences('FINDINGS: Scattered • nodes noted.'), ['Scattered • nodes noted.']);
});

// An area's unit ("sq. cm") and a unit whose measure goes on after its stop end no sentence; a measure that ends
// the sentence still does, whatever comes next.
test('"sq. cm", "sq. mm" and "2 cm. in diameter" end no sentence; "measures 3 cm. The liver" and "3 cm. liver normal." do', () => {
  assert.deepEqual(sentences('FINDINGS: The mitral valve area is 1.1 sq. cm by planimetry. Mild MR.'), [
    'The mitral valve area is 1.1 sq. cm by planimetry.',
    'Mild MR.',
  ]);
  assert.deepEqual(sentences('FINDINGS: Orifice of 20 sq. mm. Valve area approx. 0.8 sq. cm. by continuity equation. No effusion.'), [
    'Orifice of 20 sq. mm.',
    'Valve area approx. 0.8 sq. cm. by continuity equation.',
    'No effusion.',
  ]);
  assert.deepEqual(sentences('FINDINGS: A cyst of 4 cm. in diameter in the right ovary. Uterus 8 mm. thick lining. Cyst vs. abscess.'), [
    'A cyst of 4 cm. in diameter in the right ovary.',
    'Uterus 8 mm. thick lining.',
    'Cyst vs. abscess.',
  ]);
  assert.deepEqual(
    sentences('FINDINGS: The nodule measures 3 cm. The liver is normal. stone 5 mm. liver normal.\nnode 9 mm.\nin the hilum.'),
    ['The nodule measures 3 cm.', 'The liver is normal.', 'stone 5 mm.', 'liver normal.', 'node 9 mm.', 'in the hilum.'],
  );
});

// A lower-case sentence after a unit's stop is a new sentence unless it goes on with the measure itself: joining
// "… 4 mm. and the mass …" made one denial reach the nodule and the mass (review rev11 #6).
test('a unit stop before "and", "at", "in the" or "with" still ends the sentence', () => {
  assert.deepEqual(sentences('FINDINGS: no pleural effusion is seen, the nodule measures 4 mm. and the mass in the liver is 2 cm.'), [
    'no pleural effusion is seen, the nodule measures 4 mm.',
    'and the mass in the liver is 2 cm.',
  ]);
  assert.deepEqual(sentences('FINDINGS: the cyst is 3 cm. in the left kidney there is a stone. node 9 mm. with fatty hilum.'), [
    'the cyst is 3 cm.',
    'in the left kidney there is a stone.',
    'node 9 mm.',
    'with fatty hilum.',
  ]);
  assert.deepEqual(sentences('FINDINGS: A mass of 3 cm. in greatest dimension. A node 12 mm. in short axis.'), [
    'A mass of 3 cm. in greatest dimension.',
    'A node 12 mm. in short axis.',
  ]);
});

test('a clipped clinical word ("lab.", "approx.", "prelim.", "pt.") goes on before a lower-case word, and ends the sentence before a capital', () => {
  assert.deepEqual(
    sentences(
      'IMPRESSION: Clinical and lab. correlation is advised. Prelim. read discussed with the pt. by phone. Correlate with labs. No effusion.\n',
    ),
    ['Clinical and lab. correlation is advised.', 'Prelim. read discussed with the pt. by phone.', 'Correlate with labs.', 'No effusion.'],
  );
  assert.deepEqual(sentences('FINDINGS: The cyst measures approx. 12 mm. Hx. of lymphoma noted. Results discussed with the pt.\n'), [
    'The cyst measures approx. 12 mm.',
    'Hx. of lymphoma noted.',
    'Results discussed with the pt.',
  ]);
});

// A capital letter with a stop is a person's initial ("Dr. J. Smith") only when it stands alone before a name:
// after the word it names a kind of, or before a word that opens a sentence, it ends one.
test('a letter after "type" or "vitamin", or a segment letter before a sentence opener, ends the sentence; an initial does not', () => {
  // A category with its management after it stays one sentence, as the RADS rules read it.
  assert.deepEqual(sentences('IMPRESSION: Lung-RADS 4A. Continue annual screening in 12 months.'), [
    'Lung-RADS 4A. Continue annual screening in 12 months.',
  ]);
  assert.deepEqual(sentences('FINDINGS: Hypodensities in liver segments 4A and 4B. Bilateral adrenal glands were normal.'), [
    'Hypodensities in liver segments 4A and 4B.',
    'Bilateral adrenal glands were normal.',
  ]);
  assert.deepEqual(sentences('FINDINGS: Cyst in the interpolar region, lesion 2C. Kidneys otherwise normal.'), [
    'Cyst in the interpolar region, lesion 2C.',
    'Kidneys otherwise normal.',
  ]);
  assert.deepEqual(sentences('INDICATION: Deficiency of vitamin B. The patient has neuropathy.'), [
    'Deficiency of vitamin B.',
    'The patient has neuropathy.',
  ]);
  assert.deepEqual(sentences('FINDINGS: Dissection, Stanford type A. No pericardial effusion.'), [
    'Dissection, Stanford type A.',
    'No pericardial effusion.',
  ]);
  assert.deepEqual(sentences('INDICATION: History of hepatitis C. Cirrhosis.'), ['History of hepatitis C.', 'Cirrhosis.']);
  assert.deepEqual(sentences('IMPRESSION: Discussed with Dr. J. Smith and Dr. A. B. Jones at 10 a.m. today. No effusion.'), [
    'Discussed with Dr. J. Smith and Dr. A. B. Jones at 10 a.m. today.',
    'No effusion.',
  ]);
  assert.deepEqual(sentences('INDICATION: E. coli bacteremia, H. pylori. Fever.'), ['E. coli bacteremia, H. pylori.', 'Fever.']);
});

// rev12 #7: "fx." before a number went on, so the nodule after it read as denied by "No acute rib fx".
test('a clipped word before a number ends its sentence, unless a measure follows it ("diam. 3 cm")', () => {
  assert.deepEqual(sentences('FINDINGS: No acute rib fx. 8 mm nodule in the left lower lobe.'), [
    'No acute rib fx.',
    '8 mm nodule in the left lower lobe.',
  ]);
  assert.deepEqual(sentences('IMPRESSION: Neg. 2 small cysts in the liver.'), ['Neg.', '2 small cysts in the liver.']);
  assert.deepEqual(sentences('FINDINGS: Mass, max diam. 3 cm, in the right lobe. No effusion.'), [
    'Mass, max diam. 3 cm, in the right lobe.',
    'No effusion.',
  ]);
});

// h13r (r15r #9): a template's sub-label glued after a closing bracket or an abbreviation in capitals starts a sentence.
test('a label glued after ")." or an abbreviation in capitals starts its own sentence; a bracket before a plain word does not', () => {
  assert.deepEqual(sentences('FINDINGS: The common bile duct is normal (4 mm).Pancreas: Normal in size.'), [
    'The common bile duct is normal (4 mm).',
    'Pancreas: Normal in size.',
  ]);
  assert.deepEqual(sentences('FINDINGS: Tumor contact with the SMA.Vascular involvement: Less than 180 degrees.'), [
    'Tumor contact with the SMA.',
    'Vascular involvement: Less than 180 degrees.',
  ]);
  assert.deepEqual(sentences('FINDINGS: Small nodule (image 12).The liver is normal.'), ['Small nodule (image 12).The liver is normal.']);
});

// An export that wrapped its lines may put a blank line inside a sentence: the line before ends in a word with no
// stop and the next goes on in lower case. A capital after the blank still ends the sentence.
test('a sentence wrapped across a blank line is one sentence; a new line in capitals or a letter item is not joined', () => {
  assert.deepEqual(sentences('FINDINGS: There is no evidence of a\n\nposterior fossa mass. Ventricles normal.'), [
    'There is no evidence of a\n\nposterior fossa mass.',
    'Ventricles normal.',
  ]);
  assert.deepEqual(sentences('FINDINGS: The right kidney shows mild\n\nhydronephrosis, without a stone.'), [
    'The right kidney shows mild\n\nhydronephrosis, without a stone.',
  ]);
  assert.deepEqual(sentences('FINDINGS: No pleural effusion\n\nMild cardiomegaly.'), ['No pleural effusion', 'Mild cardiomegaly.']);
  assert.equal(sentences('FINDINGS: Liver normal\n\nb) small cyst in the spleen.')[0], 'Liver normal');
  // rev19 #2: a stop-less list in lower case puts a statement on each line — a denial never reaches the next one.
  assert.deepEqual(sentences('FINDINGS: no pneumothorax\n\nsmall left pleural effusion\n'), [
    'no pneumothorax',
    'small left pleural effusion',
  ]);
  assert.deepEqual(sentences('FINDINGS: no fracture\n\nsoft tissue swelling of the left ankle.\n'), [
    'no fracture',
    'soft tissue swelling of the left ankle.',
  ]);
  assert.deepEqual(sentences('FINDINGS: There are no demonstrated myocardial\n\nbridges. Normal.'), [
    'There are no demonstrated myocardial\n\nbridges.',
    'Normal.',
  ]);
});
