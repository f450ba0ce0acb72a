// What kind of document a text is. An imaging report is what the clinical checks read; a neurology case
// history (CC, HX, PMH, FHX ... COURSE), an operative or procedure note, an EEG/EMG study or a radiation
// therapy note is recognised by its headers and words, so only the checks that apply to any text run on it
// and none asks it for a critical-result call.
import type { DocumentKind, Section } from './types';

interface KindCue {
  kind: Exclude<DocumentKind, 'imaging'>;
  /** Header names (upper case) typical of the kind; `headers` distinct ones make the document this kind. */
  headerNames: RegExp;
  headers: number;
  /** Words typical of the kind; `mentions` of them in the text make the document this kind. */
  words?: RegExp;
  mentions?: number;
  /** Kept an imaging report when it reads one: a findings section, or a study performed today. */
  yieldsToImaging?: boolean;
  /** An impression section is enough to keep it an imaging report (a case history has one too; a therapy note none). */
  yieldsToImpression?: boolean;
}

// "I performed a transabdominal ultrasound today using a 4 MHz transducer": an imaging study reported by its reader.
const READS_IMAGING = /\b(?:I|we) performed an? [\w -]{0,40}(?:ultrasound|sonogra\w*|scan|CT|MRI|study)\b|\btransducer\b/i;

const KINDS: readonly KindCue[] = [
  {
    kind: 'case-history',
    headerNames:
      /^(CC|CHIEF COMPLAINTS?|HX|HPI|HISTORY OF (THE )?PRESENT ILLNESS|PMH|PAST MEDICAL HISTORY|PSH|PAST SURGICAL HISTORY|FHX|FAMILY HISTORY|SHX|SOCIAL HISTORY|SHX\/FHX|FHX\/SHX|ROS|REVIEW OF SYSTEMS|MEDS|ALLERGIES|COURSE|HOSPITAL COURSE|CLINICAL COURSE|MS|MENTAL STATUS|CN|CN II-XII|CRANIAL NERVES|MOTOR|SENSORY|COORD|STATION|GAIT|STATION\/GAIT\/COORD|REFLEXES|GEN EXAM|HEENT|PHYSICAL EXAM(INATION)?|ASSESSMENT|PLAN|ASSESSMENT AND PLAN|DISPOSITION)$/,
    headers: 3,
    yieldsToImaging: true,
  },
  {
    kind: 'procedure-note',
    headerNames:
      /^(PRE-?OPERATIVE DIAGNOS[IE]S|POST-?OPERATIVE DIAGNOS[IE]S|ESTIMATED BLOOD LOSS|EBL|ESTIMATE BLOOD LOSS|NAME OF (THE )?OPERATION|OPERATIONS?( PERFORMED)?|SPECIMENS?( REMOVED)?|HEMOSTASIS|DESCRIPTION OF (THE )?(PROCEDURE|OPERATION)|DETAILS OF (THE )?PROCEDURE|PROCEDURES? IN DETAIL|SUMMARY OF PROCEDURE|ANESTHESIA|DRAINS|DISPOSITION|VITAL SIGNS|FLUIDS)$/,
    headers: 2,
  },
  {
    kind: 'neurophysiology',
    headerNames:
      /^(NERVE CONDUCTION STUD(Y|IES)|NEEDLE EMG|EMG|EEG|PHOTIC STIMULATION|HYPERVENTILATION|TECHNICAL SUMMARY|SLEEP|INDUCED EVENT)$/,
    headers: 2,
    words:
      /\b(EEG|EMG|electroencephalogra\w*|electromyogra\w*|nerve conduction|motor unit potentials?|sensory nerve action potentials?|posterior dominant rhythm)\b/gi,
    mentions: 2,
  },
  {
    kind: 'radiation-therapy',
    headerNames: /^(RADIATION THERAPY|TREATMENT PLANNING|SIMULATION|DOSIMETRY)$/,
    headers: 2,
    // A planning or treatment note tells how the course is planned ("simulation films", "dose per fraction", "target
    // volume"); a CT after radiotherapy names the therapy, not its planning, and one with findings or an impression
    // stays a report whatever it names.
    words:
      /\b(intensity[- ]modulated radiation|IMRT|radiation (therapy|oncology|treatment)|treatment planning|isocenter|dose[- ]volume|(conformal|3-dimensional|three-dimensional) simulation|simulation films?|(hyper|hypo)?fractionat\w*|dose per fraction|target volumes?|brachytherapy (applicator|planning|catheters?|seeds?)|seed implantation)\b/gi,
    mentions: 2,
    yieldsToImaging: true,
    yieldsToImpression: true,
  },
];

// Any word of any kind, tested once: nearly no report holds one, and each kind's own count was a search of its own.
const ANY_KIND_WORD = new RegExp(KINDS.flatMap((k) => (k.words ? [k.words.source] : [])).join('|'), 'i');

/** The kind of document the text is, from its section headers and words. */
export function documentKind(text: string, sections: readonly Section[]): DocumentKind {
  const names = new Set(sections.map((s) => s.header?.name.trim().replace(/\s+/g, ' ').toUpperCase()).filter((n): n is string => !!n));
  const readsImaging = sections.some((s) => s.kind === 'findings') || READS_IMAGING.test(text);
  const hasImpression = sections.some((s) => s.kind === 'impression');
  const kindWords = ANY_KIND_WORD.test(text);
  for (const cue of KINDS) {
    if (cue.yieldsToImaging && (readsImaging || (cue.yieldsToImpression && hasImpression))) continue;
    let headers = 0;
    for (const name of names) if (cue.headerNames.test(name)) headers++;
    if (headers >= cue.headers) return cue.kind;
    if (kindWords && cue.words && (text.match(cue.words)?.length ?? 0) >= (cue.mentions ?? 1)) return cue.kind;
  }
  return 'imaging';
}
