// @ts-check
// Shared by the nlp-*.test.mjs files: the compiled engine (run `npx tsc -b` first), typed from the
// sources like engine.mjs, so a renamed finding field fails the type check of the tests that read it.
import { load, report } from './engine.mjs';

export const { parseReport } = report;
/** @type {typeof import('../../server/src/nlp/index.js')} */
export const nlp = load('nlp/index.js');

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
