// The lexicon is data (lexicon/*.json), checked with zod and compiled into phrase tries once, at
// module load. Nothing here runs per keystroke except trie look-ups.
import { z } from 'zod';
import findingsData from './lexicon/findings.json';
import anatomyData from './lexicon/anatomy.json';
import contextData from './lexicon/context.json';
import type { Side } from './types';
import type { Urgency } from './types';
import { PhraseTrie } from './trie';
import { wordsOf } from './words';
import { escapeRegExp } from '../report/regex';

const Urgency = z.enum(['minutes', 'hours', 'days']);
const SideSchema = z.enum(['left', 'right', 'bilateral']);
const Phrases = z.array(z.string().min(1)).default([]);

/** What a concept is for the consistency checks (findings.json's note says what each means). */
export const CONCEPT_FLAGS = [
  'descriptive',
  'incidental-unless-marked',
  'acute',
  'shadow',
  'airspace-shadow',
  'spinal-level',
  'heading',
  'call-only-when-large',
  'subtle-significant',
] as const;
export type ConceptFlag = (typeof CONCEPT_FLAGS)[number];

const ConceptSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  group: z.string(),
  terms: Phrases,
  abbr: Phrases,
  /** Terms that mean this concept only in some exams ("effusion" is pleural on a chest film, articular in a knee). */
  contexts: z.record(z.string(), Phrases).default({}),
  predicates: z.array(z.object({ subject: Phrases, state: Phrases })).default([]),
  /**
   * Terms composed as a finding word, a joining word and a place: "air" x "in the", "within" x "right atrium", "RV"
   * gives "air in the right atrium", "air within RV" ... (added to terms at load), so no spelling of the pattern is missed.
   */
  composed: z.array(z.object({ finding: Phrases, joins: Phrases, places: Phrases })).default([]),
  /** A modifier in the mention's own phrase that makes it a more specific concept ("calcified ... granuloma"). */
  refine: z.array(z.object({ words: Phrases, concept: z.string() })).default([]),
  /** A neighbouring finding of a group, or a word, that makes it another concept ("catheter fracture" is a device's). */
  refineNear: z
    .array(
      z.object({
        groups: Phrases,
        words: Phrases,
        concept: z.string(),
        terms: Phrases,
        /** Words looked at around the mention (at least 4 after): "joint effusion which may contain blood products" needs 7 before. */
        reach: z.number().int().positive().default(3),
        /** Words in the same reach that keep the concept: "emphysematous changes in both lungs and soft tissue nodules". */
        unless: Phrases,
        /** The word must be said of the mention, not of another thing joined by "and"/"or"/"but" ("mild emphysema and a chest wall lipoma"). */
        ownPhrase: z.boolean().default(false),
      }),
    )
    .default([]),
  /** A site the mention's phrase places it in that makes it a more specific concept ("plaques in the coronary arteries"). */
  refineAtSite: z.array(z.object({ sites: z.array(z.string()).min(1), concept: z.string() })).default([]),
  /** A short axis at or above which the mention is a more specific concept (a lymph node of 10 mm is lymphadenopathy). */
  refineAtSize: z.array(z.object({ shortAxisMm: z.number().positive(), concept: z.string() })).default([]),
  /**
   * Words near some of the concept's terms that give the term another sense, in which it is no finding of
   * this concept: surgical "blunt dissection", contrast "opacification of the artery", "obstruction of the sinuses".
   * Without terms, any mention, its own words counting as before: "gallbladder ejection fraction". A predicate's
   * subject as a term stands for its predicate mentions ("the trachea is deviated ... by a goiter").
   */
  otherSense: z
    .array(
      z.object({
        terms: Phrases,
        before: Phrases,
        after: Phrases,
        reach: z.number().int().positive().default(4),
        /**
         * Causal links ("due to", "secondary to", "from"): when given, an `after` word gives the other sense only
         * right after one of them, with no other finding or comma between ("deviated by a goiter", not "deviation
         * from a large hemothorax, unchanged goiter").
         */
        causes: Phrases.default([]),
        /** Findings the term describes when only `before` words lie between ("nodule of ground glass density"). */
        describes: Phrases,
        /**
         * Words that keep the term's own sense anywhere in the sentence: a state or a size said of it ("Lymph node
         * stations 4R and 7 are enlarged, the largest measuring 2.5 cm" tells nodes, not only where they are).
         */
        keptBy: Phrases.default([]),
      }),
    )
    .default([]),
  /** Terms that carry their own side ("levoscoliosis"). */
  sideTerms: z.object({ left: Phrases, right: Phrases }).partial().default({}),
  /** The plural names both sides: one pleural effusion per hemithorax, so "pleural effusions" are bilateral. */
  pluralBilateral: z.boolean().default(false),
  critical: Urgency.nullable().default(null),
  significant: z.boolean(),
  /** Significant from this week of gestation on (a breech fetus matters near term, when version or delivery is planned). */
  significantFromWeek: z.number().int().positive().optional(),
  /**
   * Procedures whose expected result the finding is when its sentence names them (air in the bile ducts after a
   * sphincterotomy): minor then. Named as the organ's own ("biliary stent", not any stent); a denied one ("without prior
   * sphincterotomy") expects nothing.
   */
  minorAfter: Phrases.default([]),
  /** Grades in the mention's own phrase that make a finding worth the impression ("significant fatty infiltration"). */
  significantWhen: Phrases.default([]),
  sex: z.enum(['female', 'male']).optional(),
  flags: z.array(z.enum(CONCEPT_FLAGS)).default([]),
});
const FindingsSchema = z.object({ note: z.string(), concepts: z.array(ConceptSchema).min(150) });

const AnatomySchema = z.object({
  note: z.string(),
  sides: z.object({ left: Phrases, right: Phrases, bilateral: Phrases }),
  sideWords: z.array(z.object({ left: z.string().min(1), right: z.string().min(1) })).min(1),
  sites: z.array(z.object({ site: z.string(), terms: Phrases, side: SideSchema.optional(), exact: z.boolean().optional() })),
  paired: Phrases,
  sexSpecific: z.object({ female: Phrases, male: Phrases }),
  bodyParts: z.array(z.object({ part: z.string(), context: z.string(), terms: Phrases })),
  /** What a scan "from the base of the brain to the upper abdomen" covers: the part between two named ends. */
  coverage: z.array(z.object({ from: Phrases, to: Phrases, part: z.string() })).default([]),
  /** Words built on an organ's name that name no state of it: "heart rate" (a vital sign taken during the exam). */
  notOrgans: Phrases,
  modalities: z.array(z.object({ code: z.string(), terms: Phrases })),
});

export const CUE_KINDS = [
  'absent',
  'possible',
  'probable',
  'differential',
  'historical',
  'hypothetical',
  'neutral',
  'pseudo',
  'terminate',
] as const;
export type CueKind = (typeof CUE_KINDS)[number];
const ContextSchema = z.object({
  note: z.string(),
  cues: z.array(
    z.object({
      kind: z.enum(CUE_KINDS),
      dir: z.enum(['pre', 'post', 'both']),
      terms: Phrases,
      windows: z.record(z.string(), z.number().int().positive()).default({}),
      /** The cue counts only as its sentence's first words (an imperative request: "Evaluate malignancy."). */
      opening: z.boolean().default(false),
    }),
  ),
  readAsNote: z.string(),
  readAs: Phrases,
  cueAdverbs: Phrases,
  listBreakers: Phrases,
});

export type Concept = z.infer<typeof ConceptSchema>;

const findings = FindingsSchema.parse(findingsData);
const anatomy = AnatomySchema.parse(anatomyData);
const context = ContextSchema.parse(contextData);

for (const c of findings.concepts)
  for (const k of c.composed)
    for (const f of k.finding)
      for (const j of k.joins) for (const p of k.places) if (!c.terms.includes(`${f} ${j} ${p}`)) c.terms.push(`${f} ${j} ${p}`);
export const CONCEPTS: readonly Concept[] = findings.concepts;
export const CONCEPT_BY_ID: ReadonlyMap<string, Concept> = new Map(CONCEPTS.map((c) => [c.id, c]));
if (CONCEPT_BY_ID.size !== CONCEPTS.length) throw new Error('lexicon: duplicate concept id');
for (const c of CONCEPTS) {
  for (const r of [...c.refine, ...c.refineNear, ...c.refineAtSite, ...c.refineAtSize])
    if (!CONCEPT_BY_ID.has(r.concept)) throw new Error(`lexicon: ${c.id} refines to unknown ${r.concept}`);
  for (const id of c.otherSense.flatMap((o) => o.describes))
    if (!CONCEPT_BY_ID.has(id)) throw new Error(`lexicon: ${c.id} describes unknown ${id}`);
  for (const o of c.otherSense)
    for (const t of o.terms)
      if (
        ![...c.terms, ...Object.values(c.contexts).flat(), ...c.predicates.flatMap((p) => p.subject)].some(
          (x) => x === t || inflections(x).includes(t),
        )
      )
        throw new Error(`lexicon: ${c.id} has another sense for "${t}", which is not its term or a predicate's subject`);
}

const keysOf = (phrase: string) => wordsOf(phrase).map((w) => w.norm);
const exactKeysOf = (phrase: string) => wordsOf(phrase).map((w) => w.text);

/** Plural and Latin/Greek forms of a noun, so the lexicon lists each word once. */
export function inflections(word: string): string[] {
  if (!/^[a-z]{3,}$/.test(word)) return [];
  if (/(ed|ing|ic|ous|al|ar|ary|ive|ent|ant|like)$/.test(word)) return [];
  if (word.endsWith('sis')) return [word.slice(0, -2) + 'es'];
  if (word.endsWith('us')) return [word.slice(0, -2) + 'i', word + 'es'];
  if (word.endsWith('um')) return [word.slice(0, -2) + 'a', word + 's'];
  if (word.endsWith('ma')) return [word + 's', word + 'ta'];
  if (word.endsWith('a')) return [word + 'e', word + 's'];
  if (/[^aeiou]y$/.test(word)) return [word.slice(0, -1) + 'ies'];
  if (/(s|x|z|ch|sh)$/.test(word)) return [word + 'es'];
  if (word.endsWith('ex')) return [word.slice(0, -2) + 'ices'];
  return [word + 's'];
}

/** What a lexicon phrase match yields. */
export interface ConceptEntry {
  concept: Concept;
}

function conceptTries() {
  const base = new PhraseTrie<ConceptEntry>();
  const exact = new PhraseTrie<ConceptEntry>(true);
  const byContext = new Map<string, PhraseTrie<ConceptEntry>>();
  const addTerms = (trie: PhraseTrie<ConceptEntry>, terms: readonly string[], entry: ConceptEntry) => {
    for (const term of terms) trie.add(keysOf(term), entry, true);
  };
  const addInflected = (trie: PhraseTrie<ConceptEntry>, terms: readonly string[], entry: ConceptEntry) => {
    for (const term of terms) {
      const keys = keysOf(term);
      for (const form of inflections(keys[keys.length - 1])) trie.add([...keys.slice(0, -1), form], entry);
    }
  };
  // Explicit terms of every concept first, then generated forms where they collide with nothing.
  for (const concept of CONCEPTS) {
    const entry = { concept };
    addTerms(base, concept.terms, entry);
    for (const a of concept.abbr) exact.add(exactKeysOf(a), entry, true);
    for (const [name, terms] of Object.entries(concept.contexts)) {
      if (!byContext.has(name)) byContext.set(name, new PhraseTrie<ConceptEntry>());
      addTerms(byContext.get(name)!, terms, entry);
    }
  }
  for (const concept of CONCEPTS) {
    const entry = { concept };
    addInflected(base, concept.terms, entry);
    for (const [name, terms] of Object.entries(concept.contexts)) addInflected(byContext.get(name)!, terms, entry);
  }
  return { base, exact, byContext };
}
export const CONCEPT_TRIES = conceptTries();

/** "scoliosis|levoscoliosis" -> left: the side some terms carry in themselves. */
export const TERM_SIDES: ReadonlyMap<string, Side> = new Map(
  CONCEPTS.flatMap((c) =>
    (['left', 'right'] as const).flatMap((side) =>
      (c.sideTerms[side] ?? []).map((t) => [`${c.id}|${keysOf(t).join(' ')}`, side] as [string, Side]),
    ),
  ),
);

/** "Heart ... enlarged": a subject phrase and the state words that make it a finding. */
export interface PredicateEntry {
  concept: Concept;
  states: ReadonlySet<string>;
}
function predicateTrie() {
  const trie = new PhraseTrie<PredicateEntry[]>();
  for (const concept of CONCEPTS) {
    for (const p of concept.predicates) {
      const states = new Set(p.state.map((s) => keysOf(s).join(' ')));
      for (const subject of p.subject) {
        const keys = keysOf(subject);
        const list = trie.match(
          keys.map((k) => ({ norm: k, text: k, start: 0, end: 0, kind: 'word' as const })),
          0,
        );
        if (list && list.end === keys.length) list.value.push({ concept, states });
        else trie.add(keys, [{ concept, states }]);
      }
    }
  }
  return trie;
}
export const PREDICATE_TRIE = predicateTrie();
/** Every one-word state of a predicate, so a state before its subject is looked for only at those words. */
export const PREDICATE_STATES: ReadonlySet<string> = new Set(
  CONCEPTS.flatMap((c) => c.predicates.flatMap((p) => p.state.map((s) => keysOf(s).join(' ')))).filter((s) => !s.includes(' ')),
);

/** What a normalised word can start (bits of scanStarts' masks). */
export const STARTS = { concept: 1, contextConcept: 2, subject: 4, state: 8, cue: 16 } as const;

/**
 * Per normalised word, what it can start, in any context: a concept, a subject, a state before its
 * subject, a cue. The sentence scan walks only the tries a word can start (and the exact trie at its
 * first words): one map look-up instead of seven walks for nearly every word of a report.
 */
export function scanStarts(): ReadonlyMap<string, number> {
  if (scanStartMasks) return scanStartMasks;
  const masks = new Map<string, number>();
  const mark = (keys: Iterable<string>, bit: number) => {
    for (const key of keys) masks.set(key, (masks.get(key) ?? 0) | bit);
  };
  mark(CONCEPT_TRIES.base.firstKeys(), STARTS.concept);
  for (const trie of CONCEPT_TRIES.byContext.values()) mark(trie.firstKeys(), STARTS.contextConcept);
  mark(PREDICATE_TRIE.firstKeys(), STARTS.subject);
  mark(PREDICATE_STATES, STARTS.state);
  mark(CUE_TRIE.firstKeys(), STARTS.cue);
  return (scanStartMasks = masks);
}
let scanStartMasks: ReadonlyMap<string, number> | undefined;

export interface CueEntry {
  pre?: { kind: CueKind; window?: number; opening?: true };
  post?: { kind: CueKind; window?: number };
}
function cueTrie() {
  const trie = new PhraseTrie<CueEntry>();
  const entries = new Map<string, CueEntry>();
  for (const group of context.cues) {
    for (const term of group.terms) {
      const keys = keysOf(term);
      const id = keys.join(' ');
      let entry = entries.get(id);
      if (!entry) {
        entry = {};
        entries.set(id, entry);
        trie.add(keys, entry);
      }
      const cue = { kind: group.kind, window: group.windows[term], ...(group.opening ? { opening: true as const } : {}) };
      if (group.dir !== 'post' && !entry.pre) entry.pre = cue;
      if (group.dir !== 'pre' && !entry.post) entry.post = cue;
    }
  }
  return trie;
}
export const CUE_TRIE = cueTrie();
/** Degree words read past inside a cue: "cannot be entirely ruled out" is "cannot be ruled out", not "ruled out". */
export const CUE_ADVERBS: ReadonlySet<string> = new Set(context.cueAdverbs.map((w) => keysOf(w).join(' ')));
/** "consistent with", "likely", "due to" …: words reading what the report saw as a diagnosis or its cause. */
export const READ_AS = new RegExp(
  String.raw`\b(?:${context.readAs.map((t) => escapeRegExp(t).replace(/ +/g, String.raw`\s+`)).join('|')})\b`,
  'i',
);
/** Words after a comma that start a new statement rather than continue a denied list. */
export const LIST_BREAKERS: ReadonlySet<string> = new Set(context.listBreakers.map((w) => keysOf(w).join(' ')));

export interface SideEntry {
  side: Side;
}
function sideTrie() {
  const trie = new PhraseTrie<SideEntry>();
  for (const side of ['left', 'right', 'bilateral'] as const) for (const t of anatomy.sides[side]) trie.add(keysOf(t), { side });
  return trie;
}
export const SIDE_TRIE = sideTrie();

export interface SiteEntry {
  site: string;
  side?: Side;
}
function siteTries() {
  const base = new PhraseTrie<SiteEntry>();
  const exact = new PhraseTrie<SiteEntry>(true);
  for (const s of anatomy.sites) {
    for (const t of s.terms) (s.exact ? exact : base).add(s.exact ? exactKeysOf(t) : keysOf(t), { site: s.site, side: s.side });
  }
  return { base, exact };
}
export const SITE_TRIES = siteTries();

/** Side words with their mirror images ("left-sided" / "right-sided", "LLL" / "RLL"). */
export const SIDE_WORD_PAIRS: readonly { left: string; right: string }[] = anatomy.sideWords;
/** Every normalised site name and exam body part of anatomy.json, for the relations' referential checks. */
export const SITE_NAMES: ReadonlySet<string> = new Set(anatomy.sites.map((s) => s.site));
for (const c of CONCEPTS)
  for (const r of c.refineAtSite)
    for (const site of r.sites) if (!SITE_NAMES.has(site)) throw new Error(`lexicon: ${c.id} refines at unknown site ${site}`);
export const BODY_PART_NAMES: ReadonlySet<string> = new Set(anatomy.bodyParts.map((b) => b.part));
for (const c of anatomy.coverage)
  for (const part of [...c.from, ...c.to, c.part])
    if (!BODY_PART_NAMES.has(part)) throw new Error(`anatomy.json coverage: "${part}" is no body part`);
/** The body part a range of two others covers, by their names ("head|abdomen" → chest). */
export const COVERAGE: ReadonlyMap<string, string> = new Map(
  anatomy.coverage.flatMap((c) => c.from.flatMap((a) => c.to.map((b) => [`${a}|${b}`, c.part] as [string, string]))),
);

/** Structures that come in pairs: a finding in one of them should say which side. */
export const PAIRED_ANATOMY: readonly string[] = anatomy.paired;
/** Words built on an organ's name that name no organ ("heart rate"). */
export const NOT_ORGANS: readonly string[] = anatomy.notOrgans;

export type Sex = 'female' | 'male';
/** Words that belong to one sex only (organs, conditions, procedures), for the sex-mismatch rule. */
export const SEX_SPECIFIC_TERMS: readonly { term: string; sex: Sex }[] = [
  ...anatomy.sexSpecific.female.map((term) => ({ term, sex: 'female' as const })),
  ...anatomy.sexSpecific.male.map((term) => ({ term, sex: 'male' as const })),
];
function sexTries() {
  const base = new PhraseTrie<{ term: string; sex: Sex }>();
  const exact = new PhraseTrie<{ term: string; sex: Sex }>(true);
  for (const entry of SEX_SPECIFIC_TERMS) {
    // All-capital entries (IUD, BPH, PSA) are abbreviations and keep their case.
    if (/^[A-Z]{2,}$/.test(entry.term)) exact.add(exactKeysOf(entry.term), entry);
    else {
      base.add(keysOf(entry.term), entry);
      const keys = keysOf(entry.term);
      for (const form of inflections(keys[keys.length - 1])) base.add([...keys.slice(0, -1), form], entry);
    }
  }
  return { base, exact };
}
export const SEX_TRIES = sexTries();

export interface BodyPartEntry {
  part: string;
  context: string;
}
function bodyPartTrie() {
  const trie = new PhraseTrie<BodyPartEntry>();
  for (const b of anatomy.bodyParts) for (const t of b.terms) trie.add(keysOf(t), { part: b.part, context: b.context });
  return trie;
}
export const BODY_PART_TRIE = bodyPartTrie();

function modalityTrie() {
  const trie = new PhraseTrie<string>();
  for (const m of anatomy.modalities) for (const t of m.terms) trie.add(keysOf(t), m.code);
  return trie;
}
export const MODALITY_TRIE = modalityTrie();

/**
 * Concept contexts to try, in order, for the body parts an exam title names (none: exam unknown).
 * The chest reading comes first when the chest is one of them.
 */
export function activeContexts(bodyContexts: readonly string[]): string[] {
  if (bodyContexts.length === 0) return ['chest', 'spine', 'joint'];
  const out = bodyContexts.includes('chest') ? ['chest'] : [];
  for (const c of bodyContexts) if (c !== 'chest' && !out.includes(c)) out.push(c);
  if (out.some((c) => c !== 'chest')) out.push('other');
  return out;
}

export type { Urgency };

/** The side several side words give together: both sides named (or "bilateral") is bilateral. */
export function sideOfSides(sides: ReadonlySet<Side>): Side | null {
  if (sides.has('bilateral') || (sides.has('left') && sides.has('right'))) return 'bilateral';
  return sides.has('left') ? 'left' : sides.has('right') ? 'right' : null;
}
