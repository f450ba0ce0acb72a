// Binding: which mention interprets the one before it ("opacity, likely atelectasis"), which neighbour
// or modifier refines a mention to a more specific concept, and which mention each measurement measures.
import { sentenceIndexAt } from '../report';
import type { Report, Sentence } from '../report/types';
import { CONCEPT_BY_ID, type Concept } from './lexicon';
import {
  ALTERNATIVE_LINKS,
  ARTICLES,
  DENIAL_CARRIERS,
  DENIAL_LINK_FILLERS,
  HARD_BOUNDARY,
  INTERPRETIVE_LINKS,
  LINK_FILLERS,
  SIZE_ANAPHORS,
} from './grammar';
import type { Mention, SentenceWords } from './scan';
import type { Finding, Measurement } from './types';

export function onlyCommaBetween(s: SentenceWords, from: number, to: number): boolean {
  let comma = false;
  for (let k = from; k < to; k++) {
    const w = s.words[k].norm;
    if (w === ',') comma = true;
    else if (w !== 'xxxx' && !LINK_FILLERS.has(w)) return false;
  }
  return comma;
}

/** Does the link between a finding and its interpretation carry a denial over ("no consolidation to suggest pneumonia")? */
export function deniedInterpretation(s: SentenceWords, from: number, to: number, modifiersFrom: number): boolean {
  let carried = false;
  for (let k = from; k < to; k++) {
    const w = s.words[k].norm;
    if (DENIAL_CARRIERS.has(w)) carried = true;
    // The finding's own modifiers ("bacterial pneumonia") stand between too.
    else if (k < modifiersFrom && !DENIAL_LINK_FILLERS.has(w) && !ARTICLES.has(w)) return false;
  }
  return carried;
}

/**
 * Are two mentions alternatives ("atelectasis or pneumonia"): nothing but "or" and articles between them,
 * and the second finding's own modifiers from `modifiersFrom` on ("atelectasis or early pneumonia")?
 */
export function alternatives(
  s: SentenceWords,
  from: number,
  to: number,
  links: ReadonlySet<string> = ALTERNATIVE_LINKS,
  modifiersFrom: number = to,
): boolean {
  let or = false;
  for (let k = from; k < to; k++) {
    const w = s.words[k].norm;
    if (links.has(w)) or = true;
    else if (!ARTICLES.has(w) && !(or && k >= modifiersFrom)) return false;
  }
  return or;
}

/** Is `next` the interpretation or alternative of `prev` ("opacity ... may represent atelectasis", "atelectasis/infiltrate")? */
export function interpretedBy(s: SentenceWords, prevEnd: number, next: Mention): boolean {
  if (next.i - prevEnd > 8) return false;
  let linked = false;
  for (let k = prevEnd; k < next.i; k++) {
    const w = s.words[k].norm;
    // An apposition hidden by de-identification ("opacity in the left base, XXXX atelectasis") is a hedge word.
    if (w === 'xxxx' && s.words[k - 1]?.norm === ',') linked = true;
    if (INTERPRETIVE_LINKS.has(w)) {
      linked = true;
      continue;
    }
    if (LINK_FILLERS.has(w)) continue;
    if (s.cueAt[k] < 0) return false;
    {
      const cue = s.cues[s.cueAt[k]].entry;
      const kind = cue.pre?.kind ?? cue.post?.kind;
      if (kind === 'absent' || kind === 'terminate' || kind === 'historical' || kind === 'hypothetical') return false;
      linked = true;
    }
  }
  return linked;
}

const phraseOf = (s: SentenceWords, m: Mention) =>
  s.words
    .slice(m.i, m.j)
    .map((w) => w.norm)
    .join(' ');

/** Word indexes [from, to) up to `before` words before the mention and `after` after it, within its clause. */
function around(s: SentenceWords, m: Mention, before: number, after: number): [number, number] {
  let from = m.i;
  while (from > 0 && m.i - from < before && !HARD_BOUNDARY.has(s.words[from - 1].norm)) from--;
  let to = m.j;
  while (to < s.words.length && to - m.j < after && !HARD_BOUNDARY.has(s.words[to].norm)) to++;
  return [from, to];
}

/**
 * Does the sentence's word k start the word or phrase `w`? A phrase names a place its words alone do not
 * ("chest wall": a bare "wall" is also the bronchial wall).
 */
function wordsAt(s: SentenceWords, k: number, w: string): boolean {
  if (!w.includes(' ')) return s.words[k].norm === w;
  const parts = w.split(' ');
  return parts.every((p, n) => s.words[k + n]?.norm === p);
}

/**
 * A neighbour that makes the finding another's: a device next to a fracture ("catheter fracture", "screw is
 * fractured"), an organ next to a bare infarct or dissection ("infarct of the left kidney", "dissection of
 * the right vertebral artery"). `terms`, when given, are the only words of the mention that may be refined.
 * A heading's colon ends the neighbourhood ("Menisci: tear ..." is refined by its own words, not the heading).
 */
const JOINERS = new Set(['and', 'or', 'but', 'nor', 'while', 'whereas']);
const OPENS_THING = /^(?:a|an|the|this|these|small|tiny|mild|moderate|large|severe|few|several|multiple|some|\d.*)$/;
function refinedNear(s: SentenceWords, m: Mention): Concept | null {
  for (const r of m.concept.refineNear) {
    if (r.terms.length && !r.terms.includes(phraseOf(s, m))) continue;
    const [from, to] = around(s, m, r.reach, Math.max(4, r.reach));
    let kept = false;
    for (let k = from; k < to && r.unless.length && !kept; k++) kept = r.unless.some((w) => wordsAt(s, k, w));
    if (kept) continue;
    // (Past an "and", "or" or "but" that opens another thing, "… and a small chest wall lipoma", a word speaks of that.)
    const joined = (k: number) => {
      for (let x = k < m.i ? k + 1 : m.j; x < (k < m.i ? m.i : k); x++)
        if (JOINERS.has(s.words[x].norm) && OPENS_THING.test(s.words[x + 1]?.norm ?? '')) return true;
      return false;
    };
    for (let k = from; k < to; k++) {
      if ((k >= m.i && k < m.j) || (r.ownPhrase && joined(k))) continue;
      const other = s.mentionAt[k] >= 0 ? s.mentions[s.mentionAt[k]] : null;
      if ((other && r.groups.includes(other.concept.group)) || r.words.some((w) => wordsAt(s, k, w)))
        return CONCEPT_BY_ID.get(r.concept) ?? null;
    }
  }
  return null;
}

/** Is the mention's term used in another sense here ("blunt dissection", "opacification of the artery")? */
export function inOtherSense(s: SentenceWords, m: Mention): boolean {
  if (m.concept.otherSense.length === 0) return false;
  const phrase = phraseOf(s, m);
  const has = (from: number, to: number, words: readonly string[]) => {
    for (let k = from; k < to; k++) if (words.includes(s.words[k].norm)) return true;
    return false;
  };
  return m.concept.otherSense.some((o) => {
    // Without terms, every mention of the concept, its own words included: the organ a predicate's subject
    // names ("the gallbladder ejection fraction is reduced") is the gallbladder's, not the heart's.
    if (!o.terms.length) {
      const [from, to] = around(s, m, o.reach, o.reach);
      return has(from, m.j, o.before) || has(m.j, to, o.after);
    }
    if (!o.terms.includes(phrase) && !o.terms.some((t) => predicateOf(m, phrase, t))) return false;
    // (A word of another finding is said of that one: "… show no enlarged nodes" keeps the stations a place.)
    for (let k = 0; k < s.words.length; k++)
      if (o.keptBy.includes(s.words[k].norm) && (s.mentionAt[k] < 0 || s.mentions[s.mentionAt[k]] === m)) return false;
    if (o.describes.length) return describesPrevious(s, m, o.before, o.describes);
    const [from, to] = around(s, m, o.reach, o.reach);
    return (
      has(from, m.i, o.before) ||
      (o.causes.length ? causedBy(s, m.j, to, o.after, o.causes) || causeBefore(s, m.i, o.after) : has(m.j, to, o.after))
    );
  });
}

/** A predicate mention whose subject is the term ("the trachea is deviated" for "trachea"), its state before or after it. */
function predicateOf(m: Mention, phrase: string, term: string): boolean {
  if (!phrase.startsWith(`${term} `) && !phrase.endsWith(` ${term}`)) return false;
  return m.concept.predicates.some((p) => p.subject.includes(term));
}

/** An `after` word in words[from, to) that a causal link names as the cause, nothing but its own words between. */
function causedBy(s: SentenceWords, from: number, to: number, words: readonly string[], links: readonly string[]): boolean {
  for (let k = from; k < to; k++) {
    if (!words.includes(s.words[k].norm)) continue;
    for (let j = k - 1; j >= from && k - j <= 5; j--) {
      if (links.some((l) => j - l.split(' ').length + 1 >= from && wordsAt(s, j - l.split(' ').length + 1, l))) return true;
      const w = s.words[j].norm;
      if (w === ',' || w === ';' || (s.mentionAt[j] >= 0 && s.mentionAt[j] !== s.mentionAt[k])) break;
    }
  }
  return false;
}

// The cause named first: "goiter with tracheal deviation", "goiter causing the trachea to deviate".
const CAUSE_LINKS: ReadonlySet<string> = new Set([
  'with',
  'causing',
  'producing',
  'displacing',
  'deviating',
  'and',
  'the',
  'mild',
  'slight',
]);
/** A cause word right before the mention, only linking words between ("goiter with mild tracheal deviation"), not "goiter and". */
function causeBefore(s: SentenceWords, at: number, words: readonly string[]): boolean {
  let linked = false;
  for (let k = at - 1; k >= 0 && at - k <= 4; k--) {
    const w = s.words[k].norm;
    // Named alone: "pneumothorax and goiter with tracheal deviation" may be pushed by either.
    if (words.includes(w)) return linked && !otherFindingBefore(s, k);
    if (!CAUSE_LINKS.has(w) || w === 'and') return false;
    if (w !== 'the' && w !== 'mild' && w !== 'slight') linked = true;
  }
  return false;
}

function otherFindingBefore(s: SentenceWords, at: number): boolean {
  const own = s.mentionAt[at];
  for (let k = at - 1; k >= 0 && s.words[k].norm !== ';'; k--) if (s.mentionAt[k] >= 0 && s.mentionAt[k] !== own) return true;
  return false;
}

/** Only linking words between the mention and a finding before it that it describes ("nodule with ground glass attenuation"). */
function describesPrevious(s: SentenceWords, m: Mention, linking: readonly string[], concepts: readonly string[]): boolean {
  let k = m.i - 1;
  while (k >= 0 && s.mentionAt[k] < 0 && linking.includes(s.words[k].norm)) k--;
  return k < m.i - 1 && k >= 0 && s.mentionAt[k] >= 0 && concepts.includes(s.mentions[s.mentionAt[k]].concept.id);
}

/** The more specific concept every site of the mention's phrase calls for ("plaques in the coronary arteries"). */
export function refinedAtSite(concept: Concept, sites: readonly string[]): Concept {
  if (sites.length === 0) return concept;
  const r = concept.refineAtSite.find((x) => sites.every((site) => x.sites.includes(site)));
  return (r && CONCEPT_BY_ID.get(r.concept)) || concept;
}

/** The more specific concept a modifier in the mention's own phrase calls for, if any. */
export function refined(s: SentenceWords, m: Mention, phraseStart: number): Concept {
  const near = refinedNear(s, m);
  if (near) return near;
  for (const r of m.concept.refine) {
    for (let k = phraseStart; k < m.i; k++) {
      if (r.words.includes(s.words[k].norm)) return CONCEPT_BY_ID.get(r.concept) ?? m.concept;
    }
  }
  return m.concept;
}

// Words that hand a finding its size: "dilated to", "measuring", "measures up to approximately".
const MEASUREMENT_INTRO = /\b(?:measur\w*|to|of)\s+(?:(?:up to|approximately|about|roughly|nearly)\s+)*$/i;
const MEASUREMENT_JOINED = /\b(?:and|with|or|but|without|plus)\b/i;

/** The mention each measurement measures: nearest in its sentence, reading "2 cm nodule" before "nodule ... 2 cm". */
export function attachMeasurements(findings: Finding[], measurements: Measurement[], sentences: readonly Sentence[], report: Report): void {
  let f0 = 0;
  for (const meas of measurements) {
    const si = sentenceIndexAt(sentences, meas.start);
    if (si < 0) continue;
    while (f0 < findings.length && findings[f0].sentenceIndex < si) f0++;
    let best: Finding | null = null;
    let bestCost = Infinity;
    for (let k = f0; k < findings.length && findings[k].sentenceIndex === si; k++) {
      const f = findings[k];
      const between = f.start >= meas.end ? report.text.slice(meas.end, f.start) : report.text.slice(f.end, meas.start);
      if (/[;:]/.test(between)) continue;
      // A measurement reads onto the noun it precedes ("3 mm nodule") more than onto one it follows, unless
      // the words before it introduce it ("appendix dilated to 11 mm", "nodule measuring 8 mm"); a finding
      // joined on after it ("... 11 mm with fat stranding", "8 mm and small effusion") is another finding.
      const after = f.start >= meas.end;
      const introduced = !after && MEASUREMENT_INTRO.test(between);
      const joined = after && MEASUREMENT_JOINED.test(between);
      const cost = (after ? 1 : introduced ? 0.5 : 1.5) * between.length + (/,/.test(between) || joined ? 40 : 0);
      if (cost < bestCost) {
        bestCost = cost;
        best = f;
      }
    }
    // "A subcarinal lymph node is enlarged. It measures 6 x 2 cm.": the size of the finding the sentence before told.
    // A noun that names a finding of its own ("This lesion measures 8 x 6 mm") keeps the size: the readers join
    // the two mentions themselves.
    const anaphor = sizeAnaphorOf(sentences[si].text);
    const told = anaphor === 'pronoun' || (anaphor === 'noun' && !best) ? antecedentOf(findings, f0, sentences, si) : null;
    if (told) best = told;
    best?.measurements.push(meas);
  }
}

// "It measures", "They measure up to", "The largest measures", "This node measures": a sentence that gives a size only.
const SIZE_VERB = String.raw`(?:(?:now|currently|again|also|still|each)\s+)?(?:measur\w*|spans?|spanning)\b`;
const PRONOUN_SIZE = new RegExp(String.raw`^\W*(?:it|they|each|the largest(?:\s+of\s+(?:these|them|which))?)\s+` + SIZE_VERB, 'i');
const NOUN_SIZE = new RegExp(String.raw`^\W*(?:the|this|that|these|those|the\s+largest)\s+(?:[a-z-]+\s+)?([a-z]+)\s+` + SIZE_VERB, 'i');

/** Does the sentence open by giving the size of something told before: by a pronoun, or by a noun with "the/this"? */
function sizeAnaphorOf(text: string): 'pronoun' | 'noun' | null {
  if (PRONOUN_SIZE.test(text)) return 'pronoun';
  const m = NOUN_SIZE.exec(text);
  return m && SIZE_ANAPHORS.has(m[1].toLowerCase()) ? 'noun' : null;
}

/**
 * The finding a size sentence speaks of: the one finding the sentence right before states (present or possible) in
 * the same section, when it has no size yet; none when that sentence states none, or two that could take it ("mild
 * atelectasis and a solid nodule. It measures 9 mm." — which is measured is the reader's guess, not ours).
 */
function antecedentOf(findings: readonly Finding[], before: number, sentences: readonly Sentence[], si: number): Finding | null {
  if (si === 0 || sentences[si - 1].section !== sentences[si].section) return null;
  let k = before;
  while (k > 0 && findings[k - 1].sentenceIndex === si - 1) k--;
  const stated = findings.slice(k, before).filter((f) => f.assertion === 'present' || f.assertion === 'possible');
  return stated.length === 1 && stated[0].measurements.length === 0 ? stated[0] : null;
}
