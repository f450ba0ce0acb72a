// Impression draft over an existing impression: a findings-drafted item and the old impression's item for
// the same finding are one item. The radiologist's own impression wording is kept; the drafted twin goes,
// and only when the verifier still passes the draft without it (what the verifier does not take, stays).

import type { Finding, Understanding } from '../nlp/types';
import { sameFindingKin } from '../nlp/relations';
import type { Report, Span } from '../report/types';
import { readClause, readText } from './clauses';
import { shareOf } from './clause-changes';
import { stripListNumber } from './list-number';
import type { ImpressionItem } from './impression-kept';

// "collection …, consistent with acute subdural hematoma": what the sentence reads the finding before it as.
const READ_AS =
  /\b(?:consistent|compatible|in keeping|diagnostic)\s+with\b|\bsuggest(?:s|ive|ing)?\b|\brepresent(?:s|ing)?\b|\blikely\b|\bin favou?r of\b/i;

const bare = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
// An old statement as an item tells it: list mark and opening article off ("4. A 4.2 cm cyst …" is "4.2 cm cyst …").
const statement = (text: string) => bare(stripListNumber(text)).replace(/^(?:a|an|the)\s+/, '');
const read = (text: string) => readClause(text, { start: 0, end: text.length }, 'impression', null);
// Sizes only ("1.6 x 1.2 x 1.0 cm"), not a list number or a category ("Nodule 2:", "TI-RADS 1").
// Spine levels, one spelling each ("L4-L5", "L4-5" and "L4/5" are "l4-5"); a bare "T1"/"T2" is the MRI weighting.
const levelsOf = (text: string) =>
  new Set(
    [...text.matchAll(/\b([CTLS])(\d{1,2})(?:\s*[-/]\s*[CTLS]?(\d{1,2}))?\b/gi)]
      .filter((m) => m[3] || !/^t[12]$/i.test(m[0]))
      .map((m) => `${m[1]}${m[2]}${m[3] ? `-${m[3]}` : ''}`.toLowerCase()),
  );
const numbersOf = (text: string) => new Set(text.match(/\d+(?:\.\d+)?(?=\s*(?:x|×|mm|cm)\b)/g) ?? []);

const sideOf = (f: Finding, text: string) => {
  const sides = [...read(text).sides];
  return f.side ?? (sides.length === 1 ? sides[0] : null);
};

/** Whether drafted finding `g` (in item text `drafted`) is the finding `f` the old impression's item `old` names. */
function sameFinding(g: Finding, drafted: string, f: Finding, old: string): boolean {
  if (!sameFindingKin(g.concept).has(f.concept)) return false;
  // The same side: the one the finding was read with, else the one side its item says ("Nodule 1: Right mid pole, …").
  if (sideOf(g, drafted) !== sideOf(f, old)) return false;
  // No site the old item does not say: the twin's "internal jugular" station would be lost with it.
  return g.site.every((s) => f.site.includes(s));
}

/**
 * The drafted items that only say again a finding of the old impression's item `old`: each of its findings is one
 * the old item names, same side, no site or size the old item does not say, or one the sentence reads as such a finding.
 */
function twinsOf(
  report: Report,
  old: ImpressionItem,
  oldFindings: readonly Finding[],
  items: readonly ImpressionItem[],
  findingsOf: (item: ImpressionItem) => readonly Finding[],
): ImpressionItem[] {
  const oldNumbers = numbersOf(old.text);
  const oldLevels = levelsOf(old.text);
  return items.filter((item) => {
    const findings = findingsOf(item);
    if (item === old || !findings.length) return false;
    const named = findings.filter((g) => oldFindings.some((f) => sameFinding(g, item.text, f, old.text)));
    if (!named.length) return false;
    const readAs = (g: Finding) =>
      named.some(
        (h) => h.start > g.end && READ_AS.test(report.text.slice(g.end, h.start)) && !/[.;]/.test(report.text.slice(g.end, h.start)),
      );
    if (!findings.every((g) => named.includes(g) || readAs(g))) return false;
    // No size the old item does not give: a node's "2.2 x 1.8 cm" would be lost with its twin; nor a spine level ("C2-3:
    // disc desiccation …" is not said by "Multilevel degenerative disc disease").
    return [...numbersOf(item.text)].every((n) => oldNumbers.has(n)) && [...levelsOf(item.text)].every((l) => oldLevels.has(l));
  });
}

/** Where in `within` the report writes `text` (an item as the draft wrote it: any list mark, space or full stop aside). */
function spanIn(reportText: string, within: Span, text: string): Span | null {
  const words = text
    .replace(/[.\s]+$/, '')
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const found = new RegExp(words.join('\\s+'), 'i').exec(reportText.slice(within.start, within.end));
  return found ? { start: within.start + found.index, end: within.start + found.index + found[0].length } : null;
}

/**
 * The items with each drafted twin of an old-impression item taken out, the old item standing where its first twin
 * stood; one old item at a time, kept only when `accepts` (the verifier) passes the items so.
 */
export function withoutTwins(
  report: Report,
  u: Understanding,
  old: Span,
  items: readonly ImpressionItem[],
  accepts: (items: readonly ImpressionItem[]) => boolean,
): ImpressionItem[] {
  const body = bare(report.text.slice(old.start, old.end));
  const inOld = u.findings.filter(
    (f) => f.start >= old.start && f.end <= old.end && (f.assertion === 'present' || f.assertion === 'possible'),
  );
  let out = [...items];
  // A drafted item listed as the findings wrote it ("4.2 cm cystic lesion is seen in the pancreatic tail.", kept with no
  // finding of its own): the findings read where the findings write it, so its twin in the old impression is found too.
  const findingsOf = (item: ImpressionItem): readonly Finding[] => {
    if (item.findings.length) return item.findings;
    const at =
      spanIn(report.text, { start: 0, end: old.start }, item.text) ??
      spanIn(report.text, { start: old.end, end: report.text.length }, item.text);
    return at
      ? u.findings.filter((f) => f.start >= at.start && f.end <= at.end && (f.assertion === 'present' || f.assertion === 'possible'))
      : [];
  };
  const oldClauses = readText(report.text.slice(old.start, old.end));
  // Another statement of the old impression the twin alone tells (kept out of the draft because the twin said it: "Mild
  // tendinosis of the tibialis anterior tendon" beside the posterior tibialis item): the twin stays, or it would be lost.
  const tellsAnother = (twin: ImpressionItem, item: ImpressionItem) => {
    const own = readText(twin.text);
    return oldClauses.some(
      (c) =>
        c.words.length > 0 &&
        !bare(item.text).includes(statement(c.text)) &&
        !out.some((x) => x !== twin && bare(x.text).includes(statement(c.text))) &&
        own.some((t) => shareOf(c, t) >= 0.6 || shareOf(t, c) >= 0.6),
    );
  };
  for (const item of items) {
    // An item of the old impression, as written there.
    if (item.findings.length || !body.includes(bare(item.text))) continue;
    // The findings read where the old impression writes it (not another item's same word: "nodule").
    const at = spanIn(report.text, old, item.text);
    const own = at ? inOld.filter((f) => f.start >= at.start && f.end <= at.end) : [];
    if (!own.length) continue;
    // One twin at a time: the verifier may take one ("4 mm of leftward midline shift") and not another.
    // (Never a drafted item the old impression itself writes as it stands: it is another of its statements, kept only
    // there, "The right MCA is not clearly visualized, suggesting possible occlusion." beside "Acute right MCA infarct.")
    const twins = twinsOf(report, item, own, out, findingsOf).filter(
      (twin) => !body.includes(bare(twin.text)) && !tellsAnother(twin, item),
    );
    for (const twin of twins) {
      const first = Math.min(out.indexOf(item), out.indexOf(twin));
      const rest = out.filter((x) => x !== item && x !== twin);
      const moved = [...rest.slice(0, first), item, ...rest.slice(first)];
      const stayed = out.filter((x) => x !== twin);
      // With the old item already before its twin the two lists are one: the verifier is asked once.
      const next = (moved.every((x, k) => x === stayed[k]) ? [moved] : [moved, stayed]).find(accepts);
      if (next) out = next;
    }
  }
  return out;
}
