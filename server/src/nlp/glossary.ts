// Plain words for patients (lexicon/glossary.json): a lay phrase and a one-line meaning for every
// finding concept, plain site phrases, report words and units. Shared by the patient summary and the
// editor's hover. Checked at load: every concept has an entry and every entry names a known concept.
import { z } from 'zod';
import glossaryData from './lexicon/glossary.json';
import anatomyData from './lexicon/anatomy.json';
import { CONCEPTS, CONCEPT_BY_ID } from './lexicon';
import type { Side } from './types';

const Plain = z.string().min(1);
const EntrySchema = z.object({
  lay: Plain,
  means: Plain,
  /** No article: "fluid around the lung". */
  mass: z.boolean().default(false),
  /** The lay phrase for a plural mention ("nodules"). */
  pl: Plain.optional(),
  /** How the side is said when it is a direction ("toward the left"), not a place. */
  sideAs: Plain.optional(),
});
const GlossarySchema = z.object({
  note: z.string(),
  concepts: z.record(z.string(), EntrySchema),
  sites: z.record(z.string(), z.object({ where: Plain, both: Plain.optional() })),
  words: z.record(z.string(), Plain),
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
  pl?: string;
  sideAs?: string;
}

function check(): Map<string, Gloss> {
  const out = new Map<string, Gloss>();
  for (const [id, e] of Object.entries(glossary.concepts)) {
    const concept = CONCEPT_BY_ID.get(id);
    if (!concept) throw new Error(`glossary: entry for unknown concept ${id}`);
    out.set(id, { concept: id, term: concept.name, ...e });
  }
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

const WORDS = new Map(Object.entries(glossary.words).map(([k, v]) => [k.toLowerCase(), v]));

/** A report word's plain meaning ("hilum" -> "the area where airways ... enter the lung"), or undefined. */
export function plainTerm(word: string): string | undefined {
  const key = word.trim().toLowerCase().replace(/\s+/g, ' ');
  return WORDS.get(key) ?? (key.endsWith('s') ? WORDS.get(key.slice(0, -1)) : undefined);
}

/** The report words glossary.json explains, longest first (for finding them in text). */
export const PLAIN_WORDS: readonly string[] = [...WORDS.keys()].sort((a, b) => b.length - a.length);

/** "cm" -> "centimeters". */
export function plainUnit(unit: string): string {
  return glossary.units[unit] ?? unit;
}

/** Where a site is, in plain words, with its side: "in the lower part of the right lung". */
export function plainSite(site: string, side: Side | null): string | undefined {
  const s = glossary.sites[site];
  if (!s) return undefined;
  if (side === 'bilateral') return s.both ?? `${withSide(s.where, null)}, on both sides`;
  return withSide(s.where, side);
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
