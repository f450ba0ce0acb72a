// Shared by the nlp-*.test.mjs files: the compiled engine (run `npx tsc -b` first).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const { parseReport } = require(path.join(root, 'out/server/report/index.js'));
export const nlp = require(path.join(root, 'out/server/nlp/index.js'));

export const understand = (text) => nlp.understand(parseReport(text));

/** The mentions of one concept, as {assertion, side, text}. */
export function mentions(text, concept) {
  const u = understand(text);
  return u.findings
    .filter((f) => f.concept === concept)
    .map((f) => ({ assertion: f.assertion, side: f.side, text: text.slice(f.start, f.end), site: f.site, f }));
}

/** The assertion of the only mention of a concept. */
export function assertionOf(text, concept) {
  const found = mentions(text, concept);
  if (found.length !== 1) throw new Error(`expected one ${concept} in "${text}", got ${found.length}`);
  return found[0].assertion;
}

export function sideOf(text, concept) {
  const found = mentions(text, concept);
  if (found.length !== 1) throw new Error(`expected one ${concept} in "${text}", got ${found.length}`);
  return found[0].side;
}
