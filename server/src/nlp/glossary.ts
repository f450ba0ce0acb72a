// Plain words for patients (lexicon/glossary.json): a lay phrase and a one-line meaning for every
// finding concept, plain site phrases, report words and units. Shared by the patient summary and the
// editor's hover. Checked at load: every concept has an entry and every entry names a known concept.
import { z } from 'zod';
import glossaryData from './lexicon/glossary.json';
import anatomyData from './lexicon/anatomy.json';
import { CONCEPTS, CONCEPT_BY_ID } from './lexicon';
import { wordsRegex } from './relations';
import type { Side } from './types';

const Plain = z.string().min(1);
const TermSchema = z.object({
  lay: Plain,
  means: Plain,
  mass: z.boolean().default(false),
  plural: z.boolean().default(false),
  /** The lay phrase for the term's plural ("accessory spleens": "small extra spleens"). */
  pl: Plain.optional(),
});
// A sense of a concept's word the report may use ("subdural effusions" are no fluid around the lung):
// told by the words near the mention. With words of its own it explains the word in that sense;
// without, no entry fits and the word is left unexplained rather than explained wrongly.
const SenseSchema = z.object({
  /** Words (lower case) that show the sense when one stands within `reach` words either side of the mention. */
  near: z.array(Plain).min(1),
  reach: z.number().int().positive().default(4),
  /** Only for these report terms of the concept (all of its terms when absent). */
  terms: z.array(Plain).optional(),
  lay: Plain.optional(),
  means: Plain.optional(),
  mass: z.boolean().default(false),
  plural: z.boolean().default(false),
});
// A concept's word the report may use of another organ with no word near it to tell which ("edema" in an elbow MRI
// report without an exam line): when neither the sentence nor the rest of the report names the concept's own organ,
// the word is explained in words that name none ("swelling or fluid"), never as the lung's.
const UnsureSchema = z.object({
  terms: z.array(Plain).min(1),
  /** Words of the concept's own organ (lower case); one anywhere in the report tells the concept's own sense. */
  own: z.array(Plain).min(1),
  lay: Plain,
  means: Plain,
  mass: z.boolean().default(false),
});
const EntrySchema = z.object({
  lay: Plain,
  means: Plain,
  /** No article: "fluid around the lung". */
  mass: z.boolean().default(false),
  /** A plural phrase, no article: "swollen lymph nodes". */
  plural: z.boolean().default(false),
  /** An organ of which there is one: a side word the text gives is not said. */
  noSide: z.boolean().default(false),
  /** The lay phrase for a plural mention ("nodules"). */
  pl: Plain.optional(),
  /** How the side is said when it is a direction ("toward the left"), not a place. */
  sideAs: Plain.optional(),
  /** A term other organs share ("scarring"): the lay phrase that fits every organ, for the word list. */
  anyOrgan: Plain.optional(),
  /** Report terms of the concept that need their own words, keyed by the term as findings.json has it. */
  terms: z.record(z.string(), TermSchema).default({}),
  /** Other senses of its terms, by the words around them (first that applies wins). */
  senses: z.array(SenseSchema).default([]),
  /** How its word is said when no word of the report tells its organ (see UnsureSchema). */
  unsure: UnsureSchema.optional(),
});
// A report word with senses: "cervical" lymph nodes are the neck's, a cervical mass on a pelvic scan the womb's.
const WordSchema = z.object({
  plain: Plain,
  senses: z.array(z.object({ near: z.array(Plain).min(1), reach: z.number().int().positive().default(4), plain: Plain.optional() })),
});
const GlossarySchema = z.object({
  note: z.string(),
  concepts: z.record(z.string(), EntrySchema),
  sites: z.record(
    z.string(),
    z.object({
      at: Plain,
      np: Plain,
      npPl: Plain.optional(),
      both: Plain.optional(),
      organ: Plain.optional(),
      written: z.record(z.string(), z.object({ at: Plain, np: Plain, both: Plain.optional() }).strict()).optional(),
    }),
  ),
  words: z.record(z.string(), z.union([Plain, WordSchema])),
  units: z.record(z.string(), Plain),
  statements: z.array(z.object({ pattern: Plain, plain: Plain })),
});

const glossary = GlossarySchema.parse(glossaryData);

export interface Gloss {
  concept: string;
  /** The radiologists' name, as findings.json has it. */
  term: string;
  lay: string;
  means: string;
  mass: boolean;
  plural: boolean;
  noSide: boolean;
  pl?: string;
  sideAs?: string;
  anyOrgan?: string;
  terms: Readonly<Record<string, { lay: string; means: string; mass: boolean; plural: boolean; pl?: string }>>;
  senses: readonly Sense[];
  unsure?: z.infer<typeof UnsureSchema>;
  /** The mention uses the word in a sense no entry explains: said in the report's words, not glossed. */
  unfit?: true;
}
export type Sense = z.infer<typeof SenseSchema>;

function check(): Map<string, Gloss> {
  const out = new Map<string, Gloss>();
  for (const [id, e] of Object.entries(glossary.concepts)) {
    const concept = CONCEPT_BY_ID.get(id);
    if (!concept) throw new Error(`glossary: entry for unknown concept ${id}`);
    const known = new Set([...concept.terms, ...concept.abbr, ...Object.values(concept.contexts).flat()].map((t) => t.toLowerCase()));
    for (const t of Object.keys(e.terms)) if (!known.has(t)) throw new Error(`glossary: ${id} has no term "${t}"`);
    for (const sense of e.senses) {
      for (const t of sense.terms ?? [])
        if (!known.has(t) && !known.has(t.replace(/s$/, ''))) throw new Error(`glossary: ${id} sense names no term of it: "${t}"`);
      if (!sense.lay !== !sense.means)
        throw new Error(`glossary: ${id} has a sense with a phrase and no meaning, or a meaning and no phrase`);
    }
    for (const t of e.unsure?.terms ?? []) if (!known.has(t)) throw new Error(`glossary: ${id} unsure names no term of it: "${t}"`);
    out.set(id, { concept: id, term: concept.name, ...e });
  }
  // A word-list meaning for a shared term names no organ: "opacification" on a sinus CT is not the lung's.
  const organs = wordsRegex([...new Set(Object.values(glossary.sites).flatMap((s) => (s.organ ? [s.organ, `${s.organ}s`] : [])))]);
  for (const [id, e] of Object.entries(glossary.concepts))
    if (e.anyOrgan && (organs.test(e.anyOrgan) || organs.test(e.means))) throw new Error(`glossary: ${id} names an organ for every organ`);
  const missing = CONCEPTS.filter((c) => !out.has(c.id)).map((c) => c.id);
  if (missing.length) throw new Error(`glossary: no entry for ${missing.join(', ')}`);
  const sites = new Set((anatomyData as { sites: { site: string }[] }).sites.map((s) => s.site));
  for (const s of Object.keys(glossary.sites)) if (!sites.has(s)) throw new Error(`glossary: unknown site ${s}`);
  for (const s of sites) if (!glossary.sites[s]) throw new Error(`glossary: no plain phrase for site ${s}`);
  return out;
}
const GLOSSES = check();

/** Every concept's gloss, in findings.json order. */
export const GLOSSARY: readonly Gloss[] = CONCEPTS.map((c) => GLOSSES.get(c.id)!);

/** The plain phrase and meaning of a finding concept (by lexicon id). */
export function glossOf(conceptId: string): Gloss | undefined {
  return GLOSSES.get(conceptId);
}

/** A concept's entry in the word list, "lay phrase. Meaning.": a shared term's phrase fits every organ. */
export function definitionOf(g: Pick<Gloss, 'lay' | 'means' | 'anyOrgan'>): { lay: string; means: string } {
  return { lay: withSide(g.anyOrgan ?? g.lay, null), means: g.means };
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9']+/g, ' ')
    .trim();

/** The words of a mention's sentence around it, for telling its sense. */
export interface Around {
  before: string;
  after: string;
  /** The whole report, when known: a word naming the concept's own organ anywhere in it tells its sense. */
  report?: string;
}

const senseOf = (gloss: Gloss, term: string, around: Around): Sense | undefined =>
  gloss.senses.find((s) => {
    if (s.terms && !s.terms.some((t) => norm(t) === term || `${norm(t)}s` === term)) return false;
    const near = [...norm(around.before).split(' ').slice(-s.reach), '|', ...norm(around.after).split(' ').slice(0, s.reach)].join(' ');
    return s.near.some((w) => ` ${near} `.includes(` ${norm(w)} `));
  });

/**
 * The gloss for a mention as written: a term with words of its own ("prostate cancer") overrides the
 * concept's lay phrase and meaning, and the words around it choose among the senses of its word
 * ("subdural effusions"); a sense with no words of its own marks the gloss unfit.
 */
export function glossOfMention(conceptId: string, text: string, around?: Around): Gloss | undefined {
  const gloss = GLOSSES.get(conceptId);
  if (!gloss) return undefined;
  const words = ` ${norm(text)} `;
  const sense = around && senseOf(gloss, norm(text), around);
  if (sense) {
    if (!sense.lay || !sense.means) return { ...gloss, unfit: true };
    return { ...gloss, lay: sense.lay, means: sense.means, mass: sense.mass, plural: sense.plural, pl: undefined, anyOrgan: undefined };
  }
  // A term with a plural phrase matches in its plural too ("accessory spleens", "splenules"): the concept's broader
  // words would misname it.
  let best: string | undefined;
  let plural = false;
  for (const t of Object.keys(gloss.terms)) {
    // Only a term with a plural phrase of its own: another's plural said in its singular would miscount.
    const forms = gloss.terms[t].pl ? [` ${norm(t)} `, ` ${norm(t)}s `, ` ${norm(t)}es `] : [` ${norm(t)} `];
    const as = forms.findIndex((w) => words.includes(w));
    if (as >= 0 && (!best || t.length > best.length)) [best, plural] = [t, as > 0];
  }
  // The sentence named no organ; nor does the report name the concept's own: said without one.
  const unsure = gloss.unsure;
  if (!best && unsure && around?.report !== undefined && unsure.terms.some((t) => norm(t) === norm(text))) {
    const all = ` ${norm(around.report)} `;
    if (!unsure.own.some((w) => all.includes(` ${norm(w)} `)))
      return { ...gloss, lay: unsure.lay, means: unsure.means, mass: unsure.mass, plural: false, pl: undefined, anyOrgan: undefined };
  }
  if (!best) return gloss;
  const own = gloss.terms[best];
  return {
    ...gloss,
    lay: own.lay,
    means: own.means,
    mass: own.mass,
    plural: own.plural,
    pl: plural ? own.pl : undefined,
    anyOrgan: undefined,
  };
}

let OWNER: Map<string, string[]> | undefined;
/**
 * The gloss of a report word as the word list explains it: a word the findings core read as a narrower
 * concept by the words around it ("benign-appearing mass", "infiltrative lesion in the lung") is
 * explained as the word it is (a mass: a lump), so the list never asserts what the word does not say.
 */
export function glossOfWord(conceptId: string, text: string, around?: Around): Gloss | undefined {
  const concept = CONCEPT_BY_ID.get(conceptId);
  const term = norm(text);
  if (!OWNER) {
    OWNER = new Map();
    for (const c of CONCEPTS) for (const t of c.terms) OWNER.set(norm(t), [...(OWNER.get(norm(t)) ?? []), c.id]);
  }
  const own = concept && [...concept.terms, ...concept.abbr, ...Object.values(concept.contexts).flat()].some((t) => norm(t) === term);
  const owners = OWNER.get(term) ?? [];
  if (!own && owners.length === 1 && owners[0] !== conceptId) return glossOfMention(owners[0], text, around);
  return glossOfMention(conceptId, text, around);
}

const WORDS = new Map(
  Object.entries(glossary.words).map(([k, v]) => [k.toLowerCase(), typeof v === 'string' ? { plain: v, senses: [] } : v]),
);
const wordEntry = (word: string) => {
  const key = word.trim().toLowerCase().replace(/\s+/g, ' ');
  return WORDS.get(key) ?? (key.endsWith('s') ? WORDS.get(key.slice(0, -1)) : undefined);
};

/**
 * A report word's plain meaning ("hilum" -> "the area where airways ... enter the lung"), in the sense
 * the words around it give; undefined when it has none, or when the sense they give has no plain words.
 */
export function plainTerm(word: string, around?: Around): string | undefined {
  const entry = wordEntry(word);
  if (!entry) return undefined;
  const sense =
    around &&
    entry.senses.find((s) => {
      const near = [...norm(around.before).split(' ').slice(-s.reach), '|', ...norm(around.after).split(' ').slice(0, s.reach)].join(' ');
      return s.near.some((w) => ` ${near} `.includes(` ${norm(w)} `));
    });
  return sense ? sense.plain : entry.plain;
}

/** Every plain meaning a report word has, one per sense (for checking a word list). */
export function plainTerms(word: string): string[] {
  const entry = wordEntry(word);
  return entry ? [entry.plain, ...entry.senses.flatMap((s) => (s.plain ? [s.plain] : []))] : [];
}

/** The report words glossary.json explains, longest first (for finding them in text). */
export const PLAIN_WORDS: readonly string[] = [...WORDS.keys()].sort((a, b) => b.length - a.length);

/** "cm" -> "centimeters". */
export function plainUnit(unit: string): string {
  return glossary.units[unit] ?? unit;
}

export interface PlainSite {
  /** "the lower part of the right lung" */
  np: string;
  /** "in the lower part of the right lung" */
  where: string;
  /** The organ the site is part of ("lung"), when a lay phrase may name it. */
  organ?: string;
  /** Whether the phrase says the side. */
  saysSide: boolean;
  /** The noun phrase with no side: "the lower part of the lung". */
  template: string;
}

/** Where a site is, in plain words, with its side: "in the lower part of the right lung". */
export function plainSite(site: string, side: Side | null, plural = false, at?: string, said = ''): PlainSite | undefined {
  const entry = glossary.sites[site];
  if (!entry) return undefined;
  // The report's own words for a narrower place the site stands for ("chest wall" of the hemithorax).
  // Not when the sentence names the site itself too ("temporal bone fracture with temporal lobe contusion").
  const named = (w: string) => new RegExp(`\\b${w}\\b`, 'i').test(said);
  const written = named(site) ? undefined : Object.entries(entry.written ?? {}).find(([w]) => named(w))?.[1];
  const s = written ? { ...entry, ...written, npPl: undefined } : entry;
  let np: string;
  if (side === 'bilateral') np = s.both ?? `${withSide(s.np, null)} on both sides`;
  else np = withSide(plural && s.npPl ? s.npPl : s.np, side);
  const saysSide = !!side && (side === 'bilateral' ? true : s.np.includes('{side}'));
  return { np, where: `${at ?? s.at} ${np}`, organ: s.organ, saysSide, template: withSide(s.np, null) };
}

/** Fills a "{side}" slot ("the {side} lung" -> "the left lung"); without a side the slot goes. */
export function withSide(phrase: string, side: 'left' | 'right' | null): string {
  return phrase.replace(/\{side\} ?/g, side ? `${side} ` : '').replace(/\ba ([aeiou])/gi, (m, v: string) => `${m[0]}n ${v}`);
}

/** Whole-impression statements with a plain rendering ("No acute cardiopulmonary process"). */
export const PLAIN_STATEMENTS: readonly { pattern: RegExp; plain: string }[] = glossary.statements.map((s) => ({
  pattern: new RegExp(s.pattern, 'i'),
  plain: s.plain,
}));
