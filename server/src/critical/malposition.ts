// A tube in the wrong place is a critical finding that no single term names: the device is named in
// one phrase and the wrong place in another ("The endotracheal tube tip is in the right mainstem
// bronchus"). This reads both from the sentence of a present tube.
import type { Report } from '../report/types';
import { CONCEPTS, knownConcept, type Finding } from '../nlp';

const WRONG_PLACE: Record<string, RegExp> = {
  // An endotracheal tube belongs in the trachea, above the carina: not in a bronchus, of either side or none named.
  'endotracheal tube':
    /\b(right|left)\s+((main\s*-?stem|main|upper lobe|lower lobe)\s+)?bronch|\b(in|into|within|enters|entering|at) the (proximal |distal )?((right|left) )?(main\s*-?stem |main )?bronchus\b|\bendobronchial\b|\bbronchus intermedius\b|\besophag\w*|\b(hypo)?pharynx\b|\bbelow the carina\b/i,
  // A feeding tube belongs in the stomach or beyond, never in the airway.
  'enteric tube': /\b(trachea|bronch\w*|airway|(upper|middle|lower) lobe|pleural space|lung)\b/i,
};
// The keys are concept names (Finding.finding): each must name a concept, as relations' ids must.
const CONCEPT_NAMES = new Set(CONCEPTS.map((c) => c.name));
for (const name of Object.keys(WRONG_PLACE)) {
  if (!CONCEPT_NAMES.has(name)) throw new Error(`lexicon: no concept named "${name}" (critical/malposition.ts)`);
}
const MALPOSITIONED_TUBE = knownConcept('malpositioned-tube', 'critical/malposition.ts');
const NOT_NOW = /\b(not|no longer|withdrawn|removed|repositioned|retracted|previously|formerly|was in)\b/i;

export function malpositionedTubes(report: Report, findings: Finding[]): Finding[] {
  const found: Finding[] = [];
  for (const f of findings) {
    const place = WRONG_PLACE[f.finding];
    if (!place || f.assertion !== 'present') continue;
    const sentence = report.sentences[f.sentenceIndex]?.text ?? '';
    if (!place.test(sentence) || NOT_NOW.test(sentence)) continue;
    found.push({ ...f, finding: `malpositioned ${f.finding}`, concept: MALPOSITIONED_TUBE, critical: 'minutes', side: null });
  }
  return found;
}
