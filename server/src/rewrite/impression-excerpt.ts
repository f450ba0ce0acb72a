// An impression item cut from the report's own clause (as the verifier reads it): the shortest run of
// the clause's comma-pieces around the finding that says all the clause says, every time, hedge,
// severity, size, side and level word kept ("unchanged", "may represent", "of the left kidney"), with
// the sentence before it when it opens on "It"/"This", the one after it when that only tells its time,
// and the heading it stands under ("Liver: ", "RIGHT:") when it says nothing without it; no size taken
// from another finding's words.
import { CUES, GENERIC, clausesOf, labelName, readClause, speaksBeyondLevel, type Clause } from './clauses';
import { changesOf, dropsOf, polarityLostBy } from './clause-changes';
import type { Report, Sentence, Span } from '../report/types';
import { organsNamed } from '../nlp/organs';
import { wordsOf } from '../nlp/words';
import { capitalise, decapitalise } from './impression-phrase';
import { stripListNumber } from './list-number';
import { BLANK_LINE } from '../report/regex';

export const tokens = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
// Words a phrase may leave out of its sentence: filler and the verbs of being seen.
export const UNSAID = new Set(
  'there is are was were be been a an the seen noted identified present demonstrated visualized observed detected evident'.split(' '),
);

// Leading words an impression item does without: "and", "with", "There is" (not the "With" of "With respect to the prior, …").
const FILLER =
  /^(?:(?:and|but|with(?!\s+(?:respect|reference|regard)\s+to\b)|while|whereas|also|however|additionally|furthermore)\b,?\s+)?(?:there (?:is|are|was|were)\s+(?:also\s+)?|(?:this|the) (?:study|exam|examination|scan|images?) (?:demonstrates|shows|reveals)\s+)?(?:an?\s+(?=\S))?/i;
// A heading the dictation ran into its first sentence with no colon ("Findings There are small effusions", "IMPRESSION There
// is …"), or a connective of contrast ("On the other hand, there is …"): no words of the finding.
const GLUED_LABEL =
  /^(?:(?:findings?|impressions?|conclusions?|comments?|opinion|results?)\s+(?=there\s+(?:is|are|was|were)\b)|on the other hand,?\s+(?=\S))/i;
// "This study demonstrates …" speaks of the exam, not of a finding named before.
const THIS_STUDY = /^\s*this (?:study|exam|examination|scan|images?)\b/i;
// "… changes associated with this.", "Air bronchograms are observed in it.": a sentence that ends pointing back.
const ENDS_POINTING = /\b(?:with|of|to|from|in|within|inside|by|on) (?:this|these|it|them)[\s.]*$/i;
/**
 * Whether the text cannot stand as an item without the sentence before it: it opens on "It", "These lesions",
 * "Measuring", or ends on "with this", "in it". (Narrower than clauses.ts `leansOn`, which also reads past "However,"
 * and "Although …,": such a sentence says enough to stand; the draft places it after what it speaks of instead.)
 */
export const pointsBack = (text: string) =>
  (CUES.dangling.includes(firstWord(text)) && !THIS_STUDY.test(text)) || ENDS_POINTING.test(text) || THE_ONE_NAMED.test(text);
// "The region demonstrates …", "The mass shows …", "The described appearance may be …", "enhancement seen
// in this location": the thing or place named by the sentence before.
const THE_ONE_NAMED =
  /^\s*the\s+(?:described|mentioned|aforementioned)\b|^\s*the\s+(?:region|area|lesion|mass|abnormality|finding|collection)\s+(?:demonstrates|shows|exhibits|contains|measures|extends|is|appears)\b|\b(?:in|at) (?:this|that|the same) (?:location|site|position|level)\b/i;
// A piece that opens on these leans on the words before it ("suspicious for …", "which …", "measuring …").
const LINKING = new Set([
  ...CUES.dangling,
  ...CUES.hedges.map((h) => h.phrase.split(' ')[0]),
  ...'representing in of to for at from as most more less than or nor with without along accompanied'.split(' '),
]);

// Words that open the rest of a sentence's predicate.
const PREDICATE = new Set(
  'is are was were has have had remains remain appears appear measures measure shows show demonstrates demonstrate extends extend causes cause'.split(
    ' ',
  ),
);

export const firstWord = (text: string) => text.toLowerCase().match(/[a-z0-9]+/)?.[0] ?? '';

/** A piece of report text as an item: list mark, leading filler and end punctuation off, capitalised, one full stop. */
export function tidy(text: string): string {
  const t = stripListNumber(text)
    .replace(/^[\s"'“”•·*-]+/, '')
    // A quotation mark between two statements (CT-RATE's summary lines) is a dash: one clause still, as the verifier reads it.
    .replace(/\s+["“”]\s+(?=[A-Z])/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(GLUED_LABEL, '')
    .replace(FILLER, '')
    .replace(/[\s.,;:]+$/, '');
  // "(hemorrhagic ?" cut by the sentence break at its question mark: closed again.
  const open = (t.match(/\(/g) ?? []).length - (t.match(/\)/g) ?? []).length;
  if (!t) return '';
  // A question ends on its question mark ("… recent stone passage?", not "?.").
  const question = open <= 0 && /\?$/.test(t);
  return capitalise(question ? t.replace(/\s+\?$/, '?') : t) + ')'.repeat(Math.max(0, open)) + (question ? '' : '.');
}

/** Whether `text`, cut from clause `c`, still says everything `c` says of time, hedge, severity, size, side and level, and changes none of it. */
export function carries(text: string, c: Clause): boolean {
  const read = readClause(text, c, 'impression', null);
  return (
    // Words to rest on, unless the clause has none either ("This is unchanged from prior.").
    (read.words.length > 0 || (!c.words.length && read.quantities.join() === c.quantities.join())) &&
    // Never cut to a normal statement; one the clause makes itself beside what it states ("15 mm node with preserved
    // fatty hilum") is its own.
    !(read.normal && !read.specificDenial && !(c.normal && c.positive && read.positive)) &&
    // Every hedge too: "likely representing a cyst" stays with its lesion.
    c.hedges.every((h) => read.hedges.includes(h)) &&
    !dropsOf(c, [read], { sizes: true }).length &&
    !changesOf(c, read).length &&
    !polarityLostBy(c, [read]).length &&
    // Each thing it denies by name, still denied: "sprain …, without complete tear" keeps its "without".
    c.parts.every((part) => {
      const named = part.words.filter((w) => c.negated.has(w));
      return !named.length || named.length < part.words.length || named.some((w) => read.negated.has(w));
    })
  );
}

// "Cartilage, bones, and marrow:" opening a clause (clauses.ts's one label pattern).
const LABEL = new RegExp(`^${labelName(59)}:(?=\\s)`);

/** The clause's pieces between commas (not a number's "1,200", not one inside a parenthesis), as spans of the report. */
function piecesOf(report: Report, c: Clause): Span[] {
  const out: Span[] = [];
  let from = c.start;
  const text = report.text.slice(c.start, c.end);
  // A label of several names is one piece: "Cartilage, bones, and marrow:" is never cut to "Marrow:".
  const label = LABEL.exec(text)?.[0].length ?? 0;
  for (const m of text.matchAll(/,(?!\d)/g)) {
    if (m.index < label) continue;
    // Nor a parenthesis: "(series #3, image #17)", "(implants?, postoperative changes?)" is one piece with its words.
    const before = text.slice(0, m.index);
    if ((before.match(/\(/g) ?? []).length > (before.match(/\)/g) ?? []).length) continue;
    out.push({ start: from, end: c.start + m.index });
    from = c.start + m.index + 1;
  }
  out.push({ start: from, end: c.end });
  return out;
}

export interface Clauses {
  all: Clause[];
  /** The clause a report offset stands in. */
  at(offset: number): Clause | undefined;
}

// What follows a "but" that answers nothing: the finding's own feature denied ("12 mm node but no central necrosis",
// "… but without extranodal extension"), or the second bound of its place ("inferior to the hyoid but cephalad to
// the cricoid", "below the carina but above the diaphragm"). Neither has a verb of its own.
const NOT_CONTRAST =
  /^\s*(?:(?:no|without|not)\b|(?:(?:just|immediately|slightly)\s+)?(?:(?:superior|inferior|anterior|posterior|medial|lateral|cephalad|caudad|cranial|caudal|proximal|distal|deep|superficial|dorsal|ventral)\s+(?:to|of)|above|below|beneath|beyond|short of)\b)/i;
const OWN_VERB =
  /\b(?:is|are|was|were|has|have|had|there|shows?|demonstrates?|measures?|remains?|appears?|seen|noted|identified|cannot|can|may|could)\b/i;
// The "but" the clause reader broke the sentence at (clauses.ts CLAUSE_BREAK), between two clauses.
const BUT = /^\s*,?\s+but\b,?\s*$/i;

export function clausesFor(report: Report): Clauses {
  const all = clausesOf(report);
  return { all, at: (offset) => all.find((c) => c.start <= offset && offset < c.end) };
}

/**
 * " but no demonstrated central necrosis": the clause after `c` when it goes on past a "but" that answers nothing
 * (`NOT_CONTRAST`), as written from the end of `c`, for the item to keep (cut there, the node loses the necrosis it
 * does not have, and the place its second bound); '' when none.
 */
// A clause that only says where, before a ";": "In the left hemithorax;", "Between the pleural leaves on the right;".
const PLACE_LEAD = /^\s*(?:in|on|at|between|within|along|over|under|around|near|adjacent to)\b/i;

/**
 * "In the left hemithorax; a pleural effusion measuring 35 mm …": the clause before `c` in its sentence, as written,
 * when it is only the place and side `c` stands under (CT-RATE's translated reports say the side there alone); ''
 * when there is none.
 */
function leadInOf(report: Report, clauses: Clauses, c: Clause): string {
  const prev = clauses.all[clauses.all.indexOf(c) - 1];
  if (!prev || prev.sectionIndex !== c.sectionIndex || !/^\s*;\s*$/.test(report.text.slice(prev.end, c.start))) return '';
  // (The clause's side read from its own words: the verifier lets the lead-in's side pass on to it.)
  if (!PLACE_LEAD.test(prev.text) || OWN_VERB.test(prev.text) || !prev.sides.size || readClause(c.text, c, c.section, null).sides.size)
    return '';
  return stripListNumber(prev.text).replace(/\s+/g, ' ').trim();
}

/**
 * The place a clause's sentence opens on before a "however" or "but" the clause reader broke at ("At the level of the
 * bifurcation, however, there is 50% stenosis on the left", "In the posterior horn, however, there is a tear"): a place
 * with no verb of its own, said of the clause after it. Cut there, the finding loses where it is, and the place alone
 * reads as an item of nothing.
 */
export function placeBeforeBreak(report: Report, clauses: Clauses, c: Clause): Clause | undefined {
  const prev = clauses.all[clauses.all.indexOf(c) - 1];
  if (!prev || prev.sectionIndex !== c.sectionIndex || !PLACE_BREAK.test(report.text.slice(prev.end, c.start))) return undefined;
  if (!OPENING_PLACE.test(prev.text) || OWN_VERB.test(prev.text)) return undefined;
  return report.sentences.some((s) => s.start <= prev.start && c.end <= s.end) ? prev : undefined;
}
const PLACE_BREAK = /^\s*,?\s*(?:however|but)\b,?\s*$/i;

/** `c` as said with its lead-in: the side it takes from there is written once, in the lead-in's words. */
const ledBy = (c: Clause, sides: ReadonlySet<string>): Clause => ({
  ...c,
  sideList: [...c.sideList, ...[...sides].filter((x) => !c.sideList.includes(x))],
});

/** The clause `c` goes on from past a "but" that answers nothing (`continuationOf`); undefined when none. */
export function continuedFrom(report: Report, clauses: Clauses, c: Clause): Clause | undefined {
  const from = clauses.all[clauses.all.indexOf(c) - 1];
  return from && continuationOf(report, clauses, from) ? from : undefined;
}

export function continuationOf(report: Report, clauses: Clauses, c: Clause): string {
  const next = clauses.all[clauses.all.indexOf(c) + 1];
  if (!next || next.sectionIndex !== c.sectionIndex || !c.positive) return '';
  const gap = report.text.slice(c.end, next.start);
  if (!BUT.test(gap) || !NOT_CONTRAST.test(next.text) || OWN_VERB.test(next.text)) return '';
  return report.text
    .slice(c.end, next.end)
    .replace(/\s+/g, ' ')
    .replace(/[\s.,;:]+$/, '');
}

// "This is", "These lesions appeared", "It has remained": what opens a sentence that goes on about the one before.
// Before a modal only the pointer goes: "This could represent …" is "Could represent …".
const POINTER =
  /^(?:this|these|those|that|it|they)(?:\s+[a-z]+)?\s+(?:(?:(?:has|have|had)\s+(?:been|remained)|is|are|was|were|appears?|appeared|remains?|remained|seems?|seemed)\s+|(?=(?:may|might|could|would|can|cannot|likely|probably|possibly|most likely)\b))/i;

// "This lesion measures 1.2 x 1.0 cm": only the pointing word goes ("Lesion measures 1.2 x 1.0 cm").
const POINTING_DETERMINER = /^(?:this|these|those)\s+(?=[a-z]+\s+(?:measures?|measured)\b)/i;

/** "This is unchanged from prior." as its own item sentence: "Unchanged from prior."; null when it will not stand alone. */
function withoutPointer(text: string): string | null {
  const t = tidy(text.trim().replace(POINTING_DETERMINER, '').replace(POINTER, ''));
  return t && !CUES.dangling.includes(firstWord(t)) ? t : null;
}

// A sentence cut short by "....." and going on in lower case: "… extending to the whole lung ..... | posteriorly, …".
const BROKEN_OFF = /\.{2,}\s*$/;
const brokenOff = (prev: Clause | undefined, c: Clause) => !!prev && BROKEN_OFF.test(prev.text) && /^\s*[a-z]/.test(c.text);

/**
 * The sentence before a clause that opens on "It"/"This" (what it speaks of), or that goes on from a
 * sentence broken off by "....." (joined to it, "….." dropped); '' when none is needed; null when none will do.
 */
export function antecedentOf(clauses: Clauses, c: Clause, depth = 0): string | null {
  const before = clauses.all.filter((x) => x.end <= c.start);
  const prev = before[before.length - 1];
  if (brokenOff(prev, c) && prev.section === c.section) {
    const text = tidy(prev.text.replace(BROKEN_OFF, ''));
    return text && carries(text, prev) ? `${text.slice(0, -1)} ` : null;
  }
  if (!pointsBack(c.text)) return '';
  if (!prev || prev.section !== c.section) return null;
  // "… wall thickening measuring 1.2 cm. The region demonstrates … . This finding is suspicious for …": back to the one named.
  const further = pointsBack(prev.text) ? (depth < 2 ? antecedentOf(clauses, prev, depth + 1) : null) : '';
  if (!further && further !== '') return null;
  const text = tidy(prev.text);
  return text && carries(text, prev) ? `${further}${text} ` : null;
}

// A sentence that tells only the time of the one before: it points back, or says "no interval change".
const ASIDE = /^(?:(?:\S+\s+){0,8}?(?:they|it|this|these|them)\b|no (?:significant )?(?:interval )?change\b)/i;

// Words that name the earlier study, not a finding: "The previous MRI measured 4.2 cm."
const STUDY_WORDS = new Set([
  'mri',
  'mr',
  'ct',
  'cta',
  'pet',
  'us',
  'ultrasound',
  'sonogram',
  'radiograph',
  'film',
  'scan',
  'study',
  'exam',
  'examination',
  'image',
  'images',
  'imaging',
]);

// A size the finding had on an earlier study, said in words of the prior and of measuring.
const PRIOR_SIZE =
  /\b(?:previous(?:ly)?|prior|earlier|preceding|last)\b[^.;]{0,40}\b(?:measur\w*|size|diameter)\b|\b(?:measur\w*|size|diameter)\b[^.;]{0,40}\b(?:previous(?:ly)?|prior|earlier|preceding)\b/i;

/** The next sentence when it only goes on about this one ("This is unchanged from prior."), as "Unchanged from prior."; else ''. */
export function sequelOf(report: Report, clauses: Clauses, c: Clause): string {
  const sentence = report.sentences.findIndex((s) => s.start <= c.start && c.end <= s.end);
  const next = report.sentences[sentence + 1];
  if (sentence < 0 || !next || next.section !== report.sentences[sentence].section) return '';
  if (clauses.all.some((x) => x.start > c.start && x.end <= report.sentences[sentence].end)) return '';
  const read = clauses.at(next.start);
  if (!read || read.end < next.end - 1 || read.communication || read.recommendation) return '';
  // "This is unchanged", "Compared to the previous examination, they are stable", "No interval change …".
  const pointing = CUES.dangling.includes(firstWord(read.text));
  const aside = read.time.size > 0 && !read.significant && (ASIDE.test(read.text) || !read.words.length);
  // "On the previous study it measured 10 mm.", "His previous examination measured 26 mm.": the size it had, without which
  // the size item reads as new rather than grown or shrunk.
  // (Only of this finding: a sentence naming a finding of its own, "Minimal increase in the size of atelectasis …", is not it.)
  const priorSize =
    read.quantities.length > 0 &&
    !read.significant &&
    PRIOR_SIZE.test(read.text) &&
    read.words.every((w) => c.words.includes(w) || GENERIC.has(w) || STUDY_WORDS.has(w));
  if (!pointing && !aside && !priorSize) return '';
  // A course of the whole study closing a section of other statements ("… Small hiatal hernia. No interval change
  // compared with the prior study.") is the course of them all, not this one's (courseItems lists it on its own).
  const others = clauses.all.some((x) => x.positive && x.end <= report.sentences[sentence].start && x.start >= sectionStart(report, next));
  if (studyCourse(next.text) && report.sentences[sentence + 2]?.section !== next.section && others) return '';
  const says = read.words.length || read.time.size || read.hedges.length || read.severity.length || read.quantities.length;
  if (!says) return '';
  // "It measures 6 x 2 cm." stays as written right after what it speaks of when it will not stand without "It".
  const text = pointing ? (withoutPointer(next.text) ?? tidy(next.text)) : tidy(next.text);
  return text && carries(text, read) ? ` ${text}` : '';
}

// Sections whose header names no organ or measure of its own.
const PLAIN_SECTIONS = new Set(['findings', 'impression', 'preamble', 'history', 'exam', 'technique', 'comparison']);

/** "BPD: ", "Liver: ": the label a clause opens under, when the clause says nothing without it; else ''. */
function labelOf(report: Report, c: Clause): string {
  const sentence = report.sentences.find((x) => x.start <= c.start && c.start < x.end);
  const section = sentence && report.sections[sentence.section];
  if (!section) return '';
  const sub = section.subsections.find((x) => x.start <= c.start && c.start < x.end);
  const header = sub ? sub.header : !PLAIN_SECTIONS.has(section.kind) ? section.header : null;
  const opens = header && /^[\s\d.)-]*$/.test(report.text.slice(header.end, c.start));
  if (!header || !opens || header.name.split(/\s+/).length > 4 || c.text.toLowerCase().includes(header.name.toLowerCase())) return '';
  return labelRepeats(header.name, c.text) ? '' : labelText(header.name);
}

// An organ at the opening of a statement, its subject: "The appendix is dilated …", "Left kidney: …".
const organsOf = (text: string) => organsNamed(wordsOf(text), text);

// The parts of an organ a statement names it by ("the lower pole", "the anterior horn", "segment 6"): one list for the
// excerpt's part-only test here and impression.ts's bare part (PART_NAME), each adding its own words.
export const ORGAN_PARTS: readonly string[] = ['segments?', 'poles?', 'horns?'];
const PART_ONLY = new RegExp(String.raw`\b(?:${[...ORGAN_PARTS, 'lobes?'].join('|')})\b`, 'i');

/**
 * Whether a run-in label only says again the organ its statement names: "Kidneys:" over "4 mm stone in the left kidney",
 * "Menisci:" over "tear of the lateral meniscus", "Bowel:" over "The appendix is dilated …" (its own organ, as subject).
 * One with a side or a level ("Left:", "L4-L5:") or over a statement naming no organ ("Medial meniscus:" over "Tear …") is needed.
 */
export function labelRepeats(label: string, text: string): boolean {
  if (/\b(?:right|left|bilateral|both)\b|\d/i.test(label)) return false;
  // Its words said in the statement ("Pelvis:" over "free fluid in the pelvis").
  const said = ` ${text.toLowerCase().replace(/[^a-z]+/g, ' ')} `;
  if (
    label
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter(Boolean)
      .every((w) => said.includes(` ${w} `) || said.includes(` ${w.replace(/s$/, '')} `))
  )
    return true;
  const named = organsOf(label).map((h) => h.organ);
  // An organ the statement names by its own word: not one read from a part only ("segment 6" is the liver's or a lung's).
  const own = organsOf(text).filter((h) => h.by !== 'pattern' && !PART_ONLY.test(text.slice(h.start, h.end)));
  if (!named.length || !own.length) return false;
  return named.every((o) => own.some((h) => h.organ === o)) || own[0].start <= (/^\s*(?:the\s+)?/i.exec(text)?.[0].length ?? 0);
}

/** A heading as an item's label: "LEFT KIDNEY" as "Left kidney: ", abbreviations as written ("BPD", "CT pelvis"). */
export function labelText(heading: string): string {
  const name = heading
    .split(/\s+/)
    .map((w) => (w.length <= 3 ? w : w.toLowerCase()))
    .join(' ');
  return `${capitalise(name)}: `;
}

// A spine level as the label of a paragraph ("L4-5:", "C7-T1, T1-2:") or named in a sentence.
const SPINE_LEVEL = /^[CTLS]\d{1,2}\b/;
// (A nerve root, "the exiting left C7 nerve root", is no level of its own.)
const NAMES_LEVEL = /\b[CTLS]\d{1,2}\b(?![ \t]*(?:and [CTLS]\d{1,2} )?(?:nerve|root))/i;

/**
 * "L2-3: There is mild disc height loss. There is mild right foraminal narrowing.": a sentence after
 * the one a level label opens speaks of that level too. Such a clause, naming no level of its own, is
 * an item only with its label: the paragraph as written from the label through the clause's sentence
 * (the verifier reads a label only over the sentence it opens). The label's paragraph is its line, or,
 * for a label alone on its line, the lines up to a blank one. Null when no label governs the clause.
 */
export function levelParagraphOf(report: Report, c: Clause): string | null {
  const at = report.sentences.findIndex((x) => x.start <= c.start && c.start < x.end);
  const sentence = report.sentences[at];
  if (!sentence || NAMES_LEVEL.test(sentence.text)) return null;
  const sub = report.sections[sentence.section]?.subsections.find((x) => x.start <= c.start && c.start < x.end);
  if (!sub || !SPINE_LEVEL.test(sub.header.name)) return null;
  // The label opens this very sentence: labelOf writes it.
  if (/^[\s\d.)-]*$/.test(report.text.slice(sub.header.end, sentence.start))) return null;
  const between = report.text.slice(sub.body.start, sentence.start);
  const alone = report.text.slice(sub.header.end, sub.body.start).includes('\n');
  if (alone ? BLANK_LINE.test(between) : /\n/.test(between)) return null;
  return tidy(report.text.slice(sub.header.start, sentence.end));
}

// A sentence opening on its level: "L4-L5 level shows …", "At C5-6, …".
const OPENS_ON_LEVEL = /^\s*(?:at\s+(?:the\s+)?)?[CTLS]\d{1,2}(?:\s*-\s*[CTLS]?\d{1,2})?\b/i;
// What a level speaks of: its disc, canal and foramina, vertebrae and cord (organs.json ids; a level's own id is "l4-l5").
const AT_LEVEL = /^(?:discs|vertebrae|spinal-cord|[clts]\d+-[clts]\d+)$/;
// A spinal level as written ("L5-S1", "C5/6", "T12"), not a nerve root ("the exiting left C7 nerve root").
const LEVEL_WORD = /\b[CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?\b(?![ \t]*(?:and [CTLS]\d{1,2} )?(?:nerve|root))/gi;

/** The spinal levels a span of the report names, as the verifier's clauses read them (an MR sequence, "T2 hyperintense", is none). */
function levelsIn(report: Report, clauses: Clauses, span: Span): string[] {
  const read = new Set(clauses.all.filter((x) => x.start < span.end && x.end > span.start).flatMap((x) => x.levels));
  const named = [...report.text.slice(span.start, span.end).matchAll(LEVEL_WORD)].map((m) =>
    m[0].replace(/\s+/g, '').replace('/', '-').toUpperCase(),
  );
  return [...new Set(named.filter((l) => read.has(l)))];
}

/**
 * "There is marked disc space narrowing at the L5-S1 level … . There is mild neural foraminal stenosis.": the level
 * a clause that names none speaks of, as the verifier reads a level's run (verify-clauses.ts): opened by the first
 * sentence of a paragraph that names a level (at its start or its end) or by a sentence opening on one, or by an
 * earlier clause of the clause's own sentence; ended by a blank line, another level, a sentence of the whole spine
 * or beyond it (cues.json `levelRunEnds`: "Alignment is normal.", "the included sacroiliac joints"), or one naming
 * an organ a level does not hold (the maxillary sinus, the bladder). The run as written from the
 * level's sentence through the clause's (the verifier takes no level label the report did not write); null when
 * the clause names its own level or stands in no run.
 */
export function levelRunOf(report: Report, clauses: Clauses, c: Clause): string | null {
  const at = report.sentences.findIndex((x) => x.start <= c.start && c.start < x.end);
  const sentence = report.sentences[at];
  if (!sentence || report.sections[sentence.section].kind === 'impression' || levelsIn(report, clauses, c).length) return null;
  // (An earlier clause of its own sentence: "There is a disc bulge at L4-5; there is moderate foraminal stenosis.")
  const run = (from: Sentence) => tidy(report.text.slice(from.start, sentence.end));
  if (levelsIn(report, clauses, { start: sentence.start, end: c.start }).length) return run(sentence);
  if (levelsIn(report, clauses, sentence).length) return null;
  const beyond = (x: Sentence) => clauses.all.some((k) => k.start >= x.start && k.end <= x.end && speaksBeyondLevel(k));
  const atLevel = (x: Sentence) => organsNamed(wordsOf(x.text), x.text).every((h) => AT_LEVEL.test(h.organ));
  const opensParagraph = (i: number) =>
    i === 0 ||
    report.sentences[i - 1].section !== report.sentences[i].section ||
    BLANK_LINE.test(report.text.slice(report.sentences[i - 1].end, report.sentences[i].start));
  if (beyond(sentence) || !atLevel(sentence)) return null;
  for (let i = at - 1; i >= 0; i--) {
    const before = report.sentences[i];
    if (before.section !== sentence.section || opensParagraph(i + 1)) return null;
    const levels = levelsIn(report, clauses, before);
    if (levels.length) {
      if (opensParagraph(i)) return run(before);
      return OPENS_ON_LEVEL.test(stripListNumber(before.text)) ? run(before) : null;
    }
    if (beyond(before) || !atLevel(before)) return null;
  }
  return null;
}

/** The shortest run of the clause's pieces over [start, end) that carries the clause, as an item; null when none does. */
// A piece that only says where: "in the basal segments of the lower lobes", "at the level of the carina".
const OPENING_PLACE =
  /^[\s,;]*(?:in|at|on|within|along|throughout|over|under|around|near|adjacent to)\s+(?:the\s+|both\s+|bilateral\s+)?[^.;,]*[\s,]*$/i;

// Where in the breast, by its own pieces: "middle depth", "posterior third", "4 cm from the nipple", "at 2 o'clock", "FN 3 cm",
// "subareolar" (cut there, a mass is placed by its clock face alone).
const BREAST_PLACE =
  /(?:at\s+)?(?:(?:anterior|middle|mid|posterior)(?:\s+(?:to|-)\s*(?:anterior|middle|mid|posterior))?\s+(?:depth|third)|\d+(?:\.\d+)?\s*cm\s+(?:from\s+(?:the\s+)?nipple|fn)|fn\s*\d|\d{1,2}(?::\d{2})?\s*o['\u2019]?\s*clock|(?:sub|retro|peri)areolar)\b/;

// A piece that narrows or qualifies the pieces before it: where most ("especially in the lower lobes", "predominantly
// on the left", "more prominently in the left lobe", "which are prominent in the center", "which are predominantly
// subpleural") or what cannot be said ("which cannot be characterized by this examination", "too small to characterize").
// And a node's benign look, which is why it is not reported as disease: "with normal morphology", "with a (preserved)
// fatty hilum", "reactive-appearing", "likely reactive".
const QUALIFIES_BEFORE = new RegExp(
  String.raw`^\s*(?:and\s+)?(?:(?:with|showing|demonstrating|having)\s+(?:an?\s+)?(?:(?:normal|preserved|intact|maintained)\s+)?(?:fatty\s+)?hil(?:um|ar)\b|(?:with|showing|of)\s+(?:an?\s+)?(?:normal|benign|preserved)\s+(?:morphology|architecture|appearance|configuration|shape)\b|(?:(?:likely|probably|presumably|most likely)\s+)?reactive\b|(?:(?:which|that)\s+(?:is|are|was|were|appears?|seems?)\s+)?(?:especially|predominantly|particularly|mainly|mostly|chiefly|primarily|prominent(?:ly)?|more (?:prominent(?:ly)?|marked(?:ly)?|pronounced)|most (?:prominent(?:ly)?|marked(?:ly)?|pronounced))\b|(?:(?:which|that)\s+(?:is|are|was|were)\s+)?too small to\b|(?:which|that)\s+(?:cannot|could not|can not|can't|is not|are not|was not|were not)\s+(?:be\s+)?(?:(?:further|clearly|fully|reliably|definitely|definitively|well|adequately|accurately)\s+)?(?:characteri[sz]ed|evaluated|assessed|differentiated|distinguished|excluded)\b|(?:which|that)\s+(?:is|are|was|were|remains?)\s+(?:indeterminate|nonspecific|non-specific|too small to)\b|${BREAST_PLACE.source})`,
  'i',
);

// A piece that tells where a device runs or ends, or how far a finding reaches: "…, terminating in the superior vena
// cava", "…, coursing below the diaphragm with its tip in the antrum", "…, extending into the myotendinous junction".
// For a line or tube the tip is the finding; for a tear or mass the extent is its grade.
const COURSE_OR_EXTENT =
  /^\s*(?:and\s+)?(?:(?:which|that)\s+(?:is|are)\s+)?(?:terminat(?:es|ing)|end(?:s|ing)|tip(?:ped)?|with\s+(?:its|the)\s+tips?|(?:its|the)\s+tips?|extend(?:s|ing)|cours(?:es|ing)|project(?:s|ing)|pass(?:es|ing)|travers(?:es|ing)|reach(?:es|ing)|spann?(?:s|ing)|crossing|cross(?:es)?|into)\b/i;

// A piece that tells what is in or on the finding: "…, in which air images are also observed" (a pleural effusion with
// air is a hydropneumothorax), "…, within which a mural nodule is identified", "…, where a fluid level is present".
const WHAT_IT_HOLDS = /^\s*(?:(?:in|within|inside|into|on|along|through|around|of|from)\s+(?:which|whom)|where(?:in)?)\b/i;

// A clause's first piece that is one or two describing words and no more ("There are intraparenchymal", "Solid"), or two
// such joined by "and"/"or" ("Subpleural and basal predominant", "Peripheral and peribronchial localized"): not a
// connective ("However", "In addition"), a place ("Bilaterally") or a label.
const DESCRIBING = String.raw`(?!(?:however|additionally|also|furthermore|moreover|in|on|at|again|otherwise|overall|incidentally|finally|lastly|then|now|currently|today|here|bilaterally|there|this|these|it)\b)[a-z]+(?:-[a-z]+)?`;
const MODIFIER_ONLY = new RegExp(
  String.raw`^\s*(?:there\s+(?:is|are|was|were)\s+(?:also\s+)?)?(?:an?\s+|the\s+)?${DESCRIBING}(?:\s+(?:and|or)\s+${DESCRIBING}(?:\s+[a-z]+(?:-[a-z]+)?)?)?(?:\s+[a-z]+(?:-[a-z]+)?)?\s*$`,
  'i',
);

// A piece that tells what the finding is compared with: "As seen on the prior examination", "Compared with the CT of 2019",
// "According to the previous examination" (CT-RATE's translated "compared with the prior"), "With respect to the prior study",
// "Similar to the last exam".
const OPENING_COMPARISON =
  /^\s*(?:as (?:was )?(?:seen|noted|described|demonstrated|shown|before)|(?:when )?compared (?:with|to)|in comparison (?:with|to)|relative to|since the (?:prior|previous|last)|(?:according|with respect|with reference|in relation|similar(?:ly)?|identical) to (?:the |an? )?(?:prior|previous|preceding|earlier|last|old|comparison|former)|(?:as )?on the (?:prior|previous|preceding|earlier|last) (?:study|exam\w*|scan|ct|mri|imaging|ultrasound|review))\b/i;

/** The clause as the report wrote it, as an item: list mark off, capitalised, one full stop. */
const asWritten = (c: Clause) =>
  capitalise(
    stripListNumber(c.text)
      .trim()
      .replace(/[\s.,;:]+$/, ''),
  ) + '.';

export function windowOf(report: Report, clauses: Clauses, c: Clause, start: number, end: number): string | null {
  const governed = levelParagraphOf(report, c) ?? levelRunOf(report, clauses, c);
  if (governed) return governed;
  // Past a "but" that answers nothing ("… inferior to the hyoid but | cephalad to the cricoid consistent with a Level III
  // node"): the clause it goes on from, whole, says it.
  const from = continuedFrom(report, clauses, c);
  if (from) return windowOf(report, clauses, from, from.start, from.end);
  // Said from the place it opens on, as written (the "however" answers the sentence before, not the item).
  const placed = placeBeforeBreak(report, clauses, c);
  if (placed) return tidy(`${report.text.slice(placed.start, placed.end)}, ${report.text.slice(c.start, c.end)}`);
  const pieces = piecesOf(report, c);
  const first = pieces.findIndex((p) => p.end > start);
  const last = pieces.findIndex((p) => p.end >= end);
  if (first < 0 || last < 0) return null;
  const runs: [number, number][] = [];
  for (let i = 0; i <= first; i++) for (let j = last; j < pieces.length; j++) runs.push([i, j]);
  runs.sort(([a, b], [x, y]) => pieces[b].end - pieces[a].start - (pieces[y].end - pieces[x].start));
  // A side the clause takes from its heading ("RIGHT:" over a list) is written as the item's label.
  const written = readClause(c.text, c, c.section, null).sides;
  const sides = [...c.sides].filter((x) => !written.has(x));
  const headingOf = (sides: string[]) => (sides.length ? `${capitalise(sides.join(' and '))}: ` : labelOf(report, c));
  const heading = headingOf(sides);
  // The place and side it opens under, said before a ";" ("In the left hemithorax; a pleural effusion …"): the
  // report's own words for the side, never a "Left:" label made up over them.
  const leadIn = leadInOf(report, clauses, c);
  const leadSides = leadIn ? readClause(leadIn, c, c.section, null).sides : new Set<string>();
  const leadHeading = headingOf(sides.filter((x) => !leadSides.has(x)));
  for (const [i, j] of runs) {
    const before = i === 0 ? antecedentOf(clauses, c) : '';
    if (before === null) continue;
    const piece = report.text.slice(pieces[i].start, pieces[j].end);
    const broken = before && !/[.?] $/.test(before);
    const words = broken ? decapitalise(tidy(piece)) : before ? (withoutPointer(piece) ?? tidy(piece)) : tidy(piece);
    if (!words) continue;
    const lead = i === 0 && !before ? leadIn : '';
    const text = lead ? `${leadHeading}${capitalise(lead)}; ${decapitalise(words)}` : heading + words;
    // Never a subject cut from its verb: "the lesion …, which is observed …, | is observed as fragmented …", nor from a
    // verb that only comes at the end, past the words that describe it ("nodules …, | some of them subpleural, some
    // calcified, are observed", "a 2 cm lesion in segment 7, | too small to characterize, is noted").
    const verbLater = pieces.slice(j + 1).some((p) => PREDICATE.has(firstWord(report.text.slice(p.start, p.end))));
    // Nor a later piece that points back ("…, and there is a collection area in it").
    const leans =
      i > 0 && (LINKING.has(firstWord(piece)) || LINKING.has(firstWord(words)) || /\b(?:it|its|they|them|their)\b/i.test(words));
    // Nor the place the clause opens on ("In addition, in the basal segments of the lower lobes, an area of …"): only a connective goes.
    const placeCut = i > 0 && OPENING_PLACE.test(report.text.slice(pieces[i - 1].start, pieces[i - 1].end));
    // Nor the comparison it opens on ("As seen on the prior examination, there is …"): without it the finding reads as new.
    const sinceCut = pieces.slice(0, i).some((p) => OPENING_COMPARISON.test(report.text.slice(p.start, p.end)));
    // Nor the first of the words that describe it together, cut at their commas: "There are intraparenchymal, | locally
    // pleural-based nodular lesions", "Solid, | partly calcified nodules", "There are several, discrete, | nodular opacities".
    const modifierCut = i > 0 && pieces.slice(0, i).every((p) => MODIFIER_ONLY.test(report.text.slice(p.start, p.end)));
    // Nor a run that leaves off the piece after it that qualifies it ("…, predominantly in the lower lobes", "…, which cannot be characterized").
    const next = pieces[j + 1] && report.text.slice(pieces[j + 1].start, pieces[j + 1].end);
    const qualified = next && (QUALIFIES_BEFORE.test(next) || COURSE_OR_EXTENT.test(next) || WHAT_IT_HOLDS.test(next));
    if (leans || placeCut || sinceCut || modifierCut || qualified || verbLater || !carries(text, lead ? ledBy(c, leadSides) : c)) continue;
    // A finding told with its normal look ("15 mm node with preserved fatty hilum") reads as a normal statement to the
    // verifier unless copied as the report wrote it, the way it takes an organ's own normal statement.
    const own = !before && !heading && !lead && c.normal && readClause(text, c, 'impression', null).normal ? asWritten(c) : null;
    const said = own ?? text;
    if (j < pieces.length - 1) return before + said;
    // To the clause's end: what goes on past a "but" that answers nothing goes too.
    const goesOn = continuationOf(report, clauses, c);
    return before + (goesOn ? `${said.slice(0, -1)}${goesOn}.` : said) + sequelOf(report, clauses, c);
  }
  return null;
}

// A sentence of nothing but the course of a study as a whole: "Overall findings are stable versus most recent exam.",
// "Appearance is unchanged from the study of last week.", "No significant interval change." (not "Stable 6 mm nodule").
export const STUDY_COURSE =
  /^\s*(?:overall,?\s+)?(?:(?:the\s+)?(?:findings|appearances?|exam(?:ination)?|study|images?)\s+(?:is|are|appears?|remains?)\s+)?(?:overall\s+|otherwise\s+|essentially\s+|grossly\s+|largely\s+)?(?:stable|unchanged|similar|no(?:\s+(?:significant|interval|appreciable|obvious|marked|substantial))*\s+(?:difference|change|progression))\b(?:\s+(?:overall|in appearance))?(?:\s*,?\s*(?:(?:when\s+|as\s+)?compared|versus|vs\b|from|since|to|with|relative|in comparison)\b[^.;]*)?[.\s]*$/i;

// A sentence of nothing but the course since the prior study of what the sentence before told: "These findings are also
// present in the previous examination.", "No significant difference was detected when compared with the previous
// examination.", "They were seen on the prior CT as well.", "No interval change since the last study."
export const SINCE_PRIOR = /\b(?:previous(?:ly)?|prior|earlier|preceding|last|old|former)\b/i;
const COURSE =
  /^\s*(?:(?:(?:these|this|the|such|similar|both|all)\s+(?:(?:described|mentioned|above)\s+)?(?:findings?|appearances?|manifestations?|changes|lesions?|abnormalit(?:y|ies))|these|this|they|it)\b[^.;]*\b(?:present|seen|noted|observed|visible|visualized|demonstrated|described|difference|change|changed|stable|unchanged|similar|same|progression|detected)|no(?:\s+(?:significant|interval|appreciable|obvious|marked|substantial))*\s+(?:difference|change|progression)|(?:stable|unchanged|similar)\b)\b/i;
export function comparedOf(text: string): boolean {
  return (
    SINCE_PRIOR.test(text) &&
    COURSE.test(text) &&
    tokens(text).length <= 20 &&
    !organsNamed(wordsOf(text), text).length &&
    !/\b(?:new|increased|decreased|larger|smaller|progressed|regressed|resolved|improved|worse(?:ned)?|but|however|except)\b/i.test(text)
  );
}

// "No significant difference …", "No interval change …", "Stable compared with …": a course said of no one finding.
export const WHOLE_COURSE =
  /^\s*(?:no(?:\s+(?:significant|interval|appreciable|obvious|marked|substantial))*\s+(?:difference|change|progression)|(?:stable|unchanged)\b)/i;

/** A sentence of nothing but the course of the study since the prior one: "No interval change since the last study.", "Findings are unchanged from the prior MRI." */
export const studyCourse = (text: string) =>
  (WHOLE_COURSE.test(text) && comparedOf(text)) || (STUDY_COURSE.test(text) && SINCE_PRIOR.test(text));

/** Where the body of a sentence's section starts. */
function sectionStart(report: Report, s: Sentence): number {
  return report.sections[s.section]?.body.start ?? 0;
}
