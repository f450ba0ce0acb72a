import {
  DEGREE_ONLY_WORDS,
  CONCEPT_BY_ID,
  NARROWING_WORDS,
  QUALIFIERS,
  STATEMENT_DOMAINS,
  conceptHas,
  coveredBy,
  deniedBy,
  fitsExam,
  sitesAgree,
  type Finding,
} from '../nlp';
import type { Report } from '../report/types';
import { otherOrgan } from '../nlp/normal';
import { isExplained, isMinor } from '../nlp/minor';
import { NORMAL_STATEMENT, conceptOf, impressionStatements, mentionsOf, problemOf, problemsPerPart, type ReportPart } from './consistency';
import type { Fix, Problem } from '../problem';
import { statementFrom } from '../report/edit';
import { defineRule, type Rule } from './types';
import { labelOnly } from '../critical/findings';
import { oppositeInFindings, statedOpposite } from './unsupported-impression';

// Words that narrow a denial (lexicon/relations.json narrowingWords).
const NARROWING_RE = new RegExp(String.raw`\b(${NARROWING_WORDS.join('|')})\b`, 'gi');

function narrowingWords(report: Report, f: Finding, ownItem = false): string[] {
  const text = ownItem ? listItemOf(report, f) : clauseBefore(report, f);
  return [...text.matchAll(NARROWING_RE)].map((m) => m[1].toLowerCase());
}

/**
 * The words of a denied finding's own list item: in "No focal consolidation, suspicious opacity,
 * pneumothorax or definite effusion" the pneumothorax has no qualifier of its own. Without commas
 * a qualifier reaches over "or" ("no suspicious masses or nodules").
 */
function listItemOf(report: Report, f: Finding): string {
  const before = clauseBefore(report, f);
  const comma = before.lastIndexOf(',', before.length - (f.end - f.start));
  return comma >= 0 ? before.slice(comma + 1) : before;
}

const SPREAD_OUT = QUALIFIERS.spreadOut;

/** The words of the finding's clause up to and including it. */
function clauseBefore(report: Report, f: Finding): string {
  const sentence = report.sentences[f.sentenceIndex];
  const before = report.text.slice(sentence ? Math.max(sentence.start, f.start - 80) : f.start, f.end);
  return before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf('.') + 1, 0));
}

function compartmentOf(report: Report, f: Finding): 'airspace' | 'interstitium' | null {
  const sentence = report.sentences[f.sentenceIndex];
  const near = report.text.slice(sentence ? Math.max(sentence.start, f.start - 40) : f.start, f.end);
  return /\binterstiti\w*/i.test(near) ? 'interstitium' : /\b(?:alveolar|air ?space)\b/i.test(near) ? 'airspace' : null;
}

function sidesClash(denied: Finding, present: Finding): boolean {
  // "The right lung is clear" speaks for one side: a finding of no stated side may be on the other.
  if (denied.normal && denied.side && denied.side !== 'bilateral' && !present.side) return false;
  if (!denied.side || !present.side || present.side === 'bilateral' || denied.side === 'bilateral') return true;
  return denied.side === present.side;
}

// The part of the body a "no acute ..." statement speaks for: lexicon/relations.json statementDomains.
function inDomain(statement: string, f: Finding): boolean {
  const group = CONCEPT_BY_ID.get(f.concept)?.group ?? 'general';
  for (const { words, groups } of STATEMENT_DOMAINS) if (words.test(statement)) return groups.includes(group);
  return true;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const findingsImpressionContradiction = defineRule({
  id: 'findings-impression-contradiction',
  category: 'contradiction',
  severity: 'error',
  description: 'Present in one section and denied in the other, or a normal impression over a significant finding.',
  check(context) {
    const { report } = context;
    return problemsPerPart(context, (part) => contradictionsIn(this, report, part));
  },
});

function contradictionsIn(rule: Rule, report: Report, c: ReportPart): Problem[] {
  const { impression } = c;
  const problems: Problem[] = [];
  const reported = new Set<Finding>();

  // 1. Present in one section, denied in the other.
  // "Thrombosis: No thrombus is identified" in a structured report: the label affirms nothing.
  let both: Finding[] | undefined;
  const affirmed = (f: Finding) => f.assertion === 'present' && !labelOnly(report, f, (both ??= [...c.inFindings, ...c.inImpression]));
  const pairs: [Finding[], Finding[]][] = [
    [c.inFindings, c.inImpression],
    [c.inImpression, c.inFindings],
  ];
  const byOwnConcept = (list: Finding[], keep: (f: Finding) => boolean) => {
    const map = new Map<string, Finding[]>();
    for (const f of list) {
      if (!keep(f)) continue;
      const k = conceptOf(report, f);
      let l = map.get(k);
      if (!l) map.set(k, (l = []));
      l.push(f);
    }
    return map;
  };
  for (const [deniers, affirmers] of pairs) {
    // Most parts deny nothing in one of the sections: no maps to build for it.
    if (!deniers.some((d) => d.assertion === 'absent')) continue;
    const affirmedByConcept = byOwnConcept(affirmers, affirmed);
    // Nothing affirmed in the other section (a normal report): no denial can clash.
    if (affirmedByConcept.size === 0) continue;
    const alsoAffirmed = byOwnConcept(deniers, (o) => o.assertion === 'present' || o.assertion === 'possible');
    // One judgement per denied finding, side and site: repeated denials add nothing.
    const judged = new Set<string>();
    for (const d of deniers) {
      if (d.assertion !== 'absent') continue;
      // "Negative study" in the impression is weighed by part 2, which knows what a normal impression may leave out.
      if (d.normal === 'study' && d.section === 'impression') continue;
      const dConcept = conceptOf(report, d);
      const key = `${dConcept}|${d.side}|${d.site.join(',')}`;
      if (judged.has(key)) continue;
      judged.add(key);
      for (const p of mentionsOf(affirmedByConcept, deniedBy(dConcept))) {
        if (reported.has(p)) continue;
        if (!sidesClash(d, p) || !sitesAgree(d, p)) continue;
        // "Clear lungs" sums up: a minor or explained shadow ("density over a rib, likely fat") leaves it true.
        // An opacity or density the findings leave uncharacterised ("density projecting over a rib") may be no lung disease.
        if (
          d.normal &&
          (otherOrgan(report, d, p) ||
            (p.section !== 'impression' && (isMinor(report, p) || isExplained(report, p) || conceptHas(p.concept, 'descriptive'))))
        )
          continue;
        // The denying section itself also affirms it somewhere: the denial is partial ("no new effusion").
        if ((alsoAffirmed.get(conceptOf(report, p)) ?? []).some((o) => sitesAgree(o, p))) continue;
        // A denial of the general finding ("I don't see a definite tear") in a section that affirms that
        // finding elsewhere ("partial tear of the lateral collateral ligament") speaks of one structure only.
        if (dConcept !== conceptOf(report, p) && (alsoAffirmed.get(dConcept) ?? []).length) continue;
        const pWords = new Set(narrowingWords(report, p));
        // "No significant lymphadenopathy" above, "Lymphadenopathy." below: an impression that lists a
        // finding without a word of degree calls it significant, so a denial of degree does not narrow there.
        const listedAsSignificant = p.section === 'impression' && !isMinor(report, p);
        if (narrowingWords(report, d, true).some((w) => !pWords.has(w) && !(listedAsSignificant && DEGREE_ONLY_WORDS.has(w.toLowerCase()))))
          continue;
        // "No XXXX infiltrates": the hidden word may have been "new" or "large".
        if (/XXXX/.test(listItemOf(report, d))) continue;
        // "No focal airspace disease" does not deny streaky, patchy or diffuse opacities.
        if (
          conceptHas(conceptOf(report, d), 'airspace-shadow') &&
          /\bfocal\b/i.test(listItemOf(report, d)) &&
          SPREAD_OUT.test(clauseBefore(report, p))
        )
          continue;
        // "No alveolar opacity" says nothing of interstitial infiltrates, and the other way round.
        const dSpace = compartmentOf(report, d);
        const pSpace = compartmentOf(report, p);
        if (dSpace && pSpace && dSpace !== pSpace) continue;
        // Point at the impression's side of the disagreement; the findings mention is related.
        const [at, other] = p.section === 'impression' ? [p, d] : [d, p];
        reported.add(p);
        problems.push(
          problemOf(rule, {
            start: at.start,
            end: at.end,
            message:
              p.section === 'impression'
                ? d.normal
                  ? `${capital(p.finding)} in the impression, but the findings read "${quoteOf(report, d)}".`
                  : `${capital(p.finding)} in the impression, but the findings say there is none.`
                : d.normal
                  ? `The impression reads "${quoteOf(report, d)}", but the findings describe ${p.finding}.`
                  : `The impression denies ${d.finding}, but the findings describe it.`,
            related: [{ start: other.start, end: other.end, message: other.assertion === 'absent' ? 'Denied here' : 'Described here' }],
            finding: p.finding,
            side: p.side ?? undefined,
            ...(d.normal && d.section === 'impression' ? { fixes: normalStatementFixes(report, c, d, p) } : {}),
          }),
        );
        break;
      }
    }
  }

  // 2. Opposite findings, one in each section: growth restriction above, macrosomia below. Once per finding
  // ("dichorionic diamniotic twin pregnancy" names multiple gestation twice).
  const opposed = new Set<string>();
  for (const g of c.inImpression) {
    if (g.assertion !== 'present' || reported.has(g) || opposed.has(g.concept)) continue;
    // Findings that give both ("twin A and twin B ... a dichorionic diamniotic single pregnancy") support the
    // impression only where it names both too (twin-twin transfusion: polyhydramnios of one sac, oligohydramnios of the other).
    if (
      c.inFindings.some((f) => f.concept === g.concept && f.assertion !== 'absent') &&
      (!statedOpposite(c.inFindings, g) || statedOpposite(c.inImpression, g))
    )
      continue;
    const other = oppositeInFindings(report, c, g);
    if (!other) continue;
    reported.add(g);
    opposed.add(g.concept);
    problems.push(
      problemOf(rule, {
        start: g.start,
        end: g.end,
        message: `${capital(g.finding)} in the impression, but the findings describe ${other.name}.`,
        related: [{ start: other.start, end: other.end, message: 'Described here' }],
        finding: g.finding,
      }),
    );
  }

  // 3. "No acute disease" or "normal" over a significant present finding.
  const named = new Set<string>();
  for (const g of c.inImpression) if (g.assertion !== 'absent') for (const k of coveredBy(g.concept)) named.add(k);
  let unnamed: Finding[] | undefined;
  for (const statement of impressionStatements(report, impression)) {
    if (!NORMAL_STATEMENT.test(statement.text) || /\b(?:otherwise|else|other|remainder|additional|further)\b/i.test(statement.text))
      continue;
    // Significant findings the impression does not name; chronic, unchanged or explained ones
    // leave "no acute disease" true, critical or not.
    // A critical finding makes "no acute abnormality" untrue even where the impression names it.
    unnamed ??= c.inFindings.filter(
      (f) =>
        f.assertion === 'present' &&
        f.significant &&
        fitsExam(c.u, f, report) &&
        (!named.has(f.concept) || f.critical === 'minutes' || f.critical === 'hours') &&
        !isMinor(report, f),
    );
    const onlyAcute = /\b(?:acute|active)\b/i.test(statement.text);
    const clash = unnamed.find((f) => {
      if (reported.has(f)) return false;
      if (onlyAcute && !(f.critical === 'minutes' || f.critical === 'hours' || conceptHas(f.concept, 'acute'))) return false;
      // "No acute cardiopulmonary process" speaks for heart and lungs; "normal chest radiograph" for the study.
      return !onlyAcute || inDomain(statement.text, f);
    });
    // "Normal examination." beside the impression's own abnormal statements ("Enlarged retroperitoneal
    // lymph nodes, concerning for metastatic involvement.") says the study is normal when it is not.
    const besideAbnormal =
      clash ??
      (onlyAcute
        ? undefined
        : c.inImpression.find(
            (g) =>
              (g.start < statement.start || g.start >= statement.end) &&
              g.assertion === 'present' &&
              g.significant &&
              fitsExam(c.u, g, report) &&
              !reported.has(g) &&
              !isMinor(report, g),
          ));
    if (!besideAbnormal) continue;
    reported.add(besideAbnormal);
    const start =
      statement.start +
      (report.text.slice(statement.start, statement.end).length - report.text.slice(statement.start, statement.end).trimStart().length);
    problems.push(
      problemOf(rule, {
        start,
        end: statement.end,
        message: `The impression reads as normal, but ${clash ? 'the findings describe' : 'it names'} ${besideAbnormal.finding}${besideAbnormal.side ? ` (${besideAbnormal.side})` : ''}.`,
        related: [{ start: besideAbnormal.start, end: besideAbnormal.end, message: clash ? 'Described here' : 'Named here' }],
        finding: besideAbnormal.finding,
        side: besideAbnormal.side ?? undefined,
        ...(clash ? { fixes: normalStatementFixes(report, c, { start, end: statement.end }, clash) } : {}),
      }),
    );
  }
  return problems;
}

/** The words of a normal statement, for messages. */
const quoteOf = (report: Report, f: Finding) => report.text.slice(f.start, f.end).replace(/\s+/g, ' ');

/**
 * Fixes for a normal impression statement over an abnormal finding: write the finding's statement in
 * its place, or take the normal statement out when the impression says more. Both change what the
 * report concludes, so the radiologist decides ('unsafe').
 */
function normalStatementFixes(report: Report, c: ReportPart, at: { start: number; end: number }, finding: Finding): Fix[] {
  const impression = c.impression;
  // The normal statement as written: the whole impression sentence (or item) around it.
  const statement =
    impressionStatements(report, impression).find((s) => s.start <= at.start && at.end <= s.end + 1) ??
    report.sentences.find((s) => s.start <= at.start && at.end <= s.end);
  if (!statement) return [];
  const text = report.text;
  let start = statement.start;
  while (start < statement.end && /\s/.test(text[start])) start++;
  let end = statement.end;
  while (end > start && /\s/.test(text[end - 1])) end--;
  const sentence = report.sentences[finding.sentenceIndex];
  const replacement = statementFrom(sentence ? sentence.text : text.slice(finding.start, finding.end));
  const fixes: Fix[] = [
    {
      title: `Replace with "${replacement.length > 60 ? replacement.slice(0, 57) + '...' : replacement}"`,
      edits: [{ start, end, newText: replacement }],
      applicability: 'unsafe',
      isPreferred: true,
    },
  ];
  // Removing it leaves the rest of the impression; when it is all there is, only the replacement makes sense.
  const rest = (text.slice(impression.body.start, start) + text.slice(end, impression.body.end)).replace(/[\s\d.)]+/g, '');
  if (rest.length > 0) {
    let cutEnd = end;
    while (cutEnd < impression.body.end && /[ \t]/.test(text[cutEnd])) cutEnd++;
    fixes.push({ title: 'Remove the normal statement', edits: [{ start, end: cutEnd, newText: '' }], applicability: 'unsafe' });
  }
  return fixes;
}
