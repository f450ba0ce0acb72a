// The current critical findings of a report, shared by the critical rules.
import type { Report } from '../../report/types';
import { understandingOf, type Finding, type Urgency } from '../../nlp';
import type { RuleContext } from '../types';
import { malpositionedTubes } from './malposition';

/** User overrides by finding name: an urgency makes it critical, 'none' takes it off the list. */
export type CriticalOverrides = Record<string, Urgency | 'none'>;

// Words saying a finding is already known: not a new result to call about, unless it is immediately
// life-threatening (a known tension pneumothorax is still an emergency).
const ALREADY_KNOWN = /\b(stable|unchanged|known|again (seen|noted|demonstrated)|redemonstrat\w*|persistent|persists|decreas\w*|improv\w*|resolving|smaller|similar|previously (seen|described|noted)|no (significant )?change)\b/i;

export interface CriticalFinding {
  finding: Finding;
  urgency: Urgency;
  /** Called stable, unchanged or known, and not immediately life-threatening: no new call needed. */
  known: boolean;
}

export function criticalOverrides(context: RuleContext): CriticalOverrides {
  const raw = context.options['critical'];
  return raw && typeof raw === 'object' ? (raw as CriticalOverrides) : {};
}

/** Present or suspected, current critical findings: denials, history and questions do not count. */
export function currentCriticalFindings(report: Report, context: RuleContext): CriticalFinding[] {
  const memo = context.memo.get('critical-findings') as CriticalFinding[] | undefined;
  if (memo) return memo;
  const overrides = criticalOverrides(context);
  const found: CriticalFinding[] = [];
  const findings = understandingOf(report, context).findings;
  for (const finding of [...findings, ...malpositionedTubes(report, findings)]) {
    const override = overrides[finding.finding];
    const urgency = override === 'none' ? null : override ?? finding.critical;
    if (!urgency) continue;
    if (finding.assertion !== 'present' && finding.assertion !== 'possible') continue;
    if (finding.section === 'history' || finding.section === 'comparison' || finding.section === 'exam') continue;
    const sentence = report.sentences[finding.sentenceIndex]?.text ?? '';
    found.push({ finding, urgency, known: urgency !== 'minutes' && ALREADY_KNOWN.test(sentence) });
  }
  context.memo.set('critical-findings', found);
  return found;
}

export const URGENCY_WORDS: Record<Urgency, string> = {
  minutes: 'communicate within minutes (immediate threat to life)',
  hours: 'communicate within hours (urgent)',
  days: 'communicate within days (unexpected, needs action)',
};
