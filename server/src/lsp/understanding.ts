// "Show what RadLint understood": the findings table `radlint findings` prints, as Markdown with
// each row linked to its place in the report.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findingsJson } from '../nlp';
import { UnderstandingRequest } from '../protocol';
import type { Analyses } from './documents';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

export function attachUnderstanding(connection: Connection, documents: TextDocuments<TextDocument>, analyses: Analyses): void {
  connection.onRequest(UnderstandingRequest, async (params) => {
    const document = documents.get(params.uri);
    const analysis = document && (await analyses.analysisOf(document));
    if (!analysis) return null;
    const { report } = analysis;
    const json = findingsJson(report, analysis.understanding);
    const { patient, exam } = json;
    const lines = [
      '# What RadLint understood',
      '',
      `Patient: ${patient.sex ?? 'sex not stated'}, ${patient.age !== null ? `${patient.age} years` : 'age not stated'}. ` +
        `Exam: ${[exam.modality, exam.bodyPart, exam.side].filter(Boolean).join(' ') || 'not stated'}.`,
      '',
      '| line | finding | assertion | side | site | size | critical | section | text |',
      '|---:|---|---|---|---|---|---|---|---|',
    ];
    analysis.understanding.findings.forEach((f, i) => {
      const row = json.findings[i];
      const line = row.range.start.line + 1;
      const link = `[${line}](${params.uri}#L${line},${row.range.start.character + 1})`;
      const size = f.measurements.map((m) => `${m.value.join(' × ')} ${m.unit}`).join(', ');
      const values = [f.finding, f.assertion, f.side ?? '', f.site.join(', '), size, row.critical ?? '', f.section];
      lines.push(`| ${link} | ${values.map(cell).join(' | ')} | ${cell(report.text.slice(f.start, f.end))} |`);
    });
    if (analysis.understanding.findings.length === 0) lines.push('', 'No findings were recognised in this report.');
    return { markdown: lines.join('\n') + '\n', findings: analysis.understanding.findings.length };
  });
}
