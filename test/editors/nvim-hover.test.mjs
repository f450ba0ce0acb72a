// Neovim 0.7 over stdio: the hover on a plain finding word and the report's document symbols.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, runNvimScript, skipWithoutNvim as skip } from './nvim-script.mjs';

test('Neovim: hover on "effusion" says what was understood; the symbols are the sections', { skip }, () => {
  const result = runNvimScript(
    'nvim-hover.lua',
    { 'report.rpt': join(ROOT, 'test', 'vscode', 'fixture', 'laterality.rpt') },
    { WORD: 'effusion' },
  );
  assert.match(result.hover, /pleural effusion — present · left/);
  assert.match(result.hover, /In plain words/);
  assert.deepEqual(
    result.symbols.map((s) => s.name),
    ['EXAM', 'INDICATION', 'FINDINGS', 'IMPRESSION'],
  );
  assert.equal(result.symbols[3].children.length, 2, 'the two impression items');
  console.log(`nvim: hover "${result.hover.split('\n')[0]}"; ${result.symbols.length} sections in the outline`);
});
