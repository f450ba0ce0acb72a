// Whether a line a mutation dropped from a rewrite took meaning with it: shared by eval:verify and the
// property tests, so both count a drop the same way (a line repeating another drops nothing).
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { readText, readClause, squash, GENERIC } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { impressionWorthy } = require(path.join(root, 'out/server/nlp/impression-worthy.js'));

/**
 * Whether a dropped line took meaning with it: a finding of the report that no line left names (the
 * report's term for it is gone from the rewritten part), or (impression) an item of the impression it
 * replaces whose words no item left has. `worthyOnly`: only findings the impression should carry
 * (nlp/impression-worthy.ts) count; else every finding the engine reads as present or possible.
 */
export function droppedMeaning({ kind, analysis, before, after, region }, { worthyOnly }) {
  if (kind === 'restructure') return true;
  let i = 0;
  while (before[i] === after[i]) i++;
  const gone = ` ${squash(before.slice(i, i + before.length - after.length))} `;
  // A summary still tells what its quoted advice lines say ("The report says: '… lesion of 23x11 mm …'"),
  // but not what only its word list names.
  const told = kind === 'summary' ? after.search(/^(?:Your doctor|Words in your report)/m) : -1;
  const rest = after.slice(region.start, told > 0 ? told : region.end - (before.length - after.length));
  const words = (t) => readClause(t, { start: 0, end: t.length }, 'impression', null).words;
  const left = new Set(words(rest));
  // What the impression left still says, as the engine reads it: the same finding on the same side.
  const still = kind === 'impression' ? analyze(after).understanding.findings.filter((g) => g.section === 'impression') : [];
  const { report, understanding: u } = analysis;
  const named = u.findings.filter((f) => {
    if (f.normal || !['present', 'possible'].includes(f.assertion)) return false;
    const term = report.text.slice(f.start, f.end);
    if (!squash(term) || !gone.includes(` ${squash(term)} `) || words(term).every((w) => left.has(w))) return false;
    return !still.some((g) => g.concept === f.concept && g.assertion === f.assertion && (g.side ?? f.side) === (f.side ?? g.side));
  });
  if (named.some((f) => (worthyOnly ? impressionWorthy(report, u, f) !== null : true))) return true;
  if (kind !== 'impression') return false;
  // Words compared by their first five letters: "thick" is in "thickness".
  const item = words(gone).map((w) => w.slice(0, 5));
  const kept = new Set([...left].map((w) => w.slice(0, 5)));
  // What an item of the old impression states ("without complications" denies, and is generic).
  const stated = readText(report.text)
    .filter((c) => c.section === 'impression' && c.positive)
    .map((c) => c.words.filter((w) => !c.negated.has(w) && !GENERIC.has(w)).map((w) => w.slice(0, 5)))
    .filter((ws) => ws.length);
  return stated.some((ws) => ws.filter((w) => item.includes(w)).length >= ws.length / 2 && !ws.every((w) => kept.has(w)));
}
