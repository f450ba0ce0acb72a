// Readings of the summary verifier that refused faithful summaries (h13s, session 12), each with its mutation still
// refused: a "however" inside a clause is no cut; "this lesion" after a remark naming none points further back; an
// "absent" before what it denies reaches no further than a "no" ("with absent flow, compatible with torsion" states
// the torsion); "in keeping with" hedges as "consistent with" does. Reports of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { verify } = require(path.join(root, 'out/server/rewrite/index.js'));
const { readClause, clausesOf } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const reasons = (source, summary) =>
  verify('summary', analyze(source), summary, 'reworded').reasons.filter((r) => !/^reads at grade/.test(r));
const found = (...quotes) => `What the report found:\n${quotes.map((q) => `The report also says: "${q}"`).join('\n')}\n`;

test('"this lesion" after a remark that names none is told with the clause that names it', () => {
  for (const [named, remark, pointing, impression] of [
    [
      'The lesion extends into the left cavernous sinus.',
      'The V1 and V2 branches however can be identified.',
      'There is intense enhancement of this lesion following gadolinium.',
      'Sellar lesion extending into the left cavernous sinus.',
    ],
    [
      'There are two nodules in the right lower lobe, the largest 6 mm.',
      'The fissures are intact.',
      'These nodules are unchanged from the prior study.',
      'Two right lower lobe nodules, unchanged.',
    ],
    [
      'There is a 2 cm mass in the right frontal lobe.',
      'The ventricles are normal in size.',
      'There is intense enhancement of this lesion.',
      'Right frontal mass.',
    ],
  ]) {
    const source = `EXAM: MRI.\n\nFINDINGS:\n${named} ${remark} ${pointing}\n\nIMPRESSION:\n${impression}\n`;
    assert.deepEqual(reasons(source, found(impression, named, pointing)), [], named);
    // Without the clause it points to, the pointing clause is still refused.
    assert.match(reasons(source, found(impression, pointing)).join('\n'), /speaks on from|drops/, named);
  }
});

test('a "however" with no comma before the verb is inside its clause; one opening a new statement still cuts', () => {
  const clauses = (findings) => clausesOf(parseReport(`FINDINGS:\n${findings}\n`)).map((c) => c.text.trim());
  for (const text of ['The V1 and V2 branches however can be identified.', 'The left kidney however is normal in size.'])
    assert.ok(clauses(text).includes(text), clauses(text).join(' | '));
  // "No effusion however there is a small nodule": the denial does not reach the nodule.
  const cut = clausesOf(parseReport('FINDINGS:\nNo pleural effusion however there is a small nodule in the right lung.\n'));
  assert.ok(cut.length > 1 && cut.some((c) => c.words.includes('nodule') && !c.negated.has('nodule')), cut.map((c) => c.text).join(' | '));
});

test('"absent" before what it denies reaches no further than "no"; a quote of such a sentence is told, its hedge dropped is not', () => {
  for (const [exam, impression, unhedged] of [
    [
      'US scrotum',
      'Enlarged left testis with absent internal blood flow, compatible with testicular torsion.',
      '- There is a twisted testicle on the left (testicular torsion).',
    ],
    [
      'US renal transplant',
      'Transplant kidney with no detectable arterial flow, in keeping with renal artery thrombosis.',
      '- There is a blood clot in the artery of the kidney (renal artery thrombosis).',
    ],
  ]) {
    const source = `EXAM: ${exam}.\n\nIMPRESSION:\n${impression}\n`;
    assert.deepEqual(reasons(source, found(impression)), [], impression);
    assert.notDeepEqual(reasons(source, `What the report found:\n${unhedged}\n`), [], unhedged);
  }
  const c = readClause('Flow is absent in the left testis.', { start: 0, end: 60 }, 'findings', null);
  assert.ok(c.negated.has('flow'), 'a predicative "absent" still denies its statement');
});

test('"increased attenuation" or "increased T2 signal" is how the tissue looks: a summary telling it has grown adds a time', () => {
  for (const [findings, line] of [
    [
      'There is increased T2 signal in the left hippocampus, likely representing mesial temporal sclerosis.',
      '- There may be scarring in the left side of the brain (mesial temporal sclerosis).',
    ],
    [
      'There is decreased echogenicity of the right kidney, which may represent pyelonephritis.',
      '- There may be an infection of the right kidney (pyelonephritis).',
    ],
  ]) {
    const source = `EXAM: Imaging.\n\nCOMPARISON: None.\n\nFINDINGS:\n${findings}\n`;
    const grown = `${line} It has increased since the last images.`;
    assert.match(reasons(source, `What the report may have found:\n${grown}\n`).join('\n'), /adds time/, grown);
  }
  // Compared with a study before, the same words are a change the summary keeps.
  const c = readClause('Increased density in the right lower lobe since the prior exam.', { start: 0, end: 60 }, 'findings', null);
  assert.ok(c.time.has('increased'));
});
