import { judgeRads, managementAgrees, type RadsResult } from '../guidelines/rads/check';
import { managementOf, readDensity } from '../guidelines/rads/index';
import type { Finding, Understanding } from '../nlp';
import { isMinor } from '../nlp/minor';
import type { Problem } from '../problem';
import { sectionAt } from '../report';
import type { Report } from '../report/types';
import { defineRule } from './types';
import words from './rads-management.json';
import { escapeRegExp } from '../report/regex';
import { reportRecommends } from './said';

// Benign names the findings lexicon does not read (a fat-containing mass, a hamartoma, an intramammary node), with no
// word of suspicion beside them in the sentence (rads-management.json).
const BENIGN_NAMES = new RegExp(
  String.raw`\b(?:${words.benignNames.map((w) => escapeRegExp(w).replace(/[- ]+/g, '[- ]?')).join('|')})\b`,
  'i',
);
const SUSPICIOUS_WORDS = new RegExp(String.raw`\b(?:${words.suspiciousWords.map(escapeRegExp).join('|')})\b`, 'i');
const namedBenign = (sentence: string) => BENIGN_NAMES.test(sentence) && !SUSPICIOUS_WORDS.test(sentence);

// The breast findings BI-RADS reads as suspicious features, not diagnosis words ("assessment ... for cancer is limited").
const SUSPICIOUS_FEATURES: ReadonlySet<string> = new Set(words.suspiciousFeatures);

/**
 * A negative or benign BI-RADS (1, 2) as the report's assessment, over a finding it describes as a
 * suspected cancer (the days tier: a mass, suspicious calcifications, a distortion) that is current, not
 * minor or stable, and not given a benign name in its own sentence ("a mass ... consistent with a simple cyst")
 * nor where the report names it again on the same side ("... mass ... previously 0.9 cm." then "Stable
 * mass in the left breast, consistent with a fibroadenoma.").
 */
function suspiciousUnderBenign(report: Report, u: Understanding, r: RadsResult): Finding | undefined {
  if (r.mention.system.id !== 'bi-rads' || !r.overall || (r.mention.category.id !== '1' && r.mention.category.id !== '2')) return undefined;
  const told = u.findings.filter((f) => (f.section === 'findings' || f.section === 'impression') && f.assertion === 'present');
  const benignAsWritten = (f: Finding) =>
    isMinor(report, f) ||
    namedBenign(report.sentences[f.sentenceIndex]?.text ?? '') ||
    u.findings.some((g) => g.sentenceIndex === f.sentenceIndex && g.start > f.end && g.assertion !== 'absent' && !g.critical);
  return told.find(
    (f) =>
      f.critical === 'days' &&
      SUSPICIOUS_FEATURES.has(f.concept) &&
      !benignAsWritten(f) &&
      !told.some((g) => g !== f && g.concept === f.concept && (!g.side || !f.side || g.side === f.side) && benignAsWritten(g)),
  );
}

// A mass told only as oval and circumscribed is not yet suspicious; one its sentence calls irregular or spiculated is,
// and so are the findings BI-RADS names suspicious by themselves (rads-management.json suspiciousByName).
const SUSPICIOUS_BY_NAME: ReadonlySet<string> = new Set(words.suspiciousByName);
function suspiciousAsWritten(report: Report, f: Finding): boolean {
  return SUSPICIOUS_BY_NAME.has(f.concept) || SUSPICIOUS_WORDS.test(report.sentences[f.sentenceIndex]?.text ?? '');
}
/** "a mass", "an architectural distortion", "suspicious breast calcifications". */
const withArticle = (name: string) => (/[^s]s$/.test(name) ? name : `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`);

/** Every breast density the report states, in text order, outside its history. */
function densitiesIn(report: Report): { id: string; start: number; end: number }[] {
  const out: { id: string; start: number; end: number }[] = [];
  for (let from = 0; ;) {
    const d = readDensity(report.text.slice(from));
    if (!d) return out;
    const at = { id: d.id, start: from + d.start, end: from + d.end };
    if (sectionAt(report, at.start)?.kind !== 'history') out.push(at);
    from = at.end;
  }
}

// A composition told in older or own words ("a mixture of adipose and fibroglandular elements"), in BI-RADS 4th
// edition numbers ("density 2", "Density category 3") or as the tissue's density ("Breast density is heterogeneous").
const COMPOSITION_WORDS =
  /\b(?:fibroglandular|adipose|fatty|composition)\b|\bdense\b(?![ \t]+(?:mass|nodule|lesion|calcification))|\b(?:breast|tissue|parenchymal|mammographic|ACR|BI-?RADS)[ \t]+density\b|\bdensity[ \t]+(?:category[ \t]+|grade[ \t]+|pattern[ \t]+)?[1-4]\b|\bheterogeneous[ \t]+(?:density|parenchyma|breast tissue)\b/i;

/**
 * The words right after a BI-RADS category that say the opposite of it: "BI-RADS 4C: Benign." or
 * "BI-RADS 2: Suspicious ..." (a slip of the category or of its label).
 */
function wordingAgainst(report: Report, r: RadsResult): string | undefined {
  if (r.mention.system.id !== 'bi-rads') return undefined;
  const after = /^\s*(?:[:\-\u2013\u2014(]\s*)?((?:benign|negative|suspicious|highly suggestive|incomplete)\b[\w ]{0,20})/i.exec(
    report.text.slice(r.mention.end, r.mention.end + 60),
  );
  if (!after) return undefined;
  const category = r.mention.category.id;
  // "Incomplete" is category 0's own label: under any other category one of the two is a slip.
  if (/^incomplete/i.test(after[1])) return category === '0' ? undefined : after[1].trim();
  const saysBenign = /^(?:benign|negative)/i.test(after[1]);
  if (saysBenign && /^[45]/.test(category)) return after[1].trim();
  if (!saysBenign && /^[12]$/.test(category)) return after[1].trim();
  return undefined;
}

// BI-RADS 0's management as breast reports state it (rads-management.json): a recall, the additional imaging it is
// for, or prior examinations awaited for comparison; "-" and " " alike.
const wordsOf = (list: readonly string[]) =>
  new RegExp(
    String.raw`\b(?:${[...list]
      .sort((a, b) => b.length - a.length)
      .map((w) => escapeRegExp(w).replace(/[- ]+/g, '[- ]?'))
      .join('|')})\b`,
    'gi',
  );
const RECALL = wordsOf([...words.recall, ...words.workup]);
const PRIORS = wordsOf(words.priors);
const AWAITED = new RegExp(wordsOf(words.awaited).source, 'i');
const DENIED_BEFORE = new RegExp(String.raw`\b(?:${words.deniedBefore.map(escapeRegExp).join('|')})\s+(?:\w+\s+)?$`, 'i');
const DENIED_AFTER = new RegExp(String.raw`^\W*(?:[\w-]+\W+){0,3}?(?:${words.deniedAfter.map(escapeRegExp).join('|')})\b`, 'i');
const BIOPSY = wordsOf(words.biopsy);
const PLANNED = new RegExp(wordsOf(words.planned).source, 'i');
const OWN_SECTIONS = new Set(['findings', 'impression', 'other', 'preamble', 'communication']);

/** A word of the list in the text, not denied by the words right before or after it ("no additional imaging is needed"). */
function statedIn(text: string, words: RegExp): boolean {
  for (const m of text.matchAll(words)) {
    if (!DENIED_BEFORE.test(text.slice(0, m.index)) && !DENIED_AFTER.test(text.slice(m.index + m[0].length))) return true;
  }
  return false;
}

/**
 * Whether the report states BI-RADS 0's recall in words the follow-up reader does not take for a recommendation
 * ("Additional imaging evaluation needed", "the patient will be called back for magnification views", "outside
 * mammograms have been requested"): in its own sections, outside its exam title.
 */
function recallStated(report: Report, exam: { start: number; end: number } | null): boolean {
  return ownSentences(report, exam).some(
    (s) => statedIn(s.text, RECALL) || (statedIn(s.text, PRIORS) && AWAITED.test(s.text.replace(PRIORS, ' '))),
  );
}

/**
 * Whether a text holds BI-RADS 0 only for prior examinations awaited for comparison ("Comparison with outside prior
 * mammograms is needed"), with no recall or additional imaging stated: the one incomplete assessment that recalls no
 * lesion.
 */
export function awaitsPriorsOnly(text: string): boolean {
  return statedIn(text, PRIORS) && AWAITED.test(text.replace(PRIORS, ' ')) && !statedIn(text, RECALL);
}

/** Whether the report tells BI-RADS 4 or 5's biopsy as arranged ("Biopsy was discussed with the patient and scheduled"). */
function biopsyPlanned(report: Report, exam: { start: number; end: number } | null): boolean {
  return ownSentences(report, exam).some((s) => statedIn(s.text, BIOPSY) && PLANNED.test(s.text));
}

/** The sentences of the report's own findings, impression and recommendations, outside its exam title. */
function ownSentences(report: Report, exam: { start: number; end: number } | null) {
  return report.sentences.filter((s) => {
    const kind = report.sections[s.section]?.kind;
    return !!kind && OWN_SECTIONS.has(kind) && !(exam && s.start < exam.end && s.end > exam.start);
  });
}

/** A BI-RADS management the report states in its own words, not as a recommendation the follow-up reader reads. */
function statedOtherwise(report: Report, r: RadsResult, exam: { start: number; end: number } | null): boolean {
  if (r.mention.system.id !== 'bi-rads') return false;
  if (r.mention.category.id === '0') return recallStated(report, exam);
  if (/^[45]/.test(r.mention.category.id)) return biopsyPlanned(report, exam);
  return false;
}

// A breast's own assessment under its label ("RIGHT BREAST: BI-RADS 1: Negative." then "LEFT: BI-RADS 3 ... follow-up left
// diagnostic mammogram in 6 months."): the other breast's recommendation is not this category's.
const SIDE_WORD = /\b(right|left|bilateral|both)\b/gi;
const SIDE_LABEL =
  /(?:^|\n)[ \t]*(?:\d+[.)][ \t]*)?((?:right|left)(?:[ \t]+breast)?|(?:breast|mammogram|ultrasound)[ \t,]+(?:right|left))[ \t]*:[^\n]*$/i;
function sideIn(text: string): 'left' | 'right' | 'bilateral' | null {
  const sides = new Set([...text.matchAll(SIDE_WORD)].map((m) => m[1].toLowerCase()));
  if (sides.has('bilateral') || sides.has('both') || (sides.has('right') && sides.has('left'))) return 'bilateral';
  return sides.has('right') ? 'right' : sides.has('left') ? 'left' : null;
}
/** The breast a label names over an offset: its section's header ("RIGHT BREAST:") or a label opening its line ("Left:"). */
function labelledSide(report: Report, offset: number): 'left' | 'right' | null {
  const header = sectionAt(report, offset)?.header?.name ?? '';
  const line = SIDE_LABEL.exec(report.text.slice(Math.max(0, offset - 200), offset))?.[1] ?? '';
  const side = sideIn(
    /^(?:right|left)(?:\s+breast)?$|^(?:breast|mammogram|ultrasound)[\s,]+(?:right|left)$/i.test(header.trim()) ? header : line,
  );
  return side === 'bilateral' ? null : side;
}
/**
 * A disagreement that stands only on the other breast's recommendation: the category is labelled one breast's,
 * and what the report recommends for that breast (or for neither) agrees with it or is not there.
 */
function otherBreastOnly(report: Report, r: RadsResult): boolean {
  if (r.mention.system.id !== 'bi-rads') return false;
  const side = labelledSide(report, r.mention.start);
  if (!side) return false;
  const own = r.said.filter((s) => {
    const said = sideIn(s.text) ?? labelledSide(report, s.start);
    return !said || said === side || said === 'bilateral';
  });
  if (own.length === r.said.length) return false;
  const m = managementOf(r.mention.category, r.sizeMm);
  return (
    !m ||
    managementAgrees(
      own.flatMap((s) => s.options),
      m.accepts,
    ) !== false
  );
}

const cite = (r: RadsResult) => `${r.mention.system.short} ${r.mention.system.version}; ${r.mention.system.reference}`;
const named = (r: RadsResult) => `${r.mention.system.short} ${r.mention.category.id} (${r.mention.category.label.toLowerCase()})`;

export const radsManagement = defineRule({
  id: 'rads-management',
  category: 'guideline',
  severity: 'warning',
  description:
    'A reporting-and-data-system category (BI-RADS, Lung-RADS, TI-RADS, LI-RADS, PI-RADS, O-RADS) whose written management disagrees with it, an overall category lower than a lesion\u2019s, a category the described features contradict (a negative or benign BI-RADS over a suspicious finding), a breast density stated two ways or left out of a screening or bilateral mammogram, or a category worded against its own label ("BI-RADS 4C: Benign").',
  check({ report, analysis }) {
    const problems: Problem[] = [];
    const judged = judgeRads(report, () => analysis.understanding);
    // The breast densities, read only where a BI-RADS category stands (both density checks need one).
    const densities = judged.some((r) => r.mention.system.id === 'bi-rads') ? densitiesIn(report) : [];
    // Breast density said two ways ("density B" in the findings, "heterogeneously dense" below): one is a slip.
    const other = densities.find((d) => d.id !== densities[0].id);
    if (other)
      problems.push({
        rule: this.id,
        category: this.category,
        severity: 'warning',
        start: other.start,
        end: other.end,
        message: `Breast density ${other.id} here, but density ${densities[0].id} earlier in the report (BI-RADS density a\u2013d is one per examination).`,
        related: [{ start: densities[0].start, end: densities[0].end, message: `Density ${densities[0].id}` }],
      });
    // A screening or bilateral mammogram's assessment without the breast composition: BI-RADS and MQSA ask
    // for it. One breast's diagnostic or magnification views, and a man's mammogram, often go without.
    const exam = analysis.understanding.exam.span;
    const examTitle = exam ? report.text.slice(exam.start, exam.end) : '';
    if (
      analysis.understanding.exam.modality === 'MG' &&
      /\b(?:screening|bilateral)\b/i.test(examTitle) &&
      analysis.understanding.patient.sex !== 'male' &&
      judged.some((r) => r.mention.system.id === 'bi-rads' && r.overall) &&
      !densities.length &&
      !COMPOSITION_WORDS.test(report.text)
    )
      problems.push({
        rule: this.id,
        category: this.category,
        severity: 'warning',
        start: exam!.start,
        end: exam!.end,
        message:
          'A mammogram without the breast density: state the composition (ACR density A–D, almost entirely fatty to extremely dense) in every mammography report (BI-RADS 5th edition; MQSA).',
      });
    for (const r of judged) {
      const at = { rule: this.id, category: this.category, start: r.mention.start, end: r.mention.end };
      const wording = wordingAgainst(report, r);
      if (wording)
        problems.push({
          ...at,
          severity: 'warning',
          message: `${r.mention.system.short} ${r.mention.category.id} is ${r.mention.category.label.toLowerCase()}, but the report words it "${wording}" (${cite(r)}).`,
        });
      const suspicious = suspiciousUnderBenign(report, analysis.understanding, r);
      if (suspicious)
        problems.push({
          ...at,
          severity: 'warning',
          finding: suspicious.finding,
          message: suspiciousAsWritten(report, suspicious)
            ? `${named(r)}, but the report describes ${withArticle(suspicious.finding)}, a finding suspicious for cancer; its assessment is BI-RADS 0, 4 or 5 (${cite(r)}).`
            : `${named(r)}, but the report describes ${withArticle(suspicious.finding)} without calling it benign or stable: name what makes it benign, or assess it BI-RADS 3 (probably benign), 0, 4 or 5 (${cite(r)}).`,
          related: [{ start: suspicious.start, end: suspicious.end, message: 'The suspicious finding' }],
        });
      const base = {
        ...at,
        ...(r.subject ? { finding: r.subject } : {}),
        ...(r.side && r.side !== 'bilateral' ? { side: r.side } : {}),
      };
      if (r.verdict === 'disagree' && !otherBreastOnly(report, r))
        problems.push({
          ...base,
          severity: 'warning',
          message: `${named(r)} calls for ${r.management}; the report ${reportRecommends(r.said.map((s) => s.text.trim()).join(' '))} (${cite(r)}).`,
          related: r.said.map((s) => ({ start: s.start, end: s.end, message: 'The report\u2019s recommendation' })),
        });
      else if (r.verdict === 'missing' && !statedOtherwise(report, r, exam ?? null))
        problems.push({
          ...base,
          severity: 'info',
          message: `${named(r)} calls for ${r.management}, which the report does not state (${cite(r)}).`,
        });
      if (r.lowerThan)
        problems.push({
          ...base,
          severity: 'warning',
          message: `The overall ${r.mention.system.short} ${r.mention.category.id} is lower than the ${r.mention.system.short} ${r.lowerThan.category.id} given to a finding; the overall category follows the most suspicious finding (${cite(r)}).`,
          related: [{ start: r.lowerThan.start, end: r.lowerThan.end, message: 'The higher category' }],
        });
      if (r.computed)
        problems.push({
          ...base,
          severity: 'warning',
          message: `${r.mention.system.short} ${r.mention.category.id} does not fit the text: ${r.computed.why}, which is ${r.mention.system.short} ${r.computed.category} (${cite(r)}).`,
        });
    }
    return problems;
  },
});
