import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { escapeRegExp, hasWords } = require(path.join(root, 'out/server/report/regex.js'));

test('escapeRegExp: every special character is taken literally', () => {
  const text = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o/p';
  assert.equal(new RegExp(`^${escapeRegExp(text)}$`, 'u').test(text), true);
  assert.equal(new RegExp(escapeRegExp('1.5 cm')).test('105 cm'), false);
});

test('hasWords: words as words, a plural allowed, as the omission rule asked of its regex', () => {
  assert.equal(hasWords('partial tear of the tendon', 'tear'), true);
  assert.equal(hasWords('tearing of the tendon', 'tear'), false);
  assert.equal(hasWords('small effusions bilaterally', 'effusion'), true);
  assert.equal(hasWords('two abscesses', 'abscess'), true);
  assert.equal(hasWords('non-tear', 'tear'), false);
  assert.equal(hasWords('tear-drop', 'tear'), false);
  assert.equal(hasWords('first tearx, then tear.', 'tear'), true);
});
