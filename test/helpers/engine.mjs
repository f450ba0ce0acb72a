// @ts-check
// Compiled engine modules (tsc -b writes CommonJS to out/server), for ESM tests. Typed from the
// sources (npm run lint type-checks the tests), so a renamed engine type or function fails there.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** A compiled engine module by its path under server/src (each kept one is typed from its source). */
export const load = (p) => require(path.join(root, 'out/server', p));

/** @type {typeof import('../../server/src/report/index.js')} */
export const report = load('report/index.js');
/** @type {typeof import('../../server/src/engine.js')} */
export const engine = load('engine.js');
/** @type {typeof import('../../server/src/rules/registry.js')} */
export const registry = load('rules/registry.js');

/** Problems of one rule over a text. */
export function problemsOf(ruleId, text) {
  return engine.checkText(text).problems.filter((p) => p.rule === ruleId);
}

/** Applies a fix's edits (in offsets) to a text. */
export function applyFix(text, fix) {
  const edits = [...fix.edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
