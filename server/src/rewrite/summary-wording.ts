// The plain words of the patient summary: a finding's noun phrase with its side and site, its
// sentence ("There is a small amount of fluid around the left lung (pleural effusion)."), a denial's
// sentence, and the "Words in your report" list. Built from the wording data (glossary.json,
// lay-wording.json) and a finding's own words (summary-reading.ts), never from free text.
import {
  definitionOf,
  glossOfMention,
  glossOfWord,
  plainSite,
  plainTerm,
  plainUnit,
  withSide,
  PLAIN_WORDS,
  type PlainSite,
} from '../nlp/glossary';
import type { Finding, Measurement, Side } from '../nlp/types';
import type { Report, Sentence } from '../report/types';
import { parseReport } from '../report';
import { understand } from '../nlp';
import { CONCEPT_BY_ID } from '../nlp/lexicon';
import {
  AMOUNT,
  AMOUNTS,
  AROUND,
  FINDING_PART,
  DENIAL_HEDGE,
  NEAR_LUNG,
  offLung,
  SIDE_WORDS,
  SIZE_BOUND,
  SIZE_TERM,
  SIZE_UNITS,
  SIZE_WORDS,
  STATE_LEAD,
  STATES,
} from '../nlp/lay-wording';
import { squash } from './clauses';
import { capitalise } from './impression-phrase';
import { degreeOf, landmarkOf, ownWords, qualifierOf, type Item } from './summary-reading';
import { escapeRegExp } from '../report/regex';

export interface GlossaryLine {
  term: string;
  meaning: string;
}

/** "2.3 x 1.5 cm" -> "about 2.3 by 1.5 centimeters"; "2-3 mm" -> "about 2 to 3 millimeters". */
export function plainMeasurement(report: Report, m: Measurement): string {
  const raw = report.text.slice(m.start, m.end);
  const joiner = m.value.length > 1 && /\d\s*(-|–|to)\s*\d/.test(raw) && !/[x×*]|\bby\b/i.test(raw) ? ' to ' : ' by ';
  // "less than 10 mm" is not "about 10 millimeters".
  const bound = SIZE_BOUND.re.exec(report.text.slice(Math.max(0, m.start - 20), m.start))?.[1].toLowerCase();
  return `${bound ? SIZE_BOUND.plain[bound] : 'about'} ${m.value.map(String).join(joiner)} ${plainUnit(m.unit)}`;
}

const article = (phrase: string) => (/^[aeiou]/i.test(phrase) && !/^(u[nr]i|one)/i.test(phrase) ? 'an ' : 'a ') + phrase;

/** The words of a finding's sentence around it, which tell the sense of its word. */
const aroundOf = (report: Report, f: Finding) => {
  const sentence = report.sentences[f.sentenceIndex];
  return sentence
    ? { before: report.text.slice(sentence.start, f.start), after: report.text.slice(f.end, sentence.end), report: report.text }
    : { before: '', after: '', report: report.text };
};
let BY_SIZE: Map<string, { from: string; terms: string[]; says: RegExp }> | undefined;
/**
 * A finding the findings core reads as a larger one by its size alone ("a 12 mm lymph node" read as
 * lymphadenopathy) is said as the word the report writes, its size told beside it: the report did not
 * call it enlarged. A sentence that says so ("enlarged", "pathologic") keeps the larger reading.
 */
function sizedFrom(report: Report, f: Finding): string | undefined {
  if (!BY_SIZE) {
    BY_SIZE = new Map();
    for (const c of CONCEPT_BY_ID.values())
      for (const r of c.refineAtSize) {
        const into = CONCEPT_BY_ID.get(r.concept);
        const states = into?.predicates.flatMap((p) => p.state) ?? [];
        const words = [...states, 'swollen', ...(into?.terms ?? [])].map(escapeRegExp);
        const says = new RegExp(`\\b(?:enlarg\\w*|${words.join('|')})\\b`, 'i');
        BY_SIZE.set(r.concept, { from: c.id, terms: c.terms.map((t) => t.toLowerCase()), says });
      }
  }
  const by = BY_SIZE.get(f.concept);
  if (!by) return undefined;
  const text = report.text.slice(f.start, f.end).toLowerCase().replace(/\s+/g, ' ');
  const sentence = report.sentences[f.sentenceIndex]?.text ?? '';
  if (!by.terms.some((t) => text === t || text.endsWith(` ${t}`)) || by.says.test(sentence)) return undefined;
  return by.from;
}
export const glossFor = (report: Report, f: Finding) =>
  glossOfMention(sizedFrom(report, f) ?? f.concept, report.text.slice(f.start, f.end), aroundOf(report, f))!;
export const bare = (phrase: string) => withSide(phrase, null).toLowerCase();

/** The plain noun phrase of a finding with its side and site: "fluid around the bottom of the left lung". */
function phraseOf(
  report: Report,
  f: Finding,
  opts: { degree: string | null; qualifier: string | null; plural: boolean; denial?: boolean; side?: Side },
): { text: string; plural: boolean; degreeSaid: boolean } {
  const gloss = glossFor(report, f);
  let side: Side | null = gloss.noSide ? null : (f.side ?? opts.side ?? null);
  // A left or right only the anatomy implies (the lingula) is not said as the report's; "effusions" says both.
  const sentence = report.sentences[f.sentenceIndex]?.text ?? '';
  if (side && side !== 'bilateral' && !SIDE_WORDS[side].test(sentence)) side = null;
  // "No pleural effusions": none on either side, said without one.
  if (opts.denial && side === 'bilateral') side = null;
  const usePl = opts.plural && !!gloss.pl;
  let lay = usePl ? gloss.pl! : gloss.lay;
  // "A nodular density in the spleen hilum" is no hazy area on the lung.
  const off = offLung(sentence);
  if (off) lay = lay.replace(/ (?:on|in|of|around) the \{side\} lung$/, '');
  // "Perirenal hematoma" is around the kidney, not in it: the word gives the place and how it is said.
  const around = AROUND.find((a) => a.re.test(ownWords(report, f)));
  // "The hernia neck measures 2.7 cm": the neck is the hernia's, not the patient's.
  const part = FINDING_PART.exec(report.text.slice(f.end, f.end + 12))?.[0]
    .trim()
    .toLowerCase();
  const own = part ? f.site.filter((s) => s !== part) : f.site;
  const all = own.length || !around?.site ? own : [around.site];
  // A part of an organ names the place, not the organ it is a part of: "the left lung hilum" is the root of the
  // left lung (nodes there), not in the lung.
  const sites = all.filter((s) => !all.some((t) => t !== s && plainSite(t, null)?.organ === s));
  // A single organ's finding says no site; a site the lay phrase already names is not said twice.
  const places = (gloss.noSide ? [] : sites)
    .map((s) => plainSite(s, side, opts.plural, around?.at, report.sentences[f.sentenceIndex]?.text))
    .filter((p): p is PlainSite => !!p)
    // Off the lung, a lung place is a word another organ shares ("apical transmural scar" is the heart's apex).
    .filter((p) => !(off && p.organ === 'lung'))
    .filter(
      (p) =>
        !bare(lay).includes(bare(p.template).replace(/^(the|an?) /, '')) &&
        !(p.organ && bare(p.template) === `the ${p.organ}` && new RegExp(`\\b${p.organ.replace(/y$/, '')}`).test(lay)),
    );
  // A site of the organ the lay phrase ends on takes that organ's place in it: "fluid around the bottom of the left lung".
  const inPlace = places.find((p) => p.organ && lay.endsWith(`the {side} ${p.organ}`));
  let place = '';
  let sideDone = false;
  if (inPlace) {
    lay = lay.slice(0, lay.length - `the {side} ${inPlace.organ}`.length) + inPlace.np;
    sideDone = inPlace.saysSide || !side;
  } else if (places.length) {
    place = ` ${places[0].where}`;
    // "in the middle part of the right lung" says its side already (the middle lobe is only on the right).
    sideDone = places[0].saysSide || (!!side && side !== 'bilateral' && SIDE_WORDS[side].test(places[0].where));
    // "Opacity in the posterior mediastinum" is not on the lung: a site away from the lay phrase's
    // organ takes the organ's place.
    const tail = / (?:on|in|of|around) the \{side\} lung$/.exec(lay);
    if (tail && !NEAR_LUNG.has(sites.find((s) => plainSite(s, side))!)) lay = lay.slice(0, tail.index);
  }
  let tail = '';
  if (side && !sideDone) {
    if (gloss.sideAs) tail = ` ${gloss.sideAs.replace('{side}', side === 'bilateral' ? 'both sides' : side)}`;
    else if (side !== 'bilateral' && lay.includes('{side}')) lay = withSide(lay, side);
    else if (side === 'bilateral' && /the \{side\} [a-z]+$/.test(lay))
      lay = lay.replace(/the \{side\} ([a-z]+)$/, (_, organ: string) => `both ${organ.replace(/([^aeiou])y$/, '$1ie')}s`);
    else tail = side === 'bilateral' ? ' on both sides' : ` on the ${side} side`;
  }
  lay = withSide(lay, null);
  const plural = usePl || gloss.plural;
  const mass = gloss.mass || plural;
  // Not said twice: "partially" before a "partial tear".
  const qualifier =
    opts.qualifier && !lay.split(' ').includes(opts.qualifier.replace(/ly$/, '')) && !lay.split(' ').includes(opts.qualifier)
      ? `${opts.qualifier} `
      : '';
  let head: string;
  let degreeSaid = true;
  if (opts.degree && AMOUNT[opts.degree] && gloss.mass && !plural && AMOUNTS.test(lay))
    head = `${AMOUNT[opts.degree] ?? `a ${opts.degree} amount of`} ${qualifier}${lay}`;
  // "a small small round spot": a lay phrase that opens with the size already says it.
  else if (opts.degree && !mass && SIZE_WORDS.has(opts.degree))
    head = lay.startsWith(`${opts.degree} `) && !qualifier ? lay : `${opts.degree} ${qualifier}${lay}`;
  else {
    // "a mild worn tendon", "mild swollen lymph nodes" read wrong: the grade is said in a sentence of its own.
    head = `${qualifier}${lay}`;
    degreeSaid = !opts.degree;
  }
  if (!mass && !/^an? /.test(head)) head = article(head);
  return { text: `${head}${tail}${place}`, plural, degreeSaid };
}

const CAPITALS = new WeakMap<Report, boolean>();
function inCapitals(report: Report): boolean {
  let caps = CAPITALS.get(report);
  if (caps === undefined) {
    const letters = report.text.match(/\p{L}/gu)?.length ?? 0;
    caps = (report.text.match(/\p{Ll}/gu)?.length ?? 0) < 0.3 * letters;
    CAPITALS.set(report, caps);
  }
  return caps;
}

export function termOf(report: Report, f: Finding): string {
  // Abbreviations keep their capitals ("DJD", "COPD"); other words, and all of a report in capitals, are lower-cased.
  if (inCapitals(report)) return report.text.slice(f.start, f.end).toLowerCase().replace(/\s+/g, ' ');
  return report.text
    .slice(f.start, f.end)
    .replace(/\s+/g, ' ')
    .split(' ')
    .map((w) => (/^[A-Z]{2,6}s?$/.test(w) && !/^[A-Z][a-z]/.test(w) ? w : w.toLowerCase()))
    .join(' ');
}

// What a few words read as on their own; terms repeat across reports, so the reading is kept (bounded).
const READ_AS = new Map<string, string[]>();
function readAs(text: string): string[] {
  let concepts = READ_AS.get(text);
  if (!concepts) {
    concepts = understand(parseReport(`IMPRESSION:\n${text}.\n`)).findings.map((g) => g.concept);
    if (READ_AS.size > 5000) READ_AS.clear();
    READ_AS.set(text, concepts);
  }
  return concepts;
}
// The verb of a sentence that states or denies a finding ("is seen", "was not detected").
const SEEN = /\b(?:is|are|was|were|has|have|had|can|could|may|might|appears?|seems?|measur\w*|shows?|showing|extend\w*|involv\w*)\b/;
let TERM_CONCEPTS: Map<string, Set<string>> | undefined;
/** The concepts each lexicon term names. */
function conceptsOfTerm(): Map<string, Set<string>> {
  if (!TERM_CONCEPTS) {
    TERM_CONCEPTS = new Map();
    for (const c of CONCEPT_BY_ID.values())
      for (const t of c.terms) TERM_CONCEPTS.set(t.toLowerCase(), (TERM_CONCEPTS.get(t.toLowerCase()) ?? new Set()).add(c.id));
  }
  return TERM_CONCEPTS;
}
/**
 * The report's words for a finding, as the summary names it in brackets: its term, and when the term
 * alone is another finding, with the words of its phrase that make it this one ("pleural noncalcified
 * plaque", "noncalcified plaque along the left pleura": not an artery's plaque).
 */
export function namedTerm(report: Report, f: Finding): string {
  const term = termOf(report, f);
  // Only a term the lexicon gives to another concept, and not to this one, reads as another finding alone.
  const of = conceptsOfTerm().get(term.toLowerCase());
  if (!of || of.has(f.concept) || readAs(term).includes(f.concept)) return term;
  const before = ownWords(report, f, false).split(/\s+/).filter(Boolean);
  // The words before it, nearest first; else its whole phrase after it, never cut mid-phrase.
  const wider = before.map((_, n) => [...before.slice(before.length - n - 1), term].join(' '));
  // After it, only the place its own phrase goes on to ("noncalcified plaque along the left pleura"), fewest
  // words first, up to the sentence's verb: "(infiltrative lesion is seen in the lungs)" is a clause, no term.
  const after = (/^[^.;:,()]*/.exec(report.text.slice(f.end, f.end + 80))?.[0] ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  const place = after.split(SEEN)[0].split(/\s+/).filter(Boolean);
  if (place.length <= 8) for (let k = 1; k <= place.length; k++) wider.push(`${term} ${place.slice(0, k).join(' ')}`);
  return wider.find((w) => readAs(w).includes(f.concept)) ?? term;
}

const SIDE_IN_TERM = /\b(?:left|right|bilateral)\s+(?=\w)/i;
/**
 * A side the plain words say on its own is not said again in the brackets ("on the right side (acute right
 * subdural hematoma)", "(effacement of the right lateral ventricle)"): the line would name the side twice where
 * the report names it once. Only when the term without it still reads as the same finding.
 */
function withoutSaidSide(term: string, phrase: string, concept: string): string {
  // Only a side said on its own ("on the right side"); one said of an organ ("in the left ribs") the check pairs with the term's.
  // A term holding a size ("1.5 cm right paratracheal lymph node") is read with it; it stays as written.
  if (!SIDE_IN_TERM.test(term) || /\d/.test(term) || !/\bon (?:the (?:left|right) side|both sides)\b/i.test(phrase)) return term;
  const bareTerm = term.replace(new RegExp(SIDE_IN_TERM.source, 'gi'), '').replace(/\s+/g, ' ').trim();
  return readAs(bareTerm).includes(concept) ? bareTerm : term;
}

const NUMBERED_GRADE = /\bgrade\s+(?:[1-5]|I{1,3}V?|IV|V)(?:\s*(?:-|to)\s*(?:[1-5]|I{1,3}V?|IV|V))?(?![\w/])/i;

export function findingSentences(report: Report, item: Item): string[] {
  const f = item.first;
  const gloss = glossFor(report, f);
  // A graded adverb and the word it grades ("moderately advanced") are the report's words, said as they stand.
  const graded = !!item.degreeWord && /ly [a-z-]+$/.test(item.degreeWord);
  const { text: phrase, plural, degreeSaid } = phraseOf(report, f, graded ? { ...item, degree: null } : item);
  const verb = plural ? 'are' : 'is';
  const term = withoutSaidSide(namedTerm(report, f), phrase, f.concept);
  const named = squash(term) === squash(bare(gloss.lay)) ? '' : ` (${term})`;
  let lead: string;
  const state = STATES.has(f.concept) && !item.hedged;
  if (state) lead = `${STATE_LEAD} ${phrase}${named}.`;
  else if (item.hedged === 'may') lead = `There may be ${phrase}${named}.`;
  else if (item.hedged === 'likely') lead = `There ${verb} likely ${phrase}${named}.`;
  else lead = `There ${verb} ${phrase}${named}.`;
  const out = [capitalise(lead)];
  // As the report says it, as an adjective: "mildly enlarged" -> "The report calls it mild".
  if (graded) out.push(`The report calls ${plural ? 'them' : 'it'} ${item.degreeWord}.`);
  else if (!degreeSaid) out.push(`The report calls ${plural ? 'them' : 'it'} ${item.degreeWord?.replace(/ly\b/g, '') ?? item.degree}.`);
  const own = item.measured;
  // A state's numbers are measurements of something else (a pregnancy's are the baby's).
  // Only a size: "surrounds the artery 360 degrees" measures nothing.
  const sizes = state
    ? []
    : [...new Set((own.length ? own : item.sizes).filter((m) => SIZE_UNITS.has(m.unit)).map((m) => plainMeasurement(report, m)))];
  if (sizes.length) out.push(`${plural ? 'They measure' : 'It measures'} ${sizes.join(' and ')}.`);
  // A size said in a word ("millimetric nodules") is kept as the report's word.
  // Or after it, as its size ("lymph nodes in the right paratracheal millimetric size", "nodules, millimetric in size").
  const sentenceEnd = report.sentences[f.sentenceIndex]?.end ?? f.end;
  const sizeAfter = new RegExp(`^[^.,;]*?(?:,\\s*)?${SIZE_TERM.source}\\s+(?:in\\s+)?(?:size|sized|dimensions?|diameter)\\b`, 'i').exec(
    report.text.slice(f.end, Math.max(f.end, sentenceEnd)),
  );
  const sizeTerm = SIZE_TERM.exec(`${ownWords(report, f, false)} ${report.text.slice(f.start, f.end)}`)?.[1] ?? sizeAfter?.[1];
  if (!sizes.length && sizeTerm) out.push(`The report calls ${plural ? 'them' : 'it'} ${sizeTerm.toLowerCase()}.`);
  // A numbered grade in the finding's own words ("grade 2 spondylolisthesis", "Grade I anterolisthesis") is kept as written.
  const grade = NUMBERED_GRADE.exec(`${ownWords(report, f, false)} ${report.text.slice(f.start, f.end)}`)?.[0];
  if (grade) out.push(`The report calls ${plural ? 'them' : 'it'} ${grade.replace(/\s+/g, ' ').replace(/^G/, 'g')}.`);
  for (const m of item.distances) out.push(`${plural ? 'They are' : 'It is'} ${plainMeasurement(report, m)} ${landmarkOf(report, m)}.`);
  if (item.levels.length) out.push(`The report places ${plural ? 'them' : 'it'} at ${item.levels.join(' and ')}.`);
  if (item.change) out.push(plural ? item.change.replace(/^It has\b/, 'They have') : item.change);
  return out;
}

export function denialSentence(report: Report, f: Finding): string {
  const words = ownWords(report, f);
  const hedge = DENIAL_HEDGE.test(words) ? 'clear ' : '';
  const degree = degreeOf(words)?.degree ?? null;
  const { text, degreeSaid } = phraseOf(report, f, {
    degree,
    qualifier: qualifierOf(ownWords(report, f, false), degree),
    plural: false,
    denial: true,
  });
  // "No significant stenosis": a grade the phrase cannot carry is kept as the qualifier it is.
  // The report's term in brackets, as for a finding: the reader (and the verifier) sees what is denied.
  const said = degreeSaid ? text : `${degree} ${text.replace(/^an? /, '')}`;
  return `There is no ${hedge}sign of ${said} (${namedTerm(report, f)}).`;
}

const WORD_RES = PLAIN_WORDS.map((word) => ({ word, re: new RegExp(`\\b${escapeRegExp(word)}\\b`) }));

/** The medical terms the summary names, and the report words around them, with their plain meaning. */
export function glossaryOf(
  report: Report,
  found: readonly Item[],
  denied: readonly Finding[],
  sentences: readonly Sentence[],
  others: readonly Finding[] = [],
): GlossaryLine[] {
  const out: GlossaryLine[] = [];
  const seen = new Set<string>();
  const add = (term: string, meaning: string) => {
    const key = squash(term);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ term, meaning });
  };
  for (const f of [...found.map((i) => i.first), ...denied]) {
    // The word as the report uses it: left unexplained when no sense of the glossary fits it.
    const gloss = glossOfWord(f.concept, report.text.slice(f.start, f.end), aroundOf(report, f))!;
    if (gloss.unfit) continue;
    // A bare word the report also says of another finding ("effusion" beside "pericardial effusion") would
    // read as that one's too: it is left unexplained.
    const term = termOf(report, f);
    if (
      !term.includes(' ') &&
      others.some((g) => g.concept !== f.concept && new RegExp(`\\w\\s+${escapeRegExp(term)}$`, 'i').test(termOf(report, g)))
    )
      continue;
    const { lay, means } = definitionOf(gloss);
    add(termOf(report, f), `${capitalise(lay)}. ${means}`);
  }
  // Anatomy and report words in the sentences summarised ("hilar", "costophrenic angle").
  const used = new Set([...found.flatMap((i) => i.mentions), ...denied].map((f) => f.sentenceIndex));
  const text = sentences
    .filter((s) => used.has(report.sentences.indexOf(s)))
    .map((s) => s.text.toLowerCase())
    .join(' ');
  for (const { word, re } of WORD_RES) {
    const m = re.exec(text);
    if (!m || [...seen].some((t) => t.includes(squash(word)))) continue;
    // In the sense the words around it give ("cervical lymph nodes": the neck's); none fits, none said.
    const plain = plainTerm(word, { before: text.slice(0, m.index), after: text.slice(m.index + m[0].length) });
    if (plain) add(word, capitalise(plain) + '.');
  }
  return out;
}
