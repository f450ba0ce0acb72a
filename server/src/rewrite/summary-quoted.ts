// The report sentences the patient summary tells in the report's own words, quoted, because plain words
// would misstate them (toldAsWritten), and the sections a summary is written from. summary.ts assembles
// the summary; a finding's own words are read in summary-reading.ts and said in summary-wording.ts.
import type { Finding, Understanding } from '../nlp/types';
import { glossOf, plainSite } from '../nlp/glossary';
import {
  APPEARANCE_CHANGE,
  CHANGE,
  COMMUNICATION,
  DEGREE,
  DETAIL_WORD,
  lungWordOfOrgan,
  offLung,
  OWN_WORDS,
  QUALIFIER,
  REGION_SITES,
  SIDE_WORDS,
  SIZE_UNITS,
} from '../nlp/lay-wording';
import { organsNamed, ORGANS_OF_CONCEPT, type OrganHit } from '../nlp/organs';
import { wordsOf } from '../nlp/words';
import { CONCEPT_BY_ID, SITE_TRIES } from '../nlp/lexicon';
import { LEVEL } from '../report/parse';
import type { Report, Section, Sentence, Span } from '../report/types';
import { escapeRegExp } from '../report/regex';
import { adviceKindOf } from './advice';
import { CUES, leansOn, readClause, stem } from './clauses';
import { altersNormal, runInImpression } from './impression-kept';
import { stripListNumber } from './list-number';
import { itemOf, ownStretch, ownWords } from './summary-reading';
import { denialSentence, findingSentences, glossFor } from './summary-wording';

const hasBody = (s: Section) => s.body.end > s.body.start;
// A study named by its agent: "barium enema", "contrast swallow", "gadolinium arthrogram".
const EXAM_BY_AGENT =
  /^\s*(?:enema|swallow|esophago?gram|meal|follow-through|small bowel series|cystogram|urethrogram|arthrogram|myelogram|venogram|angiogram|study|examination)\b/i;
/** The agent a study is named by ("Normal barium enema"): no finding of it. */
export const examAgentOf = (report: Report, f: Finding) =>
  CONCEPT_BY_ID.get(f.concept)?.significant === false && EXAM_BY_AGENT.test(report.text.slice(f.end, f.end + 30));
export const stated = (f: Finding) => f.assertion === 'present' || f.assertion === 'possible';
/** Words that deny what a sentence names ("no", "without", "negative", "absent"). */
// A contrast that denies, after a reading of what is seen: "…, which may represent X, but no …", "…, suggesting X; however, no …".
const DENIED_WORSE =
  /\b(?:may|might|could|likely|suggest\w*|possibl[ey]|probabl[ey]|represent\w*|reflect\w*|consistent with|compatible with)\b[^;]*?[,;]\s*(?:but|however|although|though)\b,?\s+(?:there\s+(?:is|are|was|were)\s+)?(?:no|not)\b/iu;
// A word that denies (cues.json denialWords, the lay reader's list), and a bare "negative" ("… was negative").
export const NEGATED = new RegExp(`\\b(?:${[...CUES.denialWords, 'negative'].join('|')})\\b`, 'i');
const OPENS_DENIAL = /^(?:there\s+(?:is|are)\s+)?(?:no|without)\b/i;
// A structure read as abnormal that the same sentence says still holds ("The anterior talofibular ligament is thickened
// and wavy, but intact", "tendinosis without a full-thickness tear"), and the denial of an injury's worse grade said
// right after the finding ("… consistent with tendinopathy. No full-thickness tear is identified."): the negative a
// patient with the injury asks about.
// (Said "but intact", the words before say what is wrong with it, whether or not the findings core names a finding.)
const HOLDS_DESPITE =
  /\b(?:but|yet|though|although|however)\b,?\s+(?:(?:it|they)\s+)?(?:(?:is|are|remains?|appears?|seems?)\s+)?(?:still\s+)?(?:intact|continuous|not torn)\b/i;
const WITHOUT_TEAR = /\bwithout\s+(?:an?\s+)?(?:(?:full|partial)[- ]thickness\s+|complete\s+|discrete\s+|definite\s+)?(?:tear|rupture)/i;
const WORSE_DENIED =
  /^(?:there\s+(?:is|are)\s+)?no\s+(?:(?:evidence|signs?)\s+of\s+(?:an?\s+)?)?(?:(?:full|partial)[- ]thickness\s+|complete\s+|high[- ]grade\s+|discrete\s+|definite\s+)?(?:tear|rupture|disruption|retraction)s?\b/i;

/** An impression sentence that points to the findings instead of saying them ("See above.", "As described above."). */
// A finding this exam does not show though it is there, felt or seen on another exam ("The palpable mass … is not visible
// on mammography", "… is mammographically occult"): what the report knows of it is told in its words, never left out.
export const NOT_SHOWN_BY_EXAM =
  /\bnot\s+(?:be\s+)?(?:detected|identified|visible|seen|demonstrated)\s+(?:by|on|at)\s+mammograph\w*|\bnot\s+(?:\w+ly\s+)?(?:seen|visible|identified|demonstrated)\s+mammographically\b|\b(?:mammographically|sonographically)\s+occult\b|\boccult\s+(?:on|at)\s+mammograph\w*/i;
// What was felt ("the palpable abnormality", "a lump"): something that is there, whatever the images show.
export const FELT = /\b(?:palpable|palpated|lumps?|felt)\b/i;
export const SEE_ABOVE = /^\W*(?:please\s+)?see\s+above\b|\bas\s+(?:described|detailed|noted|discussed|stated|seen)?\s*above\b/i;

/** A sentence that only points to the findings ("See above.", "Other findings as described above."), saying nothing of its own. */
export const pointsOnlyUp = (text: string) =>
  SEE_ABOVE.test(text) &&
  !text
    .replace(/\b(?:please\s+)?see\s+above\b|\bas\s+(?:[a-z]+\s+)?above\b/gi, ' ')
    .toLowerCase()
    .split(/[^a-z]+/)
    .some(
      (w) => w.length > 2 && !['other', 'findings', 'finding', 'regarding', 'for', 'the', 'details', 'and', 'remaining', 'all'].includes(w),
    );

/**
 * The sections the summary is written from: the impressions, or else the findings (or the whole text). An
 * impression that points to the findings ("See above.") brings them in: they are what it says.
 */
const RESULTS_HEADER = /^(?:details|results?|report|observations?|ultrasound findings|sonographic findings)$/i;
export function sourceSections(report: Report): { sections: Section[]; fromImpression: boolean } {
  const impressions = report.sections.filter((s) => s.kind === 'impression' && hasBody(s));
  // What the report says after its impression under a header of its own (an addendum that corrects it) is told too.
  const last = report.sections.lastIndexOf(impressions[impressions.length - 1]);
  const after = report.sections.slice(last + 1).filter((s) => s.kind === 'other' && hasBody(s));
  const findings = report.sections.filter((s) => s.kind === 'findings' && hasBody(s));
  const pointsUp = report.sentences.some(
    (s) => impressions.some((i) => report.sections.indexOf(i) === s.section) && pointsOnlyUp(stripListNumber(s.text)),
  );
  if (impressions.length) return { sections: [...(pointsUp ? findings : []), ...impressions, ...after], fromImpression: true };
  if (findings.length) return { sections: findings, fromImpression: false };
  // A letter's results under a heading of its own ("DETAILS:", "RESULTS:"), whatever the sections before it made of
  // it: what the study found, not the history above it.
  const results = report.sections.filter((s) => hasBody(s) && RESULTS_HEADER.test(s.header?.name ?? ''));
  if (results.length) return { sections: results, fromImpression: false };
  return { sections: report.sections.filter((s) => (s.kind === 'preamble' || s.kind === 'other') && hasBody(s)), fromImpression: false };
}

const LEVELS = new RegExp(LEVEL, 'g');
// A finding of one organ says that organ in its concept's plain words ("subdural": between the brain and the
// skull); a term's own words ("complex tear": a tear), or a finding of several organs or none, must say it.
const ownOrgan = (report: Report, f: Finding, organ: string) =>
  (ORGANS_OF_CONCEPT.get(f.concept) ?? []).join() === organ && glossFor(report, f).lay === glossOf(f.concept)?.lay;
// A measure with its unit, dimensions and all ("8 x 5 x 5mm", "2.2 x 1.9 cm").
const SIZES = new RegExp(
  `\\d+(?:\\.\\d+)?(?:\\s*(?:x|×|by)\\s*\\d+(?:\\.\\d+)?)*\\s*(?:${[...SIZE_UNITS].map(escapeRegExp).join('|')})(?![a-z])`,
  'gi',
);
const SIZED = new RegExp(`\\d\\s*(?:${[...SIZE_UNITS].map(escapeRegExp).join('|')})(?![a-z])`, 'i');
/** Whether a sentence states the impression: one of the summary's impression sections, or of an impression run into the findings. */
export function impressionStatements(report: Report): (sentence: Sentence) => boolean {
  const { sections, fromImpression } = sourceSections(report);
  if (fromImpression) {
    const source = new Set(sections.map((s) => report.sections.indexOf(s)));
    return (sentence) => source.has(sentence.section);
  }
  const runIn = runInImpression(report);
  return (sentence) => !!runIn && sentence.start >= runIn.body.start && sentence.start < runIn.body.end;
}

/**
 * The findings a report with an impression states only in its findings, minor or chronic ones too (atrophy,
 * small-vessel change, coronary calcification, Schmorl nodes, a cyst, degeneration), alone or as the tail of a
 * normal or negative sentence ("The heart is normal in size, with coronary calcification", "No fracture, but mild
 * degenerative change"): the summary tells each, in plain words or quoted, so the patient does not read an
 * all-clear over it; the summary check asks for them. Not what the impression sums up (a finding of the same
 * concept), the agent a study is named by ("Normal barium enema"), nor a word its own sentence denies ("In the
 * node stations, no enlarged lymph node" names no node that is there).
 */
export function findingsOnly(report: Report, understanding: Understanding): Finding[] {
  const { sections, fromImpression } = sourceSections(report);
  if (!fromImpression) return [];
  const source = new Set(sections.map((s) => report.sections.indexOf(s)));
  const inImpression = new Set(
    understanding.findings.filter((f) => source.has(f.sectionIndex) && stated(f) && !f.normal).map((f) => f.concept),
  );
  return understanding.findings.filter(
    (f) =>
      f.section === 'findings' &&
      !source.has(f.sectionIndex) &&
      stated(f) &&
      !f.normal &&
      !inImpression.has(f.concept) &&
      !examAgentOf(report, f) &&
      !understanding.findings.some((g) => g.sentenceIndex === f.sentenceIndex && g.concept === f.concept && g.assertion === 'absent'),
  );
}

/**
 * The report sentences the summary tells in the report's own words, as plain words would misstate them:
 * a limit of the exam ("as far as can be observed …", "motion artefacts"), a differential ("a simple cyst
 * was considered"), a finding read through another ("thickening, likely representing bronchitis": the
 * thickening is certain, the bronchitis likely), several spine levels (each finding is at all of them),
 * a finding that names no organ in a sentence that names one ("no wall thickening" of the esophagus, a
 * bladder stone), a new or increased finding the plain lines would not tell, a denial narrowed by a word
 * its line does not say, a finding whose side, unknown place or several places its line loses, a finding
 * that describes another, an impression item with a part read as nothing, a technique's limit of the
 * exam; and the sentences that point back to a quoted one (withReferents).
 */
// What a findings sentence under an all-clear impression says that is no finding: a normal word, a value, how
// the images were made. Only a sentence saying a thing is there ("There is a laceration …") is told.
const ALL_CLEAR_ASIDE =
  /\d|\b(?:normal\w*|unremarkable|patent|maintained|preserv\w*|intact|satisfactory|alignment|aligned|clear|symmetric\w*|images?|views?|obtained|performed|demonstrates? no|no evidence)\b/i;
export function toldAsWritten(report: Report, understanding: Understanding, unknown = true): Set<number> {
  const read = readOf(report, understanding);
  let told = read.told.get(unknown);
  if (!told) read.told.set(unknown, (told = readToldAsWritten(report, understanding, unknown)));
  // (A copy each: the summary writer adds to and takes from its own.)
  return new Set(told);
}

// What toldAsWritten and refersBack found, per understanding of a report: the summary writer, each of its retries and
// the verifier all ask again, and the answer depends on the report and its understanding alone.
const READ = new WeakMap<Understanding, { report: Report; told: Map<boolean, Set<number>>; leans: Map<number, boolean> }>();
function readOf(report: Report, understanding: Understanding) {
  let read = READ.get(understanding);
  if (read?.report !== report) READ.set(understanding, (read = { report, told: new Map(), leans: new Map() }));
  return read;
}

function readToldAsWritten(report: Report, understanding: Understanding, unknown: boolean): Set<number> {
  const { sections, fromImpression } = sourceSections(report);
  const source = new Set(sections.map((s) => report.sections.indexOf(s)));
  const bySentence = new Map<number, Finding[]>();
  for (const f of understanding.findings) {
    const list = bySentence.get(f.sentenceIndex);
    if (list) list.push(f);
    else bySentence.set(f.sentenceIndex, [f]);
  }
  // What summarize tells in plain words: the source sections' findings, and with an impression the findings' significant ones.
  const told = (f: Finding) =>
    !f.normal &&
    (stated(f)
      ? source.has(f.sectionIndex) || (fromImpression && f.section === 'findings' && f.significant)
      : f.assertion === 'absent' && source.has(f.sectionIndex) && (fromImpression || f.significant));
  const item = impressionStatements(report);
  const out = new Set<number>();
  // A finding the findings state alone that the plain lines do not tell (one the lexicon holds minor): quoted.
  const alone = new Set(findingsOnly(report, understanding));
  const untoldFinding = (f: Finding) => alone.has(f) && !told(f);
  // A growth the report states (its sentence names a mass, lesion, collection …): what is denied around it qualifies it.
  const growthTold = () =>
    understanding.findings.some((f) => stated(f) && !f.normal && OWN_WORDS.growth.test(report.sentences[f.sentenceIndex]?.text ?? ''));
  // An impression that states no finding ("No acute intracranial process."): a findings sentence that states
  // something the findings core names nothing in ("a laceration … of the scalp") is told as written, not left out.
  const allClear =
    fromImpression &&
    !understanding.findings.some((f) => source.has(f.sectionIndex) && stated(f) && !f.normal) &&
    !report.sentences.some((s) => source.has(s.section) && OWN_WORDS.unread.test(s.text));
  // A denial the impression says too ("… without signs of acute cholecystitis") is told from there.
  const deniedInImpression = (f: Finding) =>
    understanding.findings.some((g) => g.section === 'impression' && g.concept === f.concept && g.assertion === 'absent');
  report.sentences.forEach((sentence, i) => {
    const section = report.sections[sentence.section];
    const text = stripListNumber(sentence.text);
    if (allClear && section?.kind === 'findings' && !(bySentence.get(i) ?? []).some((f) => stated(f) || f.normal)) {
      const clause = readClause(text, { start: 0, end: text.length }, 'findings', null);
      const exists = /^(?:there (?:is|are|was|were) (?:an?|two|three|several|multiple|some)\b|(?:an?|two|three|several|multiple)\s)/i.test(
        text,
      );
      if (
        exists &&
        clause.positive &&
        !clause.normal &&
        !ALL_CLEAR_ASIDE.test(text) &&
        !adviceKindOf(text) &&
        !OWN_WORDS.limitation.test(text)
      )
        return void out.add(i);
    }
    // A felt or known finding this exam does not show ("The palpable lump … is not seen mammographically"): what the report
    // says of it, denied only on these images, is told as written, never left out with the findings-only denials.
    if (
      (section?.kind === 'findings' || source.has(sentence.section)) &&
      NOT_SHOWN_BY_EXAM.test(text) &&
      ((bySentence.get(i) ?? []).some((f) => !f.normal) || OWN_WORDS.growth.test(text) || FELT.test(text))
    )
      return void out.add(i);
    // A limit of the exam the technique states ("limited by motion") is told with what the exam found.
    if (section?.kind === 'technique' && OWN_WORDS.limitation.test(text)) return void out.add(i);
    if (!section || !(source.has(sentence.section) || section.kind === 'findings' || section.kind === 'impression')) return;
    const fs = bySentence.get(i) ?? [];
    // (A sentence that also states a finding told in plain words keeps its plain line: "Cardiomegaly, with …".)
    // (Nor a word the same sentence denies: "In the node stations, no enlarged lymph node" names no node that is there.)
    // (Quoted whole, also beside a finding the plain lines tell: "Cardiomegaly, with mild coronary calcification".)
    if (section.kind === 'findings' && fs.some(untoldFinding)) return void out.add(i);
    // Its organ said by the sentence before ("Both thyroid lobes are heterogeneous. There are hypodense nodules."): quoted
    // with that one (refersBack), so the nodules are not told with no organ beside "no pulmonary nodules".
    if (placeBefore(report, understanding, i)) return void out.add(i);
    // A follow-up denial ("There is no evidence of local recurrence in the surgical bed."): the treated disease not back.
    if ((section.kind === 'findings' || source.has(sentence.section)) && NEGATED.test(text) && OWN_WORDS.recurrence.test(text))
      return void out.add(i);
    // A denial of what a told growth does around it ("There is no significant mass effect.", "No surrounding edema or
    // midline shift."): it qualifies the mass, so it is told with it, in its own words.
    if (section.kind === 'findings' && NEGATED.test(text) && OWN_WORDS.massDenial.test(text) && growthTold()) return void out.add(i);
    // A findings sentence that reads what it sees and then denies the worse ("… which may represent a partial injury, but
    // no complete tear is seen", "…; however, no full-thickness tear is identified"): the denial qualifies the finding the
    // impression restates, and the reading keeps its doubt; told in its own words.
    if (
      section.kind === 'findings' &&
      fromImpression &&
      DENIED_WORSE.test(text) &&
      fs.some((f) => f.assertion === 'absent' && !f.normal && !deniedInImpression(f))
    )
      return void out.add(i);
    // The negative that qualifies an injury the findings state, in the sentence or right after it: told in its own words,
    // whatever half of it the impression repeats.
    const before = report.sentences[i - 1];
    if (
      section.kind === 'findings' &&
      ((HOLDS_DESPITE.test(text) && !OPENS_DENIAL.test(text)) ||
        (WITHOUT_TEAR.test(text) && fs.some((f) => stated(f) && !f.normal)) ||
        (WORSE_DENIED.test(text) &&
          before?.section === sentence.section &&
          (bySentence.get(i - 1) ?? []).some((f) => stated(f) && !f.normal)))
    )
      return void out.add(i);
    // A denial the findings core reads nothing in ("No signs of infection were detected in the lungs.") that a caveat of
    // the exam right after speaks of ("However, CT may be negative in the early phase"): the answer to the question the
    // exam was asked, which the caveat qualifies; left out, the caveat would speak of nothing.
    const next = report.sentences[i + 1];
    if (
      section.kind === 'findings' &&
      next?.section === sentence.section &&
      NEGATED.test(text) &&
      !fs.some((f) => !f.normal) &&
      OWN_WORDS.limitation.test(next.text)
    )
      return void out.add(i);
    const plain = fs.filter(told);
    const present = plain.filter(stated);
    // A linker after some words of its own: "X, likely representing Y", "X, concerning for recurrent disease".
    const linked = [...text.matchAll(OWN_WORDS.linker)].some((m) => (text.slice(0, m.index).match(/\p{L}{2,}/gu)?.length ?? 0) >= 2);
    // Advice that names a finding ("It is recommended to be evaluated in terms of DISH disease") states none.
    const advice = !!adviceKindOf(text) && !COMMUNICATION.test(text);
    const levels = new Set([...text.matchAll(LEVELS)].map((m) => m[0].toUpperCase().replace(/\s+/g, '')));
    const lineOf = (f: Finding) =>
      (stated(f) ? findingSentences(report, itemOf(report, f, understanding))[0] : denialSentence(report, f)).toLowerCase();
    // A place the anatomy lexicon does not know, named by the word after its side ("the right cheek"): a
    // finding with a side and no site would be told "on the right side", the place lost.
    const placeLost = () => {
      const known = organsNamed(wordsOf(sentence.text), sentence.text);
      const places = [...sentence.text.matchAll(/\b(?:involving|about|over|of|in|at|along|around) the (?:left|right)\s+(\p{L}{3,})/giu)]
        .map((m) => ({ word: m[1].toLowerCase(), start: m.index + m[0].length - m[1].length }))
        .filter((p) => p.word !== 'side' && !known.some((h) => p.start >= h.start && p.start < h.end));
      return plain.some((f) => f.side && !f.site.length && places.some((p) => !lineOf(f).includes(p.word.replace(/s$/, ''))));
    };
    // An organ the sentence names (by word, outside the finding's own term) that the finding's plain line does not say.
    const organLost = () => {
      const words = wordsOf(sentence.text);
      // A site the sentence names by a narrower word than the site told ("medial meniscus", "talus": the knee, the ankle).
      const narrower: OrganHit[] = [];
      for (let i = 0; i < words.length;) {
        const m = SITE_TRIES.base.match(words, i);
        if (!m) {
          i++;
          continue;
        }
        const [start, end] = [words[i].start, words[m.end - 1].end];
        const written = sentence.text.slice(start, end).toLowerCase();
        if (REGION_SITES.has(m.value.site) && !m.value.site.split(' ').some((w) => written.includes(w)))
          narrower.push({ organ: m.value.site, start, end, by: 'term' });
        i = m.end;
      }
      // The findings an organ word may belong to; a normal statement's ("adrenal glands were normal") names its organ, no finding's.
      const others = fs.filter((g) => !g.normal);
      // Hits are offsets in the sentence's text.
      const hits = organsNamed(words, sentence.text).filter((h) => h.by === 'term');
      return plain.some((f) => {
        const sited = f.site.length > 0;
        const line = lineOf(f);
        // A concept's plain words say its one organ only when they name a place at all ("a small round spot" does not).
        const placed = organsNamed(wordsOf(line), line).length > 0;
        // An organ word is the place of the finding nearest to it ("subdural hematoma along the left cerebral
        // convexity, with midline shift": the convexity is the hematoma's), and no place of the finding it is in.
        const gap = (g: Finding, h: OrganHit) => Math.max(g.start - sentence.start - h.end, h.start - (g.end - sentence.start), 0);
        return (sited ? narrower.filter((h) => f.site.includes(h.organ)) : hits).some((h) => {
          if (
            others.some((g) => h.start >= g.start - sentence.start && h.end <= g.end - sentence.start) ||
            (placed && ownOrgan(report, f, h.organ))
          )
            return false;
          // A list of denials shares its place ("No mass or infiltrative lesion … in both lungs").
          const shared = f.assertion === 'absent' && others.every((g) => g.assertion === 'absent');
          if (!shared && others.some((g) => g !== f && gap(g, h) < gap(f, h))) return false;
          const word = sentence.text.slice(h.start, h.end).toLowerCase().split(/\s+/).pop()!;
          // Said by its own word or by the organ's ("perirenal": "around the right kidney").
          return !line.includes(word.replace(/s$/, '')) && (sited || !line.includes(h.organ.replace(/-/g, ' ').replace(/s$/, '')));
        });
      });
    };
    // A denial narrowed by a word its plain line does not say ("no infiltrative lesion", "no other mass"), or of
    // a lump or abnormal area at all, holds only as the report scopes it ("… in the liver", beside a node).
    const narrowed = () =>
      plain.some((f) => {
        if (f.assertion !== 'absent') return false;
        if (OWN_WORDS.genericDenials.has(f.concept)) return true;
        const line = lineOf(f);
        // A kind the denied term itself names ("lytic-destructive lesions") that its plain phrase drops.
        const kinds = (
          report.text
            .slice(f.start, f.end)
            .toLowerCase()
            .match(/[\p{L}-]+/gu) ?? []
        ).flatMap((w) => w.split('-').concat(w));
        if (kinds.some((w) => OWN_WORDS.kindWords.has(w) && !line.replace(/\([^()]*\)/g, ' ').includes(w))) return true;
        return (ownWords(report, f, false).match(/[\p{L}-]+/gu) ?? []).some(
          (w) =>
            !OWN_WORDS.denialFillers.has(w) &&
            !DEGREE[w] &&
            !QUALIFIER[w] &&
            !Object.values(SIDE_WORDS).some((re) => re.test(w)) &&
            !line.includes(w),
        );
      });
    // A finding the sentence gives a side, nearer to it than to any other finding, and its plain line none ("a
    // filled-in area of the lung" for the left lower lobe's).
    const sideLost = () => {
      const sides = Object.values(SIDE_WORDS).flatMap((re) => [...text.matchAll(new RegExp(re.source, 'gi'))]);
      const offset = sentence.text.indexOf(text);
      const gap = (g: Finding, at: number) => Math.max(g.start - sentence.start - offset - at, at - (g.end - sentence.start - offset), 0);
      return present.some(
        (f) =>
          !f.side &&
          sides.some((m) => fs.every((g) => g === f || g.normal || gap(f, m.index) <= gap(g, m.index))) &&
          !/\b(?:left|right|both)\b/.test(lineOf(f)),
      );
    };
    // A finding with no site in a sentence that places it in words the anatomy does not know ("tendinosis … in the
    // gluteus medius tendon insertion"): "a worn tendon" would lose which.
    const whereLost = () => {
      if (!present.some((f) => !f.site.length)) return false;
      // (Words of a structure the anatomy knows count too: "… of the flexor hallucis longus tendon sheath" is told by
      // "a swollen tendon sheath" with the tendon's name lost, since the finding has no site of its own.)
      const inside = (at: number) => fs.some((g) => at >= g.start - sentence.start && at < g.end - sentence.start);
      const words: string[] = [];
      // Or its subject names it ("The posterior tibial artery is patent with minimal stenosis.").
      const subject = SUBJECT.exec(sentence.text);
      if (subject) {
        let at = subject.index + subject[0].indexOf(subject[1]);
        for (const w of subject[1].split(/\s+/)) {
          const word = w.toLowerCase();
          if (word.length >= 4 && !OWN_WORDS.placeFillers.has(word) && !inside(at)) words.push(word.replace(/s$/, ''));
          at += w.length + 1;
        }
      }
      for (const m of sentence.text.matchAll(PLACE)) {
        let at = m.index + m[0].length - m[1].length;
        for (const w of m[1].split(/\s+/)) {
          if (PLACE_END.test(w)) break;
          const word = w.toLowerCase();
          if (word.length >= 4 && !OWN_WORDS.placeFillers.has(word) && !inside(at)) words.push(word.replace(/s$/, ''));
          at += w.length + 1;
        }
      }
      return present.some((f) => !f.site.length && words.some((w) => !lineOf(f).includes(w)));
    };
    // A finding at several places ("plaques in the aorta and coronary arteries", "no enlarged nodes in the
    // mediastinum and hilar regions"): its plain line says one.
    const placesLost = plain.some((f) => {
      const organs = new Set(f.site.map((site) => plainSite(site, null)?.organ));
      return f.site.filter((site) => !organs.has(site)).length > 1;
    });
    // A lung place said of another organ ("stones at the base of the gallbladder"): the plain line may not say it, so the
    // report's words keep where the finding is.
    const placedOffLung =
      lungWordOfOrgan(sentence.text) &&
      offLung(sentence.text) &&
      plain.some((f) => f.site.some((site) => plainSite(site, null)?.organ === 'lung'));
    // A finding that describes another ("nodule of ground glass density", "ground glass density"): one thing, not two or three.
    const attribute = present.some((f) =>
      fs.some((g) => g !== f && stated(g) && g.end <= f.start && ATTRIBUTE_GAP.test(report.text.slice(g.end, f.start))),
    );
    // An impression item with a part the findings core reads nothing in, beside one it reads ("Hepatomegaly,
    // <a word it does not know>."): the plain line would tell only the part it reads.
    const partUnread = () => {
      if (!(item(sentence) && present.length)) return false;
      let at = sentence.text.indexOf(text);
      return text.split(/([,;]|\band\b)/).some((piece, n) => {
        const [from, to] = [sentence.start + at, sentence.start + at + piece.length];
        at += piece.length;
        // A word of its own: not a cue ("otherwise no acute findings"), a grade, a change or a filler.
        const own = (piece.toLowerCase().match(/\p{L}{6,}/gu) ?? []).filter(
          (w) =>
            !OWN_WORDS.cueWords.has(w) &&
            !OWN_WORDS.placeFillers.has(w) &&
            !DEGREE[w] &&
            !QUALIFIER[w] &&
            !CHANGE.some((c) => c.re.test(w)),
        );
        if (n % 2 || !own.length || adviceKindOf(piece) || COMMUNICATION.test(piece)) return false;
        return !fs.some((g) => g.start < to && from < g.end);
      });
    };
    // A size of something the findings core names no finding in ("The thoracic aortic wall reaches 82 mm").
    const sized = source.has(sentence.section) && !fs.length && SIZED.test(text);
    const increase = OWN_WORDS.increase.test(text) && fs.every((f) => stated(f) && !told(f)) && (fs.length > 0 || !NEGATED.test(text));
    // An abnormal finding the findings core reads no concept in ("The L2 vertebral body shows severe loss of height").
    const unread =
      section.kind === 'findings' &&
      fs.every((f) => f.normal) &&
      ((OWN_WORDS.unread.test(text) && !NEGATED.test(text)) || (unknown && statesUnknown(text, sentence, fs)));
    // A denial of two things joined to one term ("Pericardial effusion-thickening", "effusion or increase in
    // thickness … is not observed"), the second read as no finding: its plain line would deny the first only.
    const pairLost = plain.some((f) => {
      if (f.assertion !== 'absent') return false;
      const m = PAIRED.exec(report.text.slice(f.end, sentence.end));
      return !!m && /\p{L}{4,}/u.test(m[1]) && !fs.some((g) => g !== f && g.start >= f.end && g.start < f.end + m[0].length);
    });
    // A modifier joined to the finding's own by "or"/"and" ("No pleural or pericardial effusion", "intra- or
    // extrahepatic biliary dilatation"), read as no finding of its own: the plain line would tell the second only.
    const modifierLost = plain.some((f) => {
      const m = /([\p{L}-]{3,})\s*(?:,\s*)?(?:or|and|nor|\/)\s*$/iu.exec(report.text.slice(sentence.start, f.start));
      if (!m || /^(?:no|not|any|of|with|without|the|there|is|are|was|were|evidence|signs?)$/i.test(m[1])) return false;
      const at = f.start - m[0].length;
      return !fs.some((g) => g !== f && g.start <= at && at < g.end);
    });
    // A part its own words name ("bilateral ethmoid sinus mucosal thickening", "right paracentral disc
    // protrusion", "sigmoid colon diverticulosis") that its plain line does not say: which sinuses, which part of
    // the canal or the bowel, would be lost.
    const partLost = () =>
      present.some((f) => {
        const line = lineOf(f).replace(/\([^()]*\)/g, ' ');
        // Before it or after it in its own stretch ("Mild mucosal thickening of the ethmoid sinuses").
        const st = ownStretch(report, understanding, f);
        const own = `${ownWords(report, f, true)} ${report.text.slice(f.end, Math.max(f.end, st.end))}`;
        // And a word telling its kind ("reducible umbilical hernia", "benign cystic lesion", "reactive lymph nodes").
        return [...own.matchAll(OWN_WORDS.partWords), ...own.matchAll(OWN_WORDS.keptQualifiers)].some(
          (m) => !line.includes(m[0].toLowerCase().replace(/\s+/g, ' ')),
        );
      });
    // Doubt in a finding's own words that its plain line, told as certain, would drop ("presumed subcarinal
    // adenopathy", "hypodense lesion (cyst?)", "apparent nodule", "nodule/scar").
    const doubtLost = present.some(
      (f) =>
        f.assertion === 'present' &&
        (OWN_WORDS.unreadHedge.test(ownWords(report, f, true)) ||
          /^\s*\??\s*\?/.test(report.text.slice(f.end, f.end + 4)) ||
          // One of two things it may be, written with a slash ("nodule/scar", "cyst/abscess").
          /^\/\s*\p{L}/u.test(report.text.slice(f.end, f.end + 3)) ||
          /\p{L}\s*\/$/u.test(report.text.slice(Math.max(0, f.start - 3), f.start))),
    );
    // How a told finding's organ looks, said beside it ("The liver is enlarged and decreased in attenuation", "… enlarged,
    // with increased echogenicity"): its plain line tells the finding, and the look (a fatty liver) would be lost.
    const looksUntold =
      fs.some((f) => stated(f) && !f.normal) &&
      [...sentence.text.matchAll(APPEARANCE_CHANGE)].some(
        // (Not the finding's own name: "increased attenuation" that a finding is named by is told with it.)
        (m) => !fs.some((g) => g.start - sentence.start <= m.index && m.index + m[0].length <= g.end - sentence.start),
      );
    // A word used in a sense the glossary has no plain words for ("subdural effusions"): its plain line would misstate it.
    const unfit = plain.some((f) => glossFor(report, f).unfit);
    if (
      unfit ||
      looksUntold ||
      pairLost ||
      modifierLost ||
      doubtLost ||
      OWN_WORDS.limitation.test(text) ||
      (present.length && (OWN_WORDS.differential.test(text) || levels.size > 1 || advice)) ||
      (plain.length && linked) ||
      (plain.length && OWN_WORDS.event.test(text)) ||
      (plain.length && (organLost() || placeLost() || narrowed() || sideLost() || whereLost() || partLost())) ||
      attribute ||
      placesLost ||
      placedOffLung ||
      (plain.length && partUnread()) ||
      sized ||
      increase ||
      unread
    )
      out.add(i);
  });
  return withReferents(report, understanding, out);
}
/**
 * A findings sentence that states something the findings core reads nothing in ("An aberrant right subclavian artery
 * is observed.", "Estimated fetal weight 1450 grams.", "A small reversible defect of the apex."): not a normal
 * statement, not all denied, not how the exam was made, compared or asked for. It has a stated word that is no place
 * and no word that says nothing (OWN_WORDS.saysNothing): the summary quotes it rather than leave it out. In doubt, it
 * is told.
 */
const VALUE = new RegExp(
  `\\d\\s*(?:${[...SIZE_UNITS].map(escapeRegExp).join('|')}|%|percent|percentile|weeks?|days?|grams?|kg|pounds?|ounces?|bpm|m/s|cm/s|ml|cc)(?![a-z])|\\d(?:st|nd|rd|th) percentile`,
  'i',
);
// A sentence whose only verb calls what it names normal ("… is unremarkable", "… are symmetric", "The parotid glands
// enhance homogeneously"): its subject, a list of places or measures ("normal in size,
// shape, and configuration"), states nothing else; a tail that goes on to a finding (but, with, except …) is not this.
const NORMAL_PREDICATE =
  /^(?:(?!\b(?:is|are|was|were|shows?|demonstrates?|with|without|but|and there)\b|,\s+(?:the|this|there)\b)[^;])*(?:\b(?:is|are|was|were|appears?|remains?|seems?)\s+(?:\w+ly\s+)?(?:normal|natural|patent|intact|preserved|maintained|unremarkable|open|clear|homogeneous|symmetric(?:al)?|(?:well[- ])?aerated|within\s+normal\s+limits)|\b(?:enhances?|enhanced)\s+(?:homogene?ously|normally|symmetrically|uniformly))(?:\s+(?:in|throughout|bilaterally)\b(?:(?!\b(?:but|with|without|except|other|apart|although|however|there|measur\w*|which|save|aside)\b)[^;])*)?[.\s]*$/i;
export function statesUnknown(text: string, sentence: Span, fs: readonly Finding[]): boolean {
  // ("Reversal of the normal cervical curvature" says "normal" of what it lost: a finding all the same.)
  const altered = altersNormal(text);
  if (!altered && fs.some((f) => f.normal && f.assertion !== 'absent')) return false;
  const clause = readClause(text, sentence, 'findings', null);
  if ((!altered && (!clause.positive || clause.normal)) || clause.recommendation || clause.communication) return false;
  // "The hepatic veins and IVC are patent.", "Vertebral corpus heights are natural.": a normal statement all the same.
  if (!altered && NORMAL_PREDICATE.test(text)) return false;
  // (A cause said of what it sees is a finding all the same: "The right piriform sinus appears effaced due to fluid or debris".)
  const advice = adviceKindOf(text);
  if (
    (advice && advice !== 'cause') ||
    COMMUNICATION.test(text) ||
    OWN_WORDS.patient.test(text) ||
    OWN_WORDS.procedureStep.test(text) ||
    OWN_WORDS.technique.test(text) ||
    OWN_WORDS.limitation.test(text)
  )
    return false;
  // A value the report gives ("Cervical length measures 3.8 cm", "Ejection fraction is 48%", "29 weeks 4 days"): what
  // was measured may be a place's name, the number is the result.
  if (VALUE.test(text)) return true;
  const words = wordsOf(text);
  const places = organsNamed(words, text);
  const inPlace = new Set<number>();
  for (let i = 0; i < words.length;) {
    const m = SITE_TRIES.base.match(words, i);
    if (!m) {
      i++;
      continue;
    }
    for (let j = i; j < m.end; j++) inPlace.add(j);
    i = m.end;
  }
  return words.some((w, i) => {
    const word = w.text.toLowerCase();
    // (A word taken out of the report, "XXXX", says nothing readable.)
    if (!/^\p{L}{3,}$/u.test(word) || /^x+$/.test(word) || inPlace.has(i) || places.some((h) => w.start >= h.start && w.start < h.end))
      return false;
    // A word joined to one that says nothing ("large-caliber vessel", "smooth-walled") describes how it looks.
    const next = words[i + 1];
    if (next && text[w.end] === '-' && OWN_WORDS.saysNothing.has(next.text.toLowerCase())) return false;
    const st = stem(word);
    return !OWN_WORDS.saysNothing.has(word) && clause.words.includes(st) && !clause.negated.has(st);
  });
}

// What a denied term is joined to: "-thickening", " or increase in thickness", up to the sentence's verb.
const PAIRED =
  /^(?:-|\s*\/\s*|\s+(?:or|and|nor)\s+)((?:[\p{L}-]+\s+){0,4}?[\p{L}-]+)(?=\s+(?:is|are|was|were|has|have|could|can)\b|\s*[.;,]|\s*$)/u;
// A place named after "in the", "of the" …, its words up to the next joining word.
const PLACE = /\b(?:in|of|at|along|around|within|involving|over|about|near)\s+the\s+((?:[\p{L}-]+\s+){0,3}[\p{L}-]+)/giu;
// A sentence's subject up to its verb: "The posterior tibial artery is …".
const SUBJECT = /^\s*the\s+((?:[\p{L}-]+\s+){0,4}[\p{L}-]+)\s+(?:is|are|was|were|has|have|shows?|demonstrates?)\b/iu;
const PLACE_END = /^(?:and|or|with|without|is|are|was|were|which|that|of|in|at|to|from|on|by|for|as|measuring)$/i;
const ATTRIBUTE_GAP = /^[\s-]*(?:of\s+(?:[\p{L}-]+\s+){0,2})?$/u;

/**
 * The quoted sentences with those they cannot be told apart from: one that leans on the sentence before it
 * ("It is wider than normal.", "However, it cannot be ruled out.", "… increased flow in the aforementioned
 * vessels.") is quoted right after that one, and that one with it, as the verifier reads them (`leansOn`).
 */
export function withReferents(report: Report, understanding: Understanding, quote: ReadonlySet<number>): Set<number> {
  const out = new Set(quote);
  for (const i of [...out].sort((a, b) => a - b)) {
    for (let j = i + 1; refersBack(report, understanding, j); j++) out.add(j);
    for (let j = i; refersBack(report, understanding, j); j--) out.add(j - 1);
  }
  return out;
}

const THERE_IS = /^\s*there\s+(?:is|are|was|were)\s+(?!no\b|not\b)/i;
/**
 * Whether sentence j says only that something is there ("There are hypodense nodules.") with no place of its own, right
 * after a sentence of the same section that names an organ ("Both thyroid lobes are heterogeneous."): the place is that one's.
 */
function placeBefore(report: Report, understanding: Understanding, j: number): boolean {
  const [sentence, before] = [report.sentences[j], report.sentences[j - 1]];
  if (!sentence || !before || sentence.section !== before.section) return false;
  const text = stripListNumber(sentence.text);
  if (!THERE_IS.test(text) || organsNamed(wordsOf(text), text).length) return false;
  const fs = understanding.findings.filter((f) => f.sentenceIndex === j && stated(f) && !f.normal);
  if (!fs.length || fs.some((f) => f.site.length || f.side)) return false;
  // Only an organ the sentence before finds something in: after "The liver is normal in size and attenuation." a mass
  // with no place is not said to be the liver's (the report would have said so).
  const clause = readClause(stripListNumber(before.text), before, report.sections[before.section]?.kind ?? 'findings', null);
  const normal = clause.normal || understanding.findings.some((f) => f.sentenceIndex === j - 1 && f.normal);
  if (normal || !clause.positive) return false;
  return organsNamed(wordsOf(before.text), before.text).some((h) => h.by === 'term');
}

const ABOVE = /\b(?:aforementioned|above[- ]?mentioned|above[- ]?described)\b/i;
/**
 * Whether sentence j leans on the one before it, in the same section (`leansOn`, the verifier's reading, and
 * "the aforementioned …"), or has no finding of its own and opens on a word of the one before.
 */
export function refersBack(report: Report, understanding: Understanding, j: number): boolean {
  const { leans } = readOf(report, understanding);
  let back = leans.get(j);
  if (back === undefined) leans.set(j, (back = readRefersBack(report, understanding, j)));
  return back;
}

function readRefersBack(report: Report, understanding: Understanding, j: number): boolean {
  const [sentence, before] = [report.sentences[j], report.sentences[j - 1]];
  if (!sentence || !before || sentence.section !== before.section) return false;
  const section = report.sections[sentence.section]?.kind ?? 'preamble';
  // "This is a 40-year-old woman …" points at the patient, not at the sentence before.
  if (OWN_WORDS.patient.test(sentence.text)) return false;
  // "… increased flow in the aforementioned vessels": most often the sentence right before; the verifier does not ask
  // it (the antecedent may stand further back), but the summary keeps the two together when it can.
  if (ABOVE.test(sentence.text) || placeBefore(report, understanding, j)) return true;
  const text = stripListNumber(sentence.text);
  if (leansOn(readClause(text, sentence, section, null), stripListNumber(before.text))) return true;
  // One with no finding of its own that opens on a word of the sentence before, which leansOn does not ask for
  // ("… the pancreatic tail could not be seen …" then "The visualized portion of the tail had a normal appearance.").
  const the = THE_WORDS.exec(text)?.[1];
  if (!the || understanding.findings.some((f) => f.sentenceIndex === j && stated(f) && !f.normal)) return false;
  const words = new Set(before.text.toLowerCase().match(/\p{L}{4,}/gu) ?? []);
  return the
    .toLowerCase()
    .split(/\s+/)
    .some((w) => w.length >= 4 && !OWN_WORDS.placeFillers.has(w) && words.has(w));
}
const THE_WORDS = /^\s*the\s+((?:[\p{L}-]+\s+){0,4}[\p{L}-]+)/iu;

/**
 * A sentence's sizes (each number of "8 x 5 x 5 mm"), its degree, qualifier and extent words, its spine levels ("at L4-5
 * and L5-S1") and its sides: what a restatement without them loses.
 */
function detailsOf(text: string): { numbers: string[]; words: string[]; levels: string[]; sides: (keyof typeof SIDE_WORDS)[] } {
  return {
    numbers: [...text.matchAll(SIZES)].flatMap((m) => m[0].match(/\d+(?:\.\d+)?/g) ?? []),
    words: [...text.matchAll(DETAIL_WORD)].map((m) => m[0].toLowerCase()),
    levels: [...text.matchAll(LEVELS)].map((m) => levelKey(m[0])),
    sides: (['left', 'right', 'bilateral'] as const).filter((k) => SIDE_WORDS[k].test(text)),
  };
}
// "L4-L5", "l4-5" and "L4 - 5" are one level.
const levelKey = (level: string) =>
  level
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^([a-z])(\d+)-\1(\d+)$/, '$1$2-$3');
const saysNumber = (said: string, n: string) => new RegExp(`(?<![\\d.])${escapeRegExp(n)}(?!\\d|\\.\\d)`).test(said);
const saysWord = (said: string, w: string) =>
  [w, DEGREE[w], QUALIFIER[w]].some((x) => x && new RegExp(`\\b${escapeRegExp(x.toLowerCase())}\\b`).test(said));
const saysAll = (said: string, d: ReturnType<typeof detailsOf>) => {
  const levels = new Set([...said.matchAll(new RegExp(LEVEL, 'gi'))].map((m) => levelKey(m[0])));
  return (
    d.numbers.every((n) => saysNumber(said, n)) &&
    d.words.every((w) => saysWord(said, w)) &&
    d.levels.every((l) => levels.has(l)) &&
    d.sides.every((k) => SIDE_WORDS[k].test(said))
  );
};

/**
 * The findings sentences that give a finding the impression restates a size, grade or extent the impression does
 * not say ("a small ganglion measuring 8 x 5 x 5 mm" under "Small ganglion", "a complete rupture of the PCL" under
 * "PCL rupture"): the summary tells them, and its check reads them.
 */
export function detailsRestated(report: Report, understanding: Understanding): number[] {
  const { sections, fromImpression } = sourceSections(report);
  if (!fromImpression) return [];
  const source = new Set(sections.map((s) => report.sections.indexOf(s)));
  // The findings, or a body under a header of its own before the impression ("CT ABDOMEN:", "DISCUSSION:").
  const first = Math.min(...source);
  const body = (f: Finding) => f.section === 'findings' || (f.section === 'other' && f.sectionIndex < first);
  const restated = new Map<string, string>();
  for (const f of understanding.findings)
    if (source.has(f.sectionIndex) && stated(f) && !f.normal)
      restated.set(f.concept, `${restated.get(f.concept) ?? ''} ${report.sentences[f.sentenceIndex]?.text.toLowerCase() ?? ''}`);
  const out = new Set<number>();
  for (const f of understanding.findings) {
    const impression = restated.get(f.concept);
    if (!body(f) || source.has(f.sectionIndex) || !stated(f) || f.normal || impression === undefined) continue;
    if (!saysAll(impression, detailsOf(stripListNumber(report.sentences[f.sentenceIndex]?.text ?? '')))) out.add(f.sentenceIndex);
  }
  return [...out];
}

/** Of detailsRestated, the sentences whose details a summary, as written, says nowhere: quoted, so they are not lost. */
export function detailsUntold(report: Report, understanding: Understanding, summary: string): number[] {
  const said = summary.toLowerCase();
  return detailsRestated(report, understanding).filter((i) => !saysAll(said, detailsOf(stripListNumber(report.sentences[i].text))));
}
