// Clinical relations between concepts (lexicon/relations.json, flags in findings.json) and the side
// words of anatomy.json, with the pure helpers every feature reads them through: which concepts are
// one finding, which explain which, how far a denial reaches, which sites can be one place. The data
// is checked at module load: a concept, group, site or body part that the lexicon does not have
// throws, so a renamed concept fails the build instead of silently switching off part of a rule.
import { z } from 'zod';
import relationsData from './lexicon/relations.json';
import qualifiersData from './lexicon/qualifiers.json';
import { BODY_PART_NAMES, BODY_PART_TRIE, CONCEPT_BY_ID, SIDE_WORD_PAIRS, SITE_NAMES, type Concept, type ConceptFlag } from './lexicon';
import type { Report, Sentence } from '../report/types';
import type { Exam, Finding, Side, Understanding } from './types';
import { wordsOf } from './words';
import { escapeRegExp as escape } from '../report/regex';
import { allMatches } from '../report/matches';

const Ids = z.array(z.string().min(1));
const RelationsSchema = z.object({
  note: z.string(),
  sameFinding: z.array(Ids.min(2)),
  covers: z.record(z.string(), Ids),
  denialReaches: z.record(z.string(), Ids),
  lungZones: z.record(z.string(), z.array(z.enum(['upper', 'lower'])).min(1)),
  // Sites that name the whole lung: a finding in a lobe lies there too.
  wholeLungSites: Ids,
  examShows: z.object({ everyExam: Ids, byBodyPart: z.record(z.string(), Ids) }),
  oneSidedBodyParts: Ids,
  listedByHabit: Ids,
  organSizes: z.array(
    z.object({ organ: z.string().min(1), terms: Ids.min(1), minCm: z.number().positive(), maxCm: z.number().positive() }),
  ),
  statementDomains: z.array(z.object({ words: Ids.min(1), groups: Ids.min(1) })),
  narrowingWords: Ids,
  degreeOnlyWords: Ids,
  opposites: z.array(Ids.length(2)),
});
export type RelationsData = z.infer<typeof RelationsSchema>;

/** The names relations.json may use: what the lexicon defines. */
export interface LexiconNames {
  concepts: ReadonlySet<string>;
  groups: ReadonlySet<string>;
  sites: ReadonlySet<string>;
  bodyParts: ReadonlySet<string>;
}

/**
 * relations.json, parsed and checked against the lexicon. Throws an Error naming the first unknown
 * concept, group, site or body part and where it stands.
 */
export function checkRelations(data: unknown, names: LexiconNames): RelationsData {
  const r = RelationsSchema.parse(data);
  const check = (kind: keyof LexiconNames, known: ReadonlySet<string>, ids: Iterable<string>, where: string) => {
    for (const id of ids) {
      if (!known.has(id)) throw new Error(`relations.json: unknown ${kind.replace(/s$/, '')} "${id}" in ${where}`);
    }
  };
  r.sameFinding.forEach((group, i) => check('concepts', names.concepts, group, `sameFinding[${i}]`));
  for (const table of ['covers', 'denialReaches'] as const) {
    for (const [key, ids] of Object.entries(r[table])) {
      check('concepts', names.concepts, [key], table);
      check('concepts', names.concepts, ids, `${table}["${key}"]`);
    }
  }
  check('sites', names.sites, Object.keys(r.lungZones), 'lungZones');
  check('sites', names.sites, r.wholeLungSites, 'wholeLungSites');
  check('groups', names.groups, r.examShows.everyExam, 'examShows.everyExam');
  for (const [part, groups] of Object.entries(r.examShows.byBodyPart)) {
    check('bodyParts', names.bodyParts, [part], 'examShows.byBodyPart');
    check('groups', names.groups, groups, `examShows.byBodyPart["${part}"]`);
  }
  check('bodyParts', names.bodyParts, r.oneSidedBodyParts, 'oneSidedBodyParts');
  check('groups', names.groups, r.listedByHabit, 'listedByHabit');
  r.statementDomains.forEach((d, i) => check('groups', names.groups, d.groups, `statementDomains[${i}]`));
  r.opposites.forEach((pair, i) => check('concepts', names.concepts, pair, `opposites[${i}]`));
  for (const w of r.degreeOnlyWords)
    if (!r.narrowingWords.includes(w)) throw new Error(`relations.json: degreeOnlyWords "${w}" is not in narrowingWords`);
  return r;
}

const RELATIONS = checkRelations(relationsData, {
  concepts: new Set(CONCEPT_BY_ID.keys()),
  groups: new Set([...CONCEPT_BY_ID.values()].map((c) => c.group)),
  sites: SITE_NAMES,
  bodyParts: BODY_PART_NAMES,
});

/** A concept id that code names, checked like the data's: `knownConcept('opacity')`. */
export function knownConcept(id: string, where = 'code'): string {
  if (!CONCEPT_BY_ID.has(id)) throw new Error(`lexicon: unknown concept "${id}" named in ${where}`);
  return id;
}

/** Whether the concept carries a flag of findings.json ("descriptive", "acute", ...). */
export function conceptHas(concept: string, flag: ConceptFlag): boolean {
  return CONCEPT_BY_ID.get(concept)?.flags.includes(flag) ?? false;
}

/** Concept groups an exam of a body part can show (unknown body parts allow everything). */
const GROUPS_BY_PART: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(RELATIONS.examShows.byBodyPart).map(([part, groups]) => [part, [...RELATIONS.examShows.everyExam, ...groups]]),
);

/**
 * Whether the finding's kind can be seen on this exam: a chest concept in a foot MRI ("a small
 * effusion in the tendon sheath") is a word read in the wrong sense, not a finding to report. Every body
 * part the report's title names counts ("CT chest and head" shows the brain).
 */
export function fitsExam(u: Pick<Understanding, 'exam'>, f: Finding, report: Report): boolean {
  const group = CONCEPT_BY_ID.get(f.concept)?.group;
  if (!group) return true;
  const parts = examTitleParts(report, u.exam);
  if (!parts.length) return true;
  return parts.some((part) => {
    const groups = GROUPS_BY_PART.get(part);
    return !groups || groups.includes(group);
  });
}

/** The body parts an exam title names ("CT chest and head": chest, head), read once per report. */
const TITLE_PARTS = new WeakMap<Report, readonly string[]>();
export function examTitleParts(report: Report, exam: Exam): readonly string[] {
  let parts = TITLE_PARTS.get(report);
  if (!parts) {
    const named = new Set<string>(exam.bodyPart ? [exam.bodyPart] : []);
    if (exam.span) {
      const words = wordsOf(report.text.slice(exam.span.start, exam.span.end));
      for (let i = 0; i < words.length; i++) {
        const m = BODY_PART_TRIE.match(words, i);
        if (m) named.add(m.value.part);
      }
    }
    TITLE_PARTS.set(report, (parts = [...named]));
  }
  return parts;
}

const ONE_SIDED: ReadonlySet<string> = new Set(RELATIONS.oneSidedBodyParts);
/** Exams of one limb, joint or organ of a pair: a side in the body must be the side in the title. */
export const isOneSidedBodyPart = (bodyPart: string | null): boolean => bodyPart !== null && ONE_SIDED.has(bodyPart);

const HABIT: ReadonlySet<string> = new Set(RELATIONS.listedByHabit);
/** Lines, tubes and surgical changes: listed in an impression by local habit, not by necessity. */
export const listedByHabit = (concept: Concept | undefined): boolean => !!concept && HABIT.has(concept.group);

/** A word list as one regular-expression alternative, in the list's order; a trailing * is any word ending. */
export const wordsPattern = (words: readonly string[]): string =>
  words.map((w) => (w.endsWith('*') ? escape(w.slice(0, -1)) + String.raw`\w*` : escape(w))).join('|');

/** A word list as a case-insensitive regular expression on word boundaries; "probabl*" ends in any letters. */
export const wordsRegex = (words: readonly string[]): RegExp => new RegExp(String.raw`\b(?:${wordsPattern(words)})\b`, 'i');

const Words = z.array(z.string().regex(/^[a-z][a-z -]*\*?$/)).min(1);
const QUALIFIER_NAMES = [
  'minorBefore',
  'minorAnywhere',
  'incidental',
  'explained',
  'overlap',
  'strong',
  'marked',
  'lowVolumes',
  'spreadOut',
  'subtle',
  'smallAmount',
  'largeAmount',
] as const;
const QualifiersSchema = z.object({ note: z.string(), ...Object.fromEntries(QUALIFIER_NAMES.map((n) => [n, Words])) }).strict();
const qualifiers = QualifiersSchema.parse(qualifiersData) as unknown as Record<(typeof QUALIFIER_NAMES)[number], string[]>;
/** Qualifier words of lexicon/qualifiers.json, each list compiled to one regular expression (see its note). */
export const QUALIFIERS: Readonly<Record<(typeof QUALIFIER_NAMES)[number], RegExp>> = Object.fromEntries(
  QUALIFIER_NAMES.map((n) => [n, wordsRegex(qualifiers[n])]),
) as Record<(typeof QUALIFIER_NAMES)[number], RegExp>;
/** The word lists themselves, for patterns that add a phrase of their own. */
export const QUALIFIER_WORDS: Readonly<Record<(typeof QUALIFIER_NAMES)[number], readonly string[]>> = qualifiers;

/** Sizes no adult or child organ has (longest dimension, cm), with the words that name the organ. */
export const ORGAN_SIZES: readonly { organ: RegExp; name: string; min: number; max: number }[] = RELATIONS.organSizes.map((o) => ({
  organ: new RegExp(String.raw`\b(?:${wordsPattern(o.terms)})\b`, 'i'),
  name: o.organ,
  min: o.minCm,
  max: o.maxCm,
}));

/** The part of the body a "no acute ..." statement speaks for, and the concept groups in it. */
export const STATEMENT_DOMAINS: readonly { words: RegExp; groups: readonly string[] }[] = RELATIONS.statementDomains.map((d) => ({
  words: new RegExp(String.raw`\b(?:${wordsPattern(d.words)})\b`, 'i'),
  groups: d.groups,
}));

/** Words that narrow a denial: "no large effusion" does not deny a small one, "no new effusion" an old one. */
export const NARROWING_WORDS: readonly string[] = RELATIONS.narrowingWords;
/** The narrowing words that deny only a degree of certainty or importance ("no significant ..."). */
export const DEGREE_ONLY_WORDS: ReadonlySet<string> = new Set(RELATIONS.degreeOnlyWords);

// ---------------------------------------------------------------------------------------------
// Same finding, covers, denials.

function indexGroups(groups: readonly (readonly string[])[]): Map<string, Set<string>> {
  const byConcept = new Map<string, Set<string>>();
  for (const group of groups) {
    for (const a of group) {
      let s = byConcept.get(a);
      if (!s) byConcept.set(a, (s = new Set([a])));
      for (const b of group) s.add(b);
    }
  }
  return byConcept;
}
const TIGHT_INDEX = indexGroups(RELATIONS.sameFinding);
const COVERS: Readonly<Record<string, readonly string[]>> = RELATIONS.covers;
const DENIAL_REACHES: Readonly<Record<string, readonly string[]>> = RELATIONS.denialReaches;
const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

/** The same finding in other words ("opacity" and "consolidation", "cyst" and "renal cyst"). */
export function sameFinding(a: string, b: string): boolean {
  return a === b || (TIGHT_INDEX.get(a)?.has(b) ?? false);
}

/** An impression naming `summary` accounts for the finding `detail`. */
export function covers(summary: string, detail: string): boolean {
  return sameFinding(summary, detail) || (own(COVERS, summary)?.includes(detail) ?? false);
}

const OPPOSITES = RELATIONS.opposites;
/** The findings that cannot hold together with this one ("fetal growth restriction" and "macrosomia"). */
export function opposites(concept: string): string[] {
  return OPPOSITES.flatMap(([x, y]) => (x === concept ? [y] : y === concept ? [x] : []));
}

const COVERED_BY = new Map<string, string[]>();
for (const [summary, details] of Object.entries(COVERS)) {
  for (const d of details) {
    let list = COVERED_BY.get(d);
    if (!list) COVERED_BY.set(d, (list = []));
    list.push(summary);
  }
}

// The kin sets below depend on the concept only: computed once, shared by every check.
function memoized(build: (concept: string) => Set<string>): (concept: string) => ReadonlySet<string> {
  const cache = new Map<string, ReadonlySet<string>>();
  return (concept) => {
    let kin = cache.get(concept);
    if (!kin) cache.set(concept, (kin = build(concept)));
    return kin;
  };
}

/** Every concept that is the same finding as `concept`. */
export const sameFindingKin = memoized((concept) => {
  const kin = new Set<string>(TIGHT_INDEX.get(concept) ?? []);
  kin.add(concept);
  return kin;
});

/** Every finding that an impression naming `summary` accounts for. */
export const coveredBy = memoized((summary) => {
  const kin = new Set(sameFindingKin(summary));
  for (const d of own(COVERS, summary) ?? []) kin.add(d);
  return kin;
});

/** Every concept that is the same finding as `concept`, covers it or is covered by it. */
export const kinOf = memoized((concept) => {
  const kin = new Set<string>(TIGHT_INDEX.get(concept) ?? [concept]);
  kin.add(concept);
  for (const c of [...kin]) {
    for (const d of own(COVERS, c) ?? []) kin.add(d);
    for (const d of COVERED_BY.get(c) ?? []) kin.add(d);
  }
  return kin;
});

/** What a denial of `concept` denies: itself and its kinds ("no intracranial hemorrhage" denies a subdural hematoma). */
export const deniedBy = (concept: string): string[] => [concept, ...(own(DENIAL_REACHES, concept) ?? [])];

export const denies = (denied: string, present: string): boolean =>
  denied === present || (own(DENIAL_REACHES, denied)?.includes(present) ?? false);

// ---------------------------------------------------------------------------------------------
// Sites.

// Lung sites by the part of the lung they lie in: "apex" and "upper lobe" can be one place, "apex"
// and "base" cannot. Sites not listed span both.
const LUNG_ZONES: Readonly<Record<string, readonly string[]>> = RELATIONS.lungZones;

function siteAgrees(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = own(LUNG_ZONES, a);
  const pb = own(LUNG_ZONES, b);
  return !!pa && !!pb && pa.some((p) => pb.includes(p));
}

/** Anatomic sites agree when either is unspecified or they can be the same place. */
export function sitesAgree(a: Finding, b: Finding): boolean {
  if (!a.site.length || !b.site.length) return true;
  return a.site.some((s) => b.site.some((t) => siteAgrees(s, t)));
}

const WHOLE_LUNG = new Set(RELATIONS.wholeLungSites);

/** `a` lies inside `b`'s site: `b` names only the whole lung ("lung malignancy") and `a` a place in it ("upper lobe mass"). */
export function withinSite(a: Finding, b: Finding): boolean {
  return b.site.length > 0 && b.site.every((s) => WHOLE_LUNG.has(s)) && a.site.some((s) => !WHOLE_LUNG.has(s) && !!own(LUNG_ZONES, s));
}

/** Sites that name the very same place (for choosing the closest partner). */
export function sitesMatch(a: Finding, b: Finding): boolean {
  return a.site.some((s) => b.site.includes(s));
}

// ---------------------------------------------------------------------------------------------
// Side words as they are written, and their mirror images (keeping the writer's capitals).

const SIDE_WORD = new RegExp(String.raw`\b(?:${wordsPattern(SIDE_WORD_PAIRS.flatMap((p) => [p.left, p.right]))})\b`, 'gi');
const SIDE_OF_WORD: ReadonlyMap<string, 'left' | 'right'> = new Map(
  SIDE_WORD_PAIRS.flatMap((p) => [
    [p.left.toLowerCase(), 'left'],
    [p.right.toLowerCase(), 'right'],
  ]),
);
const MIRROR: ReadonlyMap<string, string> = new Map(
  SIDE_WORD_PAIRS.flatMap((p) => [
    [p.left.toLowerCase(), p.right.toLowerCase()],
    [p.right.toLowerCase(), p.left.toLowerCase()],
  ]),
);

function withCaseOf(model: string, word: string): string {
  if (model === model.toUpperCase()) return word.toUpperCase();
  if (model[0] === model[0].toUpperCase()) return word[0].toUpperCase() + word.slice(1);
  return word;
}

/** The side a side word of anatomy.json names ("lt", "left-sided", "LLL"), or null. */
export function sideOfWord(word: string): 'left' | 'right' | null {
  return SIDE_OF_WORD.get(word.toLowerCase()) ?? null;
}

/** The word naming `side`, written like `model`. */
export function sideWordLike(model: string, side: 'left' | 'right'): string {
  if (sideOfWord(model) === side) return model;
  const mirror = MIRROR.get(model.toLowerCase());
  return mirror ? withCaseOf(model, mirror) : side;
}

const CARDIAC_NAME =
  /^[\s-]+(?:anterior descending|main\b|circumflex|coronary|ventric\w*|atri(?:um|al)|(?:sided )?heart (?:failure|strain|catheter\w*|enlargement|dilat\w*))/i;

export interface SideWord {
  start: number;
  end: number;
  text: string;
  side: 'left' | 'right';
}

/** Left/right words of a sentence. */
export function sideWordsIn(sentence: Sentence): SideWord[] {
  const out: SideWord[] = [];
  SIDE_WORD.lastIndex = 0;
  for (const m of allMatches(SIDE_WORD, sentence.text)) {
    const side = sideOfWord(m[0]);
    if (!side) continue;
    // "lt"/"rt" only in lower case or capitals as abbreviations; "RLL" and friends only in capitals.
    if (m[0].length === 3 && m[0] !== m[0].toUpperCase()) continue;
    // "left anterior descending", "right coronary artery", "left ventricle": names, not sides.
    if (CARDIAC_NAME.test(sentence.text.slice(m.index + m[0].length, m.index + m[0].length + 30))) continue;
    out.push({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length, text: m[0], side });
  }
  return out;
}

/** The side word that gives a finding its side: the nearest one of that side in its sentence. */
export function sideWordOf(report: Report, finding: Finding, side: Side | null = finding.side): SideWord | undefined {
  if (side !== 'left' && side !== 'right') return undefined;
  const sentence = report.sentences[finding.sentenceIndex];
  if (!sentence) return undefined;
  let best: SideWord | undefined;
  let bestDistance = Infinity;
  for (const w of sideWordsIn(sentence)) {
    if (w.side !== side) continue;
    const distance = w.end <= finding.start ? finding.start - w.end : w.start >= finding.end ? (w.start - finding.end) * 1.5 : 0;
    if (distance < bestDistance) {
      best = w;
      bestDistance = distance;
    }
  }
  return best;
}

const BOTH_SIDES = /\b(?:bilateral(?:ly)?|both|bibasilar|bibasal|biapical|bihilar|right and left|left and right)\b/i;

/**
 * The finding's side, or else the side of its sentence when the sentence names one side only
 * ("Patchy opacity, probably within the left lower lobe"): the side binding of the findings core
 * stays inside the noun phrase, a sentence about one finding does not.
 */
export function sideInSentence(report: Report, finding: Finding): Side | null {
  if (finding.side) return finding.side;
  const sentence = report.sentences[finding.sentenceIndex];
  if (!sentence || BOTH_SIDES.test(sentence.text)) return null;
  const words = sideWordsIn(sentence);
  if (!words.length || words.some((w) => w.side !== words[0].side)) return null;
  return words[0].side;
}

export const opposite = (side: Side | null): Side | null => (side === 'left' ? 'right' : side === 'right' ? 'left' : null);
