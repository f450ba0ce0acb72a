// The user's files are never damaged: .radlint.json is edited in place as JSONC (comments, order,
// trailing commas, byte-order mark and line endings kept), a file that cannot be parsed is never
// written, and a word list is appended to in its own encoding or, when that cannot be done
// exactly, left byte for byte as it was.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const ignores = require(path.join(root, 'out/server/ignores.js'));
const words = require(path.join(root, 'out/server/word-lists.js'));

const made = [];
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function folderWith(configText) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-files-'));
  made.push(dir);
  if (configText !== undefined) fs.writeFileSync(path.join(dir, '.radlint.json'), configText);
  return dir;
}
const configOf = (dir) => fs.readFileSync(path.join(dir, '.radlint.json'));
const ENTRY = { file: 'a.rpt', rule: 'spelling', text: 'Foo', context: 'Foo is here.' };

test('JSONC: comments, trailing commas, other keys and their order survive an added ignore', () => {
  const original = [
    '// Kept by the team: do not remove',
    '{',
    '  "zeta": 1, // why zeta',
    '  /* the ignores */',
    '  "ignore": [',
    '    { "file": "b.rpt", "rule": "spelling", "text": "Bar", "context": "Bar." }, // old one',
    '  ],',
    '  "alpha": true,',
    '}',
    '',
  ].join('\n');
  const dir = folderWith(original);
  assert.equal(ignores.addIgnore(dir, ENTRY), true);
  const text = configOf(dir).toString('utf8');
  for (const kept of ['// Kept by the team: do not remove', '// why zeta', '/* the ignores */', '// old one'])
    assert.ok(text.includes(kept), kept);
  assert.ok(text.indexOf('"zeta"') < text.indexOf('"ignore"') && text.indexOf('"ignore"') < text.indexOf('"alpha"'), 'key order kept');
  const { ignores: read, error } = ignores.readIgnores(dir);
  assert.equal(error, undefined);
  assert.deepEqual(
    read.map((e) => e.text),
    ['Bar', 'Foo'],
  );
  assert.equal(ignores.addIgnore(dir, ENTRY), false, 'the same ignore is not added twice');
  assert.equal(ignores.removeIgnore(dir, ENTRY), true);
  assert.ok(configOf(dir).toString('utf8').includes('// old one'), 'removing keeps the comments too');
  assert.deepEqual(
    ignores.readIgnores(dir).ignores.map((e) => e.text),
    ['Bar'],
  );
});

test('a new .radlint.json is created; a byte-order mark and CRLF line endings are kept', () => {
  const fresh = folderWith();
  ignores.addIgnore(fresh, ENTRY);
  assert.deepEqual(ignores.readIgnores(fresh).ignores, [ENTRY]);
  const crlf = folderWith('\uFEFF{\r\n  // note\r\n  "ignore": []\r\n}\r\n');
  ignores.addIgnore(crlf, ENTRY);
  const bytes = configOf(crlf);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
  assert.ok(!/[^\r]\n/.test(bytes.toString('utf8')), 'every line still ends in CRLF');
  assert.deepEqual(ignores.readIgnores(crlf).ignores, [ENTRY]);
});

test('a .radlint.json that cannot be parsed, or holds the wrong shape, is never written', () => {
  const variants = [
    { text: '{ "ignore": [ { "file": "a.rpt" ', expected: /:1:\d+: not valid JSON/ },
    { text: '{ "ignore": [] }} extra', expected: /:1:\d+: not valid JSON/ },
    { text: '{\n  "ignore": [\n    { "file": "x" "rule": "y" }\n  ]\n}\n', expected: /:3:\d+: not valid JSON/ },
    { text: '{ "ignore": "not a list" }', expected: /"ignore" must be a list/ },
    { text: '[1, 2, 3]', expected: /must hold one object/ },
    { text: "{ 'single': 'quotes' }", expected: /not valid JSON/ },
    { text: '{ "ignore": [], "unterminated": "str }', expected: /not valid JSON/ },
  ];
  for (const { text, expected } of variants) {
    const dir = folderWith(text);
    const before = configOf(dir);
    assert.throws(
      () => ignores.addIgnore(dir, ENTRY),
      (/** @type {any} */ error) => error instanceof ignores.ConfigFileError && expected.test(error.message),
      text,
    );
    assert.deepEqual(configOf(dir), before, `untouched: ${text}`);
  }
  const latin1 = folderWith(Buffer.from('{ "note": "caf\xe9", "ignore": [] }', 'latin1'));
  const before = configOf(latin1);
  assert.throws(() => ignores.addIgnore(latin1, ENTRY), /not UTF-8/);
  assert.deepEqual(configOf(latin1), before, 'a Latin-1 .radlint.json is not rewritten');
});

test('schema errors read as what is wrong and where, not as "[": line and column for parse errors', () => {
  const bad = ignores.readIgnores(folderWith('{ "ignore": [ { "file": "a.rpt", "rule": 3 } ] }'));
  assert.match(bad.error, /\.radlint\.json: ignore\.0\.rule: .*string/);
  assert.doesNotMatch(bad.error, /: \[$/);
  const broken = ignores.readIgnores(folderWith('{\n  "ignore": [,]\n}'));
  assert.match(broken.error, /\.radlint\.json:2:\d+: not valid JSON with comments \(value expected\)/);
});

test('word lists: appended in their own encoding and line ending; a Latin-1 list is left untouched', () => {
  const dir = folderWith();
  const latin1 = path.join(dir, 'latin1.txt');
  // 1,000 accented words: once rewritten as UTF-8 they became replacement characters.
  const original = Buffer.from(Array.from({ length: 1000 }, (_, i) => `r\xe9sum\xe9${i}`).join('\n') + '\n', 'latin1');
  fs.writeFileSync(latin1, original);
  assert.ok(words.readWordList(latin1).includes('résumé7'), 'its words are read');
  assert.throws(() => words.addToWordList(latin1, 'pneumo'), /not UTF-8 or UTF-16.*left it as it is/);
  assert.deepEqual(fs.readFileSync(latin1), original, 'byte for byte as it was');

  const utf16 = path.join(dir, 'utf16.txt');
  fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# mine\r\nkerley\r\n', 'utf16le')]));
  assert.equal(words.addToWordList(utf16, 'bosniak'), true);
  const bytes = fs.readFileSync(utf16);
  assert.equal(bytes.subarray(2).toString('utf16le'), '# mine\r\nkerley\r\nbosniak\r\n');
  assert.deepEqual(words.readWordList(utf16), ['kerley', 'bosniak']);

  const utf8 = path.join(dir, 'utf8.txt');
  fs.writeFileSync(utf8, '# no final newline\nfoo');
  words.addToWordList(utf8, 'bar');
  assert.equal(fs.readFileSync(utf8, 'utf8'), '# no final newline\nfoo\nbar\n');
  assert.equal(words.addToWordList(utf8, 'BAR'), false, 'a word the list has is not added again');
});

test('strict JSON stays strict JSON: adding to and removing from a file written by JSON.stringify', () => {
  const other = { file: 'b.rpt', rule: 'spelling', text: 'Bar', context: 'Bar.' };
  const dir = folderWith(JSON.stringify({ version: 1, ignore: [other] }, null, 2) + '\n');
  ignores.addIgnore(dir, ENTRY);
  assert.deepEqual(JSON.parse(configOf(dir).toString('utf8')).ignore, [other, ENTRY]);
  ignores.removeIgnore(dir, ENTRY);
  assert.deepEqual(JSON.parse(configOf(dir).toString('utf8')), { version: 1, ignore: [other] });
  ignores.removeIgnore(dir, other);
  assert.deepEqual(JSON.parse(configOf(dir).toString('utf8')), { version: 1, ignore: [] });
});
