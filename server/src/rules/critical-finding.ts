import { findCommunications } from '../critical/communication';
import { URGENCY_WORDS } from '../critical/findings';
import { readCategories } from '../guidelines/rads/index';
import { READ_AS, type Finding } from '../nlp';
import type { Report } from '../report/types';
import { ruleLevel } from './levels';
import type { Problem } from '../problem';
import { defineRule } from './types';

// The "days" tier (ACR: unexpected, needs action) is for a finding new to the clinician. What the report itself reads as
// benign ("mass ... consistent with a simple cyst", "likely fibroadenoma", "may represent cysts or fibroadenomas"), as the
// known, biopsy-proven cancer being staged or treated, or as stable post-surgical change needs no such communication.
// Suspicion beside it keeps the mark ("irregular mass, fibroadenoma versus carcinoma", a BI-RADS 4 or 5 in the report).
const NOT_DENIED = String.raw`(?<!\b(?:no|not|without|negative for)\s+(?:\w+\s+){0,3})`;
const SUSPICION = new RegExp(
  NOT_DENIED +
    String.raw`\b(?:suspicious|suspicion|worrisome|concerning|malignan\w*|carcinoma|cancer|neoplasm|neoplastic|metasta\w*|irregular|spiculat\w*|indistinct|microlobulated|angular|complex|solid component|cannot be excluded|not excluded)\b`,
  'i',
);
// Benign readings beyond the non-critical concepts the lexicon finds after the reading word.
const BENIGN_WORDS =
  /\b(?:benign|simple cysts?|cysts?|fibroadenomas?|lipomas?|hamartomas?|oil cysts?|fat necrosis|galactoceles?|(?:intramammary )?lymph nodes?|scar|seromas?|post-?(?:surgical|operative|lumpectomy|treatment|radiation|biopsy) changes?)\b/i;
const READ_BENIGN = new RegExp(String.raw`${READ_AS.source}|\b(?:characteristic of|typical of|diagnostic of)\b`, 'i');
// "Probably benign right breast mass", "benign-appearing mass", "simple cyst" (the mention itself named benign).
const BENIGN_BEFORE = /\b(?:benign(?:-appearing)?|simple|stable)\s+(?:[\w-]+\s+){0,4}$/i;
// "The sonographic features are most consistent with a fibroadenoma": the next sentence reading the mention on.
const READS_ON = /^\s*(?:\d+[.)]\s*)?(?:this|these|it|they|the (?:\w+ )?(?:features|findings|appearance|lesion|lesions|mass|masses))\b/i;
// The known cancer: "the known biopsy-proven cancer", "Known left breast carcinoma", "compatible with the known carcinoma".
const KNOWN =
  /\b(?:known|biopsy-proven|pathology-proven|previously (?:diagnosed|biopsied)|recently diagnosed|newly diagnosed|treated|index)\b/i;
const KNOWN_BEFORE = new RegExp(String.raw`${KNOWN.source}\s+(?:[\w-]+\s+){0,4}$`, 'i');
const KNOWN_AFTER = new RegExp(String.raw`^(?:[^.;]|\.\d)*?(?:${READ_AS.source})\s+(?:the\s+)?(?:patient'?s\s+)?${KNOWN.source}`, 'i');
// Stable, or the operation's change: "Post-lumpectomy changes ... with architectural distortion ..., stable since 2024".
const STABLE = new RegExp(
  String.raw`${NOT_DENIED}\b(?:stable|unchanged|no (?:significant )?(?:interval )?change|post-?(?:lumpectomy|surgical|operative|treatment|radiation|biopsy)|lumpectomy site|surgical site|biopsy site|surgical scar)\b`,
  'i',
);
const NEW = new RegExp(
  String.raw`${NOT_DENIED}\b(?:new|newly (?!diagnosed)|increas\w*|enlarg\w*|larger|grow\w*|additional|second|another)\b`,
  'i',
);

/** The words of a mention's own sentence, and of the next one when it reads the mention on: one stretch of the text. */
function aroundMention(report: Report, f: Finding): { before: string; after: string; sentence: string } {
  const s = report.sentences[f.sentenceIndex];
  const next = report.sentences[f.sentenceIndex + 1];
  const end = next && READS_ON.test(next.text) ? next.end : s.end;
  return { before: report.text.slice(s.start, f.start), after: report.text.slice(f.end, end), sentence: report.text.slice(s.start, end) };
}

/** Does the report read this mention as benign, as the known cancer, or as stable post-surgical change? */
function readAsNotNew(report: Report, f: Finding, findings: readonly Finding[], suspiciousCategory: boolean): boolean {
  const s = report.sentences[f.sentenceIndex];
  if (!s) return false;
  const { before, after, sentence } = aroundMention(report, f);
  if (KNOWN_BEFORE.test(before) || KNOWN_AFTER.test(after)) return !NEW.test(sentence);
  if (suspiciousCategory || SUSPICION.test(sentence)) return false;
  // Another critical finding in the sentence is not read away with this one.
  if (findings.some((g) => g.sentenceIndex === f.sentenceIndex && g.concept !== f.concept && g.critical && g.assertion !== 'absent'))
    return false;
  if (BENIGN_BEFORE.test(before)) return true;
  const cue = READ_BENIGN.exec(after);
  if (cue && !/\b(?:not|no|rather than)\s+(?:\w+\s+)?$/i.test(after.slice(0, cue.index))) {
    const from = f.end + cue.index + cue[0].length;
    const benignConcept = findings.some(
      (g) =>
        g.start >= from &&
        g.sentenceIndex >= f.sentenceIndex &&
        g.sentenceIndex <= f.sentenceIndex + 1 &&
        !g.critical &&
        g.assertion !== 'absent',
    );
    if (benignConcept || BENIGN_WORDS.test(after.slice(cue.index))) return true;
  }
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
    // A BI-RADS 4 or 5 in the report: its lesion is suspected cancer, whatever else is read as benign.
    const suspiciousCategory = readCategories(report.text).some((m) => m.system.id === 'bi-rads' && /^[45]/.test(m.category.id));
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
        critical
          .filter((c) => c.finding.concept === finding.concept)
          .every((c) => readAsNotNew(report, c.finding, findings, suspiciousCategory))
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
