// A report's RADS categories against the management it writes, against each other (an overall
// category lower than a lesion's), and against what the text says of the finding (TI-RADS points). Pure: the report and what the engine understood of it in.
import type { Report } from '../../report/types';
import { spanIndexAt } from '../../report';
import type { Understanding } from '../../nlp/types';
import { findFollowUps, type SaidFollowUp } from '../followups';
import { followUpAgrees, type FollowUp } from '../index';
import { RADS_BY_ID, managementOf, readCategories, readDensity, tiRadsCategoryOf, tiRadsPoints, type RadsMention } from './index';

export type RadsVerdict =
  /** The management written agrees with the category's. */
  | 'agree'
  /** The management written differs from the category's (or names an action the category does not take). */
  | 'disagree'
  /** The category calls for a management the report does not state. */
  | 'missing'
  /** Nothing to compare: no management needed, or the one written cannot be compared. */
  | 'none-needed'
  | 'unclear'
  /** The system gives no management to check (PI-RADS 1–3, BI-RADS 6), or a size it needs is missing. */
  | 'not-checked';

export interface RadsResult {
  mention: RadsMention;
  side: 'left' | 'right' | 'bilateral' | null;
  /** The finding the category belongs to, in the lexicon's name ("mass"), or the breast. */
  subject: string | null;
  /** The largest size in mm of the finding, where the system's management goes by size. */
  sizeMm: number | null;
  /** Whether this is the report's overall category (an overall or final assessment, or the one that governs). */
  overall: boolean;
  management: string | null;
  said: SaidFollowUp[];
  verdict: RadsVerdict;
  /** A lesion's category higher than this overall one. */
  lowerThan?: RadsMention;
  /** The category the text's own features give, where it differs ("4 points: TR4"). */
  computed?: { category: string; why: string };
}

const OWN = new Set(['findings', 'impression', 'other', 'preamble', 'communication']);
const SIDE = /\b(right|left|bilateral|both)\b/gi;
const OVERALL = /\b(?:overall|final|combined|summary)\b/i;
const POINTS = /\b(\d{1,2})[ \t]*(?:points?|pts?)\b/i;
/** A biopsy the report itself did or describes as done. */
const PERFORMED =
  /\b(?:biopsied|biops(?:y|ies) (?:was|were|has been|have been) (?:performed|obtained|done|taken)|core (?:needle )?biops(?:y|ies) (?:of|was)|patholog\w* (?:analysis |results? )?(?:is |are )?pending)\b/i;
/** Actions whose presence decides by itself: a biopsy where none belongs, no follow-up where one does. */
const DECISIVE = new Set(['biopsy', 'surgery', 'none']);

/**
 * Whether the category is called the overall one in its own clause: "The overall PI-RADS v1 score is 4,
 * and the PI-RADS v2 score is 3" calls only the first overall, and a "lesion summary score" is one lesion's.
 */
function namedOverall(text: string, sentenceStart: number, mention: RadsMention): boolean {
  const before = text.slice(sentenceStart, mention.start);
  const clause = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(';')) + 1) + text.slice(mention.start, mention.end);
  return OVERALL.test(clause.replace(/\blesion summary\b/gi, ''));
}

function sideOf(text: string): RadsResult['side'] {
  const sides = new Set([...text.matchAll(SIDE)].map((m) => m[1].toLowerCase()));
  if (sides.has('bilateral') || sides.has('both') || (sides.has('right') && sides.has('left'))) return 'bilateral';
  return sides.has('right') ? 'right' : sides.has('left') ? 'left' : null;
}

/**
 * Whether the managements written agree with the category's: one must agree, and no decisive action
 * (a biopsy, a resection, no follow-up) the category does not take may stand beside it. Null: nothing to compare.
 */
export function managementAgrees(options: readonly FollowUp[], accepts: readonly FollowUp[]): boolean | null {
  if (!options.length) return null;
  if (options.some((o) => DECISIVE.has(o.action) && !accepts.some((a) => a.action === o.action))) return false;
  return options.some((o) => accepts.some((a) => followUpAgrees(o, a)));
}

/** Every RADS category the report writes, judged. The understanding is asked for only when a category is written. */
export function judgeRads(report: Report, understanding: () => Understanding): RadsResult[] {
  const mentions = readCategories(report.text).filter((m) => {
    const section = report.sections[spanIndexAt(report.sections, m.start)];
    return !section || OWN.has(section.kind);
  });
  if (!mentions.length) return [];
  const u = understanding();
  // Binary searches: a long document of mammograms writes a category in thousands of sentences.
  const sentenceAt = (offset: number) => spanIndexAt(report.sentences, offset);
  const followUps = findFollowUps(report);
  const sideOfSaid = followUps.map((s) => sideOf(s.text));
  const performed = PERFORMED.test(report.text);
  const results: RadsResult[] = mentions.map((mention) => {
    const i = sentenceAt(mention.start);
    const sentence = report.sentences[i];
    const text = sentence?.text ?? '';
    // The finding named before the category, in its sentence or the one before ("malignancy" in its label is not one).
    const near = u.findings.filter((f) => (f.sentenceIndex === i && f.start < mention.start) || f.sentenceIndex === i - 1);
    const finding = near.length ? near[near.length - 1] : null;
    // The side: the sentence's, else its finding's, else (a breast) the exam's.
    const side = sideOf(text) ?? finding?.side ?? (mention.system.id === 'bi-rads' ? u.exam.side : null) ?? null;
    const subject = finding ? finding.finding : side && mention.system.id === 'bi-rads' ? `${side} breast` : null;
    // The size of the finding the category is about: the largest in its sentence, else the sentence before.
    const sizes = (k: number) =>
      u.measurements
        .filter(
          (m) =>
            (m.unit === 'mm' || m.unit === 'cm') &&
            report.sentences[k] &&
            m.start >= report.sentences[k].start &&
            m.end <= report.sentences[k].end,
        )
        .map((m) => Math.max(...m.value) * (m.unit === 'cm' ? 10 : 1));
    const sized = sizes(i).length ? sizes(i) : i > 0 ? sizes(i - 1) : [];
    const sizeMm = sized.length ? Math.max(...sized) : null;
    return {
      mention,
      side,
      subject,
      sizeMm,
      overall: namedOverall(report.text, sentence?.start ?? 0, mention),
      management: null,
      said: [],
      verdict: 'not-checked' as RadsVerdict,
    };
  });

  for (const system of new Set(results.map((r) => r.mention.system))) {
    const mine = results.filter((r) => r.mention.system === system);
    const ranked = mine.filter((r) => r.mention.category.rank !== undefined);
    // One category governs a report-scope system: the overall one where written, else the highest.
    if (system.scope === 'report' && ranked.length) {
      const top = ranked.reduce((a, b) => (b.mention.category.rank! >= a.mention.category.rank! ? b : a));
      const governing = mine.find((r) => r.overall) ?? top;
      governing.overall = true;
      if (system.overall)
        for (const r of ranked)
          if (r !== governing && r.mention.category.rank! > (governing.mention.category.rank ?? Infinity))
            governing.lowerThan ??= r.mention;
    }
  }

  // A category repeated without its size (the impression's "TR3 nodule") has the size its first mention gave.
  for (const r of results)
    if (r.sizeMm === null && r.mention.category.bySize)
      r.sizeMm = results.find((o) => o !== r && o.mention.category === r.mention.category && o.sizeMm !== null)?.sizeMm ?? null;

  for (const r of results) {
    const i = sentenceAt(r.mention.start);
    const m = managementOf(r.mention.category, r.sizeMm);
    if (!m) continue;
    r.management = m.management;
    if (!m.accepts.length) continue;
    const compatible = (k: number) =>
      !r.side || !sideOfSaid[k] || sideOfSaid[k] === r.side || sideOfSaid[k] === 'bilateral' || r.side === 'bilateral';
    // Nearby: the category's own sentence and the two after it ("BI-RADS 4: Suspicious. Biopsy is recommended."),
    // up to the next category of the same system (the next nodule's "No FNA" is not this one's).
    const sectionOf = (offset: number) => report.sections.findIndex((x) => x.start <= offset && offset < x.end);
    const next = results
      .filter(
        (o) =>
          o.mention.system === r.mention.system &&
          o.mention.start > r.mention.start &&
          sectionOf(o.mention.start) === sectionOf(r.mention.start),
      )
      .map((o) => sentenceAt(o.mention.start))
      .find((k) => k > i);
    const last = Math.min(i + 2, next === undefined ? Infinity : next - 1);
    const nearby = followUps.filter((s, k) => s.sentenceIndex >= i && s.sentenceIndex <= last && compatible(k));
    const governs = r.overall && r.mention.system.scope === 'report';
    r.said = governs ? followUps.filter((_, k) => compatible(k)) : nearby;
    const judged = managementAgrees(
      r.said.flatMap((s) => s.options),
      m.accepts,
    );
    if (judged !== null) r.verdict = judged ? 'agree' : 'disagree';
    // The report is of the biopsy itself ("Breast ultrasound and biopsy ... pathology pending").
    else if (performed && m.accepts.some((a) => a.action === 'biopsy')) r.verdict = 'agree';
    else if (r.said.length) r.verdict = 'unclear';
    else if (!m.states) r.verdict = 'none-needed';
    // The governing category, or a lesion's without a management near it when the report states none that fits anywhere.
    else if (governs || (r.mention.system.scope === 'lesion' && !followUps.some((s) => managementAgrees(s.options, m.accepts))))
      r.verdict = 'missing';
    else r.verdict = 'unclear';
  }

  computeFromText(report, results);
  return results;
}

/**
 * The category the text's own words give: TI-RADS points. (A Lung-RADS category against the nodule's
 * type, size and status is the follow-up rule's: the Lung-RADS table's row names its category.)
 */
function computeFromText(report: Report, results: RadsResult[]): void {
  for (const r of results) {
    const i = report.sentences.findIndex((s) => s.start <= r.mention.start && r.mention.start < s.end);
    const text = report.sentences[i]?.text ?? '';
    if (r.mention.system.id === 'ti-rads') {
      const stated = POINTS.exec(text);
      // The features: this sentence, and those before it back to another nodule's category.
      let described = text;
      for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
        const prev = report.sentences[k];
        if (!prev || results.some((o) => o !== r && o.mention.start >= prev.start && o.mention.start < prev.end)) break;
        described = `${prev.text} ${described}`;
      }
      const points = stated ? { points: Number(stated[1]), complete: true } : tiRadsPoints(described);
      if (!points) continue;
      const byPoints = tiRadsCategoryOf(points.points);
      const rankOf = (id: string) => r.mention.system.categories.find((c) => c.id === id)?.rank ?? 0;
      // Features not all named give a floor: a category below what the named ones already add up to is wrong.
      const wrong = points.complete ? byPoints !== r.mention.category.id : rankOf(byPoints) > (r.mention.category.rank ?? 0);
      if (wrong)
        r.computed = {
          category: byPoints,
          why: `${stated ? 'the stated' : points.complete ? 'the described features give' : 'the features named give at least'} ${points.points} points`,
        };
    }
  }
}

/** One RADS statement as `radlint findings` prints it (contract: docs/cli.md), offsets as spans. */
export interface RadsEntry {
  system: string;
  version: string;
  /** `assessment` (a category) or `density` (BI-RADS breast density a–d). */
  kind: 'assessment' | 'density';
  category: string;
  label: string;
  finding: string | null;
  side: 'left' | 'right' | 'bilateral' | null;
  span: { start: number; end: number };
  management: string | null;
  citation: string;
}

/** Every RADS category (and the breast density) the report writes, in text order. */
export function radsEntries(report: Report, understanding: () => Understanding): RadsEntry[] {
  const out: RadsEntry[] = judgeRads(report, understanding).map((r) => ({
    system: r.mention.system.short,
    version: r.mention.system.version,
    kind: 'assessment',
    category: r.mention.category.id,
    label: r.mention.category.label,
    finding: r.subject,
    side: r.side,
    span: { start: r.mention.start, end: r.mention.end },
    management: r.management,
    citation: r.mention.system.reference,
  }));
  // Breast density only in a breast report: "density" and a letter mean other things elsewhere.
  const breast = out.some((e) => e.system === 'BI-RADS') || /\b(?:mammo\w*|breasts?)\b/i.test(report.text.slice(0, 300));
  const density = breast ? readDensity(report.text) : null;
  const bi = RADS_BY_ID.get('bi-rads')!;
  if (density)
    out.push({
      system: bi.short,
      version: bi.version,
      kind: 'density',
      category: density.id,
      label: `breast density ${density.id.toLowerCase()}`,
      finding: null,
      side: null,
      span: { start: density.start, end: density.end },
      management: null,
      citation: bi.reference,
    });
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The words of one entry for a line of text or a hover: "BI-RADS 4 (suspicious) · mass · right · tissue diagnosis". */
export function radsLine(e: RadsEntry): string {
  const parts = [e.kind === 'density' ? `${e.system} ${e.label}` : `${e.system} ${e.category} (${e.label.toLowerCase()})`];
  if (e.finding) parts.push(e.finding);
  if (e.side) parts.push(e.side);
  if (e.management) parts.push(`management: ${e.management}`);
  return parts.join(' · ');
}

/** The hover for a RADS category at an offset: the category, its likelihood, its management, and the citation. */
export function radsAt(
  report: Report,
  understanding: () => Understanding,
  offset: number,
): { span: { start: number; end: number }; markdown: string } | null {
  if (!readCategories(report.text).some((m) => m.start <= offset && offset <= m.end)) return null;
  const r = judgeRads(report, understanding).find((x) => x.mention.start <= offset && offset <= x.mention.end);
  if (!r) return null;
  const { system, category } = r.mention;
  const lines = [
    `**${system.short} ${category.id}**: ${category.label}${category.risk ? ` (likelihood of malignancy ${category.risk})` : ''}`,
  ];
  if (r.management) lines.push(`Management: ${r.management}${r.sizeMm !== null && category.bySize ? ` (for ${r.sizeMm} mm)` : ''}.`);
  if (r.computed) lines.push(`The text gives ${system.short} ${r.computed.category}: ${r.computed.why}.`);
  lines.push(`_${system.citation}_`);
  if (system.source.startsWith('From memory')) lines.push('Numbers from memory, not checked against the source.');
  return { span: { start: r.mention.start, end: r.mention.end }, markdown: lines.join('\n\n') };
}
