// Which findings of the findings section belong in an impression, read once for the two features
// that ask: the impression-omission rule (is one missing?) and the impression draft (what to list).
import { CONCEPT_BY_ID } from './lexicon';
import { fitsExam, listedByHabit } from './relations';
import { isExplained, isMinor } from './minor';
import type { Report } from '../report/types';
import type { Finding, Understanding } from './types';

/**
 * 'warning' when the impression should name the finding, 'info' when it is worth a mention (a
 * possible finding), null when leaving it out is fine. Coverage by the impression is not asked here.
 */
export function impressionWorthy(report: Report, u: Understanding, f: Finding): 'warning' | 'info' | null {
  const possible = f.assertion === 'possible' && !!f.hedge;
  if ((f.assertion !== 'present' && !possible) || !f.significant || !fitsExam(u, f, report)) return null;
  // Lines, tubes and surgical changes are listed by local habit; a malpositioned one is critical and still counts.
  if (!f.critical && listedByHabit(CONCEPT_BY_ID.get(f.concept))) return null;
  // A finding that is urgent only as a new suspicion (a mass) is not new when unchanged.
  if (isMinor(report, f) && (!f.critical || f.critical === 'days' || isExplained(report, f))) return null;
  // A possible finding: the hedge itself may be why it was left out. "Probable pneumonia" still belongs
  // in the impression (a warning); "cannot exclude a small effusion" is worth a mention (info). A
  // differential, or a minor or explained possibility ("suggestive of old empyema"), is left alone.
  // A critical one stays: "probable residual pneumothorax" (its severity follows the hedge).
  if (possible && (f.hedge === 'differential' || (!f.critical && (isMinor(report, f) || isExplained(report, f))))) return null;
  return possible && f.hedge !== 'probable' ? 'info' : 'warning';
}
