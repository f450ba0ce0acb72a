// real-word-confusion: a real word where the sentence shows another was meant. Needs no dictionaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, engine } from '../helpers/engine.mjs';

/** The rule's problems, with radlint.ruleOptions.spelling as given (its `confusions` switch). */
const problems = (text, spelling = {}) =>
  engine.analyze(text, { ruleOptions: { spelling } }).problems.filter((p) => p.rule === 'real-word-confusion');
const flagged = (text, spelling) => problems(text, spelling).map((p) => text.slice(p.start, p.end));

test('real-word confusions with a clear context', () => {
  const confused = [
    ['Wall thickening of the terminal ilium.', 'ilium', 'ileum'],
    ['Fracture of the left ileum extending to the acetabulum.', 'ileum', 'ilium'],
    ['Tenosynovitis of the perineal tendons at the lateral malleolus.', 'perineal', 'peroneal'],
    ['Peroneal abscess with a fistula to the scrotum.', 'Peroneal', 'Perineal'],
    ['Healing fracture with bridging callous.', 'callous', 'callus'],
    ['Small bilateral plural effusions.', 'plural', 'pleural'],
    ['The prostrate gland is enlarged.', 'prostrate', 'prostate'],
    ['Dilated small bowl loops.', 'bowl', 'bowel'],
    ['No discreet mass.', 'discreet', 'discrete'],
    ['No discreet meniscal tear.', 'discreet', 'discrete'],
    ['The common perineal motor response is normal.', 'perineal', 'peroneal'],
    ['No dilated loops of bowl.', 'bowl', 'bowel'],
  ];
  for (const [sentence, word, right] of confused) {
    const text = `FINDINGS: ${sentence}`;
    const found = problems(text);
    assert.equal(found.length, 1, sentence);
    const [p] = found;
    assert.equal(text.slice(p.start, p.end), word, sentence);
    assert.equal(p.rule, 'real-word-confusion');
    assert.equal(p.severity, 'warning');
    assert.equal(applyFix(text, p.fixes[0]), text.replace(word, right), sentence);
  }
});

test('no confusion alarm where the word is right or the context is unclear', () => {
  const clean = [
    'Fracture of the left iliac wing extending into the ilium.',
    'Wall thickening of the terminal ileum.',
    'Fracture of the ilium. The terminal ileum is normal.', // each word has its own sentence
    'Perineal abscess with a fistula to the scrotum.',
    'Peroneal tendons are intact at the lateral malleolus.',
    'The perineal nerve and the peroneal nerve.', // both nerves exist
    'Bridging callus across the fracture.',
    'Small bilateral pleural effusions. The plural form.',
    'The prostate gland is enlarged.',
    'Normal small bowel loops.',
    'Discrete mass.',
    'The patient was found lying prostrate.',
    'He was discreet about his symptoms.',
  ];
  for (const sentence of clean) assert.deepEqual(flagged(`FINDINGS: ${sentence}`), [], sentence);
  assert.deepEqual(flagged('FINDINGS: Healing callous.', { confusions: false }), []);
});
