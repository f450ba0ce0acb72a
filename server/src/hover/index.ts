// What the engine understood where the cursor is: the finding under it (assertion, side, site,
// sizes, critical tier) and the problems that cover it. Pure: an Analysis and an offset in.
import type { Analysis } from '../engine';
import type { Finding } from '../nlp';
import type { Problem } from '../problem';
import type { Span } from '../report/types';
import { glossOfMention } from '../nlp/glossary';
import { explainAt, type GuidelineExplanation } from '../guidelines/check';
import { followUpOptions } from '../guidelines/options';
import { radsAt } from '../guidelines/rads/check';

export interface HoverInfo {
  span: Span;
  finding?: Finding;
  /** The finding in plain words, shared with the patient summary's glossary. */
  gloss?: { lay: string; means: string };
  /** The follow-up guideline's row for the finding, or why the guideline is silent. */
  guideline?: GuidelineExplanation;
  /** A RADS category under the cursor: what it means, its management, the citation. */
  rads?: { markdown: string };
  /** The finding's critical tier when it is a current critical finding of this report. */
  urgency?: 'minutes' | 'hours' | 'days';
  problems: Problem[];
}

const ASSERTION_WORDS: Record<Finding['assertion'], string> = {
  present: 'present',
  absent: 'absent (denied)',
  possible: 'possible',
  historical: 'historical (prior or resolved)',
  hypothetical: 'hypothetical (the clinical question)',
};

export function hoverAt(analysis: Analysis, offset: number): HoverInfo | null {
  const covers = (s: Span) => s.start <= offset && offset <= s.end;
  const finding = analysis.understanding.findings.find(covers);
  const problems = analysis.problems.filter(covers);
  const rads = radsAt(analysis.report, () => analysis.understanding, offset) ?? undefined;
  if (!finding && problems.length === 0 && !rads) return null;
  const urgency = finding ? analysis.critical.find((c) => c.finding === finding)?.urgency : undefined;
  const span = finding ?? rads?.span ?? problems[0];
  const { report, understanding } = analysis;
  const g = finding && glossOfMention(finding.concept, report.text.slice(finding.start, finding.end));
  const gloss = g && { lay: g.lay.replace(/\{side\}\s*/g, ''), means: g.means };
  const guideline = (finding && explainAt(report, understanding, offset, followUpOptions(analysis.settings.ruleOptions))) ?? undefined;
  return {
    span: { start: span.start, end: span.end },
    finding,
    urgency,
    gloss,
    guideline,
    ...(rads ? { rads: { markdown: rads.markdown } } : {}),
    problems,
  };
}

/** One line: "pleural effusion — present · left · lower lobe · 2.3 × 1.5 cm · critical: hours". */
export function describeFinding(finding: Finding, urgency?: string): string {
  const parts = [ASSERTION_WORDS[finding.assertion]];
  if (finding.hedge && finding.assertion === 'possible') parts[0] = `${finding.hedge === 'probable' ? 'probable' : 'possible'}`;
  if (finding.side) parts.push(finding.side);
  if (finding.site.length) parts.push(finding.site.join(', '));
  for (const m of finding.measurements) parts.push(`${m.value.join(' × ')} ${m.unit}`);
  if (urgency) parts.push(`critical: communicate within ${urgency}`);
  return `${finding.finding} — ${parts.join(' · ')}`;
}
