// The reworded reading of "the same report" (verify.ts): the findings core run on both texts finds
// the same findings (concept, assertion, side, site) and the same sizes.
//
// Sizes are compared as lengths (mm), volumes (mL), attenuation (HU) or angles. A unit change is
// the same size only when the value converts exactly (2.1 cm = 21 mm); a rounded conversion
// (2.15 cm -> 22 mm) or a unit swapped without converting (2.1 cm -> 2.1 mm) is a change.
import { sameFinding, type Finding, type Measurement } from '../nlp';
import { sentenceIndexAt } from '../report';
import { findingName, note, type Diff, type Reading } from './verify-reading';
import { namesKnownBefore, sentenceKind } from '../templates/sentence-kinds';
import { CUES, readClause } from './clauses';

const UNIT_SCALE: Readonly<Record<string, [string, number]>> = {
  mm: ['length', 1],
  cm: ['length', 10],
  mL: ['volume', 1],
  cc: ['volume', 1],
  HU: ['attenuation', 1],
  degrees: ['angle', 1],
};

/** A size as a comparable key: its kind and its values in one base unit (exact to a millionth). */
export function sizeKey(m: Pick<Measurement, 'value' | 'unit'>): string {
  const [kind, scale] = UNIT_SCALE[m.unit] ?? [m.unit, 1];
  return `${kind}:${m.value.map((v) => Math.round(v * scale * 1e6) / 1e6).join('x')}`;
}

const keyOf = (f: Finding) => `${f.concept}|${f.assertion}|${f.side ?? ''}`;

/** First mention of each distinct (concept, assertion, side): a finding stated twice is one finding. */
function distinct(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = keyOf(f);
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(f);
  }
  return map;
}

/**
 * Who the patient is, written above the headers ("This is a 22-year-old pregnant female."), is the
 * history wherever a rewrite puts it: moved under the history header word for word, what it names
 * becomes the history's (a question, not a finding) and is neither dropped nor added. The lines moved so.
 */
function patientLinesMoved(src: Reading, out: Reading): Set<string> {
  const lines = (r: Reading, section: string) =>
    new Set(r.findings.filter((f) => f.section === section).map((f) => r.report.sentences[f.sentenceIndex]?.text.trim() ?? ''));
  const history = lines(out, 'history');
  // (Or one naming its finding as known before this exam: "Known right breast carcinoma." is the question asked.)
  return new Set(
    [...lines(src, 'preamble')].filter(
      (t) => history.has(t) && (sentenceKind(t) === 'history' || namesKnownBefore(t)) && !statesThisExam(t),
    ),
  );
}

// Measures of a finding (not an age, a date or a count of years: "22-year-old", "resection 2 years ago").
const MEASURE = /^(?:length|area|volume):/;
const NOW = new Set(CUES.nowWords);
const ONSET = new Set(CUES.onsetWords);
/**
 * A line that states what this exam shows beside what was known: a change or a new finding ("… has increased, now
 * measuring 14 mm", "Known carcinoma, now with new 2 cm axillary node", "… which has grown to 3 cm"), or a size.
 * Moved to the history it becomes the question; it stays a finding, whatever words it opens on (rev14 #1).
 */
function statesThisExam(line: string): boolean {
  // (Words of how a known disease began, "Recent diagnosis of …", "acute onset", are its history, not this exam's.)
  const words = line.toLowerCase().split(/[^a-z]+/);
  if (words.some((w) => NOW.has(w))) return true;
  const told = words.filter((w) => !ONSET.has(w)).join(' ');
  const c = readClause(told, { start: 0, end: told.length }, 'preamble', null);
  return [...c.time].some((t) => t !== 'old') || c.quantities.some((q) => MEASURE.test(q));
}

/** Both texts state the same findings: nothing dropped, added, moved to the other side or re-hedged. */
export function compareFindings(src: Reading, out: Reading, diff: Diff): void {
  const moved = patientLinesMoved(src, out);
  const stays = (r: Reading, section: string) => (f: Finding) =>
    f.section !== section || !moved.has(r.report.sentences[f.sentenceIndex]?.text.trim() ?? '');
  const a = distinct(src.findings.filter(stays(src, 'preamble')));
  const b = distinct(out.findings.filter(stays(out, 'history')));
  const lost = [...a].filter(([k]) => !b.has(k)).map(([, l]) => l[0]);
  const gained = [...b].filter(([k]) => !a.has(k)).map(([, l]) => l[0]);
  const take = (from: Finding[], test: (g: Finding) => boolean) => {
    const i = from.findIndex(test);
    return i < 0 ? undefined : from.splice(i, 1)[0];
  };
  const unpaired: Finding[] = [];
  for (const f of lost) {
    let g = take(gained, (g) => g.concept === f.concept && g.assertion === f.assertion);
    if (g) {
      const reason = !f.side
        ? `adds side to: ${f.finding} (${g.side})`
        : !g.side
          ? `drops side of: ${f.finding} (${f.side})`
          : `changes side of: ${f.finding} (${f.side} -> ${g.side})`;
      note(diff, reason, f, g);
      continue;
    }
    g = take(gained, (g) => g.concept === f.concept && g.side === f.side);
    if (g) {
      note(diff, `changes ${f.side ? `${f.side} ` : ''}${f.finding} from ${f.assertion} to ${g.assertion}`, f, g);
      continue;
    }
    g = take(gained, (g) => sameFinding(f.concept, g.concept) && g.assertion === f.assertion && g.side === f.side);
    if (g) {
      note(diff, `changes ${findingName(f)} to ${g.finding}`, f, g);
      continue;
    }
    unpaired.push(f);
  }
  for (const f of unpaired) {
    // Same concept, other side and other assertion: still a change of this finding, not a drop and an add.
    const g = take(gained, (g) => g.concept === f.concept);
    if (g) note(diff, `changes ${findingName(f)} to ${findingName(g)}`, f, g);
    else note(diff, `drops: ${findingName(f)}`, f);
  }
  // A finding stated again elsewhere (findings and impression) may have lost one of its mentions to
  // the other side: fewer mentions of one key and a new key of the same finding is a change of side.
  const count = (m: Map<string, Finding[]>, k: string) => m.get(k)?.length ?? 0;
  const fewer = [...a].filter(([k, l]) => b.has(k) && count(b, k) < l.length).map(([, l]) => l[0]);
  for (const g of gained) {
    const f = fewer.find((f) => f.concept === g.concept && f.assertion === g.assertion && f.side && g.side && f.side !== g.side);
    if (f) {
      fewer.splice(fewer.indexOf(f), 1);
      note(diff, `changes side of: ${f.finding} (${f.side} -> ${g.side})`, f, g);
    } else note(diff, `adds: ${findingName(g)}`, undefined, g);
  }

  // Sites of the findings both sides state.
  for (const [k, fs] of a) {
    const gs = b.get(k);
    if (!gs) continue;
    const srcSites = new Set(fs.flatMap((f) => f.site));
    const outSites = new Set(gs.flatMap((g) => g.site));
    const added = [...outSites].filter((x) => !srcSites.has(x));
    const dropped = [...srcSites].filter((x) => !outSites.has(x));
    const f = fs[0];
    const g = gs.find((x) => x.site.some((s) => added.includes(s))) ?? gs[0];
    if (added.length && dropped.length) note(diff, `changes site of: ${f.finding} (${dropped.join(', ')} -> ${added.join(', ')})`, f, g);
    else if (added.length) note(diff, `adds site to: ${f.finding} (${added.join(', ')})`, f, g);
    else if (dropped.length) note(diff, `drops site of: ${f.finding} (${dropped.join(', ')})`, f, g);
  }
}

const sizeText = (s: Reading, m: Measurement) => s.report.text.slice(m.start, m.end).replace(/\s+/g, ' ');
const sentenceOf = (s: Reading, m: Measurement) => ({ sentenceIndex: sentenceIndexAt(s.report.sentences, m.start) });
const ownerOf = (s: Reading, m: Measurement) => s.findings.find((f) => f.measurements.includes(m));

/**
 * The sizes of both texts. `subset`: the output may leave sizes out (an impression) but states none
 * the source does not; otherwise both hold the same sizes, as many times each.
 */
export function compareSizes(src: Reading, out: Reading, diff: Diff, subset: boolean): void {
  const where = (r: Reading, m: Measurement) =>
    `${ownerOf(r, m)?.concept ?? ''}|${r.report.sections[r.report.sentences[sentenceOf(r, m).sentenceIndex]?.section]?.kind ?? ''}`;
  const left = [...src.measurements];
  const extra: Measurement[] = [];
  // The same size of the same finding in the same kind of section first, then the same size anywhere.
  const unmatched = out.measurements.filter((m) => {
    const i = left.findIndex((x) => sizeKey(x) === sizeKey(m) && where(src, x) === where(out, m));
    if (i < 0) return true;
    if (!subset) left.splice(i, 1);
    return false;
  });
  for (const m of unmatched) {
    const i = left.findIndex((x) => sizeKey(x) === sizeKey(m));
    if (i < 0) extra.push(m);
    else if (!subset) left.splice(i, 1);
  }
  const missing = subset ? [] : left;
  // Pair a missing size with an extra one of the same finding, else with the first one left.
  for (const m of extra) {
    const owner = ownerOf(out, m);
    let i = owner ? missing.findIndex((x) => ownerOf(src, x)?.concept === owner.concept) : -1;
    if (i < 0 && missing.length) i = 0;
    if (subset && i < 0) {
      // An impression's size must be one the findings give; name the finding's own size when there is one.
      const was = owner && src.findings.find((f) => sameFinding(f.concept, owner.concept) && f.measurements.length);
      if (was) {
        note(diff, `changes ${sizeText(src, was.measurements[0])} to ${sizeText(out, m)}`, was, sentenceOf(out, m));
        continue;
      }
    }
    if (i >= 0) {
      const [x] = missing.splice(i, 1);
      note(diff, `changes ${sizeText(src, x)} to ${sizeText(out, m)}`, sentenceOf(src, x), sentenceOf(out, m));
    } else note(diff, `adds size: ${sizeText(out, m)}${owner ? ` (${owner.finding})` : ''}`, undefined, sentenceOf(out, m));
  }
  for (const x of missing) {
    const owner = ownerOf(src, x);
    note(diff, `drops size: ${sizeText(src, x)}${owner ? ` (${owner.finding})` : ''}`, sentenceOf(src, x));
  }
}
