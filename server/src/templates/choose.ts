// Which template a report belongs to: from the exam title (modality, body part, the title words
// that tell siblings apart), then the technique, and only when neither says, from what the findings
// talk about. Cheap: a few trie walks over the title and one over the text in the last case.
import type { Report } from '../report/types';
import { BODY_PART_TRIE, MODALITY_TRIE } from '../nlp/lexicon';
import { findExam } from '../nlp/patient';
import { organsNamed } from '../nlp/organs';
import { PhraseTrie } from '../nlp/trie';
import { wordsFromTokens, wordsOf, type Word } from '../nlp/words';
import { z } from 'zod';
import { TEMPLATES, type ReportTemplate } from './library';
import modalityCueData from './modality-cues.json';
import { phraseRegex } from './phrases';
import { narrativeKind, saysNarrativeStep } from './narrative';
import { BLANK_LINE } from '../report/regex';

export type Confidence = 'high' | 'medium' | 'low';

export interface TemplateChoice {
  template: ReportTemplate;
  /** high: the title names modality and body part; medium: one of them; low: read from the findings. */
  confidence: Confidence;
  /** One line for the user: what the choice rests on. */
  why: string;
  /** The other templates, best first (for the quick pick). */
  alternatives: ReportTemplate[];
  /**
   * Why no template fits, when the exam names a modality or body part the best one is not for (a
   * mammogram, an echocardiogram): the template is then not used unless the user picks it.
   */
  refused?: string;
}

const NOT_FOR = new Map(
  TEMPLATES.flatMap((t) =>
    t.notFor ? [[t.id, { words: phraseRegex(t.notFor.words, 'gi'), unless: phraseRegex(t.notFor.unless, 'gi') }]] : [],
  ),
);
const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/**
 * A report of an exam done as a procedure (a transesophageal echo: consent, lidocaine spray, "tolerated the
 * procedure") whose narrative stands in sections of its own before a FINDINGS and an IMPRESSION that say no
 * step of it: those are filed, the narrative kept as written under its own header. Not a procedure told
 * after the findings (a biopsy after the diagnostic CT, with an impression of its own): refused as before.
 */
function narrativeApart(report: Report | undefined): boolean {
  if (!report) return false;
  const first = report.sections.findIndex((s) => s.kind === 'findings');
  if (first < 0 || !report.sections.slice(first).some((s) => s.kind === 'impression')) return false;
  return report.sections.slice(first).every((s) => !saysNarrativeStep(report.text.slice(s.start, s.end)));
}

/**
 * The choice, refused when the exam names a modality or body part its template is not for, names
 * no modality while its body part has templates for several, or names body parts beyond its template's.
 */
function checked(
  choice: TemplateChoice,
  modality: string | null,
  parts: ReadonlySet<string>,
  titles: readonly (readonly Word[])[],
  text: string,
  report?: Report,
): TemplateChoice {
  const t = choice.template;
  if (choice.refused) return choice;
  // A sibling exam this template is not for, by its words: an arterial Doppler is no venous duplex.
  const notFor = t.notFor && NOT_FOR.get(t.id)!;
  if (notFor && count(text, notFor.words) > count(text, notFor.unless))
    return { ...choice, refused: `${t.notFor!.name}, not what ${t.name} is for: no template for it` };
  if (report && historyRunsOn(report))
    return {
      ...choice,
      refused:
        'what the exam showed runs on under the clinical history, with no FINDINGS header: filed as history it would read as the question',
    };
  const narrative = narrativeKind(text) && !narrativeApart(report) ? narrativeKind(text) : null;
  if (narrative) return { ...choice, refused: `${narrative}, not an exam report: no template has a place for its narrative` };
  // (A template chosen only by name is no alternative the report could have meant without naming it.)
  const modalities = new Set(
    TEMPLATES.filter((x) => (!x.namedOnly || x === t) && x.bodyParts.some((p) => t.bodyParts.includes(p))).map((x) => x.modality),
  );
  if (modality === null && modalities.size > 1)
    return { ...choice, refused: `no modality named: the ${t.bodyParts[0]} has templates for ${[...modalities].join(', ')}` };
  if (modality !== null && t.modality !== modality)
    return { ...choice, refused: `no ${modality} template: the closest, ${t.name}, is for ${t.modality}` };
  if (parts.size && !t.bodyParts.some((p) => parts.has(p)))
    return {
      ...choice,
      refused: `no template for the ${[...parts].join(', ')}: the closest, ${t.name}, is for the ${t.bodyParts.join(', ')}`,
    };
  // A spine report in paragraphs per region ("Cervical spine: … Thoracic spine: …"): the whole-spine
  // template files by level and finding, so a region's "no canal stenosis" would stand for the whole spine.
  const regions = new Set([...text.matchAll(SPINE_REGION_LABEL)].map((m) => m[1].toLowerCase()));
  if (t.bodyParts.includes('spine') && regions.size > 1)
    return {
      ...choice,
      refused: `a report by spine region (${[...regions].join(', ')}): ${t.name} files by level and would lose the region`,
    };
  // A combined title ("CT head, facial bones and cervical spine"), or a title line per exam down the
  // report, is several exams: one exam's template would file the others' findings under its own fields.
  const beyond = new Set(titles.flatMap((title) => [...partsBeyond(title, t)]));
  if (beyond.size)
    return {
      ...choice,
      refused: `no template for the ${t.bodyParts[0]} with the ${[...beyond].join(' and ')}: the closest, ${t.name}, is for the ${t.bodyParts[0]} alone`,
    };
  return choice;
}

/**
 * A report with no FINDINGS header whose CLINICAL HISTORY runs on, after a blank line, into paragraphs
 * that name organs ("… gestational diabetes.⏎⏎Transabdominal ultrasound examination demonstrated a single
 * fetus … The placenta was posterior"): the engine reads those as history, so no template can file them.
 */
function historyRunsOn(report: Report): boolean {
  if (report.sections.some((s) => s.kind === 'findings')) return false;
  return report.sections.some((s) => {
    if (s.kind !== 'history') return false;
    const body = report.text.slice(s.body.start, s.body.end);
    const blank = BLANK_LINE.exec(body);
    const rest = blank ? body.slice(blank.index + blank[0].length) : '';
    return rest.trim() !== '' && organsNamed(wordsOf(rest), rest).length > 0;
  });
}

// A region label opening a line or following a sentence or header: "Cervical spine:", "THORACIC:".
const SPINE_REGION_LABEL = /(?:^|[.!?:])[ \t]*(cervical|thoracic|lumbar)(?:[ \t]+spine)?[ \t]*:/gim;

// A line set in capitals, as exam titles are ("CT FACIAL BONES WITHOUT CONTRAST"), a header's colon aside.
const CAPITALS_LINE = /^[ \t]*([^a-z\r\n]{4,200}?)[ \t]*:?[ \t]*$/gm;

/** Exam titles on lines of their own anywhere in the report: a capitals line that opens with a modality. */
function titleLines(report: Report): Word[][] {
  const out: Word[][] = [];
  for (const m of report.text.matchAll(CAPITALS_LINE)) {
    const words = wordsOf(m[1]);
    if (words.length <= 16 && MODALITY_TRIE.match(words, 0)) out.push(words);
  }
  return out;
}

/**
 * The body parts a title names that a template is not for. A part is the template's when it is one of
 * its body parts or named by one of its own title words ("bladder" in a renal ultrasound); a part
 * inside a longer one ("spine" in "cervical spine") is not named on its own.
 */
function partsBeyond(title: readonly Word[], t: ReportTemplate): Set<string> {
  const beyond = new Set<string>();
  for (let i = 0; i < title.length; i++) {
    const b = BODY_PART_TRIE.match(title, i);
    if (!b) continue;
    // (A region of a template's part is the template's: the cervical spine is the whole-spine template's.)
    // (So is a wider part a template's part is a region of: "CT SPINE" above "CT CERVICAL SPINE".)
    const own =
      t.bodyParts.includes(b.value.part) ||
      t.bodyParts.includes(b.value.context) ||
      t.bodyParts.some((p) => refines(p, new Set([b.value.part]))) ||
      TITLE_TRIE.match(title, i)?.value.has(t.id);
    if (!own) beyond.add(b.value.part);
    i = b.end - 1;
  }
  return beyond;
}

const TITLE_TRIE = (() => {
  const trie = new PhraseTrie<Set<string>>();
  for (const t of TEMPLATES)
    for (const term of t.titleTerms) {
      const keys = wordsOf(term).map((w) => w.norm);
      const probe = trie.match(
        keys.map((k) => ({ norm: k, text: k, start: 0, end: 0, kind: 'word' as const })),
        0,
      );
      if (probe && probe.end === keys.length) probe.value.add(t.id);
      else trie.add(keys, new Set([t.id]));
    }
  return trie;
})();

interface Reading {
  modalities: string[];
  parts: Set<string>;
  terms: Map<string, number>;
}

function read(words: readonly Word[]): Reading {
  const r: Reading = { modalities: [], parts: new Set(), terms: new Map() };
  let modalityAt = -Infinity;
  let modalityEnd = -Infinity;
  for (let i = 0; i < words.length; i++) {
    // ("trace MR" is mitral regurgitation, no MRI.)
    const graded = i > 0 && GRADES_BEFORE.has(words[i - 1].norm) && TEMPLATE_ABBREVIATIONS.has(words[i].text);
    const m = graded ? null : MODALITY_TRIE.match(words, i);
    if (m) {
      if (!r.modalities.includes(m.value)) r.modalities.push(m.value);
      modalityAt = i;
      modalityEnd = m.end;
    }
    const b = BODY_PART_TRIE.match(words, i);
    if (b) r.parts.add(b.value.part);
    const t = TITLE_TRIE.match(words, i);
    // The words of the modality phrase and just after it name the exam itself ("CT angiography",
    // "AP abdomen and ultrasound of kidney").
    const weight = i >= modalityAt && i <= modalityEnd + 2 ? 2 : 1;
    if (t) for (const id of t.value) r.terms.set(id, (r.terms.get(id) ?? 0) + weight);
  }
  return r;
}

const SCAN_RANGE = /\bfrom\s+(?:the\s+)?[\w\s-]{2,40}?\s+(?:to|through|thru)\s+(?:the\s+)?[a-z]/i;

const MODALITY_DATA = z
  .object({
    note: z.string(),
    gradesBefore: z.array(z.string().min(1)).min(1),
    cues: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  })
  .parse(modalityCueData);
const GRADES_BEFORE = new Set(MODALITY_DATA.gradesBefore);
/** Abbreviations templates name their organs' findings by ("MR" in an echocardiogram). */
const TEMPLATE_ABBREVIATIONS = new Set(TEMPLATES.flatMap((t) => Object.keys(t.abbreviations)));
const MODALITY_CUES = Object.entries(MODALITY_DATA.cues).map(([code, words]) => ({
  code,
  re: phraseRegex(words, 'gi'),
}));

/** The modality whose own words ("hypoechoic", "T2", "hypodense") a text uses most, or null on none or a tie. */
function modalityByWords(text: string): string | null {
  const counts = MODALITY_CUES.map(({ code, re }) => ({ code, n: text.match(re)?.length ?? 0 })).sort((a, b) => b.n - a.n);
  return counts[0].n > 0 && counts[0].n > counts[1].n ? counts[0].code : null;
}

function textOfKind(report: Report, kind: string): string {
  return report.sections
    .filter((s) => s.kind === kind)
    .map((s) => report.text.slice(s.body.start, s.body.end))
    .join('\n');
}

/** The best template for a report, how sure the choice is and why, and the others in order (or why none fits). */
export function chooseTemplate(report: Report): TemplateChoice {
  let choice = CHOSEN.get(report);
  if (!choice) {
    const exam = findExam(report);
    const best = bestTemplate(report, exam);
    // (The EXAM section's title lines too: "CTA ABDOMEN PELVIS LOWER EXTREMITIES" run into the next header is no line of its own.)
    const examLines = textOfKind(report, 'exam')
      .split(/\r?\n/)
      .map(wordsOf)
      .filter((words) => MODALITY_TRIE.match(words, 0) !== null);
    choice = checked(best.choice, best.modality, best.parts, [best.title, ...examLines, ...titleLines(report)], report.text, report);
    CHOSEN.set(report, choice);
  }
  return choice;
}

// One choice per parsed report: the editor asks for it on every code-action request, and a document
// version is parsed once (the server caches its analysis), so this caches it per version.
const CHOSEN = new WeakMap<Report, TemplateChoice>();

function bestTemplate(
  report: Report,
  exam: ReturnType<typeof findExam>,
): { choice: TemplateChoice; modality: string | null; parts: Set<string>; title: Word[] } {
  const titleText = mostSpecificTitle(report, exam.span ? report.text.slice(exam.span.start, exam.span.end) : textOfKind(report, 'exam'));
  // A scan's range ("obtained from the base of the brain to the upper abdomen") names its ends, not
  // the exam: the body part between them is the one the exam is of, where the exam's reading has it.
  const range = exam.bodyPart ? SCAN_RANGE.exec(titleText) : null;
  const titleWords = wordsOf(range ? titleText.slice(0, range.index) : titleText);
  const title = read(titleWords);
  if (range) title.parts.add(exam.bodyPart!);
  const technique = read(wordsOf(textOfKind(report, 'technique')));
  const modality = exam.modality ?? title.modalities[0] ?? technique.modalities[0] ?? modalityByWords(report.text);
  const namedParts = title.parts.size ? title.parts : new Set(exam.bodyPart ? [exam.bodyPart] : []);
  const scores = new Map<string, number>();
  let best: { t: ReportTemplate; score: number; modality: boolean; part: boolean } | null = null;
  for (const t of TEMPLATES) {
    let score = 0;
    const modalityMatch = modality !== null && t.modality === modality;
    if (modality !== null) score += modalityMatch ? 4 : -4;
    const partMatch = t.bodyParts.some((p) => title.parts.has(p));
    if (partMatch) score += 3;
    else if (t.bodyParts.some((p) => technique.parts.has(p))) score += 1;
    score += 2 * Math.min(3, title.terms.get(t.id) ?? 0) + Math.min(2, technique.terms.get(t.id) ?? 0);
    // A special case's generic words ("CT angiography") do not take an exam of another body part
    // ("CTA abdomen pelvis" on the line below the title) to a chest template.
    if (t.refines && namedParts.size && !t.bodyParts.some((p) => namedParts.has(p))) score -= 8;
    scores.set(t.id, score);
    if (!best || score > best.score) best = { t, score, modality: modalityMatch, part: partMatch };
  }
  const ranked = (s: Map<string, number>) => [...TEMPLATES].sort((a, b) => s.get(b.id)! - s.get(a.id)!);
  // The title decides when it names the body part; the technique alone only helps the reading of the content.
  if (best && (best.part || (best.modality && (title.terms.get(best.t.id) ?? 0) > 0))) {
    const confidence: Confidence = best.modality && best.part ? 'high' : 'medium';
    const said = [best.modality ? `modality ${modality}` : null, best.part ? `body part (${[...title.parts].join(', ')})` : null]
      .filter(Boolean)
      .join(' and ');
    // No modality named, but the title's own words name the exam ("PA and lateral chest" is a film).
    const named = modality ?? ((title.terms.get(best.t.id) ?? 0) > 0 ? best.t.modality : null);
    const choice = {
      template: best.t,
      confidence,
      why: `${best.t.name}: the exam title${titleText ? ` "${titleText.trim().slice(0, 60)}"` : ''} gives ${said || 'its words'}.`,
      // The same body part first (a chest film's CT chest before a spine film), then by score.
      alternatives: ranked(scores)
        .filter((t) => t !== best.t)
        .sort((a, b) => Number(b.bodyParts.some((p) => title.parts.has(p))) - Number(a.bodyParts.some((p) => title.parts.has(p)))),
    };
    return { choice, modality: named, parts: title.parts, title: titleWords };
  }
  const named = new Set(TEMPLATES.filter((t) => title.terms.get(t.id) || technique.terms.get(t.id)).map((t) => t.id));
  return { ...fromContent(report, modality, scores, named), parts: title.parts, title: titleWords };
}

/**
 * The exam-naming line that says most of the exam: the title read first, or a line that names more of it
 * ("EXAM: CT" then "PROCEDURE: CT abdomen and pelvis with contrast"; "CT SPINE" then "CT CERVICAL SPINE").
 * Candidates: the first title, every line of the EXAM sections, a title run on before the first header
 * ("CT CHEST WITH CONTRAST FINDINGS: …" leaves the title before FINDINGS) and the title lines in capitals.
 * A line naming another body part is no more specific: it stays for checked() to refuse the report by.
 */
function mostSpecificTitle(report: Report, first: string): string {
  const candidates = [first, ...textOfKind(report, 'exam').split(/\r?\n/)];
  const preamble = report.sections[0]?.kind === 'preamble' ? report.sections[0] : undefined;
  if (preamble && report.sections.length > 1 && !/[\r\n]/.test(report.text.slice(preamble.body.start, preamble.body.end)))
    candidates.push(report.text.slice(preamble.body.start, preamble.body.end));
  const firstReading = read(wordsOf(first));
  let best = first;
  let bestScore = specificity(firstReading, wordsOf(first));
  for (const line of candidates.slice(1)) {
    const words = wordsOf(line);
    if (!words.length || words.length > 16 || !words.some((_, i) => MODALITY_TRIE.match(words, i))) continue;
    const r = read(words);
    // Another body part than the first title names: not a refinement of it.
    if (firstReading.parts.size && r.parts.size && ![...r.parts].some((p) => firstReading.parts.has(p) || refines(p, firstReading.parts)))
      continue;
    const score = specificity(r, words);
    if (score > bestScore) [best, bestScore] = [line, score];
  }
  return best;
}

/** How much of the exam a title names: a body part most, then the modality, then the length of the part named. */
function specificity(r: Reading, words: readonly Word[]): number {
  let partWords = 0;
  for (let i = 0; i < words.length; i++) {
    const b = BODY_PART_TRIE.match(words, i);
    if (b) {
      partWords += b.end - i;
      i = b.end - 1;
    }
  }
  return (r.parts.size ? 4 : 0) + (r.modalities.length ? 2 : 0) + Math.min(0.9, partWords / 10);
}

/** Whether a body part is a region of one already named ("cervical spine" of "spine"). */
function refines(part: string, named: ReadonlySet<string>): boolean {
  const context = BODY_PART_TRIE.match(wordsOf(part), 0)?.value.context;
  return !!context && context !== part && named.has(context);
}

/**
 * Exams named anywhere in the text ("MRI of the lumbar spine showed", "a CT of the head"): modality and
 * body part close together. `first` is the first one named, whether or not a template is for it.
 */
function examsNamed(words: readonly Word[]): { counts: Map<string, number>; first: { modality: string; part: string } | null } {
  const counts = new Map<string, number>();
  let first: { modality: string; part: string } | null = null;
  for (let i = 0; i < words.length; i++) {
    const m = MODALITY_TRIE.match(words, i);
    if (!m) continue;
    const parts = new Set<string>();
    for (let k = Math.max(0, i - 3); k < Math.min(words.length, m.end + 5); k++) {
      if (k >= i && k < m.end) continue;
      const b = BODY_PART_TRIE.match(words, k);
      if (b) parts.add(b.value.part);
    }
    if (!first && parts.size) first = { modality: m.value, part: [...parts][0] };
    for (const t of TEMPLATES)
      if (t.modality === m.value && t.bodyParts.some((p) => parts.has(p))) counts.set(t.id, (counts.get(t.id) ?? 0) + 1);
  }
  return { counts, first };
}

/**
 * No usable title: exams the text names (modality next to a body part), then the template whose
 * organs the report's sentences name most, the modality the text names breaking ties.
 */
function fromContent(
  report: Report,
  modality: string | null,
  titleScores: Map<string, number>,
  namedByWords: ReadonlySet<string>,
): { choice: TemplateChoice; modality: string | null } {
  const words = wordsFromTokens(report.tokens);
  const named = new Map<string, number>();
  for (const h of organsNamed(words, report.text)) named.set(h.organ, (named.get(h.organ) ?? 0) + 1);
  const { counts: exams, first } = examsNamed(words);
  // `modality` has the modality's own words already, which outweigh a passing mention ("an MRI would
  // be of benefit" in a CT report).
  const inText = read(words);
  const textModality = modality ?? inText.modalities[0] ?? null;
  const scores = new Map<string, number>();
  for (const t of TEMPLATES) {
    const organs = new Set(t.findings.flatMap((s) => s.organs));
    let score = 0;
    for (const [organ, n] of named) if (organs.has(organ)) score += n;
    // A template with many organs would win on any text: weigh by how many it has.
    score = score / Math.sqrt(organs.size);
    if (textModality) score += t.modality === textModality ? 2 : -2;
    score += 0.5 * Math.max(0, titleScores.get(t.id) ?? 0) + 4 * (exams.get(t.id) ?? 0);
    // Joint templates share their organs (tendons, ligaments): the body part the text names tells them apart.
    if (t.bodyParts.some((p) => inText.parts.has(p))) score += 1;
    scores.set(t.id, score);
  }
  // A special exam (a coronary CTA, a bone scan) is told by its own words (in the title or technique, or in a
  // text of its modality: "myoview" in a nuclear study), never by organs any chest or body report speaks of:
  // its template has few organs to weigh by, so it would win on "heart size is normal".
  for (const t of TEMPLATES)
    if (t.namedOnly && !namedByWords.has(t.id) && !exams.get(t.id) && !(textModality === t.modality && inText.terms.get(t.id)))
      scores.set(t.id, -Infinity);
  // A special case (CT pulmonary angiogram) needs its own words in the title or technique, never the content alone.
  for (const t of TEMPLATES)
    if (t.refines && (titleScores.get(t.id) ?? 0) <= (titleScores.get(t.refines) ?? 0)) scores.set(t.id, -Infinity);
  const ranked = [...TEMPLATES].sort((a, b) => scores.get(b.id)! - scores.get(a.id)!);
  const template = ranked[0];
  const why = exams.get(template.id)
    ? `${template.name}: no exam title, but the text names the exam.`
    : `${template.name}: no exam title names it; the findings speak of its organs${textModality ? ` and the text names ${textModality}` : ''}.`;
  // The text's first exam ("coronary artery CTA", no title) is one we have no template for: refused, not guessed.
  const unserved =
    first && !TEMPLATES.some((t) => t.modality === first.modality && t.bodyParts.includes(first.part))
      ? `no ${first.modality} template for the ${first.part}: the text names that exam, and the closest, ${template.name}, is for another`
      : undefined;
  return {
    choice: { template, confidence: 'low', why, alternatives: ranked.slice(1), ...(unserved ? { refused: unserved } : {}) },
    modality: textModality,
  };
}
