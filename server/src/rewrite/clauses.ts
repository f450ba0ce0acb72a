// The independent reading of a text for the verifier: clauses and what each says about certainty,
// polarity, time, severity, quantity, side, level and count, read from the cue words in cues.json
// and the clause's own words only. It does not ask the findings lexicon what a finding is, so a
// finding the lexicon does not know is still a clause that must be kept, and a rewrite that changes
// it is still caught (the findings comparison in verify.ts and this reading must both pass).
import { z } from 'zod';
import cueData from './cues.json';
import { parseReport } from '../report';
import type { Report, SectionKind, Span } from '../report/types';
import { LIST_NUMBER } from './list-number';
import { TEMPLATES } from '../templates';

const lowerPhrase = z.string().regex(/^[^\sA-Z]+(?: [^\sA-Z]+)*$/, 'lower-case words separated by single spaces');
const scoped = z.array(z.object({ phrase: lowerPhrase, scope: z.enum(['after', 'clause']) }).strict());
const phrases = z.array(lowerPhrase).min(1);
const CueSchema = z
  .object({
    $comment: z.string(),
    hedges: scoped,
    negations: scoped,
    narrowing: phrases,
    exceptions: phrases,
    time: z.record(z.enum(['new', 'unchanged', 'increased', 'decreased', 'old', 'early']), phrases),
    severity: z.record(z.enum(['1', '2', '3', '4', '5']), phrases),
    partLabels: phrases,
    unseen: phrases,
    counts: z.record(z.string(), phrases),
    sides: z.object({ left: phrases, right: phrases, bilateral: phrases }).strict(),
    sideNames: phrases,
    changeWords: phrases,
    appearanceWords: phrases,
    volumeOf: phrases,
    appearanceAfterOf: phrases,
    comparingWords: phrases,
    studyNouns: phrases,
    nowWords: phrases,
    onsetWords: phrases,
    ordinals: phrases,
    units: z.record(z.string(), z.tuple([z.string(), z.number().positive()])),
    normal: phrases,
    recommendations: phrases,
    significant: phrases,
    communication: phrases,
    references: phrases,
    sideRegions: phrases,
    qualifying: phrases,
    dangling: phrases,
    leaning: z
      .object({
        restating: phrases,
        openers: phrases,
        pointers: phrases,
        phrases: phrases,
        within: phrases,
        impersonal: phrases,
        levelRunEnds: phrases,
        study: phrases,
        verbs: phrases,
        openingPhrase: phrases,
        subjects: phrases,
        endings: phrases,
        leadIns: phrases,
        placeLeadIns: phrases,
        placePointers: phrases,
      })
      .strict(),
    senseOrgans: z.record(lowerPhrase, z.object({ sense: phrases, report: phrases }).strict()),
    denialWords: phrases,
    wholeStudy: phrases,
    senseRoutes: phrases,
    sequenceWords: phrases,
    organNames: z.array(phrases),
    siteParts: z.record(lowerPhrase, phrases),
    landmarks: phrases,
    structures: phrases,
    caveats: phrases,
    partNames: phrases,
    generic: phrases,
    grades: z.record(z.string(), phrases),
    stopwords: phrases,
  })
  .strict();

/** Parses and checks the cue words; throws naming a qualifying cue that is no hedge. Exported for the tests. */
export function loadCues(input: unknown): z.infer<typeof CueSchema> {
  const cues = CueSchema.parse(input);
  // A qualifying cue ("no filling defect compatible with thrombus" denies the thrombus) is a hedge that may stand in a denial.
  for (const q of cues.qualifying)
    if (!cues.hedges.some((h) => h.phrase === q)) throw new Error(`cues.json: qualifying "${q}" is no hedge`);
  return cues;
}

export const CUES = loadCues(cueData);

type CueKind =
  | 'hedge'
  | 'negation'
  | 'time'
  | 'severity'
  | 'count'
  | 'side'
  | 'normal'
  | 'recommendation'
  | 'significant'
  | 'communication'
  | 'reference';
interface Cue {
  kind: CueKind;
  words: string[];
  value: string;
  scope: 'after' | 'clause';
}

// Cues by their first word, longest phrase first, so "no acute" wins over "no".
const CUE_INDEX = (() => {
  const index = new Map<string, Cue[]>();
  const add = (kind: CueKind, phrase: string, value = phrase, scope: 'after' | 'clause' = 'clause') => {
    const words = phrase.split(' ');
    const list = index.get(words[0]) ?? [];
    list.push({ kind, words, value, scope });
    index.set(words[0], list);
  };
  for (const h of CUES.hedges) add('hedge', h.phrase, h.phrase, h.scope);
  for (const n of CUES.negations) add('negation', n.phrase, n.phrase, n.scope);
  for (const [value, list] of Object.entries(CUES.time)) for (const p of list) add('time', p, value);
  for (const [value, list] of Object.entries(CUES.severity)) for (const p of list) add('severity', p, value);
  for (const [value, list] of Object.entries(CUES.counts)) for (const p of list) add('count', p, value);
  for (const [value, list] of Object.entries(CUES.sides)) for (const p of list) add('side', p, value);
  for (const p of CUES.normal) add('normal', p);
  for (const p of CUES.recommendations) add('recommendation', p);
  for (const p of CUES.significant) add('significant', p);
  for (const p of CUES.communication) add('communication', p);
  for (const p of CUES.references) add('reference', p);
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length);
  return index;
})();
const STOP = new Set(CUES.stopwords);
const UNSEEN = new Set(CUES.unseen);
// "Upper pole:" under "LEFT KIDNEY:": a label naming only a part of the organ before it (its words, stemmed as a label's are).
const PART_LABEL = new Set(CUES.partLabels);
const partLabel = (label: readonly string[]) => label.length > 0 && label.every((w) => PART_LABEL.has(w) || PART_LABEL.has(`${w}s`));
const NARROWING = new Set(CUES.narrowing);
const EXCEPTIONS = CUES.exceptions.map((p) => p.split(' ')).sort((a, b) => b.length - a.length);
// One-word time cues, for the time inside a normal phrase ("no acute").
const TIME_WORD = new Map(
  Object.entries(CUES.time).flatMap(([value, list]) => list.filter((p) => !p.includes(' ')).map((p) => [p, value] as const)),
);
export const squash = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const ORDINALS = new Map(CUES.ordinals.map((w, i) => [w, i + 1]));
const GRADE_WORD = new Map(Object.entries(CUES.grades).flatMap(([name, list]) => list.map((w) => [w, name] as const)));
// "2", "2f", "IIF", "4a", "III": a grade's value (a Roman numeral read as its number).
const GRADE_VALUE = /^(\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)([a-f])?$/;
const ROMAN_VALUE: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };
/** The grades of a phrase read alone ("bi-rads 4a" of a label). */
function gradesIn(phrase: string): string[] {
  const tokens = (phrase.match(TOKEN) ?? []).flatMap((t) => (GRADE_VALUE.test(t) ? [t] : t.split(/[-/]/).filter(Boolean)));
  const out: string[] = [];
  tokens.forEach((t, i) => {
    const grade = GRADE_WORD.get(t);
    const values = grade && !GRADE_WORD.has(tokens[i - 1] ?? '') ? gradeValues(tokens, i, new Set()) : null;
    if (values) out.push(`${grade} ${values}`);
  });
  return out;
}

/**
 * The values after a grade word at `i` ("grade 1-2", "grade II to III", "BI-RADS category 4A", "type B"),
 * as "1-2", or null; marks their tokens in `at`.
 */
function gradeValues(tokens: readonly string[], i: number, at: Set<number>): string | null {
  let k = i + 1;
  while (GRADE_WORD.has(tokens[k] ?? '')) k++;
  const values: string[] = [];
  for (;;) {
    const t = tokens[k] ?? '';
    const m = GRADE_VALUE.exec(t);
    // Stanford "type A/B" dissection, a lettered type.
    const letter = GRADE_WORD.get(tokens[i]) === 'type' && /^[ab]$/.test(t);
    if (!m && !letter) break;
    values.push(letter ? t : `${ROMAN_VALUE[m![1]] ?? m![1]}${m![2] ?? ''}`);
    at.add(k);
    k++;
    if ((tokens[k] === 'to' || tokens[k] === 'or') && GRADE_VALUE.test(tokens[k + 1] ?? '')) k++;
  }
  return values.length ? values.join('-') : null;
}

/** A part of a clause: its content words, side and grade words, and whether it says something or calls it normal. */
export interface Part {
  words: string[];
  sides: string[];
  severity: string[];
  /** The time words it states (not denies): "new" of "new consolidation", "old" of "and chronic scarring". */
  time?: string[];
  stated?: boolean;
  normal?: boolean;
  /** Opened by "and", "or", "with" … (not a comma): it may go on with what the part before says. */
  joined?: boolean;
}

export interface Clause extends Span {
  text: string;
  section: SectionKind;
  /** Index into Report.sections (-1 for a clause read alone). */
  sectionIndex: number;
  /** The subsection label it stands under ("liver"), lower case, or null. */
  field: string | null;
  /** The words of the label the clause opens with ("liver" of "Liver: Normal."). */
  label: string[];
  /**
   * The label its paragraph opens with, when the clause has none of its own: "Complex tear of the medial
   * meniscus." after "Left knee: Moderate joint effusion." on that line speaks of the left knee, and a
   * rewrite may say so. Its side and level may be given; they need not be kept.
   */
  heading: string[];
  headingSides: string[];
  headingLevels: string[];
  /**
   * The side a paragraph's opening phrase or label gives a clause that names none ("On the right, the femoral
   * artery is patent. The popliteal artery is occluded.": the popliteal artery is the right one). Kept apart from
   * `headingSides`: a rewrite may say it, and one taking the clause out of its paragraph must say it (`dropsOf` with
   * `carried`); it excuses no side otherwise.
   */
  carriedSides: string[];
  /**
   * The side a clause placing its finding only by a part ("… in the lower pole") has from the stating sentence just
   * before it: a rewrite taking it alone must say it (`dropsOf` with `carried`), but it licenses no side a rewrite writes
   * in ("segment" alone may be another lobe's: rev16 #7).
   */
  partSides: string[];
  /** The organ label a part label stands under ("left kidney" over "Upper pole: 4 cm mass"), its words; else empty. */
  within: string[];
  /**
   * The sides in `headingSides` its heading, field or paragraph opening gives only by naming a structure with a side
   * word in its name ("Left ventricle:", "RIGHT CORONARY ARTERY:", "Left main:"): a rewrite may say them, need not.
   */
  looseSides: string[];
  /** Content words (no cue or stop words), normalised, in order; the label's words when it has no others. */
  words: string[];
  hedged: Set<string>;
  negated: Set<string>;
  hedges: string[];
  time: Set<string>;
  /** Time a negation reaches: "no new lesion" denies only new ones ("no acute" is "new" too). */
  deniedTime: Set<string>;
  /** Narrowing words a negation reaches: "no other mass", "no additional nodules" deny others than the one described. */
  narrowing: Set<string>;
  /** Severity a negation reaches: "no large effusion" denies only a large one. */
  deniedSeverity: string[];
  /** Severity grades ('1' trace … '5' massive), one per word: "moderate … and marked …" is two. */
  severity: string[];
  counts: Set<string>;
  /** The count words in order, each time said: "one or two" is not "two or two". */
  countList: string[];
  /**
   * The ranges and alternatives of a count or number it says ("one or two nodules", "2-3 lesions", "several or many"),
   * with the words after each: a range is kept whole, not cut to one of its ends.
   */
  ranges: CountRange[];
  /** The counts and numbers it says outside a range, with the words after each ("two nodules"). */
  countsSaid: CountRange[];
  sides: Set<string>;
  /** The side words in order, one per word: "right … and left …" is two. */
  sideList: string[];
  /**
   * The clause's parts between commas, "and", "or", "with" and semicolons, each with its content
   * words, sides and severity: what binds a side or a grade to the finding it belongs to.
   */
  parts: Part[];
  /** The clause's words without its list mark and label, for pairing a moved sentence with itself. */
  key: string;
  /** Sizes as "length:21" (mm), bare numbers as "n:3". */
  quantities: string[];
  /** Vertebral, rib and segment levels: "L4-5", "rib 7", "segment 4". */
  levels: string[];
  /** MR sequences read like a level ("T2" of "T2 hyperintense"): a changed one is a change, one left out drops no level. */
  sequences: string[];
  /** Grades, types, stages, categories and node levels by their number: "grade 1", "bosniak 2f", "rads 4a", "level 4". */
  grades: string[];
  normal: boolean;
  recommendation: boolean;
  /** The recommendation's cue words ("recommend", "biopsy"). */
  recommends: Set<string>;
  /** A positive statement of something significant by the cue words (a finding word, severity, acuity). */
  significant: boolean;
  /** Has a word no negation reaches: it states something. */
  positive: boolean;
  /** Records a call or a discussion ("discussed with Dr. X"), not a finding. */
  communication: boolean;
  /** Names the study it compares with ("According to the prior study, …", "compared to prior"), not denied. */
  compares: boolean;
  /** Denies something by name ("no pneumothorax"), not the whole exam ("no acute abnormality"). */
  specificDenial: boolean;
  /** How many denials it says ("no", "without", "not" …): "No effusion, and no invasion" says two. */
  denials: number;
}

/** A range of counts or numbers ("one or two" is ends ["1", "2"]) or one said alone (one end), and the words after it. */
export interface CountRange {
  ends: string[];
  next: string[];
}

// A count word's value ("one" 1, "several" few, "many" many), from cues.json counts; a number is its own value.
const COUNT_VALUE = new Map(
  Object.entries(CUES.counts).flatMap(([value, list]) => list.filter((p) => !p.includes(' ')).map((p) => [p, value] as const)),
);
const COUNT_ORDER = (v: string) => (v === 'few' ? 3.5 : v === 'many' ? 7 : Number(v));
const RANGE_JOIN = new Set(['or', 'to', '-', '–', '—']);
/**
 * The count and number ranges of a text ("one or two", "2-3", "2 to 3", "several or many"), the low end first, and the
 * counts and numbers said alone. Not a change ("from 5 to 3"), a date or a level ("2024-01-05", "L4-5").
 */
export function countRangesOf(text: string): { ranges: CountRange[]; alone: CountRange[] } {
  const tokens = text.toLowerCase().match(/[a-z]*\d+(?:\.\d+)?[a-z]*|[a-z]+|[-–—/:]/g) ?? [];
  const valueAt = (i: number) => {
    const t = tokens[i] ?? '';
    return NUMBER.test(t) ? String(Number(t)) : COUNT_VALUE.get(t);
  };
  const next = (i: number) =>
    tokens
      .slice(i, i + 4)
      .filter((t) => /[a-z]/.test(t) && !STOP.has(t))
      .map(stem);
  const ranges: CountRange[] = [];
  const alone: CountRange[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const a = valueAt(i);
    if (a === undefined) continue;
    const b = RANGE_JOIN.has(tokens[i + 1] ?? '') ? valueAt(i + 2) : undefined;
    const dated = /^[-–—/:]$/.test(tokens[i + 3] ?? '') || /^[-–—/:]$/.test(tokens[i - 1] ?? '');
    if (b !== undefined && tokens[i - 1] !== 'from' && !dated && COUNT_ORDER(a) < COUNT_ORDER(b)) {
      ranges.push({ ends: [a, b], next: next(i + 3) });
      i += 2;
    } else if (!/[-–—/:]/.test(tokens[i - 1] ?? '') && !/^[-–—/:]$/.test(tokens[i + 1] ?? '')) alone.push({ ends: [a], next: next(i + 1) });
  }
  return { ranges, alone };
}

const TOKEN = /%|[a-z0-9]+(?:[.'/-][a-z0-9]+)*/g;
const PART_BREAK = ',';
// Words that open another part of a clause: "mild right … and moderate left …".
const PART_WORDS = new Set(['and', 'or', 'with', 'nor', 'while', 'whereas']);
const NUMBER = /^\d+(?:\.\d+)?$/;
const GLUED = /^(\d+(?:\.\d+)?)([a-z%][a-z/%-]*)$/;
const LEVEL = /^[ctls]\d{1,2}(?:-[ctls]?\d{1,2})?$/;
const ORDINAL_NUMBER = /^(\d{1,2})(?:st|nd|rd|th)$/;
const ROMAN = /^(?:i{1,3}|iv|v|vi{1,3}|ix|x)$/;
// MR sequences: "T2" is the thoracic level T2 unless a sequence word stands next to it ("T2 hyperintense",
// "T1-weighted", "STIR/T2"), or the other sequence does ("T1 and T2"); a range ("T1-T2") is a level.
const SEQUENCE = /^t[12]$/;
const BESIDE_SEQUENCE = new Set(CUES.sequenceWords);
function isSequence(tokens: readonly string[], i: number): boolean {
  if (!SEQUENCE.test(tokens[i])) return false;
  const beside = (w: string | undefined) => !!w && BESIDE_SEQUENCE.has(w);
  return (
    beside(tokens[i - 1]) || beside(tokens[i + 1]) || [tokens[i - 2], tokens[i + 2]].some((w) => !!w && SEQUENCE.test(w) && w !== tokens[i])
  );
}
/**
 * A label's name as reports write it ("Liver", "Lungs and pleura", "C5-6", "FL/BPD"), at most `max` + 1
 * characters: the one pattern of the rewrites' labels (a clause's, a restructured line's, a heading line).
 */
export const labelName = (max: number) => `[A-Za-z][A-Za-z0-9 ,/&()'-]{0,${max}}`;
// "Liver:", "Lungs and pleura:" opening a clause; not "at 14:35".
const LABEL = new RegExp(`^[ \\t]*(${labelName(40)}?)[ \\t]*:(?!\\d)[ \\t]*`);
// (And a stop the sentence reader read past before a number, "No acute rib fx. 8 mm nodule …": a statement of its own,
// which the denial before it does not reach; not after "approx.", "No.", "vs.", "Fig.".)
// ("The V1 and V2 branches however can be identified.": a "however" with no comma, before the clause's own verb, is an
// adverb inside it, no break; "No effusion however there is …" still breaks.)
// (Not a concession opening a labelled line: "Peritoneum: Although there is no ascites, …" is one statement.)
const CLAUSE_BREAK =
  /;|(?<!:[ \t]*),?\s+(?:but|although|whereas)\b,?|,\s*however\b,?|\s+however(?:,|\b(?![ \t]+(?:is|are|was|were|can|could|may|might|will|would|has|have|had|does|do|did|remains?|appears?|seems?|measures?|shows?|demonstrates?|persists?|extends?)\b))|(?<=[a-z]{2})(?<!\b(?:approx|nos?|vs|fig|ref|vol|ca|ap)\.?)\.(?=[ \t]+\d)/gi;
// A quotation mark before a capital ('… of the right lung" Ground-glass densities …', '" Renal cortical cysts'):
// the report's quoted items run into one sentence (CT-RATE), each a statement of its own, whose hedge or
// negation reaches no further.
// (Also one typed in lower case after a sentence's end or a "?)": '… (cyst?)" hiatal hernia'.)
const QUOTED_ITEM = /["“”]\s+(?=[A-Z])|(?<=(?:[.!?]|\?\))\s*)["“”]\s+(?=[a-z])/g;
const NEW_STATEMENT = new Set(['is', 'are', 'was', 'were']);
const CONCESSIVE = new Set(['although', 'though', 'while', 'whereas']);
// The words that make a stretch a statement of its own ("… the ovaries are enlarged", "a 2 cm cyst is seen").
const STATES = new Set([...NEW_STATEMENT, 'seen', 'noted', 'present', 'identified', 'demonstrated', 'appears', 'appear', 'shows', 'show']);
/**
 * The comma at `at` goes on with a list, not into the main statement after a concession (rev18 #1): "Although there is no
 * ascites, omental caking or scalloping of the liver surface, the ovaries are enlarged" — a member with no statement of
 * its own before another comma; one opening on "or/and/nor" (", or hemorrhage"); or members joined by "or/nor" before
 * the verb that ends them ("Although no edema, mass effect or hemorrhage is seen, there is …").
 */
function listGoesOn(tokens: readonly string[], at: number): boolean {
  const next = tokens.indexOf(PART_BREAK, at + 1);
  const run = tokens.slice(at + 1, next < 0 ? tokens.length : next);
  const verb = run.findIndex((w) => STATES.has(w));
  if (['or', 'and', 'nor'].includes(run[0] ?? '')) return true;
  // (A thing named with an article or a size is the main statement's subject, not a denied member: "Although there is
  // no hydronephrosis, a 5 mm stone, likely obstructing, is present"; rev19 #3.)
  if (['a', 'an', 'the'].includes(run[0] ?? '') || run.some((w) => /\d/.test(w))) return false;
  if (verb < 0) return next >= 0;
  return !run.includes('either') && run.slice(0, verb).some((w) => w === 'or' || w === 'nor');
}
// Verbs after which a state word qualifies the noun that follows it ("demonstrates absent flow").
const SHOWING = new Set(
  ['demonstrate', 'show', 'reveal', 'exhibit', 'display', 'have', 'has', 'had', 'having'].flatMap((v) =>
    v.startsWith('ha') ? [v] : [v, `${v}s`, `${v}d`, `${v}ed`, `${v.replace(/e$/, '')}ing`],
  ),
);
const CHANGE_WORDS = new Set(CUES.changeWords);
const APPEARANCE = new Set(CUES.appearanceWords);
const VOLUME_OF = new Set(CUES.volumeOf);
const APPEARANCE_AFTER_OF = new Set(CUES.appearanceAfterOf);
const COMPARING = new Set(CUES.comparingWords);
// "No significant difference" is no change only between studies ("… from the prior exam", "… between the examinations"):
// "not significantly different in attenuation from the renal cortex" tells how it looks (rev18 #4).
const STUDY_NOUNS = new Set(CUES.studyNouns);
const comparesStudies = (tokens: readonly string[]) => tokens.some((w) => COMPARING.has(w) || STUDY_NOUNS.has(w));
const COPULA = /^(?:is|are|was|were|appears?)$/;
/**
 * An organ told as it looks, after its verb: "the liver is decreased in attenuation", "… is enlarged and decreased in
 * density".
 */
function inAppearance(tokens: readonly string[], at: number, length: number): boolean {
  const next = tokens[at + length + 1] ?? '';
  const copula = (w: string | undefined) => COPULA.test(w ?? '');
  return (
    (copula(tokens[at - 1]) || (tokens[at - 1] === 'and' && copula(tokens[at - 3]))) &&
    tokens[at + length] === 'in' &&
    (APPEARANCE.has(next) || APPEARANCE_AFTER_OF.has(next))
  );
}
/**
 * A lung's volume told low or high on this exam ("the volume of the right lung was decreased", "lung volumes are
 * reduced", "decreased right lung volume"): volume loss or hyperinflation, no change over time.
 */
function lungVolume(tokens: readonly string[], at: number, length: number): boolean {
  // "decreased lung volume", "decreased left lower lobe volume", "decreased volume of the left lung".
  const after = tokens.slice(at + length, at + length + 4);
  if (after.some((w, k) => /^volumes?$/.test(w) && k > 0 && VOLUME_OF.has(after[k - 1]))) return true;
  // (The lung or lobe ends the "of" phrase: "decreased volume of the right lower lobe consolidation" is the
  // consolidation's, a change over time: rev16 #2.)
  const endsPhrase = (w: string | undefined) => w === undefined || w === PART_BREAK || STOP.has(w) || NEW_STATEMENT.has(w);
  const lungAt = (from: number, to: number) => tokens.slice(from, to).some((w, k) => VOLUME_OF.has(w) && endsPhrase(tokens[from + k + 1]));
  if (/^volumes?$/.test(after[0] ?? '') && after[1] === 'of' && lungAt(at + length + 2, at + length + 6)) return true;
  const start = Math.max(0, at - 9);
  const before = tokens.slice(start, at);
  const v = before.findIndex((w) => /^volumes?$/.test(w));
  return v >= 0 && (VOLUME_OF.has(before[v - 1] ?? '') || lungAt(start + v + 1, at)) && COPULA.test(before[before.length - 1] ?? '');
}
// "Emphysema Nodule in the right lower lobe Aortic atherosclerosis": a list typed with nothing between its members but
// the capital that opens each, after a word ending a noun phrase (not "consistent with Chiari", "seen by Dr Smith").
const MEMBER_START =
  /(?<=[a-z0-9)])(?<!\b(?:of|with|and|or|the|a|an|to|in|by|for|from|at|on|as|dr|mr|mrs|ms|suggest|suggests|suggesting|represent|represents|including|include|includes|like|called|named|see|per))[ \t]+(?=[A-Z][a-z])/g;
/** The side opposite the one spoken of, not named: "the contralateral vein", "the opposite kidney", "the other leg". */
const OTHER_SIDE =
  /\b(?:contralateral|opposite|other (?:side|leg|arm|limb|extremity|lung|kidney|breast|ovary|testis|hip|knee|shoulder))\b/i;
/** A side named only as what the side spoken of is compared with. */
const COMPARED_SIDE = /\b(?:than|compared (?:to|with)|relative to|versus|vs\.?|as on) the (?:left|right|contralateral)\b/i;
const escaped = (cues: readonly { phrase: string }[]) => cues.map((c) => c.phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const LIST_CUES = [...escaped(CUES.negations), ...escaped(CUES.hedges)];
const LIST_CUE_START = new RegExp(`^(?:${escaped(CUES.negations).join('|')})\\b`, 'i');
const LIST_CUE_END = new RegExp(`\\b(?:${LIST_CUES.join('|')})[ \\t]*$`, 'i');
/**
 * The starts of a run-together list's members, each read as a clause of its own with its own hedge and side: three
 * members at least, no punctuation inside, and written in words, not in title case ("Fetal Cardiac Activity").
 */
function membersOf(sentence: string, names: ReadonlySet<string> = new Set()): RegExpExecArray[] {
  const body = sentence.replace(/[.\s]+$/, '').trim();
  if (/[.,;:?!"\u201c\u201d()]/.test(body)) return [];
  // "No pneumothorax Pleural effusion Consolidation" may deny every member; "Possible Crohn ileitis": the hedge is
  // the member's own. A list opening on a denial is not split, and no member starts after a denial or hedge (rev11 #5).
  const cueBefore = (at: number) => LIST_CUE_END.test(sentence.slice(0, at));
  if (LIST_CUE_START.test(body)) return [];
  // A name is no member's start: one the report writes capitalised mid-sentence elsewhere, or one opening two "members"
  // ("Resting Myoview and adenosine Myoview SPECT", "Rest Cardiolite and stress Cardiolite images": a tracer, a list
  // names each of its members once).
  const wordAt = (m: RegExpExecArray) => /^[A-Za-z]+/.exec(sentence.slice(m.index + m[0].length))?.[0] ?? '';
  const all = [...sentence.matchAll(MEMBER_START)];
  const twice = (w: string) => all.filter((m) => wordAt(m) === w).length > 1;
  const starts = all.filter((m) => !cueBefore(m.index) && !names.has(wordAt(m)) && !twice(wordAt(m)));
  if (starts.length < 2 || (body.match(/(?:^|\s)[a-z]/g) ?? []).length < starts.length) return [];
  return starts;
}

/**
 * The words the report writes capitalised after a lower-case word in a sentence no run-together list can be ("…
 * resting Myoview SPECT was obtained."): names (a tracer, a device, an eponym), never the start of a list member.
 */
function namesIn(report: Report): Set<string> {
  const out = new Set<string>();
  for (const s of report.sentences)
    if (/[.,;:?!"\u201c\u201d()]/.test(s.text.replace(/[.\s]+$/, '').trim()))
      for (const m of s.text.matchAll(/(?<=\b[a-z]+[ \t]+)([A-Z][a-z]+)\b/g)) out.add(m[1]);
  return out;
}

/** The one side the exam title names ("US venous duplex right lower extremity"): "right" or "left"; else null. */
function oneSideOf(report: Report): string | null {
  const title = report.sections
    .filter((x) => x.kind === 'exam')
    .map((x) => report.text.slice(x.body.start, x.body.end))
    .join(' ');
  const right = /\bright\b/i.test(title);
  const left = /\bleft\b/i.test(title);
  if (right === left || /\b(?:bilateral|both)\b/i.test(title)) return null;
  return right ? 'right' : 'left';
}

export const stem = (w: string) =>
  w.length > 4 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is') ? w.slice(0, -1) : w;
const fmt = (n: number) => String(Math.round(n * 1e6) / 1e6);

/** The words of a label or heading that can say something ("chest", "contrast", "ct" of "CHEST W/CONTRAST CT"), stemmed. */
export const labelWordsOf = (text: string): string[] =>
  squash(text)
    .split(' ')
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map(stem);

/** Cue words that name no finding of their own ("lesion", "area"), stemmed as the clause words are. */
export const GENERIC: ReadonlySet<string> = new Set(CUES.generic.map(stem));

/** Reads one clause's words and cues. `offset` is where `text` starts in the whole text. */
// Typographic apostrophes and quotes read as typed ones ("don’t" is "don't"); same length, offsets kept.
const TYPOGRAPHIC: Record<string, string> = { '‘': "'", '’': "'", ʼ: "'", '“': '"', '”': '"' };

/**
 * The stretches of a clause a question mark hedges: a bracket holding one ("(opportunistic infections?,
 * lymphoma)", "(infective? atelectasis?)" — a differential, every item of it), else the words before it back
 * to a comma, semicolon, colon or bracket ("Pneumonia?", "…, abscess?").
 */
function questioned(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/\([^()]*\?[^()]*\)/g)) out.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(/\?/g)) {
    if (out.some(([from, to]) => m.index >= from && m.index < to)) continue;
    const before = text.slice(0, m.index);
    const from = Math.max(...[',', ';', ':', '(', ')'].map((x) => before.lastIndexOf(x))) + 1;
    // "?PE", "? pneumonia": a question mark opening the words asks about those after it.
    if (!/[a-z0-9]/.test(text.slice(from, m.index))) {
      const rest = text.slice(m.index + 1).search(/[,;:()?]|\.(?:\s|$)/);
      out.push([m.index, rest < 0 ? text.length : m.index + 1 + rest]);
    } else out.push([from, m.index]);
  }
  return out;
}

export function readClause(text: string, span: Span, section: SectionKind, field: string | null): Clause {
  let body = text.replace(/[‘’ʼ“”]/g, (q) => TYPOGRAPHIC[q]).replace(LIST_NUMBER, '');
  const label = LABEL.exec(body);
  let labelWords: string[] = [];
  const sides: string[] = [];
  const namedSides: string[] = [];
  const levelsOfLabel: string[] = [];
  const labelGrades: string[] = [];
  if (label && label[1].split(/\s+/).length <= 5) {
    labelWords = (label[1].toLowerCase().match(TOKEN) ?? []).filter((w) => !STOP.has(w)).map(stem);
    // "L4-L5:", "C5-6:": the level a spine report's paragraph speaks of.
    for (const w of labelWords) if (LEVEL.test(w)) levelsOfLabel.push(w.toUpperCase());
    // "RIGHT: 1. Mild plaque …": the item's number after the label is no quantity.
    body = body.slice(label[0].length).replace(LIST_NUMBER, '');
    // "BI-RADS 4:", "Bosniak IIF:": a label may give the grade.
    labelGrades.push(...gradesIn(label[1].toLowerCase()));
    // "RIGHT: 1. Mild plaque …": a side heading is the clause's side; "Left ventricle:" names a chamber.
    const heading = headingSidesOf(label[1]);
    // The label's own clause keeps its side either way: "Right coronary artery: 80% stenosis" told as "80% stenosis"
    // loses which artery (review rev11 #1); only the sentences after such a heading may leave it unsaid.
    namedSides.push(...heading.named.filter((x) => !heading.sides.includes(x)));
    sides.push(...heading.sides, ...namedSides);
  }
  const tokens: string[] = [];
  const lower = body.toLowerCase().replace(/(\d)\s*[x×*]\s*(?=\d)/g, '$1 x ');
  let last = 0;
  // Where each token stands in `lower`: a question mark hedges what stands before it.
  const tokenAt: number[] = [];
  const asked = questioned(lower);
  for (const m of lower.matchAll(TOKEN)) {
    const t = m[0];
    // A comma or semicolon ends a part of the clause (and no cue phrase reaches over it).
    if (/[,;]/.test(lower.slice(last, m.index)) && tokens.length) tokens.push(PART_BREAK);
    last = m.index + t.length;
    const glued = GLUED.exec(t);
    // ("Bosniak 2F", "BI-RADS 4A": a grade's lettered value stays one.)
    const graded = GRADE_WORD.has(tokens[tokens.length - 1] ?? '') && GRADE_VALUE.test(t);
    if (glued && !LEVEL.test(t) && !ORDINAL_NUMBER.test(t) && !graded) tokens.push(glued[1], glued[2]);
    // "L3/4", "L5/S1": a slash between two levels names one disc level, as "L3-4" does.
    else if (LEVEL.test(t.replace('/', '-')) && /\d\/[ctls]?\d/.test(t) && !t.split('/').every((x) => SEQUENCE.test(x)))
      tokens.push(t.replace('/', '-'));
    // "FLAIR/T2": a sequence or level joined to another word by a slash is read apart.
    else if (t.includes('/') && t.split('/').some((x) => LEVEL.test(x))) tokens.push(...t.split('/').filter(Boolean));
    // "infiltrates/consolidation", "subacromial/subdeltoid": each word is said (not a unit, "cm/s").
    else if (/^[a-z]+(?:\/[a-z]+)+$/.test(t) && !CUES.units[t] && !CUE_INDEX.has(t)) tokens.push(...t.split('/'));
    // "effusion-thickening", "well-defined": the words apart, unless the whole is a cue ("follow-up").
    else if (t.includes('-') && !LEVEL.test(t) && !CUE_INDEX.has(t)) tokens.push(...t.split('-').filter(Boolean));
    else tokens.push(t);
    while (tokenAt.length < tokens.length) tokenAt.push(m.index);
  }
  const isAsked = (i: number) => asked.some(([from, to]) => tokenAt[i] >= from && tokenAt[i] < to);
  const c: Clause = {
    ...span,
    text: text.trim(),
    section,
    sectionIndex: -1,
    field,
    label: labelWords,
    heading: labelWords,
    headingSides: [...sides],
    headingLevels: [...levelsOfLabel],
    carriedSides: [],
    partSides: [],
    within: [],
    looseSides: [...namedSides],
    words: [],
    hedged: new Set(),
    negated: new Set(),
    hedges: [],
    time: new Set(),
    deniedTime: new Set(),
    narrowing: new Set(),
    deniedSeverity: [],
    severity: [],
    counts: new Set(),
    countList: [],
    ...(({ ranges, alone }) => ({ ranges, countsSaid: alone }))(countRangesOf(body)),
    sides: new Set(sides),
    sideList: [],
    parts: [],
    key: squash(body),
    quantities: [],
    levels: [...levelsOfLabel],
    sequences: [],
    grades: labelGrades,
    normal: false,
    recommendation: false,
    recommends: new Set(),
    significant: false,
    positive: false,
    specificDenial: false,
    denials: 0,
    communication: false,
    compares: false,
  };
  let hedgeFrom = Infinity;
  // Where a "not (well) seen" stands ("The left MCA is not clearly visualized, suggesting possible occlusion"): a hedge
  // after it ends the denial; what it hedges is a possible finding.
  let unseenAt = Infinity;
  // A denial of its own said after it ("…, and no collection suggesting abscess"): a hedge there qualifies that denial.
  let deniedAfterUnseen = false;
  let negateFrom = Infinity;
  // Where a negation reaching over its whole statement ("not", "absent") begins it.
  let clauseNegationFrom = -1;
  // Where a "without" opened the negation, if one did.
  let withoutAt = -1;
  // A hedge after a negation ends it: "no enhancement, most compatible with chronic change".
  let negateTo = Infinity;
  // Where earlier negations reached, before a hedge or a new statement ended them ("no effusion and there is no …").
  const ended: [number, number][] = [];
  // A concession opening the clause ("Although no washout is seen, …", "Additionally, though without mass effect, …"):
  // its first comma ends the denial in it, and the main statement after it is stated (h17i, 00:00).
  let concession = tokens.findIndex((t, k) => k <= 3 && CONCESSIVE.has(t) && (k === 0 || tokens[k - 1] === PART_BREAK));
  const denies = (i: number) => (i >= negateFrom && i < negateTo) || ended.some(([from, to]) => i >= from && i < to);
  const negateAgain = (i: number) => {
    ended.push([negateFrom, negateTo]);
    [negateFrom, negateTo] = [i, Infinity];
  };
  let part: Part = { words: [], sides: [], severity: [] };
  c.parts.push(part);
  const nextPart = (joined: boolean) => {
    if (part.words.length || part.sides.length || part.severity.length)
      c.parts.push((part = { words: [], sides: [], severity: [], joined }));
  };
  let significantCue = false;
  // The parts opened by an exception ("other than …").
  const excepted: Part[] = [];
  // The parts an "or" joins as alternatives.
  const alternatives = new Set<Part>();
  let acute = false;
  let lastCue: { kind: CueKind | null; end: number } = { kind: null, end: -1 };
  let normalCue = false;
  const wordAt: { word: string; at: number }[] = [];
  const negatedAt: number[] = [];
  const narrowingAt: { word: string; at: number }[] = [];
  // The number or numeral of a grade ("grade II", "Bosniak 2F") is the grade's, no quantity.
  const gradeValueAt = new Set<number>();
  for (let i = 0; i < tokens.length;) {
    const t = tokens[i];
    if (gradeValueAt.has(i)) {
      i++;
      continue;
    }
    const grade = GRADE_WORD.get(t);
    // (One grade of "BI-RADS category 4".)
    if (grade && !GRADE_WORD.has(tokens[i - 1] ?? '')) {
      const values = gradeValues(tokens, i, gradeValueAt);
      if (values) c.grades.push(`${grade} ${values}`);
    }
    // "Atelectasis or early pneumonia": two findings told as alternatives, each possible (rev12 #1).
    const before = part;
    if (t === PART_BREAK || PART_WORDS.has(t)) nextPart(t !== PART_BREAK);
    if (t === 'or' && !denies(i) && alternativeAt(tokens, i)) alternatives.add(before).add(part);
    if (t === PART_BREAK) {
      // So does one after a comma: "No infiltration is detected, there are a few nodules" (to-h16v).
      // And the first after a concession: "Although there is no edema, a 4 mm focus is present".
      const concedes = concession >= 0 && i > concession && !listGoesOn(tokens, i);
      const newStatement = concedes || (tokens[i + 1] === 'there' && NEW_STATEMENT.has(tokens[i + 2] ?? ''));
      if (newStatement && negateFrom !== Infinity && negateTo === Infinity) negateTo = i;
      if (concedes) concession = -1;
      i++;
      continue;
    }
    // Sizes: 2.1 x 1.5 cm, 8 mm; bare numbers count too.
    if (NUMBER.test(t)) {
      const values = [Number(t)];
      let k = i + 1;
      while ((tokens[k] === 'x' || tokens[k] === 'by') && NUMBER.test(tokens[k + 1] ?? '')) {
        values.push(Number(tokens[k + 1]));
        k += 2;
      }
      const unit = CUES.units[tokens[k] ?? ''];
      if (unit) {
        for (const v of values) c.quantities.push(`${unit[0]}:${fmt(v * unit[1])}`);
        k++;
      } else for (const v of values) c.quantities.push(`n:${fmt(v)}`);
      negatedAt.push(i);
      i = k;
      continue;
    }
    if (isSequence(tokens, i)) {
      c.sequences.push(t.toUpperCase());
      i++;
      continue;
    }
    if (LEVEL.test(t)) {
      c.levels.push(t.toUpperCase());
      i++;
      continue;
    }
    const ordinal = ORDINAL_NUMBER.exec(t)?.[1] ?? ORDINALS.get(t);
    if (ordinal !== undefined) {
      c.levels.push(`#${ordinal}`);
      i++;
      continue;
    }
    if (t === 'segment' && (NUMBER.test(tokens[i + 1] ?? '') || ROMAN.test(tokens[i + 1] ?? ''))) {
      c.levels.push(`segment ${tokens[i + 1]}`);
      i += 2;
      continue;
    }
    // "Soft tissue density without significant mass effect was observed in the right hilar region": "without"
    // qualifies the subject; the verb after it states the rest.
    if (withoutAt >= 0 && NEW_STATEMENT.has(t) && negateTo === Infinity && negateFrom === withoutAt) negateTo = i;
    // "… no tear, and there is a cyst": a new statement ends what the negation before it reaches.
    if (t === 'and' && tokens[i + 1] === 'there' && NEW_STATEMENT.has(tokens[i + 2]) && negateFrom !== Infinity && negateTo === Infinity)
      negateTo = i;
    // "Unremarkable other than mild facet degenerative changes": what follows an exception is stated, a part of its own,
    // and no denial before it reaches it ("No abnormality apart from a small cyst").
    const exception = EXCEPTIONS.find((e) => e.every((w, k) => tokens[i + k] === w));
    if (exception) {
      nextPart(true);
      excepted.push(part);
      if (denies(i) && negateTo === Infinity) negateTo = i;
      i += exception.length;
      continue;
    }
    const cue = (CUE_INDEX.get(t) ?? []).find(
      (q) =>
        q.words.every((w, k) => tokens[i + k] === w) &&
        // "increased attenuation", "decreased T2 signal": how the tissue looks on the images, no change over time.
        // (Unless the clause compares with a study before: "increased density since the prior exam" has grown.)
        !(
          q.kind === 'time' &&
          (q.value === 'increased' || q.value === 'decreased') &&
          (APPEARANCE.has(tokens[i + q.words.length] ?? '') ||
            (tokens[i - 1] === 'of' && APPEARANCE_AFTER_OF.has(tokens[i + q.words.length] ?? '')) ||
            inAppearance(tokens, i, q.words.length) ||
            lungVolume(tokens, i, q.words.length)) &&
          !tokens.some((w) => COMPARING.has(w))
        ) &&
        !(q.kind === 'time' && q.value === 'unchanged' && q.words.some((w) => w.startsWith('differ')) && !comparesStudies(tokens)),
    );
    if (cue) {
      lastCue = { kind: cue.kind, end: i + cue.words.length };
      if (cue.kind === 'hedge') {
        c.hedges.push(cue.value);
        hedgeFrom = Math.min(hedgeFrom, cue.scope === 'clause' ? -1 : i);
        // Only after the words it denies: "no suspicious opacity" denies the opacity; and not when it qualifies
        // them in the same part ("no filling defect compatible with thrombus" denies the thrombus).
        const qualifies = CUES.qualifying.includes(cue.value) && !tokens.slice(Math.max(negateFrom, 0), i).includes(PART_BREAK);
        if (cue.scope === 'after' && negateFrom >= 0 && negateTo === Infinity && wordAt.some((w) => denies(w.at)) && !qualifies)
          negateTo = i;
        // Only the denial the "not <unseen>" opened, and not a hedge qualifying a denial of its own: "The appendix is not
        // visualized, and no fluid collection suggesting abscess is seen" denies the abscess (rev12 #1).
        else if (cue.scope === 'after' && i > unseenAt && !deniedAfterUnseen && negateTo === Infinity && denies(i) && !qualifies)
          negateTo = i;
      } else if (cue.kind === 'negation') {
        c.denials++;
        if (cue.words.join(' ') === 'not' && tokens.slice(i + 1, i + 4).some((w) => UNSEEN.has(w))) unseenAt = i;
        else if (i > unseenAt) deniedAfterUnseen = true;
        // "with absent internal blood flow, compatible with torsion": "absent" before what it denies is a "no", reaching
        // only what follows it; after it ("Flow is absent in the left testis") it denies its statement, and so after its
        // noun ("The right ovary absent surgically", "uterus absent post hysterectomy"): attributive only with no word
        // of its own before it.
        // After a verb of showing it is attributive too: "Left testis demonstrates absent color flow, compatible with
        // torsion" denies the flow, states the torsion (rev16 #4).
        const attributive =
          cue.value === 'absent' &&
          /^[a-z]/.test(tokens[i + 1] ?? '') &&
          !STOP.has(tokens[i + 1]) &&
          (i === 0 || STOP.has(tokens[i - 1]) || !/^[a-z]/.test(tokens[i - 1]) || SHOWING.has(tokens[i - 1]));
        if (cue.scope === 'clause' && !attributive) {
          // "… is not detected, and loose bodies are present": it denies its own statement, not the next one.
          const [from, to] = statementOf(tokens, i);
          clauseNegationFrom = from;
          if (from <= 0 && to >= tokens.length) negateFrom = -1;
          else {
            if (negateFrom !== Infinity) ended.push([negateFrom, negateTo]);
            [negateFrom, negateTo] = [from, to];
          }
        } else {
          if (negateTo !== Infinity && i >= negateTo) negateAgain(i);
          else negateFrom = Math.min(negateFrom, i);
          // "There is no evidence of ischemia, and … adenopathy is present": nor does a "no" reach the next statement.
          const end = statementOf(tokens, i)[1];
          if (end < tokens.length && negateTo > end) negateTo = end;
        }
        withoutAt = cue.value === 'without' && negateFrom === i ? i : -1;
      }
      // Time and severity a negation reaches say what is denied ("without acute …", "no large …").
      else if (cue.kind === 'time') {
        (denies(i) ? c.deniedTime : c.time).add(cue.value);
        if (!denies(i)) (part.time ??= []).push(cue.value);
        acute ||= cue.words[0].endsWith('acute') && !denies(i);
      } else if (cue.kind === 'severity') {
        (denies(i) ? c.deniedSeverity : c.severity).push(cue.value);
        part.severity.push(cue.value);
      } else if (cue.kind === 'count') {
        c.counts.add(cue.value);
        c.countList.push(cue.value);
      } else if (cue.kind === 'side') {
        c.sides.add(cue.value);
        c.sideList.push(cue.value);
        part.sides.push(cue.value);
      } else if (cue.kind === 'normal') {
        normalCue = true;
        part.normal = true;
      } else if (cue.kind === 'recommendation') {
        c.recommendation = true;
        // "needing no follow-up" recommends nothing: the denied advice is its own value.
        c.recommends.add(denies(i) ? `not ${cue.value}` : cue.value);
      } else if (cue.kind === 'communication') c.communication = true;
      else if (cue.kind === 'reference' && !denies(i)) c.compares = true;
      if (cue.kind === 'significant') {
        significantCue ||= !denies(i);
        c.specificDenial ||= denies(i);
        // The finding's own word is content too: it is what aligns two clauses.
        wordAt.push({ word: stem(t), at: i });
        part.words.push(stem(t));
        part.stated ||= !denies(i);
      } else if (cue.kind === 'normal' && cue.words[0] === 'no' && cue.words.length > 1) {
        c.denials++;
        if (i > unseenAt) deniedAfterUnseen = true;
        if (negateTo !== Infinity && i >= negateTo) negateAgain(i);
        else negateFrom = Math.min(negateFrom, i);
        const end = statementOf(tokens, i)[1];
        if (end < tokens.length && negateTo > end) negateTo = end;
        // "No acute …" denies new findings only.
        for (const w of cue.words) if (TIME_WORD.has(w)) c.deniedTime.add(TIME_WORD.get(w)!);
      }
      i += cue.words.length;
      continue;
    }
    if (NARROWING.has(t)) narrowingAt.push({ word: t, at: i });
    if (!STOP.has(t) && /[a-z]/.test(t)) {
      wordAt.push({ word: stem(t), at: i });
      part.words.push(stem(t));
      part.stated ||= !denies(i);
    }
    i++;
  }
  // An empty last part goes, unless it is the normal of "Low lung volumes, otherwise no acute findings".
  if (!part.words.length && !part.sides.length && !part.severity.length && !part.normal && c.parts.length > 1) c.parts.pop();
  // A side the finding gets only in the words joined to it: "focal consolidations in the superior and basal
  // segments of the right lung lower lobe" are right-sided.
  for (let k = c.parts.length - 2; k >= 0; k--) {
    const [p, next] = [c.parts[k], c.parts[k + 1]];
    if (p.words.length && !p.sides.length && next.joined && next.sides.length) p.sides = [...next.sides];
  }
  // A hedge or negation after every word ("Atelectasis, likely."; "Effusion: no.") reaches back over the clause.
  if (lastCue.kind === 'hedge' && lastCue.end === tokens.length) hedgeFrom = -1;
  if (lastCue.kind === 'negation' && lastCue.end === tokens.length) [negateFrom, negateTo] = [clauseNegationFrom, Infinity];
  for (const { word, at } of wordAt) {
    c.words.push(word);
    if (at >= hedgeFrom || isAsked(at)) c.hedged.add(word);
    if (isAsked(at) && !c.hedges.includes('?')) c.hedges.push('?');
    if (denies(at)) c.negated.add(word);
  }
  // Alternatives are each possible: "atelectasis or pneumonia" states neither.
  const alternative = new Set([...alternatives].flatMap((p) => p.words).filter((w) => !c.negated.has(w)));
  if (alternative.size) {
    for (const w of alternative) c.hedged.add(w);
    if (!c.hedges.includes('or')) c.hedges.push('or');
  }
  // (Read after the clause: "Other lesions are not seen" is narrowed by a negation after it.)
  for (const { word, at } of narrowingAt) if (denies(at)) c.narrowing.add(word);
  // "Liver: Normal." is about the liver; a label alone ("BIOMETRIC DATA:") says nothing.
  if (!c.words.length && /[a-z0-9]/i.test(body)) c.words = labelWords;
  const unnegated = c.words.some((w) => !c.negated.has(w));
  const old = c.time.has('old') && !c.time.has('new') && !c.time.has('increased');
  // What the history or the exam title names is the question, not a finding.
  const stated = !['history', 'exam', 'technique', 'comparison'].includes(section);
  c.significant = stated && unnegated && !old && (significantCue || acute || [...c.severity].some((s) => s >= '3'));
  // "Follow-up after appropriate therapy" advises; it does not call anything normal.
  // "No acute interval change", "No significant change": nothing new, what was there still is; no all-clear.
  const changeOnly = c.words.length > 0 && c.words.every((w) => CHANGE_WORDS.has(w));
  // "Unremarkable other than mild facet degenerative changes" states the changes: no normal statement.
  const excepting = excepted.some((p) => p.stated && p.words.length);
  c.normal = normalCue && !c.significant && !c.recommendation && !changeOnly && !excepting;
  // "Low lung volumes, otherwise no acute abnormality" states the low volumes beside the normal.
  c.positive = unnegated && !c.recommendation && (!c.normal || (c.parts.length > 1 && c.parts.some((p) => p.stated && !p.normal)));
  return c;
}

// A word naming something, no cue, number or stop word: what an "or" between two findings joins.
// (A finding's cue word names one: "pneumonia".)
const namingWord = (t: string | undefined) =>
  !!t && /^[a-z]{3,}$/.test(t) && !STOP.has(t) && (CUE_INDEX.get(t) ?? []).every((q) => q.kind === 'significant');
// Stage and grade words that may open the second alternative ("atelectasis or early pneumonia").
const ALTERNATIVE_LEAD = new Set(['early', 'mild', 'minimal', 'small', 'focal', 'acute', 'chronic']);
// A word saying where or which one ("fourth", "upper", "right"): an "or" between two of them offers two places.
const placeWord = (t: string) => ORDINALS.has(t) || PART_LABEL.has(t) || SIDE_WORD.has(t);
/**
 * Whether the "or" at `i` joins two findings ("atelectasis or scarring"), not grades, sides, counts or a denial's
 * list. Two words of one thing after them are two places of it, each certain: "the left frontal or parietal lobe",
 * "the fourth or fifth metacarpal", "the head or neck of the pancreas".
 */
function alternativeAt(tokens: readonly string[], i: number): boolean {
  const first = tokens[i - 1];
  if (!namingWord(first) || placeWord(first)) return false;
  let k = i + 1;
  while (ALTERNATIVE_LEAD.has(tokens[k] ?? '') && k < i + 3) k++;
  const second = tokens[k];
  if (!namingWord(second) || placeWord(second)) return false;
  const next = tokens[k + 1];
  return next !== 'of' && !namingWord(next);
}

// A verb that makes the words around it a statement of their own ("… is not detected, and loose bodies are present").
const STATEMENT_VERBS = new Set([
  'is',
  'are',
  'was',
  'were',
  'seen',
  'noted',
  'detected',
  'identified',
  'observed',
  'present',
  'appears',
  'appear',
  'shows',
  'show',
  'demonstrates',
  'has',
  'have',
]);

/**
 * The tokens [from, to) of the statement token `i` stands in: the clause cut at each ", and" with a statement on
 * both sides of it ("Effusion is not detected, and loose bodies are present"), not at one ending a list
 * ("Fracture, dislocation, and effusion are not seen").
 */
function statementOf(tokens: readonly string[], i: number): [number, number] {
  const cuts = [-1];
  tokens.forEach((t, k) => {
    if (t === PART_BREAK && tokens[k + 1] === 'and') cuts.push(k);
  });
  cuts.push(tokens.length);
  const stating = (a: number, b: number) => tokens.slice(a, b).some((t) => STATEMENT_VERBS.has(t));
  let from = 0;
  let to = tokens.length;
  for (let j = 1; j < cuts.length - 1; j++) {
    const k = cuts[j];
    if (!stating(cuts[j - 1] + 1, k) || !stating(k + 2, cuts[j + 1])) continue;
    if (k < i) from = k + 2;
    else {
      to = k;
      break;
    }
  }
  return [from, to];
}

// The clauses read per report text: a report is read many times over (each verifier layer, each retry of a summary,
// each drafted impression tried), and the reading depends on the text alone. Callers change a clause's scalar marks
// (`significant`, `section`), so each gets its own copies; the read held here is never handed out.
const READ = new Map<string, readonly Clause[]>();
const READ_MAX = 64;

/** The clauses of a report: each sentence split at ";" and "but", headers left out. */
export function clausesOf(report: Report): Clause[] {
  let read = READ.get(report.text);
  if (read) READ.delete(report.text);
  else if (READ.size >= READ_MAX) READ.delete(READ.keys().next().value!);
  read ??= readClauses(report);
  READ.set(report.text, read);
  return read.map((c) => ({ ...c }));
}

function readClauses(report: Report): Clause[] {
  const out: Clause[] = [];
  // The label of the line's first sentence ("Left knee:", "C6-7:", "Biometry:"), carried to the sentences after it on its line.
  let heading: Pick<Clause, 'heading' | 'headingSides' | 'headingLevels' | 'looseSides' | 'within'> | null = null;
  // The organ label the paragraph's part labels stand under ("LEFT KIDNEY:" over "Upper pole:").
  let organLabel: string[] = [];
  // The side the paragraph's opening phrase or sided label gives the clauses after it ("On the right, …",
  // "Left kidney: …"), until a blank line, another section, another label or another sided opening.
  let carried: Opening = { sides: [], named: [] };
  let lastEnd = 0;
  let lastSection = -1;
  const names = namesIn(report);
  const examSide = oneSideOf(report);
  for (const sentence of report.sentences) {
    if (/\n/.test(report.text.slice(lastEnd, sentence.start))) heading = null;
    if (sentence.section !== lastSection || BLANK.test(report.text.slice(lastEnd, sentence.start))) {
      carried = { sides: [], named: [] };
      organLabel = [];
    }
    lastSection = sentence.section;
    lastEnd = sentence.end;
    const section = report.sections[sentence.section];
    const sub = section?.subsections.find((s) => s.start <= sentence.start && sentence.start < s.end);
    const field = sub ? sub.header.name.toLowerCase() : null;
    let from = 0;
    const pieces: Span[] = [];
    const breaks = [
      ...sentence.text.matchAll(CLAUSE_BREAK),
      ...sentence.text.matchAll(QUOTED_ITEM),
      ...membersOf(sentence.text, names),
    ].sort((a, b) => a.index - b.index);
    for (const m of breaks) {
      if (m.index < from) continue;
      pieces.push({ start: from, end: m.index });
      from = m.index + m[0].length;
    }
    pieces.push({ start: from, end: sentence.text.length });
    // A short heading of the report's own right before the sentence ("BPD: 8.4 cm …", "FL/BPD: 74") is its
    // label, as it reads when a rewrite keeps it on the line ("Fetal biometry: BPD: 8.4 cm …").
    const header = section?.kind === 'other' ? section.header : null;
    const labelled = header && header.name.split(/\s+/).length <= 3 && /^[ \t]*$/.test(report.text.slice(header.end, sentence.start));
    const ownLabel = labelled ? `${header.name}: ` : '';
    // The side of a place lead-in before a semicolon ("Between the pleural leaves on the right; An effusion …").
    let leadSides: string[] = [];
    for (const p of pieces) {
      const text = sentence.text.slice(p.start, p.end);
      if (!/[a-z0-9]/i.test(text)) continue;
      const sides = leadSides;
      leadSides = [];
      const span = { start: sentence.start + p.start, end: sentence.start + p.end };
      const clause = readClause((p.start ? '' : ownLabel) + text, span, section?.kind ?? 'preamble', field);
      clause.text = text.trim(); // as written at its span
      clause.sectionIndex = sentence.section;
      // (A finding it states, unless it gives its own side: "In the evaluation of both lungs; … in the left lower
      // lobe" is left, and "…; No infiltration was detected." denies it anywhere.)
      if (!clause.sides.size && clause.positive) for (const side of sides) clause.sides.add(side);
      // (Read past a label: "Lungs: When examined in the lung window; …" as the report's "When examined …; …".)
      const bare = text.replace(LABEL, '');
      if (LEAD_IN.test(bare) && !STATING.test(bare) && sentence.text[p.end] === ';') leadSides = [...clause.sides];
      // Under a side heading ("RIGHT:" as a section or a field), the clause speaks of that side.
      for (const name of [field, section?.header?.name.toLowerCase()])
        for (const [side, list] of Object.entries(CUES.sides)) if (name && list.includes(name)) clause.sides.add(side);
      const opening = sidedOpening(clause, bare);
      const named: string[] = [];
      // "On the right, the CFA is patent. The left SFA is occluded. The popliteal artery …": a sentence naming another
      // side ends the run; the popliteal artery is no longer surely the right one.
      // Not a comparison with it ("Compared to the left, flow is reduced."): the run goes on (review rev11 #7).
      if (!opening && !COMPARED_SIDE.test(bare) && [...clause.sides].some((x) => !carried.sides.includes(x)))
        carried = { sides: [], named: [] };
      // (So does one naming the other side without its name: "The contralateral common femoral vein …" (rev17 #1).)
      if (!opening && OTHER_SIDE.test(bare)) carried = { sides: [], named: [] };
      if (opening) carried = opening;
      else if (clause.label.length && !partLabel(clause.label)) carried = { sides: [], named: [] };
      // (A limb run on the side the exam is of, "US venous duplex right lower extremity": the run is that leg's, and its
      // side one a rewrite may write in, "Occlusive thrombus in the right popliteal vein." (rev18 #17).)
      else if (!clause.sides.size && carried.limb && !(carried.sides.length === 1 && carried.sides[0] === examSide))
        clause.partSides = [...carried.sides];
      else if (!clause.sides.size) {
        clause.carriedSides = [...carried.sides];
        named.push(...carried.named);
      }
      // "The left kidney measures 10 cm. There is a 12 mm solid lesion in the lower pole.", "… in the left lung lower lobe
      // laterobasal segment. There is a focal ground-glass density in the laterobasal segment.": a finding placed only by a
      // part of an organ speaks of the side the statement just before gave it (r17i #20): taken alone, it keeps it.
      const before = out[out.length - 1];
      if (
        !clause.sides.size &&
        !clause.carriedSides.length &&
        !clause.headingSides.length &&
        !clause.label.length &&
        clause.positive &&
        PART_ONLY.test(bare) &&
        // (Not one naming its organ, "a 2 cm lesion in segment 6 of the liver", nor an item of a list after another.)
        !clause.words.some((w) => LEANING_ORGANS.has(w) && !PART_ONLY.test(w)) &&
        !LIST_NUMBER.test(sentence.text) &&
        before?.sectionIndex === sentence.section &&
        !before.label.length &&
        !before.headingSides.length &&
        before.positive &&
        (before.sides.size || before.carriedSides.length)
      )
        clause.partSides = before.sides.size ? [...before.sides] : [...before.carriedSides];
      if (clause.label.length && partLabel(clause.label)) clause.within = organLabel;
      else if (clause.label.length) organLabel = clause.label;
      if (clause.label.length) heading = clause;
      else if (heading)
        Object.assign(clause, {
          heading: heading.heading,
          headingSides: heading.headingSides,
          headingLevels: heading.headingLevels,
          looseSides: heading.looseSides,
          within: heading.within,
        });
      // Under "Right kidney:", a rewrite may give the clause that heading's side, and must keep it when it takes the
      // clause out; under "LEFT ANTERIOR DESCENDING ARTERY:" it may (the artery's name), need not.
      // (The side a paragraph's opening carries stays apart, in `carriedSides`: rev10 #7.)
      const headingSides: string[] = [];
      for (const name of [field, section?.header?.name]) {
        if (!name) continue;
        const of = headingSidesOf(name);
        headingSides.push(...of.sides);
        named.push(...of.named);
      }
      const firm = new Set([...clause.headingSides.filter((x) => !clause.looseSides.includes(x)), ...headingSides]);
      const loose = [...clause.looseSides, ...named].filter((x) => !firm.has(x));
      if ([...headingSides, ...loose].some((x) => !clause.headingSides.includes(x)))
        clause.headingSides = [...new Set([...clause.headingSides, ...headingSides, ...loose])];
      clause.looseSides = [...new Set(loose)];
      out.push(clause);
    }
  }
  return out;
}

export const readText = (text: string) => clausesOf(parseReport(text));

const BLANK = /\n[ \t]*\n/;

/**
 * What `text` changes of `source` when it says it word for word but for side or time words ("Normal left ventricular
 * size" -> "Normal right …", "No acute cardiopulmonary abnormality" -> "No chronic …"): 'side' or 'time', else null.
 */
export function cueSwapped(source: string, text: string): 'side' | 'time' | null {
  const words = (t: string) => squash(t.replace(LIST_NUMBER, '')).split(' ');
  const [a, b] = [words(source), words(text)];
  if (a.length !== b.length) return null;
  let what: 'side' | 'time' | null = null;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const kind = SIDE_WORD.has(a[i]) && SIDE_WORD.has(b[i]) ? 'side' : TIME_WORD.has(a[i]) && TIME_WORD.has(b[i]) ? 'time' : null;
    if (!kind) return null;
    // ("lt" for "left", "stable" for "unchanged": the same said otherwise.)
    const map = kind === 'side' ? SIDE_WORD : TIME_WORD;
    if (map.get(a[i]) !== map.get(b[i])) what ??= kind;
  }
  return what;
}
// A part of an organ that does not say which organ or side: "in the lower pole", "at the root", "the anterior segment".
const PART_ONLY = /\b(?:segments?|poles?|horns?|roots?)\b/i;
const LEAD_WORDS: ReadonlySet<string> = new Set(CUES.leaning.leadIns);
const SIDE_REGION: ReadonlySet<string> = new Set(CUES.sideRegions);
const SIDE_WORD = new Map(Object.entries(CUES.sides).flatMap(([side, list]) => list.map((w) => [w, side] as const)));
/**
 * The sides a clause opens its paragraph's run with: a label naming one ("Left kidney:", "Right frontal lobe:") or
 * a place phrase before its first comma stating nothing ("On the right,", "In the left breast,"). Null otherwise.
 */
function sidedOpening(c: Clause, bare: string): Opening | null {
  const ofLabel = headingSidesOf(c.label.join(' '));
  if (ofLabel.sides.length || ofLabel.named.length)
    return { sides: [...new Set(ofLabel.sides)], named: [...new Set(ofLabel.named)].filter((x) => !ofLabel.sides.includes(x)) };
  const lead = /^([^,;:]{1,40}),/.exec(bare.replace(LIST_NUMBER, '').trim())?.[1];
  if (!lead || !LEAD_IN.test(lead) || STATING.test(lead)) return null;
  // A side alone ("On the right,", "On the left side,"): the paragraph is that side's. One naming an organ ("In the left
  // lung, …") places its own sentence; the next may speak of the liver.
  const words = lead.toLowerCase().match(/[a-z-]+/g) ?? [];
  const sides = words.map((w) => SIDE_WORD.get(w)).filter((x): x is string => !!x);
  // (Or a whole limb of that side: "In the right lower extremity, … . The distal SFA … are patent." is the right leg's.)
  const sideAlone = words.every(
    (w) => SIDE_WORD.has(w) || STOP.has(w) || LEAD_WORDS.has(w) || SIDE_REGION.has(w) || w === 'side' || w === 'sided',
  );
  if (!sides.length || !sideAlone) return null;
  return { sides: [...new Set(sides)], named: [], limb: words.some((w) => SIDE_REGION.has(w)) };
}

/** The sides a paragraph's opening gives: its own, and those only a structure's name says ("Left ventricle:"). */
interface Opening {
  sides: string[];
  named: string[];
  /**
   * Opened by a whole limb ("In the right lower extremity,"): its run may reach a vessel of the other leg the report
   * names loosely, so its side is one a rewrite keeps, never one it may write in (`partSides`; rev17 #1).
   */
  limb?: boolean;
}
const SIDE_NAMES = CUES.sideNames.map((p) => p.split(' '));
/**
 * The side words of a heading ("Left kidney", "RIGHT"), apart from those that are part of a structure's name
 * ("Left ventricle", "Right coronary artery", "Left main"): the chamber or artery is no side of the body.
 */
function headingSidesOf(name: string): Opening {
  const words = name.toLowerCase().match(/[a-z-]+/g) ?? [];
  const out: Opening = { sides: [], named: [] };
  words.forEach((w, i) => {
    const side = SIDE_WORD.get(w);
    if (!side) return;
    const names = SIDE_NAMES.some((n) => n.every((x, k) => words[i + 1 + k] === x));
    (names ? out.named : out.sides).push(side);
  });
  return out;
}

// A place the next clause is said of, opening on a preposition and stating nothing ("In the right lung;").
const LEAD_IN = new RegExp(`^\\s*(?:\\d+[.)]\\s*)?(?:${CUES.leaning.leadIns.join('|')})\\b`, 'i');
const STATING = /\b(?:is|are|was|were|observed|seen|noted|detected|identified|shows?|demonstrates?|has|have)\b/i;

// A sentence broken off by "....." and going on in lower case ("… the whole lung ..... posteriorly, and …").
const BROKEN_OFF = /(?<=\S)[ \t]*\.{3,}[ \t]+(?=[a-z])/g;

const REJOINED = new WeakMap<Report, Report>();

/**
 * The report read with sentences broken off by "....." joined again (the dots blanked, every offset
 * kept): a rewrite that joins them says what the report says. The report itself when it has none.
 */
export function rejoined(report: Report): Report {
  if (report.text.search(BROKEN_OFF) < 0) return report;
  // Both verifier layers read the source rejoined: parse it once per report.
  let joined = REJOINED.get(report);
  if (!joined) REJOINED.set(report, (joined = parseReport(report.text.replace(BROKEN_OFF, (m) => ' '.repeat(m.length)))));
  return joined;
}
/** The text parsed as `rejoined` reads it. */
export const parseRejoined = (text: string) => rejoined(parseReport(text));

/** The words of each finding found within the clause, generic ones left out ("acute appendicitis": acute appendicitis). */
export function findingTerms(report: Report, s: Span & { section: SectionKind }, found: readonly Span[]): string[][] {
  return found
    .filter((f) => s.start <= f.start && f.start < s.end && f.end > f.start)
    .map((f) => readClause(report.text.slice(f.start, f.end), f, s.section, null).words.filter((w) => !GENERIC.has(w)))
    .filter((t) => t.length > 0);
}

/**
 * The word each finding of `findingTerms` is named by: its last word that is not generic ("cancer").
 * The verifier asks a rewrite to name each significant finding by it (verify-clauses.ts), and an impression draft keeps what its items do not name (impression-kept.ts).
 */
export const headsOf = (terms: readonly string[][]): string[] => [...new Set(terms.map((t) => t[t.length - 1]))];

/** `headsOf` the clause's `findingTerms`. */
export const findingHeads = (report: Report, s: Span & { section: SectionKind }, found: readonly Span[]) =>
  headsOf(findingTerms(report, s, found));

/**
 * The parts a clause states (between commas, "and", "with") of which no more than half the own words are
 * said (`said`): "low lung volumes with airspace disease" is not said by "low lung volumes". A part of
 * one word is a connective or a qualifier ("Additionally, …"). The verifier's test of an old impression's
 * item and the draft's of what it keeps of one.
 */
export function partsUnsaid(c: Clause, said: ReadonlySet<string>): string[][] {
  return c.parts
    .filter((part) => part.stated)
    .map((part) => part.words.filter((w) => !GENERIC.has(w) && !c.negated.has(w)))
    .filter((own) => own.length > 1 && own.filter((w) => said.has(w)).length * 2 <= own.length);
}

const LEANING = CUES.leaning;

// Words of a field's label that name no organ of their own ("Upper abdomen", "Biceps tendon").
const FIELD_STOP = new Set(
  'and the of other general additional upper lower left right mid tendon joint soft tissue bone vessel wall node structure space osseous'.split(
    ' ',
  ),
);
/** The organ words of a template field's label, stemmed ("Kidneys and ureters": kidney, ureter). */
export const fieldWords = (field: string) =>
  field
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 2 && !FIELD_STOP.has(stem(w)))
    .map(stem);
/**
 * The organs the templates' fields name: `leansOn`'s own-organ words by default ("The spleen is enlarged." names
 * its own; "… in the left lung …, volume loss in this localization" says where itself). One set for every reader.
 */
export const LEANING_ORGANS: ReadonlySet<string> = new Set(TEMPLATES.flatMap((t) => t.findings.flatMap((f) => fieldWords(f.label))));
const OPENERS = LEANING.openers.map((p) => p.split(' '));
const RESTATING = LEANING.restating.map((p) => p.split(' '));
// Openers that begin a clause of their own ("Given the clinical presentation, these …"): read on after its comma.
const SUBORDINATE = new Set(['given', 'although', 'though']);
const POINTERS = new Set(LEANING.pointers);
const STUDY = new Set(LEANING.study);
const VERBS = new Set(LEANING.verbs);
const OPENING_PHRASE = new Set(LEANING.openingPhrase);
const SUBJECTS = new Set(LEANING.subjects);
const PLACE_LEADS = new Set(LEANING.placeLeadIns);
const PLACE_POINTERS = new Set(LEANING.placePointers);

/**
 * Whether a clause leans on the one before it: it opens, after "However," or "Given …,", on a pointer
 * ("it", "these", "which"), a phrase pointing back ("None of the remaining masses", "Other possibilities such
 * as …", "The largest of these"), or "the" and a bare noun the clause before names ("The mass is …", "The
 * lesion's appearance", not an organ in `organs`), or says "at this level" anywhere (a place, "in this localization",
 * only after no word of `organs`), or ends "… adjacent to it". Read from its own opening words and the words `before` it
 * only: a rewrite keeps such a clause next to that one, or it speaks of something else.
 */
export function leansOn(
  c: Clause,
  before: string,
  organs: ReadonlySet<string> = LEANING_ORGANS,
  /** Also a `restating` opening ("Specifically, …"): where a sentence stands (impression items, restructure fields). */
  restating = false,
): boolean {
  if (!before || c.label.length) return false;
  // "(secondary to opportunistic infections?, lymphoma)." standing as a sentence of its own qualifies the one before.
  if (/^\s*\(/.test(c.text.replace(LIST_NUMBER, ''))) return true;
  // "… a possible mass at this level …": wherever it says it, unless it names its level ("T12 … at this level"),
  // or, for a place ("in this localization", "the described appearance"), names an organ of its own before it
  // ("… in the left lung lower lobe …, volume loss in this localization" says where itself).
  const said = ` ${squash(c.text)} `;
  if (!c.levels.length && LEANING.within.some((p) => withinSaid(said, p, organs))) return true;
  // "… compatible with this": it ends on what the sentence before named.
  // ("… adjacent to it", "… next to them": unless an organ is named before, where "it" may be what the sentence itself names.)
  if (LEANING.endings.some((p) => said.endsWith(` ${p} `) && (!/ (?:it|them)$/.test(p) || withinSaid(said, p, organs)))) return true;
  const tokens = (
    c.text
      .replace(/[‘’ʼ]/g, "'")
      .toLowerCase()
      .replace(LIST_NUMBER, '')
      .match(/[a-z0-9]+(?:'s)?|,/g) ?? []
  ).slice(0, 24);
  // "Specifically, no infarct.": the detail of what the sentence before says whole.
  if (restating && RESTATING.some((o) => o.every((w, i) => tokens[i] === w) && tokens[o.length] === ',')) return true;
  for (;;) {
    const opener = OPENERS.find((o) => o.every((w, i) => tokens[i] === w));
    if (!opener) break;
    const comma = tokens.indexOf(',');
    if (SUBORDINATE.has(opener[0])) {
      if (comma < 0 || comma > 12) return false;
      tokens.splice(0, comma + 1);
    } else tokens.splice(0, opener.length + (tokens[opener.length] === ',' ? 1 : 0));
  }
  const [first, next] = tokens;
  if (!first) return false;
  const opening = tokens.join(' ');
  const opens = (p: string) => opening === p || opening.startsWith(`${p} `);
  // "It was learned that …" points to nothing.
  if (LEANING.impersonal.some(opens)) return false;
  if (POINTERS.has(first)) return !STUDY.has(next ?? '');
  if (LEANING.phrases.some(opens)) return true;
  // An opening phrase, then a pointer as the subject: "In this examination, they …", "On the lateral view, it …"
  // (a phrase opening on a preposition; not "There is a nodule, which measures …").
  const comma = tokens.indexOf(',');
  // (Nor an impersonal "it" after it: "When these two findings are evaluated together, it is recommended …".)
  const after = `${tokens.slice(comma + 1).join(' ')} `;
  // A place phrase pointing back before its comma: "In its neighborhood, there is …", "Adjacent to it, …", "Around
  // them, …" says where by what the sentence before named (r19r #17: filed apart, it re-anchors on another lesion). Not
  // the study ("In this examination, …"), nor a place of what the clause names next ("At its origin, the celiac artery …").
  if (comma > 1 && comma <= 6 && PLACE_LEADS.has(first)) {
    const lead = tokens.slice(1, comma);
    const k = lead.findIndex((w) => PLACE_POINTERS.has(w));
    const namesItself = tokens[comma + 1] === 'the' && tokens.slice(comma + 2, comma + 5).some((w) => organs.has(stem(w)));
    if (k >= 0 && !STUDY.has(lead[k + 1] ?? '') && !namesItself) return true;
  }
  if (
    comma > 0 &&
    comma <= 8 &&
    OPENING_PHRASE.has(first) &&
    SUBJECTS.has(tokens[comma + 1] ?? '') &&
    !STUDY.has(tokens[comma + 2] ?? '') &&
    !LEANING.impersonal.some((p) => after.startsWith(`${p} `))
  )
    return true;
  if (first !== 'the') return false;
  // "The mass is …", "The lesion's …": "the" and a bare noun the clause before names, no organ of its own
  // ("The spleen is enlarged"). A noun with words of its own ("The posterior tibial artery") names itself.
  // (An adverb may stand between: "The nodule also measures …".)
  const t = ADVERBS.has(tokens[2] ?? '') ? (tokens[3] ?? '') : (tokens[2] ?? '');
  const noun = tokens[1] ?? '';
  const head = noun.endsWith("'s") ? noun.slice(0, -2) : VERBS.has(t) ? noun : '';
  // "The area shows …", "The finding is …": a word naming no finding of its own points back when the sentence before says it.
  if (head && ANAPHORIC.has(head) && squash(before).split(' ').map(stem).includes(stem(head))) return true;
  if (!head || STOP.has(head) || STUDY.has(head) || organs.has(stem(head))) return false;
  // An abbreviation names its structure ("The SMA demonstrates …").
  if (new RegExp(`\\b[Tt]he\\s+${head.toUpperCase()}\\b`).test(c.text)) return false;
  return squash(before)
    .split(' ')
    .some((w) => stem(w) === stem(head) || namedBy(head, w));
}

// A pointer noun ("this nodule", "these lesions") points back wherever it stands; a place phrase only with no organ before it.
const POINTER_NOUN = /^(?:this|these|that|those) (?!(?:region|area|location|localization|localisation|site|level)s?$)/;
function withinSaid(said: string, phrase: string, organs: ReadonlySet<string>): boolean {
  const at = said.indexOf(` ${phrase} `);
  if (at < 0) return false;
  if (POINTER_NOUN.test(phrase)) return true;
  return !said
    .slice(0, at)
    .split(' ')
    .some((w) => w && organs.has(stem(w)));
}

// Nouns naming no finding of their own ("area", "focus"), stop words elsewhere, that point back as "the <noun>".
export const ANAPHORIC: ReadonlySet<string> = new Set([
  'area',
  'areas',
  'region',
  'focus',
  'foci',
  'finding',
  'findings',
  'abnormality',
  'lesion',
  'lesions',
]);
// Words between "the <noun>" and its verb: "The nodule also measures …".
const ADVERBS = new Set(['also', 'again', 'now', 'still', 'itself', 'themselves', 'otherwise']);
// The noun a predicate or an adjective is named by ("thickened" -> "the thickening", "dilated" -> "the
// dilatation", "enlarged" -> "the enlargement", "opacities" -> "the opacity"): a shared root of five
// letters or more, the noun with a noun ending, the word with a verb's or an adjective's.
const NOUN_ENDINGS_OF_A_PREDICATE = ['', 'ing', 'ment', 'ation', 'cation', 'ition', 'tion', 'sion', 'ion', 'ity', 'y', 'osis'];
const PREDICATE_ENDINGS = new Set(['', 'ed', 'd', 'en', 'ing', 'e', 'es', 's', 'ies', 'ied', 'osed', 'al', 'ic']);
function namedBy(noun: string, word: string): boolean {
  return NOUN_ENDINGS_OF_A_PREDICATE.some((end) => {
    if (!noun.endsWith(end)) return false;
    const root = noun.slice(0, noun.length - end.length);
    return root.length >= 5 && word.startsWith(root) && PREDICATE_ENDINGS.has(word.slice(root.length));
  });
}

/** A sentence of the whole spine or outside it ("Alignment is normal.", "The paraspinal soft tissues …"): no level's. */
export const speaksBeyondLevel = (c: Clause) => {
  const said = ` ${squash(c.text)} `;
  return LEANING.levelRunEnds.some((p) => said.includes(` ${p} `));
};

// Words that say how sure, how much, when or where, not what: a denial widened by dropping one still denies the same thing.
const CUE_WORDS: ReadonlySet<string> = new Set(
  [...CUE_INDEX.entries()].filter(([, list]) => list.some((c) => c.words.length === 1)).map(([w]) => w),
);

/**
 * The words qualifying a denied term in a report's sentence ("nodular", "infiltrative" of "no nodular or
 * infiltrative lesion"): back from the term to the denial, leaving out cue, stop and generic words. Empty when
 * the sentence does not deny the term.
 */
export function deniedQualifiers(sentence: string, term: string): string[] {
  // Commas kept as words: "no consolidation, effusion" does not qualify the effusion.
  const words = sentence.toLowerCase().match(/[a-z0-9]+(?:-[a-z0-9]+)*|[,;:]/g) ?? [];
  const t = squash(term).split(' ');
  for (let i = 0; i + t.length <= words.length; i++) {
    if (!t.every((w, k) => words[i + k] === w)) continue;
    const out: string[] = [];
    for (let j = i - 1; j >= 0 && i - j <= 5; j--) {
      const w = words[j];
      if (w === 'no' || w === 'not' || w === 'without') return out;
      if (/^[,;:]$/.test(w) || w === 'or' || w === 'and' || w === 'nor') return out;
      if (!STOP.has(w) && !CUE_WORDS.has(w) && !GENERIC.has(stem(w))) out.push(w);
    }
    return [];
  }
  return [];
}
