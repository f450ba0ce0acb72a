// Readings of the verifier fixed in session 12 (verify-clauses.ts, index.ts summarySource, clauses.ts), each a pattern
// with phrasings of our own, a mutation refused and a faithful rewrite passed:
// - the words of a label line that says something (an exam title run on into "EXAM DATE:", "BIOMETRIC DATA:", an
//   organ's own sub-label) are report text: a restructure keeping them nowhere drops them; a section name the
//   template relabels ("INDICATION:" as CLINICAL HISTORY, "LUNGS:" as a field) is no content;
// - what the summary writer tells in the report's own words is asked of the report, not of the summary: a quote the
//   summary leaves out is a drop (before, the summary's own quotes were what it had to account for);
// - the clauses of a text are read once and handed out as copies: a caller marking its copy changes no other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { clausesOf, readText } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { verify, rewrite } = require(path.join(root, 'out/server/rewrite/index.js'));

const labelReasons = (source, candidate) =>
  checkClauses('restructure', parseReport(source), candidate)
    .map((r) => r.message)
    .filter((m) => /of the label/.test(m));

test('a label line that says something keeps its words in a restructure', () => {
  for (const [source, dropped, kept, words] of [
    [
      'EXAM:\nCHEST W/CONTRAST CT EXAM DATE: __.\nFINDINGS: There is a 3 cm mass in the right upper lobe.\nIMPRESSION: Right upper lobe mass.',
      'EXAM: [ ]\n\nFINDINGS:\n__.\nLungs: There is a 3 cm mass in the right upper lobe.\n\nIMPRESSION:\nRight upper lobe mass.\n',
      'EXAM: CHEST W/CONTRAST CT\n\nFINDINGS:\n__.\nLungs: There is a 3 cm mass in the right upper lobe.\n\nIMPRESSION:\nRight upper lobe mass.\n',
      /contrast ct/,
    ],
    [
      'EXAM:\nHEAD WITHOUT CONTRAST CT EXAM DATE: __.\nFINDINGS: Small acute left subdural hematoma.\nIMPRESSION: Small acute left subdural hematoma.',
      'EXAM: CT HEAD\n\nFINDINGS:\n__.\nExtra-axial spaces: Small acute left subdural hematoma.\n\nIMPRESSION:\nSmall acute left subdural hematoma.\n',
      'EXAM: HEAD WITHOUT CONTRAST CT\n\nFINDINGS:\n__.\nExtra-axial spaces: Small acute left subdural hematoma.\n\nIMPRESSION:\nSmall acute left subdural hematoma.\n',
      /without contrast/,
    ],
    [
      'EXAM: US OBSTETRIC\nFINDINGS:\nFETAL HEART RATE: 142 bpm.\nIMPRESSION: Single live intrauterine pregnancy.',
      'EXAM: US OBSTETRIC\n\nFINDINGS:\nFetal biometry: 142 bpm.\n\nIMPRESSION:\nSingle live intrauterine pregnancy.\n',
      'EXAM: US OBSTETRIC\n\nFINDINGS:\nFetal biometry: FETAL HEART RATE: 142 bpm.\n\nIMPRESSION:\nSingle live intrauterine pregnancy.\n',
      /heart rate/,
    ],
  ]) {
    const refused = labelReasons(source, dropped);
    assert.ok(
      refused.some((m) => RegExp(words).test(m)),
      `${dropped}: ${refused}`,
    );
    assert.deepEqual(labelReasons(source, String(kept)), [], String(kept));
  }
});

test('a section name relabelled by the template is no label content', () => {
  for (const [source, candidate] of [
    [
      'CLINICAL INDICATION: Cough.\nFINDINGS:\nLUNGS: Clear.\nPLEURA: No effusion.\nIMPRESSION: No acute process.',
      'CLINICAL HISTORY: Cough.\n\nFINDINGS:\nLungs: Clear.\nPleura: No effusion.\n\nIMPRESSION:\nNo acute process.\n',
    ],
    [
      'EXAM: CT ABDOMEN PELVIS WITH CONTRAST INDICATION: Abdominal pain.\nFINDINGS: The liver is normal.\nIMPRESSION: No acute abnormality.',
      'EXAM: CT ABDOMEN PELVIS WITH CONTRAST\n\nCLINICAL HISTORY: Abdominal pain.\n\nFINDINGS:\nLiver: The liver is normal.\n\nIMPRESSION:\nNo acute abnormality.\n',
    ],
    // A heading alone on its line over its values is replaced by the template's field.
    [
      'EXAM: US OBSTETRIC\nFINDINGS:\nBIOMETRY:\nBPD: 8.4 cm.\nIMPRESSION: Single live intrauterine pregnancy.',
      'EXAM: US OBSTETRIC\n\nFINDINGS:\nFetal measurements: BPD: 8.4 cm.\n\nIMPRESSION:\nSingle live intrauterine pregnancy.\n',
    ],
  ])
    assert.deepEqual(labelReasons(source, candidate), [], candidate);
  // And the restructure this product writes of such a report passes.
  const source =
    'EXAM: CT ABDOMEN PELVIS WITH CONTRAST INDICATION: Abdominal pain.\nFINDINGS: The liver is normal.\nIMPRESSION: No acute abnormality.';
  const r = rewrite('restructure', analyze(source));
  assert.ok(r.verification.ok, r.verification.reasons.join('; '));
});

/** The summary this product writes, and each of its finding lines left out in turn: the verifier's verdict on each. */
function eachLineLeftOut(source) {
  const analysis = analyze(source);
  const r = rewrite('summary', analysis);
  assert.ok(r.verification.ok, r.verification.reasons.join('; '));
  const lines = r.text.split('\n');
  return lines.flatMap((line, i) =>
    /^The report (?:also )?says/.test(line)
      ? [{ line, verdict: verify('summary', analysis, lines.filter((_, k) => k !== i).join('\n'), 'reworded') }]
      : [],
  );
}

test('a summary leaving out a sentence it would tell in the report words drops it', () => {
  for (const [source, quoted] of [
    // A minor finding beside the impression's own ("small osteophyte formation" under "degenerative changes").
    [
      'EXAM: CT THORACIC SPINE\nFINDINGS: Alignment is normal. Mild degenerative changes are present at T7-T8 and T10-T11, with small osteophyte formation and mild facet joint arthropathy. No fracture.\nIMPRESSION: Mild degenerative changes at T7-T8 and T10-T11, without fracture.',
      /osteophyte/,
    ],
    [
      'EXAM: CT LUMBAR SPINE\nFINDINGS: Vertebral body heights are maintained. At L4-L5 there is disc space narrowing with endplate sclerosis and a small posterior osteophyte. No fracture.\nIMPRESSION: Degenerative disc disease at L4-L5. No fracture.',
      /endplate sclerosis/,
    ],
  ]) {
    const left = eachLineLeftOut(String(source)).filter(({ line }) => RegExp(quoted).test(line));
    assert.ok(left.length, String(source));
    for (const { line, verdict } of left) assert.ok(!verdict.ok && verdict.reasons.some((m) => /^drops/.test(m)), line);
  }
});

test('a summary quoting a sentence it need not tell is still faithful', () => {
  // The impression restates the findings' finding: quoting the findings' sentence too adds nothing.
  const source =
    'EXAM: CT CHEST\nFINDINGS: There is a small right pleural effusion. The lungs are otherwise clear.\nIMPRESSION: Small right pleural effusion.';
  const analysis = analyze(source);
  const r = rewrite('summary', analysis);
  assert.ok(r.verification.ok, r.verification.reasons.join('; '));
  const withQuote = r.text.replace(
    /^What the report found:\n/m,
    'What the report found:\nThe report also says: "There is a small right pleural effusion."\n',
  );
  assert.notEqual(withQuote, r.text);
  const v = verify('summary', analysis, withQuote, 'reworded');
  assert.deepEqual(
    v.reasons.filter((m) => !/^reads at grade/.test(m)),
    [],
  );
});

test('the clauses of a text are read once and each caller gets its own copies', () => {
  const report = parseReport('FINDINGS: Small left effusion. No pneumothorax.\nIMPRESSION: Small left effusion.');
  const first = clausesOf(report);
  const was = first[0].significant;
  first[0].significant = !was;
  first[0].section = 'history';
  const second = clausesOf(parseReport(report.text));
  assert.equal(second.length, first.length);
  assert.notEqual(second[0], first[0]);
  assert.equal(second[0].section, 'findings');
  assert.equal(second[0].significant, was);
});

test('a run-in item typed in lower case after a quote mark is a clause of its own', () => {
  for (const [t, first, second] of [
    ['" Right renal hypodense lesion (cyst?)" hiatal hernia', 'lesion', 'hernia'],
    ['" Nodules in both lungs." atherosclerosis in the thoracic aorta', 'nodule', 'atherosclerosis'],
  ]) {
    const clauses = readText(`IMPRESSION: ${t}`);
    assert.equal(clauses.length, 2, t);
    assert.ok(clauses[0].words.includes(first) && !clauses[0].words.includes(second), t);
    assert.ok(clauses[1].words.includes(second), t);
  }
  // A quoted term inside a sentence is no item.
  assert.equal(readText('FINDINGS: It was described as "ground glass" in the prior report.').length, 1);
});

test('a caveat naming no finding, quoted word for word, is kept beside an organ normal statement', () => {
  for (const [source, caveat] of [
    [
      'EXAM: CT CHEST\nFINDINGS: Patchy ground-glass densities are observed in both lungs. The outlook is not typical for Covid-19 pneumonia. However, it cannot be ruled out. Thoracic esophagus calibration was normal.\n',
      'However, it cannot be ruled out.',
    ],
    [
      'EXAM: CT CHEST\nFINDINGS: Faint ground-glass opacities are seen in the right lower lobe. These are not typical of viral pneumonia. Nevertheless, it cannot be excluded. Thoracic esophagus calibration was normal.\n',
      'Nevertheless, it cannot be excluded.',
    ],
  ]) {
    const [first, second] = source
      .split('FINDINGS: ')[1]
      .split('. ')
      .map((s) => s.replace(/\.?\s*$/, '.'));
    const summary = [
      'This summary was written from your radiology report by a computer program. It uses everyday words. It does not replace the report.',
      'The report is about your chest CT scan.',
      '',
      'What the report found:',
      `The report also says: "${first}"`,
      `The report also says: "${second}"`,
      `The report also says: "${caveat}"`,
      '',
      'What the report did not find:',
      'The report also says: "Thoracic esophagus calibration was normal."',
      '',
      'Your doctor will talk with you about what these results mean for you.',
      '',
    ].join('\n');
    const analysis = analyze(source);
    assert.deepEqual(verify('summary', analysis, summary).reasons, [], source);
    const without = verify('summary', analysis, summary.replace(`The report also says: "${caveat}"\n`, ''));
    assert.ok(
      without.reasons.some((m) => m.startsWith('drops the caveat')),
      without.reasons.join('; '),
    );
  }
});

test('a summary size range in plain words is read as the range: kept passes, an end changed is refused', () => {
  for (const [source, plain, changed] of [
    [
      'EXAM: CT CHEST\nFINDINGS: Several nodules measuring 4-6 mm are seen in the right lower lobe.\nIMPRESSION: Right lower lobe nodules measuring 4-6 mm.',
      'about 4 to 6 millimeters',
      'about 4 to 9 millimeters',
    ],
    [
      'EXAM: CT CHEST\nFINDINGS: Multiple bilateral pulmonary nodules, 2-3 mm.\nIMPRESSION: Bilateral pulmonary nodules measuring 2-3 mm.',
      'about 2 to 3 millimeters',
      'about 3 to 3 millimeters',
    ],
  ]) {
    const analysis = analyze(source);
    const summary = ['What the report found:', `- There are small round spots in the lungs (nodules). They measure ${plain}.`, ''].join(
      '\n',
    );
    const kept = verify('summary', analysis, summary).reasons.filter((m) => /size|changes \d/.test(m));
    assert.deepEqual(kept, [], source);
    const refused = verify('summary', analysis, summary.replace(plain, changed)).reasons;
    assert.ok(
      refused.some((m) => /changes|size/.test(m)),
      refused.join('; '),
    );
  }
});

test('a preamble line naming its finding as known, moved word for word under the history, is the question asked', () => {
  for (const [line, rest] of [
    [
      'Known right breast carcinoma.',
      'FINDINGS: There is a 2 cm enhancing mass in the right breast.\nIMPRESSION: Known right breast carcinoma, 2 cm enhancing mass.',
    ],
    [
      'Known left renal cell carcinoma, for staging.',
      'FINDINGS: There is a 4 cm enhancing mass in the left kidney.\nIMPRESSION: 4 cm left renal mass, in keeping with the known carcinoma.',
    ],
  ]) {
    const analysis = analyze(`${line}\n${rest}\n`);
    const candidate = `EXAM: [ ]\n\nCLINICAL HISTORY: ${line}\n\n${rest.replace('FINDINGS: ', 'FINDINGS:\n')}\n`;
    assert.deepEqual(verify('restructure', analysis, candidate).reasons, [], line);
    // Not when its words change on the way: "Suspected …" is no longer what the report said.
    const changed = verify('restructure', analysis, candidate.replace(`HISTORY: Known`, 'HISTORY: Suspected'));
    assert.ok(!changed.ok, line);
  }
});
