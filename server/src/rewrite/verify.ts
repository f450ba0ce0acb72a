// The one verifier every rewrite passes before its text reaches the document: restructure into a
// template, draft the impression, patient summary; deterministic or LLM. It answers in the
// radiologist's words what the rewrite lost, added or changed ("drops: left pleural effusion",
// "changes side of: nodule (left -> right)", "changes 2.1 cm to 2.4 cm"). Pure: text in, verdict out.
//
// Two readings of "the same report":
// - verbatim (deterministic rewrites copy text): every sentence of the source is in the output,
//   compared as lower-cased word and number tokens, so case, white space, punctuation, list
//   numbers and header words do not count; the output adds no words except scaffolding (section
//   headers, `[ ]` fields, snippet tab stops, sentences the caller declares as inserted template text).
// - reworded (LLM text): the findings core run on both sides finds the same findings (concept,
//   assertion, side, site) and the same sizes; the output states no finding, side, site or size
//   the source does not.
// The findings comparison runs in both modes: a verbatim rewrite that moved a sentence into the
// indication ("pneumonia" becomes a clinical question) has changed what the report says.
//
// Sizes are compared as lengths (mm), volumes (mL), attenuation (HU) or angles. A unit change is
// the same size only when the value converts exactly (2.1 cm = 21 mm); a rounded conversion
// (2.15 cm -> 22 mm) or a unit swapped without converting (2.1 cm -> 2.1 mm) is a change.
import { covers, denies, sameFinding, sideInSentence, understand, type Finding, type Measurement, type Understanding } from '../nlp';
import { analyzeReport } from '../engine';
import { parseReport, sentenceIndexAt } from '../report';
import type { Report, Section } from '../report/types';
import type { Category, Problem } from '../problem';
import { RULES } from '../rules/registry';
import type { Rule } from '../rules/types';
import type { Side } from '../nlp/types';
import type { VerifyReason } from './verify-clauses';

export type RewriteKind = 'restructure' | 'impression' | 'summary' | (string & {});

export interface VerifyOptions {
  kind: RewriteKind;
  mode: 'verbatim' | 'reworded';
  /**
   * Sentences the rewrite inserted on purpose although the source does not hold them (a template's
   * pertinent negatives when the user asked for them). Compared as normalised tokens.
   */
  allowedAdditions?: readonly string[];
  /** An output sentence containing this text is declared inserted template text (the marker itself is ignored). */
  additionMarker?: string;
  /**
   * How a text is read into findings. Defaults to the findings core; a rewrite in other words (a
   * patient summary in lay terms) passes a reader that also knows its vocabulary.
   */
  read?: (report: Report) => Understanding;
}

export interface Verification {
  ok: boolean;
  reasons: string[];
  /** The reasons with where each stands in the source and the candidate, when the gate knows. */
  details?: VerifyReason[];
}

/** The rule categories an impression draft must leave no new problem of. */
export const IMPRESSION_CATEGORIES: readonly Category[] = ['omission', 'laterality', 'insertion', 'contradiction'];
const CONSISTENCY_RULES: readonly Rule[] = RULES.filter((r) => IMPRESSION_CATEGORIES.includes(r.category));

// ---------------------------------------------------------------------------------------------
// Words of a report as the verbatim comparison sees them.

const SIDE_WORDS = new Set(['left', 'right', 'bilateral', 'lt', 'rt', 'both']);
// "Liver:", "Lungs and pleura:", "RIGHT:" at the start of a sentence: organ subheadings (kept when they are sides).
const LEADING_LABELS = /^(?:[ \t]*[A-Za-z][A-Za-z0-9 /&()'-]{0,40}?[ \t]*:(?!\/)[ \t]*)+/;
// A list number or bullet opening a sentence, or standing alone ("3." split off as a sentence of its own).
const LIST_NUMBER = /^[ \t]*(?:\d{1,2}[.)]|[-•*])(?:[ \t]+|$)/;
// Template scaffolding in an output: fields, snippet tab stops, blanks.
const SCAFFOLDING = /\$\{\d+(?::[^}\n]*)?\}|\$\d+|\[[^\]\n]*\]|_{3,}/g;

interface Words {
  /** Normalised word and number tokens, in text order. */
  words: string[];
  /** Per word: its offset in the text and its sentence index. */
  starts: number[];
  sentence: number[];
}

function wordsOf(report: Report): Words {
  const skip: { start: number; end: number; keepSides: boolean }[] = [];
  for (const s of report.sections) {
    if (s.header) skip.push({ start: s.header.start, end: s.header.end, keepSides: false });
    for (const item of s.items) skip.push({ start: item.marker.start, end: item.marker.end, keepSides: false });
  }
  for (const sentence of report.sentences) {
    const number = LIST_NUMBER.exec(sentence.text);
    const at = sentence.start + (number ? number[0].length : 0);
    if (number) skip.push({ start: sentence.start, end: at, keepSides: false });
    const label = LEADING_LABELS.exec(report.text.slice(at, sentence.end));
    if (label && label[0].split(/\s+/).filter(Boolean).length <= 8) {
      skip.push({ start: at, end: at + label[0].length, keepSides: true });
    }
  }
  skip.sort((a, b) => a.start - b.start);
  const out: Words = { words: [], starts: [], sentence: [] };
  let k = 0;
  for (const t of report.tokens) {
    if (t.kind === 'punct') continue;
    while (k < skip.length && skip[k].end <= t.start) k++;
    const inSkip = k < skip.length && skip[k].start <= t.start && t.end <= skip[k].end;
    if (inSkip && !(skip[k].keepSides && SIDE_WORDS.has(t.lower))) continue;
    out.words.push(t.lower);
    out.starts.push(t.start);
    out.sentence.push(sentenceIndexAt(report.sentences, t.start));
  }
  return out;
}

/** The normalised words of a piece of text (for declared additions). */
function normalisedWords(text: string): string {
  return wordsOf(parseReport(text)).words.join(' ');
}

const clip = (text: string, n = 90) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

// ---------------------------------------------------------------------------------------------
// Findings and sizes.

const sideOf = (report: Report, f: Finding): Side | null => f.side ?? sideInSentence(report, f);

/** A finding as the radiologist would name it in a reason: "left pleural effusion", "no pneumothorax". */
export function findingName(f: Pick<Finding, 'finding' | 'assertion' | 'side'>, side: Side | null = f.side): string {
  const base = `${side ? `${side} ` : ''}${f.finding}`;
  switch (f.assertion) {
    case 'absent':
      return `no ${base}`;
    case 'possible':
      return `possible ${base}`;
    case 'historical':
      return `prior ${base}`;
    case 'hypothetical':
      return `question of ${base}`;
    default:
      return base;
  }
}

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

interface Reading {
  report: Report;
  u: Understanding;
  findings: Finding[];
  measurements: Measurement[];
}

const keyOf = (f: Finding) => `${f.concept}|${f.assertion}|${f.side ?? ''}`;

interface Diff {
  reasons: string[];
  /** Sentences a reason already speaks of, so the verbatim check does not repeat it. */
  sourceSentences: Set<number>;
  outputSentences: Set<number>;
}

function newDiff(): Diff {
  return { reasons: [], sourceSentences: new Set(), outputSentences: new Set() };
}

function note(diff: Diff, reason: string, source?: { sentenceIndex: number }, output?: { sentenceIndex: number }) {
  if (!diff.reasons.includes(reason)) diff.reasons.push(reason);
  if (source) diff.sourceSentences.add(source.sentenceIndex);
  if (output) diff.outputSentences.add(output.sentenceIndex);
}

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

/** Both texts state the same findings: nothing dropped, added, moved to the other side or re-hedged. */
function compareFindings(src: Reading, out: Reading, diff: Diff): void {
  const a = distinct(src.findings);
  const b = distinct(out.findings);
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
function compareSizes(src: Reading, out: Reading, diff: Diff, subset: boolean): void {
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

// ---------------------------------------------------------------------------------------------
// Verbatim: every source sentence in the output, nothing but scaffolding added.

function compareSentences(
  src: Reading,
  out: Reading,
  diff: Diff,
  keepSentence: (i: number) => boolean,
  checkOutputSentence: (i: number) => boolean,
  declared: Set<number>,
): void {
  const a = wordsOf(src.report);
  const b = wordsOf(out.report);
  // Source sentences as word runs, longest first so a short sentence cannot claim a long one's words.
  const runs = new Map<number, string[]>();
  a.words.forEach((w, i) => {
    const s = a.sentence[i];
    if (s < 0 || !keepSentence(s)) return;
    let run = runs.get(s);
    if (!run) runs.set(s, (run = []));
    run.push(w);
  });
  const used = new Uint8Array(b.words.length);
  const positions = new Map<string, number[]>();
  b.words.forEach((w, i) => {
    let list = positions.get(w);
    if (!list) positions.set(w, (list = []));
    list.push(i);
  });
  const order = [...runs].sort((x, y) => y[1].length - x[1].length);
  // A sentence moved whole starts a sentence of the output: try those places first, so that
  // "recurrent XXXX" and "XXXX XXXX, XXXX." do not claim each other's words.
  const startsSentence = (p: number) => p === 0 || b.sentence[p] !== b.sentence[p - 1];
  const endsSentence = (p: number) => p === b.words.length - 1 || b.sentence[p] !== b.sentence[p + 1];
  // 2: a whole output sentence, 1: the start of one, 0: anywhere.
  const place = (run: string[], aligned: number) => {
    for (const p of positions.get(run[0]) ?? []) {
      if (p + run.length > b.words.length) break;
      if (aligned > 0 && !startsSentence(p)) continue;
      if (aligned > 1 && !endsSentence(p + run.length - 1)) continue;
      let ok = true;
      for (let k = 0; k < run.length && ok; k++) ok = !used[p + k] && b.words[p + k] === run[k];
      if (ok) {
        used.fill(1, p, p + run.length);
        return true;
      }
    }
    return false;
  };
  const unplaced = order.filter(([, run]) => !place(run, 2)).filter(([, run]) => !place(run, 1));
  const dropped: number[] = [];
  for (const [s, run] of unplaced) if (!place(run, 0) && !diff.sourceSentences.has(s)) dropped.push(s);
  // Words of the output no source sentence accounts for, outside scaffolding.
  const scaffold: { start: number; end: number }[] = [];
  for (const m of out.report.text.matchAll(SCAFFOLDING)) scaffold.push({ start: m.index, end: m.index + m[0].length });
  const inScaffold = (at: number) => scaffold.some((r) => r.start <= at && at < r.end);
  const added = new Set<number>();
  b.words.forEach((_, i) => {
    const s = b.sentence[i];
    if (used[i] || s < 0 || declared.has(s) || !checkOutputSentence(s) || inScaffold(b.starts[i])) return;
    added.add(s);
  });
  // A dropped sentence and an added one that share most of their words: the sentence was reworded.
  const bag = (words: Words, s: number) => words.words.filter((_, i) => words.sentence[i] === s);
  const fresh = [...added].filter((s) => !diff.outputSentences.has(s));
  for (const s of dropped.sort((x, y) => x - y)) {
    const mine = bag(a, s);
    let best = -1;
    let bestShare = 0.5;
    for (const o of fresh) {
      const theirs = new Set(bag(b, o));
      const share = mine.filter((w) => theirs.has(w)).length / Math.max(mine.length, theirs.size);
      if (share > bestShare) [best, bestShare] = [o, share];
    }
    if (best >= 0) {
      fresh.splice(fresh.indexOf(best), 1);
      note(diff, `rewords: "${clip(src.report.sentences[s].text, 60)}" as "${clip(out.report.sentences[best].text, 60)}"`);
    } else note(diff, `drops sentence: ${clip(src.report.sentences[s].text)}`);
  }
  for (const o of fresh) note(diff, `adds sentence: ${clip(out.report.sentences[o].text)}`);
}

// ---------------------------------------------------------------------------------------------

const isImpression = (report: Report, sentenceIndex: number) =>
  report.sections[report.sentences[sentenceIndex]?.section]?.kind === 'impression';

function sideOfText(report: Report, read: (r: Report) => Understanding): Reading {
  const u = read(report);
  // What a normal statement denies is derived, not stated: the statement's own words are compared
  // (verbatim mode), and the consistency rules judge a normal statement against the findings.
  return { report, u, findings: u.findings.filter((f) => !f.normal), measurements: u.measurements };
}

function restrict(s: Reading, keep: (sentenceIndex: number) => boolean): Reading {
  return {
    ...s,
    findings: s.findings.filter((f) => keep(f.sentenceIndex)),
    measurements: s.measurements.filter((m) => keep(sentenceIndexAt(s.report.sentences, m.start))),
  };
}

/** Output sentences the caller declared as inserted template text. */
function declaredSentences(out: Report, options: VerifyOptions): Set<number> {
  const set = new Set<number>();
  const allowed = new Set((options.allowedAdditions ?? []).map(normalisedWords).filter(Boolean));
  const marker = options.additionMarker;
  if (!allowed.size && !marker) return set;
  const w = wordsOf(out);
  const bySentence = new Map<number, string[]>();
  w.words.forEach((word, i) => {
    let list = bySentence.get(w.sentence[i]);
    if (!list) bySentence.set(w.sentence[i], (list = []));
    list.push(word);
  });
  out.sentences.forEach((s, i) => {
    if (!(marker && s.text.includes(marker)) && !allowed.has((bySentence.get(i) ?? []).join(' '))) return;
    set.add(i);
    // A marker standing alone after a sentence ("No effusion. (template)") marks that sentence.
    if (marker && i > 0 && s.text.replace(marker, '').replace(/[\s.;,]/g, '') === '') set.add(i - 1);
  });
  return set;
}

/** Inserted template text may deny only what the source does not describe. */
function checkDeclared(src: Reading, out: Reading, declared: Set<number>, diff: Diff): void {
  for (const g of out.findings) {
    if (!declared.has(g.sentenceIndex)) continue;
    if (g.assertion === 'absent') {
      const f = src.findings.find(
        (f) =>
          (f.assertion === 'present' || f.assertion === 'possible') && (denies(g.concept, f.concept) || sameFinding(g.concept, f.concept)),
      );
      if (f)
        note(diff, `adds a pertinent negative the report contradicts: ${findingName(g)} (the report describes ${findingName(f)})`, f, g);
    } else if (g.assertion === 'present' || g.assertion === 'possible') {
      note(diff, `adds: ${findingName(g)}`, undefined, g);
    }
  }
}

// What an impression statement may rest on: the same or a covering finding, as certain or more, on its side.
const ASSERTION_SUPPORT: Readonly<Record<string, readonly string[]>> = {
  present: ['present'],
  possible: ['present', 'possible'],
  absent: ['absent'],
  historical: ['historical', 'present'],
  hypothetical: ['hypothetical', 'possible', 'present', 'absent'],
};

function checkImpressionSupport(src: Reading, out: Reading, diff: Diff): void {
  for (const g of out.findings) {
    const gSide = sideOf(out.report, g);
    const kin = src.findings.filter((f) =>
      f.assertion === 'absent' && g.assertion === 'absent'
        ? denies(f.concept, g.concept) || sameFinding(f.concept, g.concept)
        : sameFinding(f.concept, g.concept) || covers(g.concept, f.concept) || covers(f.concept, g.concept),
    );
    const certain = kin.filter((f) => ASSERTION_SUPPORT[g.assertion]?.includes(f.assertion));
    const sided = certain.filter((f) => {
      const side = sideOf(src.report, f);
      return !gSide || side === gSide || side === 'bilateral' || (gSide === 'bilateral' && !!side);
    });
    if (sided.length) continue;
    if (certain.length) {
      const f = certain[0];
      const was = sideOf(src.report, f);
      note(diff, was ? `changes side of: ${g.finding} (${was} -> ${gSide})` : `adds side to: ${g.finding} (${gSide})`, f, g);
    } else if (kin.length) {
      note(diff, `changes ${findingName(kin[0])} to ${findingName(g, gSide)}`, kin[0], g);
    } else note(diff, `adds: ${findingName(g, gSide)}`, undefined, g);
  }
}

/** Problems of the consistency rules (omission, laterality, insertion, contradiction) in a text. */
function consistencyProblems(s: Reading): Problem[] {
  return analyzeReport(s.report, {}, CONSISTENCY_RULES).problems;
}

/** A key that survives the offsets moving: same rule, same words. */
const problemKey = (p: Problem) => `${p.rule}|${p.message}`;

function checkConsistency(src: Reading, out: Reading, diff: Diff): void {
  const before = new Map<string, number>();
  for (const p of consistencyProblems(src)) before.set(problemKey(p), (before.get(problemKey(p)) ?? 0) + 1);
  for (const p of consistencyProblems(out)) {
    const k = problemKey(p);
    const n = before.get(k) ?? 0;
    if (n > 0) {
      before.set(k, n - 1);
      continue;
    }
    note(diff, `leaves ${/^[aeiou]/.test(p.category) ? 'an' : 'a'} ${p.category} problem: ${p.message}`);
  }
}

function sectionsOfKind(report: Report, kind: Section['kind']): Section[] {
  return report.sections.filter((s) => s.kind === kind && s.body.end > s.body.start);
}

/**
 * Whether `output` is a faithful rewrite of `source`, and if not, why, one line per reason.
 *
 * kinds: 'restructure' (the same report in other sections), 'impression' (the same report with its
 * impression drafted or replaced: the rest kept, every impression statement resting on the findings,
 * no new omission, laterality, insertion or contradiction problem), 'summary' (a lay rewrite: it names
 * every significant present or possible finding of the source and states none it does not).
 */
export function verifyRewrite(source: string, output: string, options: VerifyOptions): Verification {
  const read = options.read ?? understand;
  const src = sideOfText(parseReport(source), read);
  const out = sideOfText(parseReport(output), read);
  const diff = newDiff();
  const declared = declaredSentences(out.report, options);
  checkDeclared(src, out, declared, diff);
  const notDeclared = (i: number) => !declared.has(i);

  if (options.kind === 'impression') {
    const keepSrc = (i: number) => !isImpression(src.report, i);
    const keepOut = (i: number) => !isImpression(out.report, i) && notDeclared(i);
    if (!sectionsOfKind(out.report, 'impression').length) note(diff, 'has no impression');
    // The report around the impression is untouched.
    compareFindings(restrict(src, keepSrc), restrict(out, keepOut), diff);
    compareSizes(restrict(src, keepSrc), restrict(out, keepOut), diff, false);
    const inImpression = restrict(out, (i) => isImpression(out.report, i) && notDeclared(i));
    // The impression states nothing the findings (or the impression it replaces) do not.
    checkImpressionSupport(src, inImpression, diff);
    compareSizes(src, inImpression, diff, true);
    // The rest of the report is copied in both modes: only the impression is new text.
    compareSentences(src, out, diff, keepSrc, keepOut, declared);
    checkConsistency(src, out, diff);
  } else if (options.kind === 'summary') {
    const outside = restrict(out, notDeclared);
    checkSummary(src, outside, diff);
    compareSizes(src, outside, diff, true);
    if (options.mode === 'verbatim') compareSentences(src, out, diff, () => true, notDeclared, declared);
  } else {
    const outside = restrict(out, notDeclared);
    compareFindings(src, outside, diff);
    compareSizes(src, outside, diff, false);
    if (options.mode === 'verbatim') compareSentences(src, out, diff, () => true, notDeclared, declared);
  }
  return { ok: diff.reasons.length === 0, reasons: diff.reasons };
}

/** A summary names every significant finding the report asserts (or hedges) and none it does not. */
function checkSummary(src: Reading, out: Reading, diff: Diff): void {
  const asserted = (f: Finding) => f.assertion === 'present' || f.assertion === 'possible';
  // The impression is what the patient is told; a report without one is summarised from its findings.
  const hasImpression = src.findings.some((f) => f.section === 'impression');
  const wanted = src.findings.filter((f) => asserted(f) && f.significant && (!hasImpression || f.section === 'impression'));
  const seen = new Set<string>();
  for (const f of wanted) {
    const side = sideOf(src.report, f);
    const k = `${f.concept}|${side ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const named = out.findings.filter((g) => asserted(g) && (sameFinding(f.concept, g.concept) || covers(g.concept, f.concept)));
    if (!named.length) {
      note(diff, `drops: ${findingName(f, side)}`, f);
      continue;
    }
    const sides = named.map((g) => sideOf(out.report, g));
    if (side && !sides.some((s) => s === side || s === null || s === 'bilateral'))
      note(diff, `changes side of: ${f.finding} (${side} -> ${sides.find(Boolean)})`, f, named[0]);
  }
  for (const g of out.findings) {
    const gSide = sideOf(out.report, g);
    if (g.assertion === 'absent') {
      // A denial the report contradicts ("no sign of a collapsed lung" when there is one).
      const f = src.findings.find((f) => asserted(f) && (denies(g.concept, f.concept) || sameFinding(g.concept, f.concept)));
      if (f && !src.findings.some((x) => x.assertion === 'absent' && sameFinding(x.concept, g.concept)))
        note(diff, `denies what the report describes: ${findingName(g)}`, f, g);
      continue;
    }
    if (!asserted(g)) continue;
    const kin = src.findings.filter(
      (f) => asserted(f) && (sameFinding(f.concept, g.concept) || covers(g.concept, f.concept) || covers(f.concept, g.concept)),
    );
    if (!kin.length) {
      note(diff, `adds: ${findingName(g, gSide)}`, undefined, g);
      continue;
    }
    if (g.assertion === 'present' && kin.every((f) => f.assertion === 'possible'))
      note(diff, `changes possible ${g.finding} to certain`, kin[0], g);
    const sides = kin.map((f) => sideOf(src.report, f));
    if (gSide && gSide !== 'bilateral' && !sides.some((s) => s === gSide || s === 'bilateral'))
      note(diff, `changes side of: ${g.finding} (${sides.find(Boolean) ?? 'none'} -> ${gSide})`, kin[0], g);
  }
}
