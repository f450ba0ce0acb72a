// Organs and structures (lexicon/organs.json): the words that name each one, the findings that live
// in it and the findings a normal statement about it denies. Checked with zod and against findings.json
// at module load; compiled into one phrase trie. Used to file a sentence under its organ (restructure),
// and by nlp/normal.ts: normal statements deny their organ's findings.
import { z } from 'zod';
import organData from './lexicon/organs.json';
import { CONCEPT_BY_ID, NOT_ORGANS, inflections } from './lexicon';
import { PhraseTrie } from './trie';
import { wordsOf, type Word } from './words';
import { allMatches } from '../report/matches';

const Id = z.string().regex(/^[a-z0-9-]+$/);
const OrganSchema = z.object({
  id: Id,
  name: z.string().min(1),
  terms: z.array(z.string().min(1)),
  /** Regular expressions (case-insensitive) for names words do not spell well: "L4-5", "C5/6". */
  patterns: z.array(z.string().min(1)).default([]),
  findings: z.array(Id),
  normalDenies: z.array(Id),
});
const Phrases = z.array(z.string().min(1)).min(1);
const NormalStatementsSchema = z.object({
  note: z.string(),
  after: Phrases,
  fillers: Phrases,
  before: Phrases,
  partialTerms: Phrases,
  exceptions: Phrases,
  studies: z.array(z.object({ phrases: Phrases, organs: z.array(Id).min(1), acuteOnly: z.boolean() })),
});
const OrgansSchema = z.object({ note: z.string(), organs: z.array(OrganSchema).min(40), normalStatements: NormalStatementsSchema });
export type NormalStatements = z.infer<typeof NormalStatementsSchema>;

export type Organ = z.infer<typeof OrganSchema>;

/** Parses and checks organ data; throws with the offending id. Exported for the tests. */
export function loadOrgans(data: unknown): Organ[] {
  return loadOrganData(data).organs;
}

/** Parses and checks organs and normal-statement wording; throws with the offending id. */
export function loadOrganData(data: unknown): { organs: Organ[]; normalStatements: NormalStatements } {
  const { organs, normalStatements } = OrgansSchema.parse(data);
  const seen = new Set<string>();
  for (const o of organs) {
    if (seen.has(o.id)) throw new Error(`organs: duplicate organ id ${o.id}`);
    seen.add(o.id);
    if (o.terms.length === 0 && o.patterns.length === 0) throw new Error(`organs: ${o.id} has neither terms nor patterns`);
    for (const id of [...o.findings, ...o.normalDenies])
      if (!CONCEPT_BY_ID.has(id)) throw new Error(`organs: ${o.id} names unknown concept ${id}`);
    if (new Set(o.findings).size !== o.findings.length) throw new Error(`organs: ${o.id} lists a finding twice`);
    // A normal statement about an organ can only deny what lives there.
    for (const id of o.normalDenies)
      if (!o.findings.includes(id)) throw new Error(`organs: ${o.id} denies ${id}, which is not among its findings`);
    for (const p of o.patterns) {
      try {
        new RegExp(p, 'i');
      } catch {
        throw new Error(`organs: ${o.id} has a bad pattern ${p}`);
      }
    }
  }
  for (const study of normalStatements.studies)
    for (const id of study.organs) if (!seen.has(id)) throw new Error(`organs: a normal study statement names unknown organ ${id}`);
  return { organs, normalStatements };
}

const ORGAN_DATA = loadOrganData(organData);
export const ORGANS: readonly Organ[] = ORGAN_DATA.organs;
/** How normal statements are worded (organs.json normalStatements). */
export const NORMAL_STATEMENTS: NormalStatements = ORGAN_DATA.normalStatements;
export const ORGAN_BY_ID: ReadonlyMap<string, Organ> = new Map(ORGANS.map((o) => [o.id, o]));

/** Concept id -> the organs it lives in. */
export const ORGANS_OF_CONCEPT: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const o of ORGANS) for (const c of o.findings) map.set(c, [...(map.get(c) ?? []), o.id]);
  return map;
})();

/** The concepts "The <organ> is normal" denies. */
export function normalDenies(organId: string): readonly string[] {
  return ORGAN_BY_ID.get(organId)?.normalDenies ?? [];
}

const ORGAN_TRIE = (() => {
  const trie = new PhraseTrie<string[]>();
  const add = (keys: string[], id: string) => {
    const hit = trie.match(
      keys.map((k) => ({ norm: k, text: k, start: 0, end: 0, kind: 'word' as const })),
      0,
    );
    if (hit && hit.end === keys.length) {
      if (!hit.value.includes(id)) hit.value.push(id);
    } else trie.add(keys, [id]);
  };
  for (const o of ORGANS)
    for (const term of o.terms) {
      const keys = wordsOf(term).map((w) => w.norm);
      add(keys, o.id);
      for (const form of inflections(keys[keys.length - 1])) add([...keys.slice(0, -1), form], o.id);
    }
  return trie;
})();
// "Heart rate 58 bpm after metoprolol": a vital sign of the exam, not the heart (anatomy.json notOrgans).
const NOT_ORGAN_TRIE = (() => {
  const trie = new PhraseTrie<true>();
  for (const phrase of NOT_ORGANS) {
    const keys = wordsOf(phrase).map((w) => w.norm);
    trie.add(keys, true);
  }
  return trie;
})();

/** The organ term at words[i] (longest), unless its words name no organ ("heart rate"). */
function organTermAt(words: readonly Word[], i: number) {
  const m = ORGAN_TRIE.match(words, i);
  if (!m) return null;
  const not = NOT_ORGAN_TRIE.match(words, i);
  return not && not.end >= m.end ? null : m;
}

/** The first words of the organ terms (for callers that test several tries at a word with one look-up). */
export const ORGAN_FIRST_WORDS = { firstKeys: (): Iterable<string> => ORGAN_TRIE.firstKeys() };

/** The organ term starting at words[i] (longest), or null. */
export function organAt(words: readonly Word[], i: number): { end: number; organs: readonly string[] } | null {
  const m = organTermAt(words, i);
  return m ? { end: m.end, organs: m.value } : null;
}

const ORGAN_PATTERNS = ORGANS.flatMap((o) => o.patterns.map((p) => ({ id: o.id, re: new RegExp(p, 'gi') })));

/** An organ named in a stretch of text: how it was named and where. */
export interface OrganHit {
  organ: string;
  start: number;
  end: number;
  by: 'term' | 'pattern';
}

/**
 * Organs a stretch of text names: phrase matches over its words (longest first) and pattern matches
 * over its text. `offset` is where `text` starts in the report, so hits carry report offsets.
 */
export function organsNamed(words: readonly Word[], text: string, offset = 0): OrganHit[] {
  const hits: OrganHit[] = [];
  for (let i = 0; i < words.length;) {
    const m = organTermAt(words, i);
    if (!m) {
      i++;
      continue;
    }
    for (const organ of m.value) hits.push({ organ, start: words[i].start, end: words[m.end - 1].end, by: 'term' });
    i = m.end;
  }
  for (const { id, re } of ORGAN_PATTERNS) {
    re.lastIndex = 0;
    for (const m of allMatches(re, text))
      hits.push({ organ: id, start: offset + m.index, end: offset + m.index + m[0].length, by: 'pattern' });
  }
  return hits;
}
