// What the verifier's policies share (verify.ts): a text as the findings core reads it, the reasons
// collected so far, how a finding is named in a reason, and the few ways two findings relate.
import { covers, denies, sameFinding, sideInSentence, sideWordsIn, type Finding, type Measurement, type Understanding } from '../nlp';
import { sentenceIndexAt } from '../report';
import { knownSectionKind } from '../report/sections';
import type { Report } from '../report/types';
import type { Side } from '../nlp/types';
import { CUES, clausesOf, type Clause } from './clauses';

export interface Reading {
  report: Report;
  u: Understanding;
  findings: Finding[];
  measurements: Measurement[];
}

export function readingOf(report: Report, read: (r: Report) => Understanding): Reading {
  const u = read(report);
  // What a normal statement denies is derived, not stated: the statement's own words are compared
  // (verbatim mode), and the consistency rules judge a normal statement against the findings.
  return { report, u, findings: u.findings.filter((f) => !f.normal), measurements: u.measurements };
}

/** The part of a reading in the sentences kept. */
export function restrict(s: Reading, keep: (sentenceIndex: number) => boolean): Reading {
  return {
    ...s,
    findings: s.findings.filter((f) => keep(f.sentenceIndex)),
    measurements: s.measurements.filter((m) => keep(sentenceIndexAt(s.report.sentences, m.start))),
  };
}

/**
 * In the impression a draft replaces: the last impression-like section. An earlier one (an echo's
 * INTERPRETATION before its IMPRESSION) is the report's text, kept as it is.
 */
export const isImpression = (report: Report, sentenceIndex: number) => {
  const at = report.sentences[sentenceIndex]?.section;
  return at !== undefined && impressionSections(report).has(at);
};

// An impression whose last line leads into a list ("Per-vessel analysis:", "Lymph nodes:").
const LEAD_LINE = /(?:^|\n)[^\n.]*:\s*$/;
/**
 * The sections of the impression a draft replaces: the last impression-like one and, when its body ends on a lead line,
 * the labelled sections the parser split off under it ("Per-vessel analysis:" then "LM: …", "LAD: …"), up to the first
 * section that is not such a label (one the report names, "RECOMMENDATIONS:", "ADDENDUM:", stays outside).
 */
export function impressionSections(report: Report): Set<number> {
  const at = lastImpression(report);
  const out = new Set<number>();
  if (at < 0) return out;
  out.add(at);
  const impression = report.sections[at];
  const body = report.text.slice(impression.body.start, impression.body.end);
  if (!body.trim() || !LEAD_LINE.test(body)) return out;
  // (A section the report names, "RECOMMENDATIONS:", "ADDENDUM:", is no label of the list.)
  for (let k = at + 1; ; k++) {
    const header = report.sections[k]?.kind === 'other' ? report.sections[k].header : null;
    if (!header || knownSectionKind(header.name)) break;
    out.add(k);
  }
  return out;
}
export function lastImpression(report: Report): number {
  for (let i = report.sections.length - 1; i >= 0; i--) if (report.sections[i].kind === 'impression') return i;
  return -1;
}

export interface Diff {
  reasons: string[];
  /** Sentences a reason already speaks of, so the verbatim check does not repeat it. */
  sourceSentences: Set<number>;
  outputSentences: Set<number>;
}

export function newDiff(): Diff {
  return { reasons: [], sourceSentences: new Set(), outputSentences: new Set() };
}

export function note(diff: Diff, reason: string, source?: { sentenceIndex: number }, output?: { sentenceIndex: number }) {
  if (!diff.reasons.includes(reason)) diff.reasons.push(reason);
  if (source) diff.sourceSentences.add(source.sentenceIndex);
  if (output) diff.outputSentences.add(output.sentenceIndex);
}

export const sideOf = (report: Report, f: Finding): Side | null =>
  f.side ?? sideInSentence(report, f) ?? headingSide(report, f.sentenceIndex);

// Where a sentence breaks into pieces that each stand alone: a semicolon, a quotation mark (CT-RATE runs its
// quoted impression items into one sentence: '"… in both lung segment bronchi" There are … in the right lung').
const PIECE_BREAK = /[;"“”]/;
const BOTH_SIDES_WORD = /\b(?:bilateral(?:ly)?|both|bibasilar|bibasal|biapical|bihilar)\b/i;

/**
 * The side of the piece of its sentence a finding stands in, when that piece names one side only: "In the
 * evaluation of both lung parenchyma; a crazy paving appearance … of the left lung lower lobe" gives the
 * crazy paving the left side, as a draft that cuts the sentence at the semicolon reads it alone.
 */
export function sideInPiece(report: Report, f: Finding): Side | null {
  const sentence = report.sentences[f.sentenceIndex];
  if (!sentence || !PIECE_BREAK.test(sentence.text)) return null;
  let start = sentence.start;
  for (const piece of sentence.text.split(PIECE_BREAK)) {
    const end = start + piece.length;
    if (start <= f.start && f.end <= end) {
      if (BOTH_SIDES_WORD.test(piece)) return null;
      const words = sideWordsIn({ ...sentence, start, end, text: piece });
      return words.length && words.every((w) => w.side === words[0].side) ? words[0].side : null;
    }
    start = end + 1;
  }
  return null;
}

const CLAUSES = new WeakMap<Report, Clause[]>();
/**
 * The sides the paragraph's opening gives the clause a finding stands in, when it names none ("On the right, …
 * . The popliteal artery is occluded."): a draft may say them (clauses.ts carriedSides).
 */
export function carriedSidesOf(report: Report, f: Pick<Finding, 'start'>): string[] {
  let clauses = CLAUSES.get(report);
  if (!clauses) CLAUSES.set(report, (clauses = clausesOf(report)));
  return clauses.find((c) => c.start <= f.start && f.start < c.end)?.carriedSides ?? [];
}

/** The side a heading gives what stands under it ("RIGHT:" of a carotid study's paragraphs). */
function headingSide(report: Report, sentenceIndex: number): Side | null {
  const sentence = report.sentences[sentenceIndex];
  const section = sentence && report.sections[sentence.section];
  if (!section) return null;
  const sub = section.subsections.find((x) => x.start <= sentence.start && sentence.start < x.end);
  for (const name of [sub?.header.name, section.header?.name]) {
    const side = name && (Object.keys(CUES.sides) as Side[]).find((k) => CUES.sides[k].includes(name.toLowerCase()));
    if (side) return side;
  }
  return null;
}

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

/** Stated as there or maybe there. */
export const asserted = (f: Finding) => f.assertion === 'present' || f.assertion === 'possible';

/** The same finding, or one that sums up the other ("pneumonia" and "consolidation"), either way. */
export const akin = (f: Finding, g: Finding) =>
  sameFinding(f.concept, g.concept) || covers(g.concept, f.concept) || covers(f.concept, g.concept);

/** `denial` ("no pneumothorax", "no acute abnormality") denies `f`. */
export const deniesFinding = (denial: Finding, f: Finding) => denies(denial.concept, f.concept) || sameFinding(denial.concept, f.concept);
