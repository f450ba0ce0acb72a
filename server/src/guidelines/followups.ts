// The report's own recommendations ("Follow-up CT in 3 months", "CT at 6–12 months.", "No routine
// follow-up", "Follow-up per Fleischner"), read sentence by sentence into the shape the guideline rows
// accept. A recommendation may come in steps: the first is the recommendation, later conditional steps
// ("then at 18–24 months if unchanged", "If stable, CT at 2 and 4 years") continue it. The words are
// data (data/recommendation-words.json), compiled to regexes once at load.
import { z } from 'zod';
import type { Report } from '../report/types';
import type { FollowUp } from './schema';
import raw from './data/recommendation-words.json';
import { readCategories } from './rads/index';
import { escapeRegExp as escape } from '../report/regex';

export interface SaidFollowUp {
  start: number;
  end: number;
  sentenceIndex: number;
  text: string;
  /** What the first step recommends; empty for a vague one ("follow-up as clinically indicated"). */
  options: FollowUp[];
  /** Later conditional steps, in order ("then CT at 18–24 months"; "If stable, CT at 2 and 4 years"). */
  later: FollowUp[][];
  /** Sentences that continue this recommendation, beyond its own. */
  continuedBy: { start: number; end: number; sentenceIndex: number }[];
  /** The recommendation defers to the guideline itself ("per Fleischner"): it agrees by definition. */
  deferred: boolean;
  /** A category the sentence assigns ("Lung-RADS 4A"), compared with the row's. */
  category?: string;
  /** Where in the sentence the recommending words begin (its recommendation may follow other findings). */
  at: number;
}

const Words = z.array(z.string().min(1)).min(1);
const RecommendationWords = z
  .object({
    about: z.string(),
    cues: Words,
    optional: Words,
    none: z.object({ no: Words, qualifiers: Words, nouns: Words, notNeeded: Words, notPlanned: Words, before: Words }).strict(),
    modalities: z.record(z.enum(['CT', 'MR', 'US', 'MG']), Words),
    actions: z.object({ pet: Words, biopsy: Words, surgery: Words, referral: Words }).strict(),
    followUpWords: Words,
    vague: Words,
    interval: z
      .object({
        units: z.object({ month: Words, year: Words, week: Words }).strict(),
        numbers: z.record(z.string(), z.number().positive()),
        between: Words,
        future: Words,
        pastAfter: Words,
        pastBefore: Words,
        yearly: Words,
      })
      .strict(),
    verbless: z.object({ note: z.string(), blockers: Words, leads: Words }).strict(),
    continuation: z.object({ note: z.string(), within: Words, starts: Words }).strict(),
    deferral: z.object({ note: z.string(), before: Words, names: Words }).strict(),
    guidance: z.object({ note: z.string(), words: Words }).strict(),
  })
  .strict();
const W = RecommendationWords.parse(raw);

const isAcronym = (w: string) => /^[A-Z][A-Z/-]*$/.test(w);
/** A word or phrase as a pattern: "-" and " " interchangeable; a trailing * matches any word ending. */
function pattern(w: string): string {
  const stem = w.endsWith('*');
  const body = escape(stem ? w.slice(0, -1) : w).replace(/[- ]/g, '[- ]?');
  return stem ? `${body}\\w*` : body;
}
const alt = (list: readonly string[]) =>
  [...list]
    .sort((a, b) => b.length - a.length)
    .map(pattern)
    .join('|');

interface Matcher {
  test(s: string): boolean;
  /** Where the first word stands, or -1. */
  search(s: string): number;
}
/** Acronyms (CT, US) match in their case only ("us" is a pronoun); words in any case. */
function matcher(list: readonly string[]): Matcher {
  const caps = list.filter(isAcronym);
  const rest = list.filter((w) => !isAcronym(w));
  const lower = rest.length ? new RegExp(String.raw`\b(?:${alt(rest)})(?![\w])`, 'i') : null;
  const upper = caps.length ? new RegExp(String.raw`\b(?:${alt(caps)})(?![\w])`) : null;
  const search = (s: string) => {
    const at = Math.min(...[lower?.exec(s)?.index, upper?.exec(s)?.index].map((i) => i ?? Infinity));
    return Number.isFinite(at) ? at : -1;
  };
  return { test: (s) => !!(lower?.test(s) || upper?.test(s)), search };
}

/**
 * Words as one pattern shaped like a trie ("re(?:commend\w*|peat|...)"), the same words as pattern()
 * reads them ("-" and " " interchangeable, a trailing * any ending): the regex engine follows one branch
 * per letter instead of trying every word at every position.
 */
function trie(list: readonly string[]): string {
  interface Node {
    end: boolean;
    next: Map<string, Node>;
  }
  const root: Node = { end: false, next: new Map() };
  for (const w of list) {
    let node = root;
    for (const ch of w.toLowerCase()) {
      const key = ch === ' ' ? '-' : ch;
      let child = node.next.get(key);
      if (!child) node.next.set(key, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const source = (node: Node): string => {
    const branches = [...node.next].map(([k, child]) => (k === '*' ? String.raw`\w*` : k === '-' ? '[- ]?' : escape(k)) + source(child));
    if (!branches.length) return '';
    const body = branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
    return node.end ? `(?:${body})?` : body;
  };
  return source(root);
}

const CUE = matcher(W.cues);
const OPTIONAL = matcher(W.optional);
const none = W.none;
// What a denial may name as its subject: a follow-up word, an exam, a biopsy.
const DENIABLE = [...none.nouns, ...Object.values(W.modalities).flat(), ...W.actions.biopsy];
const NONE = new RegExp(
  String.raw`\b(?:${alt(none.no)}) (?:(?:${alt(none.qualifiers)}) )*(?:${alt(none.nouns)})\b|` +
    String.raw`\b(?:${alt(none.nouns)})(?: imaging)? (?:is |are )?not (?:\w+ )?(?:${alt(none.notNeeded)})\b|` +
    String.raw`\b(?:${alt(none.before)}) (?:(?:${alt(none.qualifiers)}) )*(?:${alt(none.nouns)})\b|` +
    String.raw`\bneed not be (?:pursued|followed|reported)\b|\bdoes not (?:require|need|warrant) (?:any )?(?:further |additional )?(?:${alt(none.nouns)})\b|` +
    // A modality or biopsy denied as the subject ("Additional views are not required.", "A biopsy is not planned at this
    // time.", "Breast MRI will not be needed."): none, not the exam it names.
    String.raw`\b(?:${alt(DENIABLE)})(?:[ \t]+[\w-]+){0,6}? ` +
    String.raw`(?:is|are|will|would|should) not (?:be )?(?:\w+ )?(?:${alt([...none.notNeeded, ...none.notPlanned])})\b` +
    // "No additional views are needed.", "No MRI is necessary.", "There is no need for further imaging or biopsy."
    String.raw`|\bno (?:(?:${alt(none.qualifiers)}) )*(?:${alt(DENIABLE)})(?: views?)? (?:is|are) (?:\w+ )?(?:${alt(none.notNeeded)})\b` +
    String.raw`|\bno need for (?:(?:${alt(none.qualifiers)}) )*(?:${alt(DENIABLE)})\b`,
  'i',
);
const NONE_ALL = new RegExp(NONE.source, 'gi');
const MODALITY = (Object.entries(W.modalities) as [NonNullable<FollowUp['modality']>[number], string[]][]).map(
  ([m, list]) => [matcher(list), m] as const,
);
const ACTIONS = (['pet', 'biopsy', 'surgery', 'referral'] as const).map((a) => [a, matcher(W.actions[a])] as const);
const FOLLOW_UP = matcher(W.followUpWords);
const VAGUE = matcher(W.vague);
const PET_CT = /\bPET[/ -]CT\b/gi;
const GUIDED = new RegExp(
  String.raw`\b(?:${alt(Object.values(W.modalities).flat())}|stereotactic\w*)[- ]?(?:${alt(W.guidance.words)})\b`,
  'gi',
);

const iv = W.interval;
const NUMBER_WORDS = iv.numbers;
const NUM = String.raw`(\d+(?:\.\d+)?|${Object.keys(NUMBER_WORDS).map(escape).join('|')})`;
const UNIT = [...iv.units.month, ...iv.units.year, ...iv.units.week].sort((a, b) => b.length - a.length).join('|');
const INTERVAL = new RegExp(
  String.raw`\b${NUM}(?:[ \t]{0,2}(?:${iv.between.map(escape).join('|')})[ \t]{0,2}${NUM})?[ \t-]{0,2}(${UNIT})\b(?![ \t]{0,2}(?:${iv.pastAfter.join('|')}))`,
  'gi',
);
const PAST_BEFORE = new RegExp(String.raw`\b(?:${iv.pastBefore.join('|')})\s+(?:the\s+)?$`, 'i');
const FUTURE_BEFORE = new RegExp(
  String.raw`(?:\b(?:${iv.future.join('|')})\s+(?:the\s+)?|(?:^|[:;,]\s*)|\b(?:CT|MRI|US|ultrasound|PET)\s+)$`,
  'i',
);
const EVERY = matcher(iv.yearly);
const BLOCKERS = matcher(W.verbless.blockers);
const LEADS = new RegExp(String.raw`^(?:${alt(W.verbless.leads)})$`, 'i');
const WITHIN = new RegExp(String.raw`(?:[,;]\s*|\s)(?:${alt(W.continuation.within)})\b`, 'i');
const STARTS = new RegExp(String.raw`^\W*(?:\d+[.)]\s*)?(?:${alt(W.continuation.starts)})\b`, 'i');
const DEFERRED = new RegExp(String.raw`\b(?:${alt(W.deferral.before)})\s+(?:the\s+)?(?:${alt(W.deferral.names)})`, 'i');
// One scan that every sentence readSentence keeps passes, in any case (a cue, a modality, an action, a
// "no ...", a deferral): most sentences of a long document fail it and are spared the patterns read below.
const MAY_RECOMMEND = new RegExp(
  String.raw`\b${trie([...W.cues, ...Object.values(W.modalities).flat(), ...Object.values(W.actions).flat()])}(?![\w])|` +
    `${NONE.source}|${DEFERRED.source}`,
  'i',
);
const LABEL = /^\W*(?:\d+[.)]\s*)?(?:recommendations?|plan|follow-?up)\s*:\s*/i;

/** The Lung-RADS category a sentence assigns, as the RADS reader reads it. */
const lungRadsOf = (text: string) => readCategories(text).find((m) => m.system.id === 'lung-rads')?.category.id;

const numberOf = (s: string) => NUMBER_WORDS[s.toLowerCase()] ?? Number(s);

function monthsOf(value: number, unit: string): number {
  const u = unit.toLowerCase();
  if (iv.units.year.includes(u)) return value * 12;
  if (iv.units.week.includes(u)) return Number((value / 4.345).toFixed(2));
  return value;
}

/** The intervals to come a text names: "in 3–6 months" -> [3, 6]; "for 2 years" (a history) is not one. */
function intervalsOf(plain: string, needFuture: boolean): [number, number][] {
  const out: [number, number][] = [];
  for (const m of plain.matchAll(INTERVAL)) {
    const before = plain.slice(Math.max(0, m.index - 16), m.index);
    if (PAST_BEFORE.test(before)) continue;
    if (needFuture && !FUTURE_BEFORE.test(plain.slice(0, m.index))) continue;
    const a = monthsOf(numberOf(m[1]), m[3]);
    const b = m[2] ? monthsOf(numberOf(m[2]), m[3]) : a;
    out.push([Math.min(a, b), Math.max(a, b)]);
  }
  if (!out.length && EVERY.test(plain)) out.push([12, 12]);
  return out;
}

/** The managements one step names, with or without a recommending word. */
function optionsOf(text: string, verbless: boolean): FollowUp[] {
  const isNone = NONE.test(text);
  const out: FollowUp[] = [];
  if (isNone) out.push({ action: 'none' });
  // "PET/CT" is a PET, not a CT; "ultrasound-guided biopsy" a biopsy, not an ultrasound; what a "no ..." denies is not recommended.
  const plain = text.replace(PET_CT, 'PET').replace(GUIDED, 'image-guided').replace(NONE_ALL, ' ');
  const modality = MODALITY.filter(([re]) => re.test(plain)).map(([, m]) => m);
  const intervals = intervalsOf(plain, verbless);
  const mod = modality.length ? { modality } : {};
  for (const months of intervals) out.push({ action: 'imaging', ...mod, months });
  if (!intervals.length && modality.length && !isNone) out.push({ action: 'imaging', ...mod });
  for (const [action, re] of ACTIONS) if (re.test(plain) && !(isNone && action === 'surgery')) out.push({ action });
  // "close interval follow-up versus biopsy": besides the biopsy, an imaging follow-up of unstated kind.
  if (out.length && !isNone && !out.some((o) => o.action === 'imaging') && FOLLOW_UP.test(plain)) out.push({ action: 'imaging' });
  // "Optional CT at 12 months": no follow-up is as right.
  if (out.length && !isNone && OPTIONAL.test(plain)) out.unshift({ action: 'none' });
  return out;
}

/** Whether a sentence with no recommending word is one by its shape: a modality or action and a time to come. */
function verblessRecommendation(text: string): boolean {
  if (BLOCKERS.test(text)) return false;
  const plain = text.replace(PET_CT, 'PET');
  const names = MODALITY.some(([re]) => re.test(plain)) || ACTIONS.some(([, re]) => re.test(plain));
  if (!names) return false;
  if (intervalsOf(plain, true).length) return true;
  // "PET/CT or tissue sampling." — an action leading a short sentence.
  // After a label ("Nodule: PET/CT or tissue sampling.").
  const head = plain.replace(/^[^:]{0,40}:\s*/, '').replace(/^\W*(?:\d+[.)]\s*)?/, '');
  // A procedure named alone ("Cholecystectomy.", "Nephrectomy.") is the patient's history, not advice.
  const lead = head.split(/\s+/).slice(0, 2).join(' ');
  if (/\w(?:ectomy|otomy|plasty)\b/i.test(lead)) return false;
  if (head.split(/\s+/).length > 8) return false;
  if (ACTIONS.some(([, re]) => re.test(lead))) return true;
  // "Diagnostic CT for the observation.": a lead word, then a modality.
  const words = head.split(/\s+/);
  return LEADS.test(words[0]) && MODALITY.some(([m]) => m.test(words.slice(0, 4).join(' ')));
}

/** The first step and the later ones of one sentence. */
function stepsOf(text: string): { first: string; later: string[] } {
  const parts: string[] = [];
  let rest = text;
  for (let m = WITHIN.exec(rest); m; m = WITHIN.exec(rest)) {
    parts.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  parts.push(rest);
  return { first: parts[0], later: parts.slice(1) };
}

/** "CT at 3–6 months, then at 18–24 months": a later step naming no modality keeps the first step's. */
function inherit(step: FollowUp[], first: FollowUp[]): FollowUp[] {
  const modality = first.find((o) => o.modality)?.modality;
  return modality ? step.map((o) => (o.action === 'imaging' && !o.modality ? { ...o, modality } : o)) : step;
}

/** What one sentence recommends (its first step), or null when it recommends nothing. */
export function parseFollowUp(text: string): FollowUp[] | null {
  return readSentence(text)?.options ?? null;
}

function readSentence(text: string): { options: FollowUp[]; later: FollowUp[][]; deferred: boolean } | null {
  if (!MAY_RECOMMEND.test(text)) return null;
  const isNone = NONE.test(text);
  const cue = isNone || CUE.test(text);
  const { first, later } = stepsOf(text.replace(LABEL, ''));
  const verbless = !cue && verblessRecommendation(first);
  const deferred = DEFERRED.test(text);
  if (!cue && !verbless && !deferred) return null;
  const options = optionsOf(first, verbless);
  const laterOptions = later.map((s) => inherit(optionsOf(s, false), options)).filter((o) => o.length);
  if (options.length || laterOptions.length || deferred) return { options, later: laterOptions, deferred };
  // "Follow-up is recommended", "comparison with prior studies would help": a recommendation, but not one to compare.
  if (lungRadsOf(text) || VAGUE.test(text) || /\b(?:recommend\w*|suggest\w*|advis\w*)\b/i.test(text) || /\bfollow[- ]?up\b/i.test(text))
    return { options: [], later: [], deferred };
  return null;
}

/** Where the recommending words of a sentence begin: a cue, "no ...", a modality or an action; 0 when none is found. */
function whereAdvised(text: string): number {
  const at = [
    CUE.search(text),
    NONE.exec(text)?.index ?? -1,
    ...MODALITY.map(([m]) => m.search(text)),
    ...ACTIONS.map(([, m]) => m.search(text)),
  ].filter((i) => i >= 0);
  return at.length ? Math.min(...at) : 0;
}

// Sections where a recommendation is the radiologist's own, not the clinical question.
const OWN_SECTIONS = new Set(['findings', 'impression', 'other', 'preamble', 'communication']);

/** Every recommendation of the report, in its own sections; a sentence that continues one joins it. */
export function findFollowUps(report: Report): SaidFollowUp[] {
  const out: SaidFollowUp[] = [];
  report.sentences.forEach((s, i) => {
    const section = report.sections[s.section];
    if (!section || !OWN_SECTIONS.has(section.kind)) return;
    const read = readSentence(s.text);
    if (!read) return;
    const prev = out[out.length - 1];
    // "If stable, consider CT at 2 and 4 years." after a recommendation: its later step.
    if (prev && STARTS.test(s.text) && i - prev.sentenceIndex - prev.continuedBy.length <= 2 && !read.deferred) {
      const steps = [read.options, ...read.later].filter((o) => o.length).map((o) => inherit(o, prev.options));
      prev.later.push(...steps);
      prev.continuedBy.push({ start: s.start, end: s.end, sentenceIndex: i });
      return;
    }
    const category = lungRadsOf(s.text);
    out.push({
      start: s.start,
      end: s.end,
      sentenceIndex: i,
      text: s.text,
      options: read.options,
      later: read.later,
      continuedBy: [],
      deferred: read.deferred,
      at: whereAdvised(s.text),
      ...(category ? { category } : {}),
    });
  });
  return out;
}
