// Statements that document the communication of a result ("Discussed with Dr. X by telephone at
// 14:35, read back confirmed"). The ACR practice parameter asks for who was told, when, and how.
import type { Report, Sentence, Span } from '../report/types';

export interface Communication extends Span {
  recipient: boolean;
  time: boolean;
  method: boolean;
}

const VERB =
  /\b(discussed|communicated|called|notified|telephoned|phoned|paged|conveyed|relayed|informed|spoke|speaking|reported|notification|read[- ]?back)\b/i;
// Uses of those words that are not a result being communicated.
const NOT_COMMUNICATION =
  /informed consent|(as|is|are|were|be) (discussed|described) (below|above|in more detail|further)|discussed (below|above|in more detail)|reported (as|to be|by the patient)|patient (reported|reports)|\b(she|he|they|parents?|mother|father|wife|husband|family|son|daughter)\s+(later\s+)?(called|spoke)\b|so[- ]called|will be (discussed|conveyed|communicated)|\b(risks?|benefits|alternatives|complications)\b[^.]{0,80}\b(discussed|explained)\b|\bdiscussed the (procedure|risks?)\b|did not report|widely reported|(should|may|can) be discussed with/i;
const RECIPIENT =
  /\bDr\b\.?|\bdoctor\b|\bXXXX\b|\b(ordering|referring|covering|attending|treating|on-?call|primary|emergency|consulting)\b|\b(nurse|RN|physician|provider|clinician|team|PA|NP|resident|fellow|surgeon|surgery|patient|ED|ER|ICU|department|service|house officer)\b/;
const TIME =
  /\b\d{1,2}:\d{2}\b|\bat\s+(approximately\s+)?([01]?\d|2[0-3])[0-5]\d\b|\b\d{1,4}\s*(a\.?m\b\.?|p\.?m\b\.?|hours\b|hrs\b|h\b)|\b(at|on)\s+(approximately\s+)?XXXX|\bXXXX\s*(a\.?m\b\.?|p\.?m\b\.?|hours\b)|\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b|\b(today|tonight|this (morning|afternoon|evening)|at the time of (dictation|interpretation|this report|the study))\b/i;
const METHOD =
  /\b(tele)?phon\w*|\bin person\b|face[- ]to[- ]face|\bverbal(ly)?\b|\bsecure (message|chat|e-?mail|messaging)\b|\bpage[rd]?\b|\bcalled\b|\bVeriphy\b|critical results? notification|\bPrimordial\b|read[- ]?back|\bspoke\b|\bin the (reading room|department)\b|\bdirectly\b|\bvia\b/i;

export function isCommunication(sentence: string): boolean {
  return (
    VERB.test(sentence) &&
    !NOT_COMMUNICATION.test(sentence) &&
    (RECIPIENT.test(sentence) || /\b(findings|results?|these|this)\b/i.test(sentence))
  );
}

/** Every sentence that documents a communication, with which ACR elements it names. */
export function findCommunications(report: Report): Communication[] {
  const found: Communication[] = [];
  const sentences: Sentence[] = report.sentences;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    if (!isCommunication(s.text)) continue;
    // Dictation often splits the statement: "Discussed with Dr. X." "At 14:35 by telephone."
    const next = sentences[i + 1];
    const text =
      next &&
      next.section === s.section &&
      !isCommunication(next.text) &&
      next.text.length < 80 &&
      (TIME.test(next.text) || METHOD.test(next.text)) &&
      !VERB.test(next.text)
        ? `${s.text} ${next.text}`
        : s.text;
    found.push({
      start: s.start,
      end: s.end,
      recipient: RECIPIENT.test(text),
      time: TIME.test(text),
      method: METHOD.test(text),
    });
  }
  return found;
}

/** The ACR elements a statement leaves out, in words. */
export function missingElements(c: Communication): string[] {
  const missing: string[] = [];
  if (!c.recipient) missing.push('who was told');
  if (!c.time) missing.push('when');
  if (!c.method) missing.push('how (telephone, in person, ...)');
  return missing;
}
