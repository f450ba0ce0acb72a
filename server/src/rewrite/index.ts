// The one door for the rewrites (restructure into a template, draft the impression, patient
// summary): the deterministic result, and the verification every result passes before it is
// offered, whoever wrote it (these rules or an LLM: llm/rewrite.ts uses the same verify()).
import type { Analysis } from '../engine';
import type { Edit } from '../problem';
import { sectionOf } from '../report';
import type { Report } from '../report/types';
import { chooseTemplate, templateById, type ReportTemplate } from '../templates';
import { draftImpression, draftPlacement, type ImpressionDraft } from './impression';
import { significantOf } from './impression-kept';
import { layToReport } from './lay-reading';
import { gradeOf } from './readability';
import { PERTINENT_NEGATIVE_MARK, restructure } from './restructure';
import { lintSummary, summarizeChecked, SUMMARY_FIXED_LINES, type GlossaryLine } from './summary';
import { detailsRestated, findingsOnly, toldAsWritten } from './summary-quoted';
import { verifyRewrite, type Verification } from './verify';
import { checkClauses, unrewritable, type VerifyReason } from './verify-clauses';
import { parseRejoined, squash as bareWords } from './clauses';
import { SUMMARY_PARTS, type RewriteKind, type TemplateChoice } from './kinds';
import { LAY_LINES } from '../nlp/lay-wording';
import { placeText, type Placement } from './placement';
import { stripListNumber } from './list-number';
import type { Problem } from '../problem';

export { REWRITE_KIND, REWRITE_KINDS, rewriteKindOf, type RewriteKind, type TemplateChoice } from './kinds';

// The LLM is asked for the summary's parts by kinds.ts (it imports nothing, for the client); the summary writes
// them from the wording data. One table, checked here: a heading changed in one and not the other fails at load.
for (const part of ['found', 'possible', 'denied', 'more', 'closing', 'words'] as const)
  if (LAY_LINES[part] !== SUMMARY_PARTS[part])
    throw new Error(
      `kinds.ts SUMMARY_PARTS.${part} "${SUMMARY_PARTS[part]}" is not the summary's "${LAY_LINES[part]}" (lay-wording.json lines)`,
    );

export interface RewriteOptions {
  /** Restructure into this template instead of the one the exam calls for. */
  templateId?: string;
  /** Restructure: insert the template's pertinent negatives (marked) where the report says nothing. */
  fillPertinentNegatives?: boolean;
  /** Impression: keep minor and incidental findings too. */
  includeMinor?: boolean;
  /** Summary: beside the report (a text of its own), or as a PATIENT SUMMARY section in it. */
  summaryPlacement?: 'beside' | 'section';
}

export interface Rewrite {
  kind: RewriteKind;
  /** Restructure and impression: the whole report rewritten; summary: the summary. Fields as "[ ]". */
  text: string;
  /** Restructure: the same text with the fields as snippet tab stops, for editors that take snippets. */
  snippet?: string;
  /** Where the result goes in the report (rewrite/placement.ts), and the text put there: the impression's body, else `text`. */
  placement: Placement;
  placed: string;
  /** The one edit on the report that puts the result in place; null for a summary shown beside it. */
  edit: Edit | null;
  /** Impression: the edit replaces an impression the report already has (so it needs a preview). */
  replacesImpression: boolean;
  template?: TemplateChoice;
  /** Summary: Flesch-Kincaid grade and the words explained. */
  grade?: number;
  glossary?: GlossaryLine[];
  verification: Verification;
  by: 'rules' | 'llm';
  /** One line, when an AI answer was not used: why. */
  note?: string;
}

/** A result's placement, the text placed and its edit where the editor shows everything. */
function placed(report: Report, placement: Placement, text: string): Pick<Rewrite, 'placement' | 'placed' | 'edit'> {
  return { placement, placed: text, edit: placeText(report, placement, text) };
}

/** An unknown --template / template id: a usage error, not a failed rewrite. */
export class UnknownTemplateError extends Error {}

export function templateFor(
  report: Report,
  templateId?: string,
): { template: ReportTemplate; why: string; alternatives: ReportTemplate[]; refused?: string } {
  if (templateId !== undefined) {
    const template = templateById(templateId);
    if (!template) throw new UnknownTemplateError(`unknown template '${templateId}'`);
    return { template, why: 'chosen by the user', alternatives: [] };
  }
  return chooseTemplate(report);
}

/** The template a restructure uses, as the editor shows it before (TemplateChoiceRequest) and after (Rewrite.template). */
export const templateChoice = (report: Report, templateId?: string): TemplateChoice => choiceOf(templateFor(report, templateId));

function choiceOf({ template, why, alternatives, refused }: ReturnType<typeof templateFor>): TemplateChoice {
  const others = alternatives.map((t) => ({ id: t.id, name: t.name }));
  return { id: template.id, name: template.name, why, alternatives: others, ...(refused ? { refused } : {}) };
}

/** The deterministic rewrite of a report, verified. */
export function rewrite(kind: RewriteKind, analysis: Analysis, options: RewriteOptions = {}): Rewrite {
  return ENGINE[kind].rewrite(analysis, options);
}

/**
 * The engine's half of each rewrite kind (rewrite/kinds.ts has the names, commands and LLM prompt):
 * the deterministic rewrite, and what the findings verifier asks of any rewrite of that kind beside
 * the clause reading every kind passes (verify() below).
 */
interface KindEngine {
  rewrite(analysis: Analysis, options: RewriteOptions): Rewrite;
  /** The findings verifier's verdict, and the kind's own further reasons in `details`. */
  verify(analysis: Analysis, output: string, mode: 'verbatim' | 'reworded', details: VerifyReason[], parsed?: Report): Verification;
}

const ENGINE: Record<RewriteKind, KindEngine> = {
  restructure: {
    rewrite(analysis, options) {
      const kind = 'restructure';
      const { report } = analysis;
      const chosen = templateFor(report, options.templateId);
      const { template, refused } = chosen;
      const common = { fillPertinentNegatives: options.fillPertinentNegatives ?? false, understanding: analysis.understanding };
      const plain = restructure(report, template, { ...common, fields: 'plain' });
      // A template for another modality or body part is refused, not used (the user may still pick one).
      const refusal = refused ? refusedFor(report, refused) : null;
      return {
        kind,
        text: plain.text,
        snippet: refusal ? undefined : restructure(report, template, { ...common, fields: 'snippet' }).text,
        ...placed(report, { at: 'report' }, plain.text),
        replacesImpression: false,
        template: choiceOf(chosen),
        verification: refusal ?? verify(kind, analysis, plain.text),
        by: 'rules',
      };
    },
    verify: (analysis, output, mode, _details, parsed) =>
      verifyRewrite(analysis, output, { kind: 'restructure', mode, additionMarker: PERTINENT_NEGATIVE_MARK, parsed }),
  },
  impression: {
    rewrite(analysis, options) {
      const kind = 'impression';
      const { report } = analysis;
      // Over an old impression, a drafted item that only says again one of its items goes when the verifier takes that.
      const accepts = (d: ImpressionDraft) =>
        verify(kind, analysis, applyEdit(report.text, placed(report, draftPlacement(d), d.text).edit!)).ok;
      const draft = draftImpression(report, analysis.understanding, { includeMinor: options.includeMinor ?? false, accepts });
      const where = placed(report, draftPlacement(draft), draft.text);
      const text = applyEdit(report.text, where.edit!);
      // A findings statement the draft can neither call normal nor list: refused, the verifier has nothing to add.
      const verification = draft.refused ? refusedFor(report, draft.refused) : verify(kind, analysis, text);
      return { kind, text, ...where, replacesImpression: draft.replaces !== null, verification, by: 'rules' };
    },
    verify: (analysis, output, mode, _details, parsed) => verifyRewrite(analysis, output, { kind: 'impression', mode, parsed }),
  },
  summary: {
    rewrite(analysis, options) {
      const kind = 'summary';
      const { report } = analysis;
      const { summary, verification } = summarizeChecked(report, analysis.understanding, (text) => verify(kind, analysis, text));
      return {
        kind,
        text: summary.text,
        ...placed(report, { at: options.summaryPlacement === 'section' ? 'end' : 'beside', header: 'PATIENT SUMMARY' }, summary.text),
        replacesImpression: false,
        grade: summary.grade,
        glossary: summary.glossary,
        verification,
        by: 'rules',
      };
    },
    verify(analysis, output, mode, details) {
      // For a summary also: no advice the report does not give, plain enough, and not while the report has an unresolved error.
      const unresolved = unresolvedError(analysis);
      if (unresolved)
        details.push({ message: `not offered while the report has an unresolved error: ${unresolved.message}`, source: unresolved });
      // The summary's findings are named in brackets; layToReport turns them back into report sentences to compare.
      // (The summary's quoted pieces are read once, for both the text compared with and the headless check.)
      const pieces = quotedPieces(analysis, output);
      const findings = verifyRewrite(analysis.analysisOf(summarySource(analysis, output, pieces)), layToReport(output), {
        kind: 'summary',
        mode: 'reworded',
      });
      for (const r of lintSummary(output, analysis.report.text)) details.push({ message: r });
      for (const piece of headlessPieces(analysis, pieces))
        details.push({ message: `quotes "${piece.quote}" without what it qualifies: "${piece.head}"`, source: piece.sentence });
      // The report's own words, quoted as such, read at the report's grade: only the summary's words are graded.
      const own = output.split(/\n\s*Words in your report/i)[0].replace(/^The report (?:also )?says: ".*"$/gm, '');
      const grade = gradeOf(own);
      if (mode === 'reworded' && grade > MAX_SUMMARY_GRADE)
        details.push({ message: `reads at grade ${grade.toFixed(1)} (at most ${MAX_SUMMARY_GRADE})` });
      return findings;
    },
  },
};

/**
 * A rewrite its writer refused before the verifier ran (a template for another body part, an impression
 * it cannot draft), for every kind alike: an empty or non-imaging document is told that, the real reason,
 * and not what the writer tripped on in it.
 */
function refusedFor(report: Report, why: string): Verification {
  const none = unrewritable(report);
  const message = none ?? why;
  return { ok: false, reasons: [message], details: [{ message, ...(none ? { unrewritable: true as const } : {}) }] };
}

/** The highest reading grade a summary may have (NIH: at most 8th grade; the AMA aims at 6th). */
export const MAX_SUMMARY_GRADE = 8;

/**
 * The one gate every rewrite passes before it is offered, whoever wrote it: the findings comparison
 * (verify.ts: no finding dropped or added, no side, size or unit changed) and, separately, the clause
 * reading that does not need the lexicon to know a finding (verify-clauses.ts), and what the kind
 * asks beside (ENGINE above). Either rejects alone. `output` is the whole rewritten report
 * (restructure, impression) or the summary.
 */
export function verify(kind: RewriteKind, analysis: Analysis, output: string, mode: 'verbatim' | 'reworded' = 'verbatim'): Verification {
  const details: VerifyReason[] = [];
  const significantAt = significantOf(analysis.understanding).map((f) => ({ start: f.start, end: f.end }));
  // A rewritten report is parsed once for both layers (a summary is read line by line).
  const parsed = kind === 'summary' ? undefined : parseRejoined(output);
  const clauses = checkClauses(
    kind,
    analysis.report,
    output,
    {
      additionMarker: PERTINENT_NEGATIVE_MARK,
      summaryBoilerplate: SUMMARY_FIXED_LINES,
      presentAt: analysis.understanding.findings.filter((f) => !f.normal && (f.assertion === 'present' || f.assertion === 'possible')),
      // (With the sentences they lean on: toldAsWritten hands them out with their referents.)
      toldAsWritten:
        kind === 'summary' ? [...toldAsWritten(analysis.report, analysis.understanding)].map((i) => analysis.report.sentences[i]) : [],
    },
    significantAt,
    parsed,
  );
  // A document no rewrite applies to is told that alone, whatever else is wrong.
  if (clauses.some((r) => r.unrewritable)) return { ok: false, reasons: clauses.map((r) => r.message), details: clauses };
  const findings = ENGINE[kind].verify(analysis, output, mode, details, parsed);
  details.unshift(...findings.reasons.map((message) => ({ message })));
  details.push(...clauses);
  const reasons = [...new Set(details.map((d) => d.message))];
  return { ok: reasons.length === 0, reasons, details };
}

/**
 * The text a summary's findings are compared with. What it must tell, under IMPRESSION: the impression, every
 * significant finding the findings state, what the findings state alone, and every sentence the summary writer tells
 * in the report's own words (summary-quoted.ts toldAsWritten, with the sentences they lean on) — read from the report,
 * never from the summary, so a quote the summary leaves out is still asked for. What it may tell beside, under
 * FINDINGS: the sentences it quotes word for word or names a report term of (a quote adds nothing).
 */
function summarySource(analysis: Analysis, output: string, pieces: readonly QuotedPiece[]): string {
  const { report, understanding } = analysis;
  const impression = sectionOf(report, 'impression');
  if (!impression || impression.body.end <= impression.body.start) return report.text;
  const said = new Set(report.sentences.map((s, i) => (s.section === report.sections.indexOf(impression) ? i : -1)).filter((i) => i >= 0));
  for (const f of significantOf(understanding)) if (f.section === 'findings') said.add(f.sentenceIndex);
  // And a finding the findings state alone, minor ones too (summary-quoted.ts findingsOnly): the summary tells it.
  for (const f of findingsOnly(report, understanding)) said.add(f.sentenceIndex);
  // And the size or extent the findings give a finding the impression restates without it (detailsRestated).
  for (const i of detailsRestated(report, understanding)) said.add(i);
  // And what plain words would misstate, told as written (the writer's own choice of quotes, from the report; with the
  // sentences they lean on: toldAsWritten adds them, and reads them once per report and understanding itself: rev16 #9).
  for (const i of toldAsWritten(report, understanding)) said.add(i);
  const quotes = [...output.matchAll(/^\s*The report (?:also )?says:? ["“]([^"”]+)["”]\s*$/gm)].map((m) => squash(m[1]));
  // And every sentence holding, word for word, a report term a line names in brackets ("There is calcium in the
  // arteries of the heart (atherosclerotic plaques)"): what the summary tells is read where the report says it.
  const terms = [...output.matchAll(/^\s*-[^\n]*\(([^()\n]{4,})\)/gm)].map((m) => squash(m[1]));
  const findings = sectionOf(report, 'findings');
  const beside = new Set<number>();
  report.sentences.forEach(
    (s, i) =>
      findings &&
      s.section === report.sections.indexOf(findings) &&
      terms.some((t) => t.trim() && squash(s.text).includes(t)) &&
      beside.add(i),
  );
  report.sentences.forEach((s, i) => quotes.some((q) => q.trim() && squash(s.text).includes(q)) && beside.add(i));
  const lines = (set: Set<number>) =>
    [...set]
      .sort((a, b) => a - b)
      .map((i) => stripListNumber(report.sentences[i].text))
      .join('\n');
  // A quoted piece of a sentence ("but no CT evidence of acute diverticulitis.") tells the finding it qualifies too.
  for (const piece of pieces) said.add(piece.index);
  const extra = new Set([...beside].filter((i) => !said.has(i)));
  return `IMPRESSION:\n${lines(said)}\n${extra.size ? `FINDINGS:\n${lines(extra)}\n` : ''}`;
}

// Bare words with a space at each end, so a whole-word search is an includes().
const squash = (t: string) => ` ${bareWords(t)} `;
// A summary line quoting the report, with or without a dash before it.
const QUOTE_LINE = /^\s*(?:-\s*)?The report (?:also )?says:? ["“]([^"”]+)["”]\s*$/gm;
// Words that open a sentence without saying anything of their own: what stands before a quoted piece that is only
// these ("Also, ", "In addition there is", "Impression: 1.") leaves nothing out.
const OPENERS = new Set(
  'a an the and also in addition additionally otherwise however furthermore moreover incidentally again noted there is are was were seen identified impression findings conclusion it this these of with'.split(
    ' ',
  ),
);

interface QuotedPiece {
  quote: string;
  index: number;
  sentence: Report['sentences'][number];
  /** What the sentence says before the quoted piece, as written. */
  head: string;
  /** Another quote of the summary holds part of that head. */
  headQuoted: boolean;
}

/**
 * The summary's quotes that are a later piece of one of the report's sentences (its head, the finding the piece
 * qualifies, left out of the quote): "Sigmoid diverticulosis, but no CT evidence of acute diverticulitis." quoted from
 * "but no …". A quote that is a whole sentence anywhere in the report is no piece.
 */
function quotedPieces(analysis: Analysis, output: string): QuotedPiece[] {
  const { report } = analysis;
  const quotes = [...new Set([...output.matchAll(QUOTE_LINE)].map((m) => squash(m[1])))].filter((q) => q.trim());
  const pieces: QuotedPiece[] = [];
  for (const q of quotes) {
    const whole = report.sentences.some((s) => squash(stripListNumber(s.text)) === q);
    if (whole) continue;
    report.sentences.forEach((sentence, index) => {
      const text = squash(stripListNumber(sentence.text));
      const at = text.indexOf(q);
      if (at <= 0) return;
      const headWords = text.slice(0, at).trim().split(' ');
      if (!headWords.some((w) => /[a-z]{3,}/.test(w) && !OPENERS.has(w))) return;
      const headQuoted = quotes.some((o) => o !== q && text.includes(o) && text.indexOf(o) < at);
      const written = stripListNumber(sentence.text);
      pieces.push({ quote: q.trim(), index, sentence, head: written.slice(0, headLength(written, headWords.length)).trim(), headQuoted });
    });
  }
  return pieces;
}

/** How many characters of `text` its first `words` words take (to show the head as the report writes it). */
function headLength(text: string, words: number): number {
  const re = /[A-Za-z0-9]+/g;
  let end = 0;
  for (let n = 0; n < words; n++) {
    const m = re.exec(text);
    if (!m) break;
    end = m.index + m[0].length;
  }
  return end;
}

/**
 * A quoted piece whose head says something the lexicon does not know and no quote holds: the head is dropped, and the
 * findings comparison cannot see it ("Moderate stool burden throughout the colon, but no evidence of obstruction.").
 * A head with a finding the reader knows is asked for by the findings comparison (summarySource adds its sentence).
 */
function headlessPieces(analysis: Analysis, pieces: readonly QuotedPiece[]): QuotedPiece[] {
  return pieces.filter((piece) => {
    if (piece.headQuoted) return false;
    const headEnd = piece.sentence.start + (piece.sentence.text.length - stripListNumber(piece.sentence.text).length) + piece.head.length;
    return !analysis.understanding.findings.some((f) => f.sentenceIndex === piece.index && f.start < headEnd);
  });
}

/** An error-level problem (a side conflict) or a critical finding left out of the impression. */
function unresolvedError(analysis: Analysis): Problem | undefined {
  return analysis.problems.find(
    (p) => p.severity === 'error' || (p.rule === 'impression-omission' && p.message.startsWith('Critical finding')),
  );
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}
