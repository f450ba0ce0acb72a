// The patient summary's own plain wording (lexicon/lay-wording.json), apart from the per-concept
// phrases of glossary.json: degree, amount, qualifier and change words, the fixed lines and exam
// names. Checked at load: every amount and size word is a plain degree, every site a known one.
import { z } from 'zod';
import wordingData from './lexicon/lay-wording.json';
import anatomyData from './lexicon/anatomy.json';
import unitsData from './lexicon/units.json';
import contextData from './lexicon/context.json';
import { CONCEPT_BY_ID } from './lexicon';
import { escapeRegExp as escape } from '../report/regex';

const Plain = z.string().min(1);
const WordingSchema = z.object({
  note: z.string(),
  lines: z.object({
    opening: Plain,
    closing: Plain,
    nothingPlain: Plain,
    found: Plain,
    possible: Plain,
    denied: Plain,
    says: Plain,
    more: Plain,
    words: Plain,
  }),
  degrees: z.record(z.string(), Plain),
  amounts: z.record(z.string(), Plain),
  sizeWords: z.array(Plain),
  sizeTerms: z.array(Plain).min(1),
  /** How far or how bad a finding goes, besides its degree ("complete", "full-thickness", "enlarged"). */
  extentWords: z.array(Plain).min(1),
  amountPhrases: z.array(Plain),
  qualifiers: z.record(z.string(), Plain),
  termQualifiers: z.record(z.string(), Plain),
  denialHedges: z.array(Plain),
  changes: z.array(z.object({ words: z.array(Plain).min(1), plain: Plain, needsPrior: z.boolean().optional() })),
  appearanceChanges: z
    .object({
      note: z.string(),
      words: z.array(Plain).min(1),
      modifiers: z.array(Plain),
      appearances: z.array(Plain).min(1),
      volumeOf: z.array(Plain).min(1),
      appearancesAfterOf: z.array(Plain).min(1),
    })
    .strict(),
  sizeUnits: z.array(Plain),
  sizeBounds: z.record(z.string(), Plain),
  distances: z.array(z.object({ before: z.array(Plain), after: z.array(Plain).min(1), plain: Plain }).strict()),
  offLung: z
    .object({ organs: z.array(Plain).min(1), lung: z.array(Plain).min(1), heart: z.array(Plain).min(1), sharedWithHeart: z.array(Plain) })
    .strict(),
  around: z.array(z.object({ words: z.array(Plain).min(1), at: Plain, site: Plain.optional() }).strict()),
  nearLungSites: z.array(Plain),
  regionSites: z.array(Plain),
  communication: z.array(Plain),
  examNames: z.record(z.string(), Plain),
  shapeConcepts: z.array(Plain),
  findingParts: z.array(Plain),
  priorSizeAfter: z.array(Plain).min(1),
  comparisonWords: z.array(Plain).min(1),
  priorStudy: z.object({ note: z.string(), words: z.array(Plain).min(1), none: z.array(Plain).min(1) }).strict(),
  states: z.object({ concepts: z.array(Plain), lead: Plain }),
  sideWords: z.object({ left: z.array(Plain), right: z.array(Plain), bilateral: z.array(Plain) }).strict(),
  ownWords: z
    .object({
      note: z.string(),
      limitations: z.array(Plain).min(1),
      differentials: z.array(Plain).min(1),
      linkers: z.array(Plain).min(1),
      readAsHedges: z.array(Plain),
      genericDenials: z.array(Plain),
      denialFillers: z.array(Plain),
      placeFillers: z.array(Plain),
      increases: z.array(Plain).min(1),
      unread: z.array(Plain).min(1),
      saysNothing: z.array(Plain).min(1),
      technique: z.array(Plain).min(1),
      events: z.array(Plain).min(1),
      kindWords: z.array(Plain).min(1),
      procedureSteps: z.array(Plain).min(1),
      partWords: z.array(Plain).min(1),
      keptQualifiers: z.array(Plain).min(1),
      unreadHedges: z.array(Plain).min(1),
      massDenials: z.array(Plain).min(1),
      growthWords: z.array(Plain).min(1),
      recurrenceWords: z.array(Plain).min(1),
      persons: z.array(Plain).min(1),
      courtesies: z.array(Plain).min(1),
    })
    .strict(),
});

const wording = WordingSchema.parse(wordingData);
// context.json's readAs phrases and differential cues ("A versus B"), which ownWords builds on.
const DIFFERENTIAL_CUES = contextData.cues.filter((c) => c.kind === 'differential').flatMap((c) => c.terms);
const CONTEXT_CUES = new Set([...contextData.readAs, ...DIFFERENTIAL_CUES]);

function check(): void {
  // A plain degree, or two of them joined ("small to large").
  const degrees = new Set(Object.values(wording.degrees));
  const isDegree = (w: string) => w.split(' to ').every((d) => degrees.has(d));
  for (const w of [...Object.keys(wording.amounts), ...wording.sizeWords])
    if (!isDegree(w)) throw new Error(`lay-wording: "${w}" is no plain degree of degrees`);
  for (const d of degrees) if (!isDegree(d) || !wording.amounts[d]) throw new Error(`lay-wording: no amount for degree "${d}"`);
  const sites = new Set((anatomyData as { sites: { site: string }[] }).sites.map((s) => s.site));
  for (const s of [...wording.nearLungSites, ...wording.regionSites, ...wording.around.flatMap((a) => a.site ?? [])])
    if (!sites.has(s)) throw new Error(`lay-wording: unknown site ${s}`);
  const units = new Set(Object.values((unitsData as { written: Record<string, string> }).written));
  for (const u of wording.sizeUnits) if (!units.has(u)) throw new Error(`lay-wording: unknown unit ${u}`);
  for (const c of [...wording.states.concepts, ...wording.shapeConcepts, ...wording.ownWords.genericDenials])
    if (!CONCEPT_BY_ID.has(c)) throw new Error(`lay-wording: unknown concept ${c}`);
  // The summary's own cue words only: what context.json says is read from there.
  const shared = [...wording.ownWords.linkers, ...wording.ownWords.differentials].filter((w) => CONTEXT_CUES.has(w));
  if (shared.length) throw new Error(`lay-wording: ownWords repeats context.json: ${shared.join(', ')}`);
  for (const h of wording.ownWords.readAsHedges)
    if (!contextData.readAs.includes(h)) throw new Error(`lay-wording: "${h}" is no readAs phrase`);
}
check();

/** One word list as a whole-word regex; a space matches any run of white space. */
export const wordsRe = (words: readonly string[], flags = 'i') =>
  new RegExp(`\\b(?:${words.map((w) => escape(w).replace(/ /g, '\\s+')).join('|')})\\b`, flags);

export const LAY_LINES = wording.lines;
/** A part's heading as the summary writes it, without its colon ("What the report found"). */
export const headingOf = (part: 'found' | 'possible' | 'denied' | 'says' | 'more' | 'words') => LAY_LINES[part].replace(/\s*:\s*$/, '');
export const DEGREE: Readonly<Record<string, string>> = wording.degrees;
export const AMOUNT: Readonly<Record<string, string>> = wording.amounts;
export const SIZE_WORDS: ReadonlySet<string> = new Set(wording.sizeWords);
export const AMOUNTS = new RegExp(`^(?:${wording.amountPhrases.map(escape).join('|')})\\b`);
export const QUALIFIER: Readonly<Record<string, string>> = wording.qualifiers;
/** A finding's degree, qualifier or extent word ("moderate", "displaced", "complete", "full-thickness"). */
export const DETAIL_WORD = new RegExp(
  `\\b(${[...Object.keys(wording.degrees), ...Object.keys(wording.qualifiers), ...wording.extentWords].map(escape).join('|')})\\b`,
  'gi',
);
/** A size said in a word, not a number ("millimetric", "subcentimeter"). */
export const SIZE_TERM = new RegExp(`\\b(${wording.sizeTerms.map(escape).join('|')})\\b`, 'i');
export const DENIAL_HEDGE = wordsRe(wording.denialHedges);
/** Qualifier words a finding's own term says ("high-grade partial tear"), and the plain qualifier. */
export const TERM_QUALIFIER: Readonly<Record<string, string>> = wording.termQualifiers;
export const CHANGE: readonly { re: RegExp; plain: string; needsPrior: boolean }[] = wording.changes.map((c) => ({
  re: wordsRe(c.words),
  plain: c.plain,
  needsPrior: c.needsPrior ?? false,
}));
const VOLUME_OF = wording.appearanceChanges.volumeOf.map(escape).join('|');
/** A change word that says how a finding looks on this exam ("increased attenuation", "decreased T2 signal"), not a change since before. */
export const APPEARANCE_CHANGE = new RegExp(
  `\\b(?:${wording.appearanceChanges.words.map(escape).join('|')})\\s+(?:(?:${wording.appearanceChanges.modifiers
    .map((w) => escape(w).replace(/ /g, '\\s+'))
    .join(
      '|',
    )})[\\s-]+)*(?:${wording.appearanceChanges.appearances.map(escape).join('|')})\\b(?!\\s+(?:since|compared|from|than|when)\\b)` +
    // A lung's volume told low or high on this exam: "the volume of the right lung was decreased", "decreased lung volumes".
    `|\\b(?:(?:${VOLUME_OF})\\s+volumes?|volumes?\\s+of\\s+(?:the\\s+)?(?:(?:right|left|both)\\s+)?(?:(?:upper|middle|lower)\\s+)?(?:${VOLUME_OF}))\\s+(?:is|are|was|were|appears?)\\s+(?:\\w+ly\\s+)?(?:${wording.appearanceChanges.words.map(escape).join('|')})\\b` +
    `|\\b(?:${wording.appearanceChanges.words.map(escape).join('|')})\\s+(?:(?:right|left)\\s+)?(?:${VOLUME_OF})\\s+volumes?\\b` +
    // An organ told as it looks, after its verb: "the liver is decreased in attenuation", "… is enlarged and decreased in density",
    // "… is diffusely decreased in density", "… appears heterogeneous and mildly increased in echogenicity".
    `|\\b(?:is|are|was|were|appears?)\\s+(?:\\w+ly\\s+)?(?:\\w+\\s+and\\s+)?(?:\\w+ly\\s+)?(?:${wording.appearanceChanges.words.map(escape).join('|')})\\s+in\\s+(?:${[...wording.appearanceChanges.appearances, ...wording.appearanceChanges.appearancesAfterOf].map(escape).join('|')})\\b(?!\\s+(?:since|compared|from|than|when)\\b)` +
    // How a lesion looks: "a focus of increased density", "areas of decreased density".
    `|\\bof\\s+(?:${wording.appearanceChanges.words.map(escape).join('|')})\\s+(?:${wording.appearanceChanges.appearancesAfterOf.map(escape).join('|')})\\b`,
  'gi',
);
/** Words that name an earlier study the report compares with ("compared with the prior CT"), and a COMPARISON field saying there is none. */
export const PRIOR_STUDY = {
  re: wordsRe(wording.priorStudy.words),
  none: new RegExp(`^\\W*(?:${wording.priorStudy.none.map(escape).join('|')})\\b`, 'i'),
};
/** A bound right before a size ("less than 10 mm"), as the summary says it. */
export const SIZE_BOUND: { re: RegExp; plain: Readonly<Record<string, string>> } = {
  re: new RegExp(`(?:^|[^a-z])(${Object.keys(wording.sizeBounds).map(escape).join('|')})\\s*$`, 'i'),
  plain: wording.sizeBounds,
};
/** How a distance from a landmark is said ("N+5.5 cm", "3 cm from the nipple"); whether a length is a distance is measurements.ts's isDistance. */
export const DISTANCES: readonly { before: RegExp | null; after: RegExp; plain: string }[] = wording.distances.map((d) => ({
  before: d.before.length ? new RegExp(`(?:^|[^A-Za-z])(?:${d.before.map(escape).join('|')})\\s*$`) : null,
  after: new RegExp(`^\\s*(?:${d.after.map((w) => escape(w).replace(/ /g, '\\s+')).join('|')})(?![A-Za-z])`, 'i'),
  plain: d.plain,
}));
export const SIZE_UNITS: ReadonlySet<string> = new Set(wording.sizeUnits);
/** A sentence that places its finding off the lung: it names another organ and no lung word; in a heart's sentence "apical" is the heart's apex. */
export function offLung(sentence: string): boolean {
  const heart = OFF_LUNG.heart.test(sentence);
  // "The base of the gallbladder", "the right lobe of the liver": a lung word said of another organ is that organ's part.
  const lungWords = (heart ? sentence.replace(OFF_LUNG.shared, ' ') : sentence).replace(OFF_LUNG.partOfOrgan, ' ');
  return (heart || OFF_LUNG.organs.test(sentence)) && !OFF_LUNG.lung.test(lungWords);
}
/** Does the sentence say a lung word of another organ ("the base of the gallbladder", "the right lobe of the liver")? */
export const lungWordOfOrgan = (sentence: string) => PART_OF_ORGAN.test(sentence);
const OFF_LUNG = {
  organs: wordsRe(wording.offLung.organs),
  partOfOrgan: new RegExp(
    `\\b(?:${wording.offLung.lung.map(escape).join('|')})\\s+of\\s+(?:the\\s+)?(?:(?:left|right|upper|lower|inferior|superior)\\s+)?(?:${wording.offLung.organs.map(escape).join('|')})\\b`,
    'gi',
  ),
  lung: wordsRe(wording.offLung.lung),
  heart: wordsRe(wording.offLung.heart),
  shared: wordsRe(wording.offLung.sharedWithHeart, 'gi'),
};
// (The same, compiled once without a running index: asked per sentence.)
const PART_OF_ORGAN = new RegExp(OFF_LUNG.partOfOrgan.source, 'i');
/** Words that place a finding around or under an organ's covering, not in it ("perirenal"), and how it is said. */
export const AROUND: readonly { re: RegExp; at: string; site: string | null }[] = wording.around.map((a) => ({
  re: wordsRe(a.words),
  at: a.at,
  site: a.site ?? null,
}));
export const NEAR_LUNG: ReadonlySet<string> = new Set(wording.nearLungSites);
/** Sites named after a region whose structures a report names in their own words. */
export const REGION_SITES: ReadonlySet<string> = new Set(wording.regionSites);
export const COMMUNICATION = wordsRe(wording.communication);
export const COMPARED = wordsRe(wording.comparisonWords);
/** Words right after a size that make it the size on earlier images ("20x14 mm in the previous examination"), not now. */
export const PRIOR_SIZE = new RegExp(`^\\s*(?:${wording.priorSizeAfter.map((w) => escape(w).replace(/ /g, '\\s+')).join('|')})\\b`, 'i');
/** Site words that, right after a finding, are a part of it ("the hernia neck", "aneurysm neck"), not a place in the body. */
export const FINDING_PART = new RegExp(`^\\s+(?:${wording.findingParts.map(escape).join('|')})\\b`, 'i');
export const SHAPES: ReadonlySet<string> = new Set(wording.shapeConcepts);
export const SIDE_WORDS: Readonly<Record<'left' | 'right' | 'bilateral', RegExp>> = {
  left: wordsRe(wording.sideWords.left),
  right: wordsRe(wording.sideWords.right),
  bilateral: wordsRe(wording.sideWords.bilateral),
};
/** Concepts that are a state the exam looks at, not a problem, and how a summary leads into one. */
export const STATES: ReadonlySet<string> = new Set(wording.states.concepts);
export const STATE_LEAD = wording.states.lead;
export const EXAM_NAMES: Readonly<Record<string, string>> = wording.examNames;
/** Cues of a sentence the summary tells in the report's words (summary-quoted.ts's toldAsWritten). */
export const OWN_WORDS = {
  limitation: wordsRe(wording.ownWords.limitations),
  differential: wordsRe([...DIFFERENTIAL_CUES, ...wording.ownWords.differentials]),
  /** A word that reads one thing as another, anywhere before the finding ("…, likely representing Y"); a hedge alone is told as "likely". */
  linker: wordsRe([...contextData.readAs.filter((w) => !wording.ownWords.readAsHedges.includes(w)), ...wording.ownWords.linkers], 'gi'),
  increase: wordsRe(wording.ownWords.increases),
  /** A grade or damage word: a sentence with one and no finding read in it states something abnormal. */
  unread: wordsRe(wording.ownWords.unread),
  /**
   * Words that say no finding of their own (a place, a normal word, how the images were made, "seen"): a findings
   * sentence with a word stated beside these that the findings core reads nothing in says something it does not know.
   */
  saysNothing: new Set(wording.ownWords.saysNothing),
  /** How the exam was made or compared ("performed", "dated"): a sentence with one tells no finding. */
  technique: wordsRe(wording.ownWords.technique),
  /** A finding told as something that happened, not something there ("recent stone passage"). */
  event: wordsRe(wording.ownWords.events),
  /** Concepts whose denial holds only in the report's scope ("no space-occupying lesion in the liver"). */
  genericDenials: new Set(wording.ownWords.genericDenials),
  /** Words before a denied term that do not narrow the denial: context.json's absent cues and these. */
  denialFillers: new Set([
    ...wording.ownWords.denialFillers,
    ...contextData.cues.filter((c) => c.kind === 'absent').flatMap((c) => c.terms.flatMap((t) => t.split(' '))),
  ]),
  /** Every word of context.json's cues ("otherwise", "findings", "acute"): no finding of its own. */
  cueWords: new Set(contextData.cues.flatMap((c) => c.terms.flatMap((t) => t.split(' ')))),
  /** Words after "in the" that name no place ("in the visualized portion"). */
  placeFillers: new Set(wording.ownWords.placeFillers),
  /** Words inside a denied term that narrow it to one kind ("destructive lesions"): its plain phrase must say them. */
  kindWords: new Set(wording.ownWords.kindWords),
  /** Words naming which part of an organ or group a finding is in ("ethmoid", "paracentral"). */
  partWords: wordsRe(wording.ownWords.partWords, 'gi'),
  /** Words that tell what kind of a finding it is ("reducible", "non-obstructing", "benign"): its plain line must say them. */
  keptQualifiers: wordsRe(wording.ownWords.keptQualifiers, 'gi'),
  /** Words of doubt in a finding's own words the findings core may read as certain ("presumed"). */
  unreadHedge: wordsRe(wording.ownWords.unreadHedges),
  /** What a follow-up after treatment looks for ("no local recurrence", "no residual-relapse"): its denial is told as written. */
  recurrence: wordsRe(wording.ownWords.recurrenceWords),
  /** What a mass is said not to do around it ("no mass effect", "no surrounding edema"): its denial qualifies the mass. */
  massDenial: wordsRe(wording.ownWords.massDenials),
  /** A growth or collection that a denial of its effect on its surroundings qualifies ("mass", "lesion", "hematoma"). */
  growth: wordsRe(wording.ownWords.growthWords),
  /**
   * Who the patient is, by age ("The patient is a 13-year-old boy who had clipping …", "This is a 22-year-old
   * pregnant female."): the history the exam was asked for, no finding of it.
   */
  patient: new RegExp(
    `^\\W*(?:the\\s+)?(?:patient|pt)\\s+(?:is|was)\\s+an?\\b|\\b\\d+[- ]?(?:years?|yrs?|months?|weeks?|days?)[- ]old\\s+(?:[a-z]+\\s+){0,2}(?:${wording.ownWords.persons.join('|')})s?\\b`,
    'i',
  ),
  /** A letter's thanks or sign-off, opening its clause ("Thank you for referring …", "Please do not hesitate to call"). */
  courtesy: new RegExp(`^\\W*(?:${wording.ownWords.courtesies.map((w) => escape(w).replace(/ /g, '\\s+')).join('|')})\\b`, 'i'),
  /** A step of a procedure, as the report narrates it ("was then advanced", "were performed"). */
  procedureStep: new RegExp(
    `\\b(?:was|were|is|are)\\s+(?:then\\s+)?(?:[a-z]+ly\\s+)?(?:${wording.ownWords.procedureSteps.join('|')})\\b|\\btolerated the procedure\\b`,
    'i',
  ),
};
