import { findCommunications } from '../critical/communication';
import { DENIED_READING, READING_GOES_ON, URGENCY_WORDS } from '../critical/findings';
import { readCategories } from '../guidelines/rads/index';
import { CONCEPT_BY_ID, READ_AS, examTitleParts, wordsPattern, wordsRegex, type Finding, type Understanding } from '../nlp';
import type { Report } from '../report/types';
import { organsNamed } from '../nlp/organs';
import { wordsOf } from '../nlp/words';
import { ruleLevel } from './levels';
import type { Problem } from '../problem';
import { defineRule } from './types';
import words from './critical-finding.json';

// The "days" tier (ACR: unexpected, needs action) is for a finding new to the clinician. What the report itself reads as
// the known, biopsy-proven cancer being staged or treated, or as stable post-surgical change needs no such communication
// in any exam; what a breast report reads as benign ("mass ... consistent with a simple cyst", "likely fibroadenoma", "may
// represent cysts or fibroadenomas") needs none there. Suspicion or a malignancy named beside it keeps the mark
// ("irregular mass, fibroadenoma versus carcinoma", "mass, likely adenocarcinoma", a BI-RADS 4 or 5 in the report).
// The word lists are critical-finding.json.
const NOT_DENIED = String.raw`(?<!\b(?:no|not|without|negative for)\s+(?:\w+\s+){0,3})`;
const SUSPICION = new RegExp(
  NOT_DENIED +
    String.raw`\b(?:${wordsPattern([...words.suspicion, ...words.malignancy])}|\w*(?:${wordsPattern(words.malignancyEndings)}))\b`,
  'i',
);
const BENIGN_WORDS = wordsRegex(words.benign);
const READ_BENIGN = new RegExp(String.raw`${READ_AS.source}|${wordsRegex(words.readBenign).source}`, 'i');
// "Probably benign right breast mass", "benign-appearing mass", "simple cyst" (the mention itself named benign).
const BENIGN_BEFORE = new RegExp(String.raw`\b(?:${wordsPattern(words.benignBefore)})\s+(?:[\w-]+\s+){0,4}$`, 'i');
// What a reading word says the mention is ends with its clause: "mass, likely adenocarcinoma, with a small cyst in the
// tail" reads the mass as adenocarcinoma, not as the cyst.
const OBJECT_END = /[;,:]|\.(?!\d)|\b(?:with|but|however|although|though|yet|while|whereas|which|versus|vs)\b/i;
// "The sonographic features are most consistent with a fibroadenoma": a lesion's next sentence naming it by its look
// reads it on, as do the pointers and hedges of READING_GOES_ON.
// "likely represents a cyst", "probably consistent with fat necrosis": the reading words chained before the object.
const READ_BENIGN_NEXT = new RegExp(String.raw`^\s*(?:most\s+)?(?:${READ_BENIGN.source})`, 'i');
const DESCRIBES_IT = /^\s*(?:\d+[.)]\s*)?the (?:\w+ )?(?:features|findings|appearance|lesion|lesions|mass|masses)\b/i;
// The known cancer: "the known biopsy-proven cancer", "Known left breast carcinoma", "compatible with the known carcinoma".
const KNOWN = wordsRegex(words.known);
const KNOWN_BEFORE = new RegExp(String.raw`${KNOWN.source}\s+(?:[\w-]+\s+){0,4}$`, 'i');
const KNOWN_AFTER = new RegExp(String.raw`^(?:[^.;]|\.\d)*?(?:${READ_AS.source})\s+(?:the\s+)?(?:patient'?s\s+)?${KNOWN.source}`, 'i');
// Stable, or the operation's change: "Post-lumpectomy changes ... with architectural distortion ..., stable since 2024".
const STABLE = new RegExp(NOT_DENIED + wordsRegex(words.stable).source, 'i');
const NEW = new RegExp(NOT_DENIED + wordsRegex(words.new).source, 'i');

/** The words of a mention's own sentence, and of the next one when it reads the mention on: one stretch of the text. */
function aroundMention(report: Report, f: Finding): { before: string; after: string; sentence: string } {
  const s = report.sentences[f.sentenceIndex];
  const next = report.sentences[f.sentenceIndex + 1];
  const end = next && (READING_GOES_ON.test(next.text) || DESCRIBES_IT.test(next.text)) ? next.end : s.end;
  return { before: report.text.slice(s.start, f.start), after: report.text.slice(f.end, end), sentence: report.text.slice(s.start, end) };
}

/** A breast exam, or a report that assesses its lesions benign or probably benign (BI-RADS 2 or 3). */
function readsBenignLook(report: Report, understanding: Pick<Understanding, 'exam'>, categories: Categories): boolean {
  if (understanding.exam.bodyPart === 'breast' || examTitleParts(report, understanding.exam).includes('breast')) return true;
  return categories.some((m) => m.system.id === 'bi-rads' && /^[23]$/.test(m.category.id));
}
export type Categories = ReturnType<typeof readCategories>;

// Where a breast report's benign look reaches: the breast, its skin and nipple, the axilla and the nodes there.
const BREAST_PLACES: ReadonlySet<string> = new Set(['breast', 'breast-composition', 'breast-skin-nipple', 'axillae', 'lymph-nodes']);
/**
 * A breast finding: a breast concept, or a lesion of any organ (mass, cyst, node) whose sentence places it in the breast or
 * axilla, or names no organ. A liver lesion "that may represent a cyst" on a breast MRI is read as the liver's, not the breast's.
 */
function breastLesion(report: Report, f: Finding): boolean {
  const group = CONCEPT_BY_ID.get(f.concept)?.group;
  if (group === 'breast') return true;
  if (group !== 'general') return false;
  const text = report.sentences[f.sentenceIndex]?.text ?? '';
  const hits = organsNamed(wordsOf(text), text);
  // A sentence placing it in the breast ("at 7 o'clock", "3 cm from the nipple") is the breast's, whatever else it names
  // ("internal vascularity"); one naming only another organ ("a mass in the liver") is not.
  return hits.every((h) => h.organ === 'devices') || hits.some((h) => BREAST_PLACES.has(h.organ));
}

/** Does the mention's reading word say it is benign? Only the reading's own object counts, and not a denied reading. */
function readAsBenign(report: Report, f: Finding, findings: readonly Finding[], before: string, after: string): boolean {
  if (BENIGN_BEFORE.test(before)) return true;
  const cue = READ_BENIGN.exec(after);
  if (!cue || DENIED_READING.test(after.slice(0, cue.index))) return false;
  let from = f.end + cue.index + cue[0].length;
  for (let more = READ_BENIGN_NEXT.exec(report.text.slice(from)); more; more = READ_BENIGN_NEXT.exec(report.text.slice(from)))
    from += more[0].length;
  const rest = report.text.slice(from, f.end + after.length);
  const to = from + (OBJECT_END.exec(rest)?.index ?? rest.length);
  const benignConcept = findings.some((g) => g.start >= from && g.end <= to && !g.critical && g.assertion !== 'absent');
  return benignConcept || BENIGN_WORDS.test(report.text.slice(from, to));
}

/**
 * Does a breast report read this mention as benign: named so itself ("fibroadenoma", "simple cyst", "benign-appearing
 * mass") or read so ("masses ... which may represent cysts or fibroadenomas")? Suspicion in its sentence keeps it
 * ("fibroadenoma versus phyllodes tumor, irregular margins"). `knownOnly`: and told known or stable too ("the
 * biopsy-proven fibroadenoma, unchanged since 2023"), not a new result.
 */
export function readAsBenignLesion(
  report: Report,
  u: Pick<Understanding, 'exam'>,
  f: Finding,
  findings: readonly Finding[],
  categories: Categories,
  knownOnly = false,
): boolean {
  if (!report.sentences[f.sentenceIndex] || !breastLesion(report, f) || !readsBenignLook(report, u, categories)) return false;
  const { before, after, sentence } = aroundMention(report, f);
  if (SUSPICION.test(sentence)) return false;
  if (knownOnly && !((KNOWN.test(sentence) || STABLE.test(sentence)) && !NEW.test(sentence))) return false;
  return BENIGN_WORDS.test(report.text.slice(f.start, f.end)) || readAsBenign(report, f, findings, before, after);
}

/** Does the report read this mention as the known cancer, as stable post-surgical change, or (where it may) as benign? */
function readAsNotNew(
  report: Report,
  f: Finding,
  findings: readonly Finding[],
  how: { suspiciousCategory: boolean; benignLook: boolean },
): boolean {
  const s = report.sentences[f.sentenceIndex];
  if (!s) return false;
  const { before, after, sentence } = aroundMention(report, f);
  if (KNOWN_BEFORE.test(before) || KNOWN_AFTER.test(after)) return !NEW.test(sentence);
  if (how.suspiciousCategory || SUSPICION.test(sentence)) return false;
  // Another critical finding in the sentence is not read away with this one.
  if (findings.some((g) => g.sentenceIndex === f.sentenceIndex && g.concept !== f.concept && g.critical && g.assertion !== 'absent'))
    return false;
  if (how.benignLook && breastLesion(report, f) && readAsBenign(report, f, findings, before, after)) return true;
  return STABLE.test(sentence) && !NEW.test(sentence);
}

export const criticalFinding = defineRule({
  id: 'critical-finding',
  category: 'critical',
  severity: 'info',
  description: 'A present, current critical finding, with the urgency of its communication.',
  check(context) {
    const { report } = context;
    // Once a communication is documented the mark has done its work (an incomplete statement has its own warning).
    if (findCommunications(report).length > 0) return [];
    // A finding that needs a call is named, with its urgency, by critical-communication-missing: one message, not two.
    const merged = ruleLevel(context.analysis.settings.rules, 'critical-communication-missing') !== 'off';
    const findings = context.analysis.understanding.findings;
    // Read once, and only when a days-tier mark is weighed: most reports have none, and reading the categories and the
    // exam's title for every report cost some 3% of a check.
    let how: { suspiciousCategory: boolean; benignLook: boolean } | undefined;
    const howRead = () => {
      if (how) return how;
      const categories = readCategories(report.text);
      // A BI-RADS 4 or 5 in the report: its lesion is suspected cancer, whatever else is read as benign.
      const suspiciousCategory = categories.some((m) => m.system.id === 'bi-rads' && /^[45]/.test(m.category.id));
      return (how = { suspiciousCategory, benignLook: readsBenignLook(report, context.analysis.understanding, categories) });
    };
    const critical = context.analysis.critical;
    const problems: Problem[] = [];
    const seen = new Set<string>();
    // One problem per finding concept, at the first mention (the findings, then the impression).
    for (const { finding, urgency, needsCall } of critical) {
      if (seen.has(finding.concept)) continue;
      seen.add(finding.concept);
      if (merged && needsCall) continue;
      // A days-tier finding every mention of which the report reads as benign, known or stable is no new result.
      if (
        urgency === 'days' &&
        critical.filter((c) => c.finding.concept === finding.concept).every((c) => readAsNotNew(report, c.finding, findings, howRead()))
      )
        continue;
      problems.push({
        rule: this.id,
        category: this.category,
        severity: this.severity,
        message: `Critical finding: ${finding.finding} — ${URGENCY_WORDS[urgency]}.`,
        start: finding.start,
        end: finding.end,
        finding: finding.finding,
        ...(finding.side ? { side: finding.side } : {}),
      });
    }
    return problems;
  },
});
