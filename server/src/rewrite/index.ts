// The one door for the rewrites (restructure into a template, draft the impression, patient
// summary): the deterministic result, and the verification every result passes before it is
// offered, whoever wrote it (these rules or an LLM: llm/rewrite.ts uses the same verify()).
import type { Analysis } from '../engine';
import type { Edit } from '../problem';
import { parseReport, sectionOf } from '../report';
import { addSection } from '../report/edit';
import type { Report } from '../report/types';
import { chooseTemplate, templateById, type ReportTemplate } from '../templates';
import { draftEdit, draftImpression } from './impression';
import { layToReport } from './lay-reading';
import { gradeOf } from './readability';
import { PERTINENT_NEGATIVE_MARK, restructure } from './restructure';
import { lintSummary, summarize, type GlossaryLine } from './summary';
import { verifyRewrite, type Verification } from './verify';

export const REWRITE_KINDS = ['restructure', 'impression', 'summary'] as const;
export type RewriteKind = (typeof REWRITE_KINDS)[number];

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
  /** The one edit on the report that puts the result in place; null for a summary shown beside it. */
  edit: Edit | null;
  /** Impression: the edit replaces an impression the report already has (so it needs a preview). */
  replacesImpression: boolean;
  template?: { id: string; name: string; why: string; alternatives: { id: string; name: string }[] };
  /** Summary: Flesch-Kincaid grade and the words explained. */
  grade?: number;
  glossary?: GlossaryLine[];
  verification: Verification;
  by: 'rules' | 'llm';
  /** One line, when an AI answer was not used: why. */
  note?: string;
}

/** An unknown --template / template id: a usage error, not a failed rewrite. */
export class UnknownTemplateError extends Error {}

export function templateFor(
  report: Report,
  templateId?: string,
): { template: ReportTemplate; why: string; alternatives: ReportTemplate[] } {
  if (templateId !== undefined) {
    const template = templateById(templateId);
    if (!template) throw new UnknownTemplateError(`unknown template '${templateId}'`);
    return { template, why: 'chosen by the user', alternatives: [] };
  }
  return chooseTemplate(report);
}

/** The deterministic rewrite of a report, verified. */
export function rewrite(kind: RewriteKind, analysis: Analysis, options: RewriteOptions = {}): Rewrite {
  const { report } = analysis;
  if (kind === 'restructure') {
    const { template, why, alternatives } = templateFor(report, options.templateId);
    const common = { fillPertinentNegatives: options.fillPertinentNegatives ?? false, understanding: analysis.understanding };
    const plain = restructure(report, template, { ...common, fields: 'plain' });
    const snippet = restructure(report, template, { ...common, fields: 'snippet' }).text;
    return {
      kind,
      text: plain.text,
      snippet,
      edit: { start: 0, end: report.text.length, newText: plain.text },
      replacesImpression: false,
      template: { id: template.id, name: template.name, why, alternatives: alternatives.map((t) => ({ id: t.id, name: t.name })) },
      verification: verify(kind, report.text, plain.text),
      by: 'rules',
    };
  }
  if (kind === 'impression') {
    const draft = draftImpression(report, analysis.understanding, { includeMinor: options.includeMinor ?? false });
    const edit = draftEdit(report, draft);
    const text = applyEdit(report.text, edit);
    return { kind, text, edit, replacesImpression: draft.replaces !== null, verification: verify(kind, report.text, text), by: 'rules' };
  }
  const summary = summarize(report, analysis.understanding);
  return {
    kind,
    text: summary.text,
    edit: options.summaryPlacement === 'section' ? addSection(report, 'PATIENT SUMMARY', summary.text) : null,
    replacesImpression: false,
    grade: summary.grade,
    glossary: summary.glossary,
    verification: verify(kind, report.text, summary.text),
    by: 'rules',
  };
}

/** The highest reading grade a summary may have (NIH: at most 8th grade; the AMA aims at 6th). */
export const MAX_SUMMARY_GRADE = 8;

/**
 * Whether `output` may be offered as the rewrite of `source`: no finding dropped or added, no side,
 * size or unit changed; for a summary also no advice the report does not give, and plain enough.
 */
export function verify(kind: RewriteKind, source: string, output: string, mode: 'verbatim' | 'reworded' = 'verbatim'): Verification {
  if (kind === 'restructure') return verifyRewrite(source, output, { kind, mode, additionMarker: PERTINENT_NEGATIVE_MARK });
  if (kind === 'impression') return verifyRewrite(source, output, { kind, mode });
  // A summary speaks of the impression (or of the whole report when it has none), in lay words whose
  // findings are named in brackets; layToReport turns it back into report sentences to compare.
  const report = parseReport(source);
  const impression = sectionOf(report, 'impression');
  const said =
    impression && impression.body.end > impression.body.start
      ? `IMPRESSION:\n${source.slice(impression.body.start, impression.body.end)}\n`
      : source;
  const findings = verifyRewrite(said, layToReport(output), { kind, mode: 'reworded' });
  const reasons = [...findings.reasons, ...lintSummary(output, source)];
  const grade = gradeOf(output.split(/\n\s*Words in your report/i)[0]);
  if (mode === 'reworded' && grade > MAX_SUMMARY_GRADE) reasons.push(`reads at grade ${grade.toFixed(1)} (at most ${MAX_SUMMARY_GRADE})`);
  return { ok: reasons.length === 0, reasons };
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}
