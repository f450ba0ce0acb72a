// A report against the guidelines: for each finding a guideline covers, what the guideline
// recommends, which of the report's recommendation sentences speak of it, and whether they agree.
import type { Report } from '../report/types';
import type { Finding, Understanding } from '../nlp/types';
import { extractCases, mayConcern, subjectMatches, type ExtractOptions, type GuidelineCase } from './facts';
import { findFollowUps, type SaidFollowUp } from './followups';
import { GUIDELINES, evaluate, followUpAgrees, type Guideline, type Recommendation, type Row } from './index';

export type Verdict =
  /** The guideline calls for follow-up and the report says none. */
  | 'missing'
  /** The report's recommendation differs from every row. */
  | 'disagree'
  | 'agree'
  /** The report recommends something the rows cannot be compared with ("follow-up as indicated"), or elsewhere. */
  | 'unclear'
  /** No recommendation, and the guideline accepts none. */
  | 'none-needed'
  | 'out-of-scope'
  | 'no-row';

export interface CaseResult {
  case: GuidelineCase;
  recommendation: Recommendation;
  /** Recommendation sentences about this finding. */
  said: SaidFollowUp[];
  verdict: Verdict;
}

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NAMES: ReadonlyMap<string, RegExp> = new Map(
  GUIDELINES.map((g) => [g.id, new RegExp(String.raw`\b(?:${g.words.map(escape).join('|')})\b`, 'i')]),
);

/** The guidelines a recommendation sentence names, by word or by a finding mentioned in it. */
function namedBy(said: SaidFollowUp, findingsBySentence: ReadonlyMap<number, Finding[]>): Set<string> {
  const out = new Set<string>();
  for (const g of GUIDELINES) if (NAMES.get(g.id)!.test(said.text)) out.add(g.id);
  for (const f of findingsBySentence.get(said.sentenceIndex) ?? []) {
    for (const g of GUIDELINES) if (subjectMatches(g.id, f.concept, said.text)) out.add(g.id);
  }
  return out;
}

// Both lung guidelines speak of the same nodules.
const family = (id: string) => (id === 'lung-rads-2022' ? 'fleischner-2017' : id);

/** Whether a recommendation sentence agrees with some row. Empty options cannot be compared. */
export function agrees(said: SaidFollowUp, rows: readonly Row[]): boolean | null {
  // A category the report names must be the row's (4X: a 3 or 4 with suspicious features).
  if (said.category && rows.some((r) => r.category)) {
    const ok = rows.some((r) => r.category === said.category || (said.category === '4X' && /^(3|4A|4B)$/.test(r.category ?? '')));
    if (!ok) return false;
  }
  if (!said.options.length) return said.category ? true : null;
  return rows.some((r) => r.accepts.some((a) => said.options.some((o) => followUpAgrees(o, a))));
}

/** Every guideline case of the report, judged. */
export function analyse(report: Report, u: Understanding, options: ExtractOptions = {}): CaseResult[] {
  if (!mayConcern(u)) return [];
  const cases = extractCases(report, u, options);
  if (!cases.length) return [];
  const followUps = findFollowUps(report);
  // Indexed once, so a long document costs its length, not sentences x findings.
  const bySentence = new Map<number, Finding[]>();
  for (const f of u.findings) {
    const list = bySentence.get(f.sentenceIndex);
    if (list) list.push(f);
    else bySentence.set(f.sentenceIndex, [f]);
  }
  const names = followUps.map((s) => namedBy(s, bySentence));
  const results: CaseResult[] = [];
  for (const c of cases) {
    const recommendation = evaluate(c.guideline, c.facts);
    const id = family(c.guideline.id);
    const mentionSentences = new Set(c.mentions.map((m) => m.sentenceIndex));
    const said: SaidFollowUp[] = [];
    let elsewhere = false;
    followUps.forEach((s, i) => {
      const named = new Set([...names[i]].map(family));
      const adjacent = mentionSentences.has(s.sentenceIndex) || mentionSentences.has(s.sentenceIndex - 1);
      if (named.has(id) || (named.size === 0 && adjacent)) said.push(s);
      else if (named.size === 0) elsewhere = true;
    });
    let verdict: Verdict;
    if (recommendation.status !== 'recommend') verdict = recommendation.status;
    else if (said.length) {
      const judged = said.map((s) => agrees(s, recommendation.rows));
      // A concrete recommendation that contradicts the table is worth a warning even beside one that agrees.
      verdict = judged.includes(false) ? 'disagree' : judged.includes(true) ? 'agree' : 'unclear';
    } else if (elsewhere) verdict = 'unclear';
    else verdict = recommendation.noneAcceptable ? 'none-needed' : 'missing';
    results.push({ case: c, recommendation, said, verdict });
  }
  return results;
}

/** What the hover shows for a finding: the guideline, its row(s), or why it is silent. */
export interface GuidelineExplanation {
  guideline: { id: string; name: string; short: string; year: number; citation: string; source: string };
  status: Recommendation['status'];
  /** Why the guideline is silent (out of scope, or a fact missing). */
  reason?: string;
  rows: { label: string; recommendation: string; category?: string }[];
  /** One line, as the diagnostic would say it. */
  text: string;
  verdict: Verdict;
  /** Markdown for a hover: the row(s) or the reason, and the citation. */
  markdown: string;
}

function markdownOf(g: Guideline, r: Recommendation): string {
  const lines = [`**${g.name}** (${g.year})`, ''];
  if (r.status === 'recommend') {
    for (const row of r.rows) lines.push(`- ${row.label}${row.category ? ` (category ${row.category})` : ''}: ${row.recommendation}`);
  } else lines.push(`Silent: ${r.reason}`);
  lines.push('', `_${g.citation}_`);
  return lines.join('\n');
}

/**
 * The guideline explanation for the finding at an offset (a hover), or null when no guideline
 * covers a finding there. Pure: give it the report and its understanding.
 */
export function explainAt(report: Report, u: Understanding, offset: number, options: ExtractOptions = {}): GuidelineExplanation | null {
  const hit = (f: Finding) => offset >= f.start && offset <= f.end;
  if (!u.findings.some(hit)) return null;
  const order = { recommend: 0, 'no-row': 1, 'out-of-scope': 2 };
  const results = analyse(report, u, options)
    .filter((res) => res.case.mentions.some(hit))
    .sort((a, b) => order[a.recommendation.status] - order[b.recommendation.status]);
  for (const res of results) {
    const g = res.case.guideline;
    const r = res.recommendation;
    return {
      guideline: { id: g.id, name: g.name, short: g.short, year: g.year, citation: g.citation, source: g.source },
      status: r.status,
      reason: r.reason,
      rows: r.rows.map((row) => ({ label: row.label, recommendation: row.recommendation, category: row.category })),
      text: r.text,
      verdict: res.verdict,
      markdown: markdownOf(g, r),
    };
  }
  return null;
}
