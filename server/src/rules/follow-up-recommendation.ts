import type { Report } from '../report/types';
import { agrees, analyse, type CaseResult } from '../guidelines/check';
import { FOLLOW_UP_RULE, followUpOptionsSchema } from '../guidelines/options';
import type { Fix, Problem } from '../problem';
import { defineRule } from './types';
import { reportRecommends } from './said';

// Snippet syntax: $, } and \ are literal only when escaped.
const snippetEscape = (s: string) => s.replace(/[$}\\]/g, (c) => `\\${c}`);

/** The sentence a quick fix writes: the recommendation and its source; a field to choose where rows differ. */
export function fixSentence(res: CaseResult): { text: string; snippet: boolean } {
  const r = res.recommendation;
  const g = res.case.guideline;
  const ref = `${g.short}; ${g.reference}`;
  if (r.rows.length === 1) {
    const q = r.rows[0].qualifier ? `, ${r.rows[0].qualifier}` : '';
    const rec = r.rows[0].recommendation;
    return { text: `Recommendation for the ${r.description}${q}: ${rec[0].toUpperCase()}${rec.slice(1)} (${ref}).`, snippet: false };
  }
  const choices = r.rows.map((row) => `${row.qualifier || row.label}: ${row.recommendation}`).join(' | ');
  return {
    text: `Recommendation for the ${snippetEscape(r.description)}: \${1:${snippetEscape(choices)}} (${snippetEscape(ref)}).`,
    snippet: true,
  };
}

function insertionFix(report: Report, res: CaseResult): Fix {
  const { text, snippet } = fixSentence(res);
  const eol = report.eol;
  const impressions = report.sections.filter((s) => s.kind === 'impression');
  const impression = impressions[impressions.length - 1];
  let at: number;
  let newText: string;
  if (impression) {
    at = impression.body.end;
    const n = impression.items.length;
    newText = n ? `${eol}${n + 1}. ${text}` : impression.body.end > impression.body.start ? `${eol}${text}` : ` ${text}`;
  } else {
    at = report.text.replace(/\s+$/, '').length;
    newText = `${eol}${eol}RECOMMENDATION: ${text}`;
  }
  return {
    title: `Add the ${res.case.guideline.short} recommendation to the impression`,
    edits: [{ start: at, end: at, newText }],
    applicability: 'unsafe',
    isPreferred: true,
    ...(snippet ? { snippet: true } : {}),
  };
}

export const followUpRecommendation = defineRule({
  id: FOLLOW_UP_RULE,
  options: followUpOptionsSchema,
  category: 'guideline',
  severity: 'info',
  description:
    'An incidental finding a published guideline covers (Fleischner, Lung-RADS, ACR incidental findings, SRU/O-RADS) without the recommendation it calls for, or with one that disagrees.',
  check(context) {
    const { report } = context;
    const u = context.analysis.understanding;
    const results = analyse(report, u, context.options);
    const problems: Problem[] = [];
    for (const res of results) {
      const { anchor, guideline } = res.case;
      const r = res.recommendation;
      const base = {
        rule: this.id,
        category: this.category,
        start: anchor.start,
        end: anchor.end,
        finding: anchor.finding,
        ...(anchor.side ? { side: anchor.side } : {}),
      };
      if (res.verdict === 'missing') {
        problems.push({
          ...base,
          severity: 'info',
          message: `No follow-up recommendation. ${r.text} (${guideline.reference}).`,
          fixes: [insertionFix(report, res)],
        });
      } else if (res.verdict === 'disagree') {
        const said = res.said.filter((s) => agrees(s, r.rows) === false);
        problems.push({
          ...base,
          severity: 'warning',
          message: `The report ${reportRecommends(said[0].text)}; ${r.text} (${guideline.reference}).`,
          related: said.map((s) => ({ start: s.start, end: s.end, message: 'The report\u2019s recommendation' })),
        });
      }
    }
    return problems;
  },
});
