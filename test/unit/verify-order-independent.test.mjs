// A rewrite's verdict depends on its report alone, never on what ran before it in the same process (no state kept
// between documents: a module-level cache keyed by text, a /g regex's lastIndex, a memo outliving its report). Each
// report is rewritten in a fresh process alone, then after all the others in order and in reverse: the same verdicts,
// reasons and text. Reports of our own, of several kinds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { rewrite, REWRITE_KINDS } = require(path.join(root, 'out/server/rewrite/index.js'));

const REPORTS = [
  'EXAM: CT CHEST WITH CONTRAST\nFINDINGS: A 7 mm solid nodule in the right upper lobe. Possible small left pleural effusion. No pneumothorax.\nIMPRESSION: 1. 7 mm right upper lobe nodule. 2. Possible small left pleural effusion.\n',
  'EXAM: MRI LEFT KNEE\nFINDINGS:\nMenisci: Complex tear of the posterior horn of the medial meniscus.\nLigaments: The anterior cruciate ligament is intact.\nJoint: Small joint effusion.\nIMPRESSION: Medial meniscal tear. Small effusion.\n',
  'EXAM: US KIDNEYS\nFINDINGS:\nRight kidney: 10.8 cm. Mild hydronephrosis.\nLeft kidney: 11.2 cm. A 1.5 cm simple cyst in the upper pole.\nBladder: Normal.\nIMPRESSION: Mild right hydronephrosis. Simple left renal cyst.\n',
  'EXAM: MRI LUMBAR SPINE\nFINDINGS:\nL3-L4: Normal.\nL4-L5: Broad-based disc bulge with moderate central canal stenosis.\nL5-S1: Small central protrusion without nerve root compression.\nIMPRESSION: Moderate canal stenosis at L4-L5.\n',
  'EXAM: CT CHEST\nFINDINGS: Centrilobular emphysema in both upper lobes. A nodule in the right lower lobe. Calcified plaque in the aorta. "Emphysema Nodule in the right lower lobe Aortic atherosclerosis\n',
  'EXAM: ECHOCARDIOGRAM\nFINDINGS:\nLeft ventricle: Normal size. Ejection fraction 55%.\nRight ventricle: Mildly dilated.\nIMPRESSION: No acute interval change.\n',
];
const verdicts = (text) =>
  Object.fromEntries(
    REWRITE_KINDS.map((kind) => {
      const r = rewrite(kind, analyze(text));
      return [kind, { ok: r.verification.ok, reasons: r.verification.reasons, text: r.text }];
    }),
  );

test('the verdict of each report alone is the verdict after the others, in either order', () => {
  const script = `const {analyze}=require(${JSON.stringify(path.join(root, 'out/server/engine.js'))});
const {rewrite,REWRITE_KINDS}=require(${JSON.stringify(path.join(root, 'out/server/rewrite/index.js'))});
const text=require('node:fs').readFileSync(0,'utf8');
console.log(JSON.stringify(Object.fromEntries(REWRITE_KINDS.map((kind)=>{const r=rewrite(kind,analyze(text));return [kind,{ok:r.verification.ok,reasons:r.verification.reasons,text:r.text}];}))));`;
  const alone = REPORTS.map((text) => JSON.parse(execFileSync(process.execPath, ['-e', script], { input: text, encoding: 'utf8' })));
  const forward = REPORTS.map(verdicts);
  const backward = [...REPORTS].reverse().map(verdicts).reverse();
  REPORTS.forEach((text, i) => {
    assert.deepEqual(forward[i], alone[i], `after the others: ${text.slice(0, 40)}`);
    assert.deepEqual(backward[i], alone[i], `in reverse: ${text.slice(0, 40)}`);
  });
});
