// The current critical findings of a report: what the critical rules report and features (compare,
// hover) may show. Below rules; the analysis computes them once (Analysis.critical).
import type { Report } from '../report/types';
import { QUALIFIERS, READ_AS, conceptHas, fitsExam, type Finding, type Understanding, type Urgency } from '../nlp';
import { NOT_ACUTE } from '../nlp/grammar';
import { DENIED_READING } from '../nlp/minor';
import { wordsRegex } from '../nlp/relations';
import explainedData from './explained.json';
import knownData from './known.json';
import { malpositionedTubes } from './malposition';

/** User overrides by finding name: an urgency makes it critical, 'none' takes it off the list. */
export type CriticalOverrides = Record<string, Urgency | 'none'>;

// Words saying a finding is already known: not a new result to call about, unless it is immediately
// life-threatening (a known tension pneumothorax is still an emergency).
const ALREADY_KNOWN =
  /\b(stable|unchanged|known|again (seen|noted|demonstrated)|redemonstrat\w*|persistent|persists|decreas\w*|improv\w*|resolving|(?:almost |nearly |largely |partially )?resolved|smaller|reduced|regress\w*|similar|previously (seen|described|noted)|(seen|described|noted) previously|no (significant )?change|(has|have|had) not (significantly )?changed)\b/i;
// What is left of a treated finding ("residual pneumothorax" after the chest tube) or told as going on ("continued
// severe cardiomegaly and/or pericardial effusion") is known, unless it grows ("small residual pneumothorax has
// increased slightly in size", "continued enlargement").
// "Continued" in time only: a thrombus "continued into the iliac vein" is where it runs.
const RESIDUAL = /\b(?:residual|continued(?!\s+(?:to|into|along|through|up|down|until|from|in|at|as)\b))\b/i;
const GROWING = /(?<!\b(?:no|not|without)\s+(?:\w+\s+)?)\b(?:increas\w*|enlarg\w*|larger|worse\w*|expand\w*|new)\b/i;
// "Residual" is read in the finding's own clause, and growth there or up to the next finding ("residual pneumothorax,
// new since ..."): "residual pneumothorax with new mediastinal shift" keeps both calls.
const alreadyKnown = (text: string, clause = text, growth = clause) =>
  ALREADY_KNOWN.test(text) || (RESIDUAL.test(clause) && !GROWING.test(growth));
// Bleeding the report's own procedure met and stopped ("transient arterial hemorrhage ... until
// hemostasis was achieved", "active bleeding ... stopped by tract embolization"), or a collection already
// drained ("a catheter extending into the abscess cavity"): the operator knows.
// The report may tell it in the sentences after ("... the active hemorrhage. ... until hemostasis was
// achieved") or where it names the bleeding again ("Transient arterial hemorrhage" in the impression).
const HANDLED =
  /\b(transient(ly)?|stopped|hemostasis|controlled|tamponaded|resolved with|drainage (catheter|tube)|catheter (extending )?(into|within) the (abscess|collection|cavity))\b/i;
const HANDLED_AFTER = /\b(stopped|hemostasis|controlled|tamponaded)\b/i;
// What the report reads as the expected result of an operation ("free air ... It was evaluated in favor of
// postoperative change", "free air (postoperative change?)", "pneumoperitoneum, attributed to the patient's recent
// abdominal surgery", "likely postprocedural due to the recent surgery"): expected, not a new result to call about.
const AFTER_SURGERY = new RegExp(
  String.raw`(?:(?:${READ_AS.source}|\bexpected\b)\s+(?:an?\s+|the\s+)?|\(\s*)(?:post-?operative|post-?surgical|post-?procedural)\s+(?:change|state|air|finding)s?\b` +
    String.raw`|(?:${READ_AS.source}|\bexpected\b|\bto be)\s+post-?procedural\b` +
    String.raw`|(?:${READ_AS.source})\s+(?:the\s+|an?\s+)?(?:patient'?s\s+)?(?:recent\s+)?(?:(?:abdominal|pelvic|bowel|gastric|colonic|laparoscopic|robotic|open|thoracic|chest|cardiac|endoscopic|percutaneous)\s+)?(?:surgery|operation|procedure|laparotomy|laparoscopy|thoracotomy|sternotomy|thoracentesis|paracentesis|biopsy)\b`,
  'i',
);
// A mention that grows, is large, or is read as a leak or perforation is a result to call about even after an
// operation or beside a benign reading ("free air, markedly increased ..., anastomotic leak not excluded").
const STILL_A_CALL = new RegExp(
  String.raw`${GROWING.source}|(?<!\b(?:no|not|without)\s+(?:\w+\s+){0,3})\b(?:large(?!\s+(?:bowel|intestine))|massive|perforat\w*|leak\w*)\b`,
  'i',
);
// A sentence that speaks of the one before ("This is adjacent to ...", "These findings may be due to ...").
const ANAPHORA = /^\s*(\d+[.)]\s*)?(this|these|it|they|findings|the findings)\b/i;

// The sentence after a finding that speaks of it ("There was no significant difference in this appearance when compared
// to the previous examination.", "When the previous examinations were evaluated together, the described appearances were
// thought to be due to chronic thrombus, and a significant regression was observed."): it tells whether the finding is
// the prior study's. Unchanged, not increased, regressed or chronic, and nothing in it grown or new, the finding is known.
const POINTS_BACK =
  /^\s*(?:\d+[.)]\s*)?(?:this|these|it|they)\b|\b(?:this|these|the described|the aforementioned|the above(?:-mentioned)?|the said)\s+(?:appearances?|findings?|lesions?|images?|changes?)\b/i;
const NOT_CHANGED =
  /\bno (?:significant |marked |evident |appreciable )?(?:change|difference|increase|progression)\b|\b(?:did|does|has|have) not (?:significantly )?(?:change|increase|progress)\w*/i;
// Unchanged against an earlier study, not within this one ("did not increase during the examination, compared to the
// scout image" is no prior).
const EARLIER_STUDY =
  /\b(?:prior|previous|preceding|earlier|last|old)\s+(?:\w+\s+)?(?:exam\w*|stud(?:y|ies)|scans?|ct|mri?|images?|imaging|radiographs?|films?|reviews?)\b|\bsince (?:the|an?) (?:\w+\s+)?(?:exam\w*|stud(?:y|ies)|scans?|ct|mri?|radiographs?|films?|ultrasound)\b|\bpreviously\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/i;
// Chronic as what the finding is read as ("It is chronic", "thought to be due to chronic thrombus"), never a cause or a
// part beside it ("related to chronic bullous emphysema", "with a chronic component").
const READ_CHRONIC =
  /\b(?:is|are|was|were|appears?|seems?)\s+(?:\w+\s+)?chronic\b|\b(?:due to|compatible with|consistent with|in keeping with|suggestive of|represents?|representing)\s+(?:an?\s+)?chronic\b/i;
const DOUBTED = /\b(?:not|no|never|unlikely|without|rather than|instead of)\b/i;
function toldKnownAfter(report: Report, finding: Finding): boolean {
  const own = report.sentences[finding.sentenceIndex];
  const next = report.sentences[finding.sentenceIndex + 1];
  if (!own || !next || next.section !== own.section || !POINTS_BACK.test(next.text)) return false;
  if (GROWING.test(next.text) || ACUTE_TOO.test(next.text)) return false;
  // (Not one that doubts or denies it: "This is not chronic.", "This is unlikely to be chronic thrombus.")
  const chronic = READ_CHRONIC.exec(next.text);
  if (chronic && !DOUBTED.test(next.text.slice(0, chronic.index + chronic[0].length))) return true;
  return (ALREADY_KNOWN.test(next.text) || NOT_CHANGED.test(next.text)) && EARLIER_STUDY.test(next.text);
}

/** The report's findings by the index of their sentence, in the order of the list. */
type BySentence = ReadonlyMap<number, readonly Finding[]>;

export interface CriticalFinding {
  finding: Finding;
  urgency: Urgency;
  /**
   * Whether a call must be documented: not for the days tier (the report may carry it), and below
   * the minutes tier not for what is called stable or known, nor for one item of a differential; at no tier
   * for what the report reads as the expected result of an operation ("postoperative change").
   */
  needsCall: boolean;
}

/** Present or suspected, current critical findings: denials, history and questions do not count. */
export function findCriticalFindings(
  report: Report,
  u: Pick<Understanding, 'exam' | 'findings'>,
  overrides: CriticalOverrides,
): CriticalFinding[] {
  const findings = u.findings;
  const found: CriticalFinding[] = [];
  // A case history or an operative note retells results; it is never asked for a critical-result call.
  if (report.document !== 'imaging') return found;
  const hasReportSections = report.sections.some((s) => s.kind === 'findings' || s.kind === 'impression');
  // Questions about all mentions of a concept, asked once per concept (perConcept).
  const toldHandled = new Map<string, boolean>();
  const differentialOnly = new Map<string, boolean>();
  const toldExpected = new Map<string, boolean>();
  const toldBenign = new Map<string, boolean>();
  const toldKnown = new Map<string, boolean>();
  // Each mention reads the other findings of its own sentence: indexed once, as a scan of all findings per
  // mention made a long document quadratic (a 1 MB document spent most of its time here).
  const bySentence = new Map<number, Finding[]>();
  for (const f of findings) {
    const list = bySentence.get(f.sentenceIndex);
    if (list) list.push(f);
    else bySentence.set(f.sentenceIndex, [f]);
  }
  for (const finding of [...findings, ...malpositionedTubes(report, findings)]) {
    const override = overrides[finding.finding];
    const urgency = override === 'none' ? null : (override ?? finding.critical);
    if (!urgency) continue;
    if (finding.assertion !== 'present' && finding.assertion !== 'possible') continue;
    if (finding.section === 'history' || finding.section === 'comparison' || finding.section === 'exam') continue;
    // What the exam cannot show is another organ's word ("infarct" of the spleen on a chest CT), not a call.
    if (!fitsExam(u, finding, report)) continue;
    // Narrative sections ("COURSE:", "HX:") of a report that has its own findings or impression
    // tell the story; the result being reported is in the findings and impression.
    if (finding.section === 'other' && hasReportSections) continue;
    // A label over what follows ("Thrombosis: No thrombus is identified ...") states nothing itself; what
    // follows it does. A field answered in its own words ("Pneumothorax: large, right.") is the finding.
    if (labelOnly(report, finding, findings)) continue;
    const sentence = report.sentences[finding.sentenceIndex]?.text ?? '';
    const before = ANAPHORA.test(sentence) ? (report.sentences[finding.sentenceIndex - 1]?.text ?? '') : '';
    // Read as the operation's result here or at another mention ("There is subphrenic free air." ... "Pneumoperitoneum,
    // attributed to the patient's recent abdominal surgery"): the same air.
    const expected = perConcept(toldExpected, finding.concept, () =>
      findings.some(
        (f) => f.concept === finding.concept && (f.assertion === 'present' || f.assertion === 'possible') && readAsAfterSurgery(report, f),
      ),
    );
    const old = readAsOld(report, finding, bySentence);
    const afterSurgery = expected && !STILL_A_CALL.test(sentence);
    // Read as a benign cause at any mention: the impression may explain the sign the findings only name.
    // Only the words before the reading: "widened mediastinum due to enlarged lymph nodes" grows nothing.
    const benign =
      !STILL_A_CALL.test((clauseOf(report, finding, bySentence) ?? sentence).split(READ_AS)[0]) &&
      perConcept(toldBenign, finding.concept, () =>
        findings.some((f) => f.concept === finding.concept && f.assertion !== 'absent' && explainedAsBenign(report, f, findings)),
      );
    const known =
      urgency === 'hours' &&
      (alreadyKnown(
        sentence,
        clauseOf(report, finding, bySentence) ?? sentence,
        `${clauseOf(report, finding, bySentence)} ${ownStretch(report, finding, bySentence)}`,
      ) ||
        alreadyKnown(before) ||
        toldKnownAfter(report, finding));
    const needsCall =
      !afterSurgery &&
      !old &&
      !benign &&
      ((urgency === 'minutes' && !knownNoCall(report, finding, findings, toldKnown)) ||
        (urgency === 'hours' &&
          !known &&
          !handled(report, finding, findings, toldHandled) &&
          finding.hedge !== 'differential' &&
          !onlyInDifferential(finding, findings, differentialOnly) &&
          largeEnough(report, finding, findings, bySentence)));
    // A sign critical only when new (a mediastinal shift): told stable, chronic or explained, it is no critical finding;
    // kept unasked for another reason (one item of a differential), it stays marked.
    if (!needsCall && (afterSurgery || old || benign || known) && EXPLAINED.get(finding.concept)?.onlyWhenNew) continue;
    found.push({ finding, urgency, needsCall });
  }
  return found;
}

// Immediate threats that are no new call when known (known.json): "known type B dissection with a thrombosed false
// lumen", "residual flap after type A repair", "chronic dissection, unchanged"; a new, acute or extending one is.
const KNOWN_CONCEPTS: ReadonlySet<string> = new Set(knownData.concepts);
const KNOWN_WORDS = wordsRegex(knownData.known);
// A negated new word ("no new", "without extension", "not increased") tells nothing new.
const NEW_WORDS = new RegExp(String.raw`(?<!\b(?:no|not|without)\s+(?:\w+\s+)?)` + wordsRegex(knownData.new).source, 'i');
type Told = 'known' | 'new' | null;
function toldAs(report: Report, finding: Finding): Told {
  const sentence = report.sentences[finding.sentenceIndex]?.text ?? '';
  if (NEW_WORDS.test(sentence)) return 'new';
  return KNOWN_WORDS.test(sentence) ? 'known' : null;
}
/** A known dissection (its sentence, or another mention when its own says neither) and no mention told new. */
function knownNoCall(report: Report, finding: Finding, findings: readonly Finding[], toldKnown: Map<string, boolean>): boolean {
  if (!KNOWN_CONCEPTS.has(finding.concept)) return false;
  const told = toldAs(report, finding);
  if (told !== null) return told === 'known';
  return perConcept(toldKnown, finding.concept, () => {
    const mentions = findings.filter((f) => f.concept === finding.concept && (f.assertion === 'present' || f.assertion === 'possible'));
    const tolds = mentions.map((f) => toldAs(report, f));
    return tolds.includes('known') && !tolds.includes('new');
  });
}

// A finding that is urgent only when large (a pericardial effusion): the ACR lists a large one; a
// minimal, mild or ungraded one is reported, not called. "Large", "moderate", "new", "increased" (the
// qualifiers' marked words) in its own clause make it a call ("pericardial effusion increased",
// "Pericardial effusion; new to current review"), not in another's ("increased pleural effusion,
// pericardial effusion"). New or increased is no call when the report grades the effusion small in any
// mention ("A smear-like effusion in the pericardial space. It is new." / "Pericardial effusion; new").
const SMALL_AMOUNT = QUALIFIERS.smallAmount;
const LARGE_AMOUNT = QUALIFIERS.largeAmount;
function largeEnough(report: Report, finding: Finding, findings: readonly Finding[], bySentence: BySentence): boolean {
  if (!conceptHas(finding.concept, 'call-only-when-large')) return true;
  const clause = nowSized(clauseOf(report, finding, bySentence));
  if (clause === null) return true;
  if (!QUALIFIERS.marked.test(clause) && !GROWING.test(clause)) return false;
  if (LARGE_AMOUNT.test(clause)) return true;
  return !findings.some((f) => {
    if (f.concept !== finding.concept || (f.assertion !== 'present' && f.assertion !== 'possible')) return false;
    const c = nowSized(clauseOf(report, f, bySentence));
    return c !== null && SMALL_AMOUNT.test(c) && !LARGE_AMOUNT.test(c);
  });
}

// A size told as the old one ("the previously small effusion has increased", "was trace") is not the size now.
const OLD_SIZE = new RegExp(
  String.raw`\b(?:previously|prior(?:ly)?|formerly|was|were|had been)\s+(?:(?:very|only|a|quite)\s+)?(?:${SMALL_AMOUNT.source.replace(/^\\b|\\b$/g, '')}|${LARGE_AMOUNT.source.replace(/^\\b|\\b$/g, '')})\b`,
  'gi',
);
const nowSized = (clause: string | null) => clause && clause.replace(OLD_SIZE, ' ');

/** The words of the finding's sentence from the finding before it to the one after it ("residual pneumothorax, new since"). */
function ownStretch(report: Report, finding: Finding, bySentence: BySentence): string {
  const sentence = report.sentences[finding.sentenceIndex];
  if (!sentence) return '';
  let from = sentence.start;
  let to = sentence.end;
  for (const f of bySentence.get(finding.sentenceIndex) ?? []) {
    if (f.concept === finding.concept) continue;
    if (f.end <= finding.start && f.end > from) from = f.end;
    if (f.start >= finding.end && f.start < to) to = f.start;
  }
  return report.text.slice(from, to);
}

// What ends a clause: a comma always; a semicolon or a contrasting "but" when another finding stands
// beyond it ("stable effusion; new pneumothorax", "effusions are large but the pericardial effusion is
// small"), not when only the finding's own words do ("Pericardial effusion; new to current review").
const SOFT_BREAK = /;|\bbut\b/gi;

/** The words of the finding's own clause (its sentence cut around it, as above), or null without a sentence. */
function clauseOf(report: Report, finding: Finding, bySentence: BySentence): string | null {
  const sentence = report.sentences[finding.sentenceIndex];
  if (!sentence) return null;
  const others = (bySentence.get(finding.sentenceIndex) ?? []).filter((f) => f !== finding);
  let from = sentence.start;
  let to = sentence.end;
  const before = report.text.slice(sentence.start, finding.start);
  from += before.lastIndexOf(',') + 1;
  for (const m of before.matchAll(SOFT_BREAK)) {
    const at = sentence.start + m.index + m[0].length;
    if (at > from && others.some((f) => f.end <= at - m[0].length && f.start >= from)) from = at;
  }
  const after = report.text.slice(finding.end, sentence.end);
  const comma = after.indexOf(',');
  if (comma >= 0) to = finding.end + comma;
  for (const m of after.matchAll(SOFT_BREAK)) {
    const at = finding.end + m.index;
    if (at >= to) break;
    if (others.some((f) => f.start >= at + m[0].length && f.start < sentence.end)) {
      to = at;
      break;
    }
  }
  return report.text.slice(from, finding.start) + report.text.slice(finding.end, to);
}

/**
 * A finding named as a label ("Thrombosis:") is only the label when what follows answers it: a denial
 * ("No thrombus …", "None.") or the finding told again in the same sentence, which is then read on its own.
 */
export function labelOnly(report: Report, label: Finding, findings: readonly Finding[]): boolean {
  if (report.text[label.end] !== ':') return false;
  if (/^:\s*(?:no|none|negative|not|absent|without)\b/i.test(report.text.slice(label.end, label.end + 24))) return true;
  return findings.some((f) => f !== label && f.sentenceIndex === label.sentenceIndex && f.start > label.end);
}

/** Bleeding the report's own procedure met and stopped, as its sentence, the next three or another mention tells. */
function handled(report: Report, finding: Finding, findings: Finding[], toldHandled: Map<string, boolean>): boolean {
  const at = finding.sentenceIndex;
  const sentence = report.sentences[at];
  if (!sentence) return false;
  if (HANDLED.test(sentence.text)) return true;
  for (let k = at + 1; k <= at + 3 && report.sentences[k]?.section === sentence.section; k++)
    if (HANDLED_AFTER.test(report.sentences[k].text)) return true;
  // Another mention told handled (this one's own sentence is not, so it is never that mention).
  return perConcept(toldHandled, finding.concept, () =>
    findings.some(
      (f) =>
        f.concept === finding.concept &&
        (f.assertion === 'present' || f.assertion === 'possible') &&
        HANDLED.test(report.sentences[f.sentenceIndex]?.text ?? ''),
    ),
  );
}

// A finding the words after it read as old ("subluxation/dislocation left shoulder, possibly chronic", "subdural
// collection, chronic in appearance"): old news, as "chronic" before it is. The time word must close the clause, so
// "pneumothorax with old rib fractures" stays a pneumothorax to call about.
const OLD_AFTER = new RegExp(
  String.raw`^[^.;]{0,40}?(?:,|\b(?:is|are|appears?|appearing|likely|probably|possibly))\s+(?:(?:possibly|probably|likely|most likely|presumably|also)\s+)?` +
    String.raw`(?:${[...NOT_ACUTE].join('|')})\b\s*(?:[.;,)]|$|in (?:appearance|nature|age)\b)` +
    // A sign read as an old disease ("filling defects compatible with chronic thrombus", "collection consistent with an
    // old hematoma"): the sign is that old disease. ("Consistent with prior imaging" compares, it does not date.)
    String.raw`|^[^.;]{0,40}?(?:${READ_AS.source})\s+(?:an?\s+)?(?:${[...NOT_ACUTE].filter((w) => !/^(?:prior|previous)$/.test(w)).join('|')})\b`,
  'i',
);
const ACUTE_TOO = /(?<!\b(?:no|not|without)\s+(?:\w+\s+){0,3})\b(?:acute|acute-on-chronic|hyperacute|fresh|new)\b/i;
/** Do the words after the mention, up to the next finding of its sentence, read it as old? */
function readAsOld(report: Report, finding: Finding, bySentence: BySentence): boolean {
  const sentence = report.sentences[finding.sentenceIndex];
  if (!sentence) return false;
  let to = sentence.end;
  for (const f of bySentence.get(finding.sentenceIndex) ?? []) if (f.start >= finding.end && f.start < to) to = f.start;
  // "likely chronic, with acute hemorrhage / an acute component": acute on chronic is new.
  return OLD_AFTER.test(report.text.slice(finding.end, to)) && !ACUTE_TOO.test(report.text.slice(finding.end, sentence.end));
}

// Signs critical only while unexplained (explained.json): "Widening of the mediastinum, secondary to lymphadenopathy
// related to sarcoid", "Widened mediastinum. Maybe secondary to prominent mediastinal fat or tortuous aorta."
const EXPLAINED = new Map(
  explainedData.signs.map((s) => [
    s.sign,
    {
      causes: new Set(s.causes),
      words: wordsRegex(s.words),
      against: wordsRegex(s.against),
      pulledBy: 'pulledBy' in s && s.pulledBy ? wordsRegex(s.pulledBy) : null,
      onlyWhenNew: 'criticalOnlyWhenNew' in s && s.criticalOnlyWhenNew,
    },
  ]),
);
// The sentence after that goes on reading the sign: it opens with a pointer back or a hedge.
const READING_GOES_ON = /^\s*(?:this|these|it|they|findings|maybe|may be|possibly|probably|likely|most likely)\b/i;
// The reading's clause ends at a semicolon, a comma, "but", "however", "although".
const CLAUSE_END = /[;,:]|\b(?:but|however|although|though|yet|while|whereas)\b/i;
/**
 * Does the sign's sentence (or the next, reading it on) read it as a benign cause? Only the clause right after the
 * reading counts, and not when the sentence also names a critical finding or a cause that pushes (an effusion, a
 * hematoma: explained.json `against`).
 */
function explainedAsBenign(report: Report, finding: Finding, findings: readonly Finding[]): boolean {
  const explained = EXPLAINED.get(finding.concept);
  const sentence = report.sentences[finding.sentenceIndex];
  if (!explained || !sentence) return false;
  if (explained.pulledBy && pulledTowardElsewhere(report, finding, explained.pulledBy)) return true;
  const next = report.sentences[finding.sentenceIndex + 1];
  const regions: [number, number, number][] = [[finding.end, sentence.end, finding.sentenceIndex]];
  if (next && READING_GOES_ON.test(next.text)) regions.push([next.start, next.end, finding.sentenceIndex + 1]);
  return regions.some(([from, to, at]) => {
    const whole = report.sentences[at];
    if (explained.against.test(whole.text)) return false;
    const critical = findings.some(
      (g) => g.sentenceIndex === at && g !== finding && g.concept !== finding.concept && g.critical && g.assertion !== 'absent',
    );
    if (critical) return false;
    // A resection or volume loss the sentence names pulls the sign toward it, read or not ("pneumonectomy with the
    // expected shift"); a denied one pulls nothing ("no volume loss"). A shift away from the resected side is pushed
    // (a bronchopleural fistula, bleeding or fluid filling the space): no reading explains it.
    if (explained.pulledBy && at === finding.sentenceIndex) {
      const loss = lossesOf(report, explained.pulledBy).find((l) => l.sentenceIndex === at);
      if (loss) {
        const toward = shiftSide(report, finding);
        return !(toward && loss.side && toward !== loss.side);
      }
    }
    const text = report.text.slice(from, to);
    const cue = READ_AS.exec(text);
    if (!cue || DENIED_READING.test(text.slice(0, cue.index))) return false;
    const start = from + cue.index + cue[0].length;
    const rest = report.text.slice(start, to);
    const end = start + (CLAUSE_END.exec(rest)?.index ?? rest.length);
    return (
      findings.some((g) => g.start >= start && g.end <= end && g.assertion !== 'absent' && explained.causes.has(g.concept)) ||
      explained.words.test(report.text.slice(start, end))
    );
  });
}

// The way a shift goes: "to/toward the right", "rightward", "away from the left" (then to the right).
const SHIFT_AFTER =
  /^[^,;:.]{0,30}?\b(?:(?:to|toward|towards|into)\s+the\s+(right|left)|(right|left)ward|away\s+from\s+the\s+(right|left))\b/i;
const SHIFT_BEFORE = /\b(right|left)ward(?:\s+\w+){0,2}\s*$/i;
const other = (side: string) => (side === 'right' ? 'left' : 'right');
function shiftSide(report: Report, finding: Finding): 'right' | 'left' | null {
  const after = SHIFT_AFTER.exec(report.text.slice(finding.end, finding.end + 60));
  if (after) return (after[1] ?? after[2] ?? other(after[3].toLowerCase())).toLowerCase() as 'right' | 'left';
  const before = SHIFT_BEFORE.exec(report.text.slice(Math.max(0, finding.start - 40), finding.start));
  return before ? (before[1].toLowerCase() as 'right' | 'left') : null;
}
// A shift toward a side the report tells resected, collapsed or shrunken in another sentence ("The left hemithorax is
// hypovolemic. The mediastinum is slightly deviated to the left.", "Prior right pneumonectomy. … shifted to the right")
// is that loss's expected sign. Only with both sides told and the same; a denied loss pulls nothing.
function pulledTowardElsewhere(report: Report, finding: Finding, pulledBy: RegExp): boolean {
  const toward = shiftSide(report, finding);
  return !!toward && lossesOf(report, pulledBy).some((loss) => loss.side === toward && loss.sentenceIndex !== finding.sentenceIndex);
}
// The losses a report tells, undenied, in order, with their side when told: read once per report (a long document has
// many shifts and many sentences).
type Loss = { side: 'right' | 'left' | null; sentenceIndex: number };
const LOSSES = new WeakMap<Report, Map<string, Loss[]>>();
function lossesOf(report: Report, pulledBy: RegExp): Loss[] {
  let byWords = LOSSES.get(report);
  if (!byWords) LOSSES.set(report, (byWords = new Map()));
  let losses = byWords.get(pulledBy.source);
  if (losses) return losses;
  losses = [];
  const pulled = new RegExp(pulledBy.source, 'gi');
  report.sentences.forEach((s, sentenceIndex) => {
    for (const m of s.text.matchAll(pulled)) {
      if (/\b(?:no|not|without)\b[^,;:]*$/i.test(s.text.slice(0, m.index))) continue;
      losses!.push({ side: sideOf(s.text, m.index, m.index + m[0].length), sentenceIndex });
    }
  });
  byWords.set(pulledBy.source, losses);
  return losses;
}
// The side of a resection or volume loss: "left pneumonectomy", "right upper lobectomy", "volume loss in the left hemithorax".
function sideOf(text: string, start: number, end: number): 'right' | 'left' | null {
  const before = /\b(right|left)\b(?:[\s-]+[a-z]+){0,3}[\s-]*$/i.exec(text.slice(Math.max(0, start - 40), start));
  const after = /^\s+(?:of|in|within|involving|at)\s+the\s+(right|left)\b/i.exec(text.slice(end, end + 40));
  const side = before?.[1] ?? after?.[1];
  return side ? (side.toLowerCase() as 'right' | 'left') : null;
}

/** Does the mention's sentence, or the next one speaking of it ("This is likely postprocedural"), read it as an operation's result? */
function readAsAfterSurgery(report: Report, f: Finding): boolean {
  const sentence = report.sentences[f.sentenceIndex]?.text ?? '';
  const after = report.sentences[f.sentenceIndex + 1]?.text ?? '';
  const reads = (text: string) => AFTER_SURGERY.test(text) && !STILL_A_CALL.test(text);
  return reads(sentence) || (ANAPHORA.test(after) && reads(after) && !STILL_A_CALL.test(sentence));
}

/** A question about all mentions of a concept, asked once per concept (a long document has many mentions). */
function perConcept(memo: Map<string, boolean>, concept: string, ask: () => boolean): boolean {
  let answer = memo.get(concept);
  if (answer === undefined) memo.set(concept, (answer = ask()));
  return answer;
}

/**
 * A finding the report names only as a possibility, once as one item of a differential ("hemorrhagic cyst
 * versus abscess" ... "an abscess cannot be excluded"), stays the differential it was first given as.
 */
function onlyInDifferential(finding: Finding, findings: Finding[], byConcept: Map<string, boolean>): boolean {
  if (finding.assertion !== 'possible') return false;
  return perConcept(byConcept, finding.concept, () => {
    const same = findings.filter((f) => f.concept === finding.concept && (f.assertion === 'present' || f.assertion === 'possible'));
    return same.some((f) => f.hedge === 'differential') && same.every((f) => f.assertion === 'possible');
  });
}

export const URGENCY_WORDS: Record<Urgency, string> = {
  minutes: 'communicate within minutes (immediate threat to life)',
  hours: 'communicate within hours (urgent)',
  days: 'communicate within days (unexpected, needs action)',
};

// Shared with the critical-finding rule, which reads a mention's benign reading the same way.
export { DENIED_READING, READING_GOES_ON };
