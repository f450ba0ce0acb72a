import { READ_AS, covers, coveredBy, sameFindingKin, type Finding } from '../nlp';
import type { Report } from '../report/types';
import { sentencesIn } from '../report';
import { impressionWorthy } from '../nlp/impression-worthy';
import { NORMAL_STATEMENT, problemOf, problemsPerPart, type ReportPart } from './consistency';
import type { Problem } from '../problem';
import { addToImpressionByUrgency, statementFrom } from '../report/edit';
import { defineRule, type Rule } from './types';
import { escapeRegExp, hasWords } from '../report/regex';
import units from '../nlp/lexicon/units.json';
import { readCategories } from '../guidelines/rads/index';
import { readAsBenignLesion, type Categories } from './critical-finding';
import { awaitsPriorsOnly } from './rads-management';
import { ORGANS_OF_CONCEPT, organsNamed } from '../nlp/organs';
import { wordsOf } from '../nlp/words';

// An impression that points back to the findings ("as described above") covers what it points to.
const REFERS_BACK =
  /\b(?:as (?:described|detailed|noted|discussed|outlined|above)|see (?:above|findings|body of (?:the )?report|report)|findings above)\b/i;

export const impressionOmission = defineRule({
  id: 'impression-omission',
  category: 'omission',
  severity: 'warning',
  description: 'A significant finding described in the findings that the impression neither names nor covers.',
  check(context) {
    const { report } = context;
    // Critical findings that need a call must be named in the impression, not only covered by another.
    const mustName = new Set(context.analysis.critical.filter((c) => c.needsCall).map((c) => c.finding));
    return problemsPerPart(context, (part) => omissionsIn(this, report, part, mustName));
  },
});

// A number with its unit (units.json quoted): "1.3 cm2", "4.2 m/s", "45 mmHg", "12 mm".
const MEASURED = new RegExp(
  String.raw`\b\d+(?:\.\d+)?\s?(?:${[...units.quoted]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?![\w])`,
  'gi',
);
// Devices' words ("line", "tip") name no organ a measure belongs to.
const organsIn = (text: string) =>
  organsNamed(wordsOf(text), text)
    .map((h) => h.organ)
    .filter((o) => o !== 'devices');

const URGENCY_RANK = { minutes: 0, hours: 1, days: 2 } as const;
/** 0 minutes, 1 hours, 2 days, 3 not critical: the order an impression lists findings in. */
const rankOf = (f: Finding): number => (f.critical ? URGENCY_RANK[f.critical] : 3);

function omissionsIn(rule: Rule, report: Report, c: ReportPart, mustName: ReadonlySet<Finding>): Problem[] {
  const { impression } = c;
  const impressionText = report.text.slice(impression.body.start, impression.body.end);
  // Pointing back covers what is not urgent; a critical finding to call about must still be named.
  const refersBack = REFERS_BACK.test(impressionText);
  const impressionLower = impressionText.toLowerCase();
  // The impression's own sentences, looked up from its start (a filter over the report's sentences for each part was
  // quadratic in a long document of many reports).
  const impressionStatements = sentencesIn(report, impression)
    .filter((x) => x.end <= impression.body.end)
    .map((x) => x.text);

  // Covered: named or explained by the impression, its words repeated there, or its size quoted there.
  const coveredConcepts = new Set<string>();
  // A critical finding to call about must be named: "hemorrhage" does not stand for the midline shift it causes.
  const namedConcepts = new Set<string>();
  // A denial covers nothing: "No acute process" over a pneumonia is the contradiction rule's, and "Lateral
  // meniscus is intact" does not account for a medial meniscal tear.
  for (const g of c.inImpression) {
    if (g.assertion === 'absent') continue;
    for (const k of coveredBy(g.concept)) coveredConcepts.add(k);
    for (const k of sameFindingKin(g.concept)) namedConcepts.add(k);
  }
  const quoted = new Map<string, boolean>();
  // The words as words ("tear" is not in "tearing"), a plural allowed.
  const inImpression = (span: { start: number; end: number }) => {
    const words = report.text.slice(span.start, span.end).toLowerCase();
    let hit = quoted.get(words);
    if (hit === undefined) quoted.set(words, (hit = hasWords(impressionLower, words)));
    return hit;
  };
  // A breast impression that assesses the study as negative or benign (BI-RADS 1, 2) accounts for
  // the lesions the report reads as benign on a screening ("circumscribed masses which may represent cysts or
  // fibroadenomas") and for known or stable ones on any exam ("biopsy-proven fibroadenoma, unchanged"). A diagnostic
  // exam names what it was asked about (the simple cyst that is the palpable lump); a probably benign (3) or
  // suspicious (4, 5) one names what it follows. Incomplete (0) recalls the lesion it is incomplete for and names it,
  // unless it waits only for prior mammograms to compare with.
  const categories = readCategories(impressionText).filter((m) => m.system.id === 'bi-rads');
  const benignAssessment =
    categories.length > 0 &&
    categories.every((m) => /^[12]$/.test(m.category.id) || (m.category.id === '0' && awaitsPriorsOnly(impressionText)));
  const examSpan = c.u.exam.span;
  const screening = !!examSpan && /\bscreening\b/i.test(report.text.slice(examSpan.start, examSpan.end));
  const readAs = readAsLater(report, c.inFindings);
  // The whole report's categories, read once and only when a benign assessment is weighed.
  let reportCategories: Categories | undefined;
  // What a later sentence reads the finding as, named in the impression or its words repeated there.
  const readAsCovered = (f: Finding, concepts: ReadonlySet<string>) => {
    const g = readAs.get(f.concept);
    return !!g && (concepts.has(g.concept) || inImpression(g));
  };
  // A critical finding to call about is named by a later reading only when that diagnosis accounts for it: "Probable
  // free air under the diaphragm. These findings are consistent with acute appendicitis." names appendicitis, and the
  // free air of a perforation still needs its own words.
  const readAsNamedLater = (f: Finding) => {
    const g = readAs.get(f.concept);
    return !!g && covers(g.concept, f.concept) && readAsCovered(f, namedConcepts);
  };
  // A size quoted in the impression covers the finding it measures ("12 mm nodule" under "12 mm right upper lobe
  // nodule"), and so does the measurement a sentence reads as the finding ("Valve area 1.3 cm2, consistent with moderate
  // aortic stenosis" under "aortic valve area of 1.3 cm2"), the reading in its own clause (no ";" or other finding
  // between). Only in an impression statement naming the same organ or valve ("4 cm cyst of the liver" quotes nothing of
  // a 4 cm pericardial collection), and never for a finding to call about, which must be named.
  const measuresOf = (f: Finding): string[] => {
    const sentence = report.sentences[f.sentenceIndex];
    if (!sentence || mustName.has(f)) return [];
    const own = f.measurements.map((m) => report.text.slice(m.start, m.end));
    const from = Math.max(
      sentence.start,
      ...c.inFindings.filter((g) => g.sentenceIndex === f.sentenceIndex && g.end <= f.start && g !== f).map((g) => g.end),
    );
    const before = report.text.slice(from, f.start);
    const clause = before.slice(before.lastIndexOf(';') + 1);
    const read = READ_AS.test(clause) ? [...clause.matchAll(MEASURED)].map((m) => m[0]) : [];
    return [...own, ...read].map((m) => m.toLowerCase().replace(/\s+/g, ' '));
  };
  const sizeQuoted = (f: Finding) => {
    const measures = measuresOf(f);
    if (!measures.length) return false;
    const sentence = report.sentences[f.sentenceIndex];
    const organs = new Set([...organsIn(report.text.slice(sentence.start, f.end)), ...(ORGANS_OF_CONCEPT.get(f.concept) ?? [])]);
    return impressionStatements.some((x) => measures.some((m) => hasWords(x.toLowerCase(), m)) && organsIn(x).some((o) => organs.has(o)));
  };
  const covered = (f: Finding) =>
    (mustName.has(f)
      ? namedConcepts.has(f.concept) || readAsNamed(report, c.inFindings, f, namedConcepts) || readAsNamedLater(f)
      : coveredConcepts.has(f.concept) || readAsCovered(f, coveredConcepts)) ||
    inImpression(f) ||
    sizeQuoted(f);

  // How urgent each impression statement is: its most urgent finding; a normal statement ranks last.
  const statementRank = (x: { start: number; end: number; text: string }) => {
    const inIt = c.inImpression.filter(
      (g) => g.start >= x.start && g.end <= x.end && (g.assertion === 'present' || g.assertion === 'possible'),
    );
    if (!inIt.length && NORMAL_STATEMENT.test(x.text)) return 4;
    return Math.min(3, ...inIt.map(rankOf));
  };

  const problems: Problem[] = [];
  const done = new Set<string>();
  // Per sentence, where its first covered significant finding starts: a minor one ("plaque with 50%
  // stenosis") takes nothing along.
  const coveredFrom = new Map<number, number>();
  for (const f of c.inFindings) {
    if (f.assertion === 'present' && f.significant && !coveredFrom.has(f.sentenceIndex) && covered(f))
      coveredFrom.set(f.sentenceIndex, f.start);
  }

  for (const f of c.inFindings) {
    const worthy = done.has(f.concept) ? null : impressionWorthy(report, c.u, f);
    if (!worthy || covered(f) || (refersBack && rankOf(f) > URGENCY_RANK.hours)) continue;
    if (
      benignAssessment &&
      readAsBenignLesion(report, c.u, f, c.inFindings, (reportCategories ??= readCategories(report.text)), !screening)
    )
      continue;
    // An accompanying finding ("effusion with adjacent atelectasis") goes with the one it follows.
    if (!f.critical && (coveredFrom.get(f.sentenceIndex) ?? Infinity) < f.start) continue;
    const possible = f.assertion === 'possible';
    const severity = worthy === 'info' ? 'info' : rule.severity;
    done.add(f.concept);
    const sentence = report.sentences[f.sentenceIndex];
    const statement = statementFrom(sentence ? sentence.text : report.text.slice(f.start, f.end));
    const name = `${f.finding}${f.side ? ` (${f.side})` : ''}`;
    problems.push({
      ...problemOf(rule, {
        start: f.start,
        end: f.end,
        message: `${f.critical ? 'Critical finding' : possible ? `${capitalHedge(f.hedge)} finding` : 'Finding'} not in the impression: ${name}.`,
        related: [{ start: impression.body.start, end: impression.body.end, message: 'The impression does not mention it' }],
        finding: f.finding,
        side: f.side ?? undefined,
        fixes: [
          {
            title: 'Add to the impression',
            edits: addToImpressionByUrgency(report, impression, statement, { rank: rankOf(f), rankOf: statementRank }),
            applicability: 'unsafe',
            isPreferred: true,
          },
        ],
      }),
      severity,
    });
  }
  return problems;
}

const capitalHedge = (hedge: Finding['hedge']) => (hedge === 'probable' ? 'Probable' : 'Possible');

/**
 * A sign its own sentence reads as a diagnosis that covers it ("a filling defect ..., consistent with a pulmonary
 * embolism"), which the impression names: the sign is named by it.
 */
function readAsNamed(report: Report, findings: readonly Finding[], f: Finding, named: ReadonlySet<string>): boolean {
  return findings.some(
    (g) =>
      g.sentenceIndex === f.sentenceIndex &&
      g.start > f.end &&
      named.has(g.concept) &&
      covers(g.concept, f.concept) &&
      READ_AS.test(report.text.slice(f.end, g.start)),
  );
}

// "... this finding corresponds to a lymph node": a later sentence reads the finding before it.
const ANAPHOR = /\b(?:this|these|it|they)\b/i;
/**
 * Concepts a later sentence (within two) reads as another finding, its reading led by an anaphor ("a T2-hyperintense
 * nodule ... . This finding corresponds to a lymph node"): the nodule is the node the impression names.
 * Only a firm reading stands for what was seen: after "Interstitial opacities. This may be secondary to edema, or
 * alternatively atypical infection" an impression of "Findings may be secondary to edema" does not say what was seen.
 */
function readAsLater(report: Report, findings: readonly Finding[]): Map<string, Finding> {
  const readAs = new Map<string, Finding>();
  for (const g of findings) {
    if (!(g.assertion === 'present' || (g.assertion === 'possible' && g.hedge === 'probable'))) continue;
    const before = report.text.slice(report.sentences[g.sentenceIndex].start, g.start);
    const at = before.search(ANAPHOR);
    if (at < 0 || before.length - at > 60 || !READ_AS.test(before.slice(at))) continue;
    // The last finding told before the reading's sentence, at most two sentences back.
    let read: Finding | undefined;
    for (const f of findings)
      if (f.sentenceIndex < g.sentenceIndex && f.sentenceIndex >= g.sentenceIndex - 2 && f.assertion !== 'absent') read = f;
    if (read && read.concept !== g.concept) readAs.set(read.concept, g);
  }
  return readAs;
}
