import type { SectionKind, Span } from '../report/types';

export type Side = 'left' | 'right' | 'bilateral';

/**
 * What the report says of a finding. A finding named in the indication or exam title without a cue is
 * 'hypothetical' (the clinical question), under COMPARISON 'historical' (a prior study).
 */
export type Assertion = 'present' | 'absent' | 'possible' | 'historical' | 'hypothetical';
export type Urgency = 'minutes' | 'hours' | 'days';
/**
 * How a possible finding is hedged: 'probable' ("likely", "probably"), 'differential' ("A versus B"),
 * or 'possible' ("may represent", "cannot exclude"). Radiologists' probability words are graded.
 */
export type Hedge = 'possible' | 'probable' | 'differential';

export interface Measurement extends Span {
  /** One value per dimension: "2.3 x 1.5 cm" -> [2.3, 1.5]. A range "2-3 cm" keeps both ends. */
  value: number[];
  unit: string;
}

/** One mention of a finding concept in the report text. */
export interface Finding extends Span {
  /** The concept's preferred name, e.g. "pleural effusion". */
  finding: string;
  /** The lexicon concept id. */
  concept: string;
  assertion: Assertion;
  /** Set when assertion is 'possible'. */
  hedge?: Hedge;
  side: Side | null;
  /** Anatomic site words bound to the mention ("lower lobe", "base"), normalised; may be empty. */
  site: string[];
  section: SectionKind;
  /** Index into Report.sections and Report.sentences. */
  sectionIndex: number;
  sentenceIndex: number;
  measurements: Measurement[];
  /** The concept's urgency when present (ACR-style tiers), whatever this mention's assertion. */
  critical: Urgency | null;
  /** Belongs in an impression when present. */
  significant: boolean;
  /** Set for conditions of one sex only (ovarian cyst, testicular torsion). */
  sex?: 'female' | 'male';
  /**
   * Set on the denials a normal statement makes ("The lungs are clear" denies consolidation): 'organ'
   * for an organ's statement, 'study' for the whole study's ("No acute cardiopulmonary abnormality").
   */
  normal?: 'organ' | 'study';
}

export interface Patient {
  sex: 'female' | 'male' | null;
  age: number | null;
}

export interface Exam {
  modality: string | null;
  bodyPart: string | null;
  side: Side | null;
  /** Where the exam title was read from. */
  span: Span | null;
  /** Where the side was read when the title names none: the procedure or technique sentence ("imaging of the right hip"). */
  sideSpan?: Span;
}

/** A word that belongs to one sex only (prostate, uterus, pregnancy), wherever it stands. */
export interface SexSpecificMention extends Span {
  term: string;
  sex: 'female' | 'male';
}

export interface Understanding {
  patient: Patient;
  exam: Exam;
  findings: Finding[];
  /** Every measurement in the text, attached to a finding or not. */
  measurements: Measurement[];
  sexSpecific: SexSpecificMention[];
}
