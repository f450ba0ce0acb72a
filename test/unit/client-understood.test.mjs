// The client's pure pages: "What RadLint understood" rendered from the server's Markdown (a table,
// links that reveal the finding, no pipe source), and the extension page's pictures inlined so the
// Extensions view shows them from the .vsix (its webview loads images from https: and data: only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';
import { inlineImages } from '../../scripts/extension-readme.mjs';

const require = createRequire(import.meta.url);
const { understoodPage, UNDERSTOOD_CSP } = require(path.join(root, 'out/client/client/src/understood-page.js'));

const MARKDOWN = [
  '# What RadLint understood',
  '',
  'Patient: female, 58 years. Exam: XR chest.',
  '',
  '| line | finding | assertion | side | text |',
  '|---:|---|---|---|---|',
  '| [6](file:///r/a.rpt#L6,7) | pleural effusion | present | left | left pleural \\| effusion |',
  '| [6](file:///r/a.rpt#L6,50) | pneumothorax | absent |  | <b>pneumothorax</b> |',
  '',
].join('\n');

test('the understood page is a table, each line number a link to the finding, nothing left as Markdown', () => {
  const links = [];
  const page = understoodPage(MARKDOWN, (uri, line, character) => (links.push([uri, line, character]), `command:x?${line}`));
  assert.deepEqual(links, [
    ['file:///r/a.rpt', 5, 6],
    ['file:///r/a.rpt', 5, 49],
  ]);
  assert.match(page, /<h1>What RadLint understood<\/h1>/);
  assert.match(page, /<th>finding<\/th>/);
  assert.match(page, /<td><a href="command:x\?5">6<\/a><\/td><td>pleural effusion<\/td>/);
  assert.match(page, /<td>left pleural \| effusion<\/td>/, 'an escaped pipe stays in its cell');
  assert.match(page, /&lt;b&gt;pneumothorax&lt;\/b&gt;/, 'report text is escaped');
  assert.match(page, /<td class="absent">absent<\/td>/);
  assert.doesNotMatch(page, /\|---|\]\(/);
  assert.match(page, new RegExp(`content="${UNDERSTOOD_CSP}"`));
  assert.doesNotMatch(UNDERSTOOD_CSP, /script-src/);
  assert.match(page, /var\(--vscode-editor-background\)/, 'theme colours');
});

test('the extension page inlines its local pictures as data: URIs and leaves web links alone', () => {
  const page = inlineImages('![A](images/icon.png) and ![B](https://example.org/b.png) [docs](docs/cli.md)', root);
  assert.match(page, /^!\[A\]\(data:image\/png;base64,iVBORw0KGgo/);
  assert.match(page, /!\[B\]\(https:\/\/example\.org\/b\.png\)/);
  assert.match(page, /\[docs\]\(docs\/cli\.md\)/);
  assert.throws(() => inlineImages('![x](images/icon.svg)', root), /not a PNG/);
});
