// Patient summaries (issue 18, hand read r16s #9): "increased attenuation", "decreased T2 signal", "increased FDG uptake"
// say how a finding looks on this exam, not that it grew or shrank since the last images.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { engine, root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { rewrite } = require(path.join(root, 'out/server/rewrite/index.js'));

const offered = (text) => {
  const r = rewrite('summary', engine.analyze(text));
  assert.equal(r.verification.ok, true, r.verification.reasons.join('\n'));
  return r.text.split('\nWords in your report:')[0];
};

test('summary: a brightness word on the image is not told as a change since the last images', () => {
  for (const text of [
    'EXAM: MRI brain.\nCOMPARISON: MRI brain 2021.\nFINDINGS: Increased T2 signal in the right hippocampus with volume loss.\nIMPRESSION: Increased T2 signal and volume loss of the right hippocampus suggesting mesial temporal sclerosis.\n',
    'EXAM: CT head without contrast.\nCOMPARISON: CT head from last year.\nFINDINGS: Small focus of increased density in the left frontal lobe.\nIMPRESSION: Small focus of increased density in the left frontal lobe, likely a hemorrhagic contusion.\n',
    'EXAM: CT abdomen.\nCOMPARISON: Prior CT.\nFINDINGS: Diffusely decreased attenuation of the liver.\nIMPRESSION: Diffusely decreased attenuation of the liver compatible with hepatic steatosis.\n',
  ]) {
    const s = offered(text);
    assert.doesNotMatch(s, /(?:increased|decreased) since the last images/, s);
  }
});

test('summary: a brightness that changed since the prior exam is still told as a change', () => {
  const s = offered(
    'EXAM: CT chest.\nCOMPARISON: CT chest 2022.\nFINDINGS: The right pleural effusion has increased since the prior exam.\nIMPRESSION: Right pleural effusion, increased since the prior exam.\n',
  );
  assert.match(s, /increased since the last images/, s);
});
