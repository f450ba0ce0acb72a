// node scripts/gen-snippets.mjs [--check] (after `npx tsc -b`): writes snippets/radreport.code-snippets
// from the template library (server/src/templates), one snippet per template with a tab stop for
// every field (file templates without a completion prefix), and keeps the hand-written snippets of the file (every key not starting "Template: ").
// --check exits 1 when the committed file is stale; test/unit/templates.test.mjs does the same.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const snippetsFile = path.join(root, 'snippets/radreport.code-snippets');
export const GENERATED = 'Template: ';

const escape = (s) => s.replace(/[\\$}]/g, (c) => '\\' + c);

/** One template as a VS Code snippet: a tab stop per field, the template's normal text as each default. */
export function snippetOf(t) {
  let n = 1;
  const stop = (text) => (text ? `\${${n++}:${escape(text)}}` : `\${${n++}}`);
  const body = [
    `EXAM: ${stop(t.exam)}`,
    '',
    `CLINICAL HISTORY: ${stop('indication')}`,
    '',
    `TECHNIQUE: ${stop(t.technique)}`,
    '',
    `COMPARISON: ${stop(t.comparison)}`,
    '',
    'FINDINGS:',
    ...t.findings.map((s) => `${s.label}: ${stop(s.normal)}`),
    '',
    'IMPRESSION:',
    stop(t.impression),
    '$0',
  ];
  // No prefix: a whole report is never offered by completion while the radiologist types prose (issue
  // 18). It is inserted only by choice: "Snippets: Fill File with Snippet" in an empty report, or
  // "Insert Snippet".
  return {
    isFileTemplate: true,
    description: `${t.name} report template (generated from server/src/templates): Fill File with Snippet, or Insert Snippet`,
    body,
  };
}

/** The whole file: generated template snippets first, then the hand-written ones as they are. */
export function snippetsText(templates, current) {
  const out = {};
  for (const t of templates) out[`${GENERATED}${t.name}`] = snippetOf(t);
  for (const [key, value] of Object.entries(current)) if (!key.startsWith(GENERATED)) out[key] = value;
  return JSON.stringify(out, null, 2) + '\n';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { TEMPLATES } = require(path.join(root, 'out/server/templates/index.js'));
  const before = fs.readFileSync(snippetsFile, 'utf8');
  const after = snippetsText(TEMPLATES, JSON.parse(before));
  if (process.argv.includes('--check')) {
    if (after !== before) {
      console.error('snippets/radreport.code-snippets is stale: run `npm run snippets`');
      process.exit(1);
    }
  } else if (after !== before) {
    fs.writeFileSync(snippetsFile, after);
    console.log(`wrote ${path.relative(root, snippetsFile)} (${TEMPLATES.length} templates)`);
  }
}
