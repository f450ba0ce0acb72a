// The phrase words of the finding reader (lexicon/grammar.json), zod-checked at load: where a
// finding's side and site phrase ends, which words link an interpretation, which join a list.
import { z } from 'zod';
import grammarData from './lexicon/grammar.json';

const SECTION_KINDS = [
  'exam',
  'history',
  'comparison',
  'technique',
  'findings',
  'impression',
  'communication',
  'other',
  'preamble',
] as const;
// A set word is one token as the tokenizer normalises it: lower case, no white space.
const WordList = z.array(z.string().regex(/^[^\sA-Z]+$/)).min(1);
const WordSet = z.object({ why: z.string().min(1), words: WordList });
const SET_NAMES = [
  'predicateFillers',
  'negators',
  'innerSides',
  'hardBoundaries',
  'listJoiners',
  'copulas',
  'phraseStops',
  'backStops',
  'comparatives',
  'heartParts',
  'relativeLinks',
  'locatives',
  'interpretiveLinks',
  'linkFillers',
  'notAcute',
  'denialCarriers',
  'denialLinkFillers',
  'alternativeLinks',
  'differentialLinks',
  'articles',
  'stateModifiers',
  'sizeAnaphors',
  'resolutionWords',
] as const;
const GrammarSchema = z.object({
  note: z.string(),
  sets: z.object(Object.fromEntries(SET_NAMES.map((n) => [n, WordSet])) as Record<(typeof SET_NAMES)[number], typeof WordSet>).strict(),
  noNormalStatementSections: z.object({ why: z.string(), sections: z.array(z.enum(SECTION_KINDS)) }),
});

const grammar = GrammarSchema.parse(grammarData);
for (const [name, set] of Object.entries(grammar.sets))
  if (new Set(set.words).size !== set.words.length) throw new Error(`grammar: ${name} lists a word twice`);

const setOf = (name: (typeof SET_NAMES)[number]): ReadonlySet<string> => new Set(grammar.sets[name].words);

export const PREDICATE_FILLERS = setOf('predicateFillers');
export const NEGATORS = setOf('negators');
export const INNER_SIDES = setOf('innerSides');
export const STATE_MODIFIERS = setOf('stateModifiers');
export const HARD_BOUNDARY = setOf('hardBoundaries');
export const LIST_JOINERS = setOf('listJoiners');
export const COPULAS = setOf('copulas');
export const PHRASE_STOP = setOf('phraseStops');
export const BACK_STOP: ReadonlySet<string> = new Set([...PHRASE_STOP, ...grammar.sets.backStops.words]);
export const COMPARATIVES = setOf('comparatives');
export const HEART_PARTS = setOf('heartParts');
export const RELATIVE_LINK = setOf('relativeLinks');
export const LOCATIVE = setOf('locatives');
export const INTERPRETIVE_LINKS = setOf('interpretiveLinks');
export const LINK_FILLERS = setOf('linkFillers');
export const NOT_ACUTE = setOf('notAcute');
export const DENIAL_CARRIERS = setOf('denialCarriers');
export const DENIAL_LINK_FILLERS = setOf('denialLinkFillers');
export const ALTERNATIVE_LINKS = setOf('alternativeLinks');
export const DIFFERENTIAL_LINKS = setOf('differentialLinks');
export const ARTICLES = setOf('articles');
export const SIZE_ANAPHORS = setOf('sizeAnaphors');
export const RESOLUTION_WORDS = setOf('resolutionWords');
export const NO_NORMAL_STATEMENTS: ReadonlySet<string> = new Set(grammar.noNormalStatementSections.sections);
