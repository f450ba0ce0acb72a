// `radlint findings --format text`: what the engine understood, for people (scripts read the JSON).
// The patient and exam first; then one line per finding mention, except that the findings one normal
// statement denies ("No acute cardiopulmonary process" denies sixteen) share one line.
import { rangeOf, type Report } from '../report';
import { understand, urgencyOf, type Finding, type Understanding } from '../nlp';

function patientAndExam({ patient, exam }: Understanding): string {
  const who = [patient.sex ?? 'sex not stated', patient.age === null ? 'age not stated' : `${patient.age} years`].join(', ');
  const what = [exam.modality, exam.bodyPart].filter(Boolean).join(' ') || 'not stated';
  return `patient: ${who} · exam: ${what}${exam.side ? `, ${exam.side}` : ''}`;
}

/** Mentions printed on one line: one alone, or the denials of one normal statement. */
function lines(findings: readonly Finding[]): Finding[][] {
  const groups: Finding[][] = [];
  const byStatement = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.normal && !f.measurements.length ? [f.start, f.end, f.assertion, f.side, ...f.site].join('|') : null;
    const group = key === null ? undefined : byStatement.get(key);
    if (group) group.push(f);
    else {
      const alone = [f];
      groups.push(alone);
      if (key !== null) byStatement.set(key, alone);
    }
  }
  return groups;
}

/** The text lines for one report, without the path. */
export function findingsText(report: Report, understanding: Understanding = understand(report)): string[] {
  return [
    patientAndExam(understanding),
    ...lines(understanding.findings).map((group) => {
      const f = group[0];
      const at = rangeOf(report.lineStarts, f).start;
      const names = group.map((g) => g.finding).join(', ');
      const parts = group.length > 1 ? [`${group.length} findings · ${f.assertion} (normal statement): ${names}`] : [names, f.assertion];
      if (f.side) parts.push(f.side);
      if (f.site.length) parts.push(f.site.join(', '));
      for (const m of f.measurements) parts.push(`${m.value.join(' x ')} ${m.unit}`);
      const urgency = urgencyOf(f);
      if (urgency) parts.push(`critical: ${urgency}`);
      return `${at.line + 1}:${at.character + 1}\t${parts.join(' · ')}\t[${f.section}] "${report.text.slice(f.start, f.end)}"`;
    }),
  ];
}
