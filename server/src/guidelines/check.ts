// A report against the guidelines: for each finding a guideline covers, what the guideline
// recommends, which of the report's recommendation sentences speak of it, and whether they agree.
import { sectionIndexAt, type Report } from '../report';
import type { Finding, Understanding } from '../nlp/types';
import { extractCases, mayConcern, subjectMatches, type ExtractOptions, type GuidelineCase } from './facts';
import { findFollowUps, type SaidFollowUp } from './followups';
import { GUIDELINES, evaluate, followUpAgrees, urgencyOf, type Guideline, type Recommendation, type Row } from './index';
import { escapeRegExp as escape } from '../report/regex';

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

const NAMES: ReadonlyMap<string, RegExp> = new Map(
  GUIDELINES.map((g) => [g.id, new RegExp(String.raw`\b(?:${g.words.map(escape).join('|')})\b`, 'i')]),
);

/** The guidelines a recommendation sentence names, by word or by a finding mentioned in it. */
function namedBy(said: SaidFollowUp, inSentence: readonly Finding[]): { ids: Set<string>; other: boolean } {
  const ids = new Set<string>();
  const mentioned = inSentence.filter((f) => f.assertion === 'present' || f.assertion === 'possible');
  // A sentence naming several findings ("... nodules in both lungs. Left adrenal mass (dynamic MRI recommended)"):
  // the recommendation is about the finding named just before its words, else the first after them.
  if (new Set(mentioned.map((f) => f.concept)).size > 1) {
    const at = said.start + said.at;
    const before = mentioned.filter((f) => f.end <= at);
    const f = before.length ? before[before.length - 1] : mentioned.find((x) => x.start >= at);
    if (f) {
      for (const g of GUIDELINES) if (subjectMatches(g.id, f.concept, said.text)) ids.add(g.id);
      return { ids, other: ids.size === 0 };
    }
  }
  for (const g of GUIDELINES) if (NAMES.get(g.id)!.test(said.text)) ids.add(g.id);
  for (const f of inSentence) {
    for (const g of GUIDELINES) if (subjectMatches(g.id, f.concept, said.text)) ids.add(g.id);
  }
  return { ids, other: false };
}

// Both lung guidelines speak of the same nodules.
const family = (id: string) => (id === 'lung-rads-2022' ? 'fleischner-2017' : id);

/** Whether a recommendation agrees with some row. Empty options cannot be compared, unless deferring to the guideline. */
export function agrees(said: SaidFollowUp, rows: readonly Row[]): boolean | null {
  // A category the report names must be the row's (4X: a 3 or 4 with suspicious features).
  if (said.category && rows.some((r) => r.category)) {
    const ok = rows.some((r) => r.category === said.category || (said.category === '4X' && /^(3|4A|4B)$/.test(r.category ?? '')));
    if (!ok) return false;
  }
  if (!said.options.length) return said.category || said.deferred ? true : null;
  const first = rows.filter((r) => r.accepts.some((a) => said.options.some((o) => followUpAgrees(o, a))));
  if (!first.length) return false;
  // Later conditional steps are the row's own sequence: each must be one the row gives, where it gives them.
  const sequenced = first.filter((r) => r.then);
  if (!sequenced.length || !said.later.length) return true;
  return said.later.every((step) => sequenced.some((r) => r.then!.some((a) => step.some((o) => followUpAgrees(o, a)))));
}

/** Whether a recommendation could be about a guideline's finding at all: a modality some row accepts. */
function couldConcern(said: SaidFollowUp, g: Guideline): boolean {
  const modalities = said.options.flatMap((o) => (o.action === 'imaging' ? (o.modality ?? []) : []));
  if (!modalities.length) return true;
  return g.rows.some((r) =>
    r.accepts.some((a) => a.action === 'imaging' && (!a.modality || a.modality.some((m) => modalities.includes(m)))),
  );
}

/** Every guideline case of the report, judged. */
export function analyse(report: Report, u: Understanding, options: ExtractOptions = {}): CaseResult[] {
  if (!mayConcern(u)) return [];
  const cases = extractCases(report, u, options);
  if (!cases.length) return [];
  const followUps = findFollowUps(report);
  // Findings by sentence, built once: a long document has thousands of both.
  const bySentence = new Map<number, Finding[]>();
  for (const f of u.findings) {
    const list = bySentence.get(f.sentenceIndex);
    if (list) list.push(f);
    else bySentence.set(f.sentenceIndex, [f]);
  }
  const named = followUps.map((s) => namedBy(s, bySentence.get(s.sentenceIndex) ?? []));
  const names = named.map((n) => n.ids);
  // A sentence naming some other finding ("chest radiograph in 6 weeks for the pneumonia") is about that one.
  const namesOther = followUps.map((s, i) => named[i].other || (names[i].size === 0 && bySentence.has(s.sentenceIndex)));
  const recommendations = cases.map((c) => evaluate(c.guideline, c.facts));
  const mentionSentences = cases.map((c) => new Set(c.mentions.map((m) => m.sentenceIndex)));
  const adjacent = (s: SaidFollowUp, k: number) => mentionSentences[k].has(s.sentenceIndex) || mentionSentences[k].has(s.sentenceIndex - 1);
  // A recommendation that names no finding is about the one finding a guideline covers in scope, or
  // the most suspicious of several (Fleischner: manage by the most suspicious nodule).
  const inScope = cases.map((_, k) => k).filter((k) => recommendations[k].status === 'recommend');
  // Where the recommendation's section names other findings too, a recommendation naming none may be about
  // them: it binds then only to a finding that needs follow-up.
  const covered = new Set(cases.flatMap((c) => c.mentions));
  let othersIn: Set<number> | undefined; // the sections holding such other findings, found once
  const othersBeside = (s: SaidFollowUp) => {
    othersIn ??= new Set(
      u.findings
        .filter((f) => (f.assertion === 'present' || f.assertion === 'possible') && !covered.has(f))
        .map((f) => sectionIndexAt(report.sections, f.start)),
    );
    return othersIn.has(sectionIndexAt(report.sections, s.start));
  };
  const bound = followUps.map((s, i) => {
    if (names[i].size || namesOther[i] || cases.some((_, k) => adjacent(s, k))) return -1;
    const fits = inScope.filter((k) => couldConcern(s, cases[k].guideline) && !(recommendations[k].noneAcceptable && othersBeside(s)));
    if (!fits.length) return -1;
    return fits.reduce((best, k) => (urgencyOf(recommendations[k].rows) < urgencyOf(recommendations[best].rows) ? k : best));
  });
  const results: CaseResult[] = [];
  cases.forEach((c, k) => {
    const recommendation = recommendations[k];
    const id = family(c.guideline.id);
    const said: SaidFollowUp[] = [];
    let elsewhere = false;
    followUps.forEach((s, i) => {
      const ids = new Set([...names[i]].map(family));
      const boundHere = bound[i] >= 0 && family(cases[bound[i]].guideline.id) === id;
      // Unnamed beside the finding: about it, unless it names another finding or a modality the guideline never
      // uses ("correlation with US" beside a lung nodule).
      const beside = ids.size === 0 && !namesOther[i] && adjacent(s, k) && couldConcern(s, c.guideline);
      if (ids.has(id) || beside || boundHere) said.push(s);
      else if (ids.size === 0 && !namesOther[i]) elsewhere = true;
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
  });
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
