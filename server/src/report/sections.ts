import type { SectionKind } from './types';

// Header names as radiologists write them, normalised to upper case with single spaces.
// A known header always starts a section; an unknown ALL-CAPS header ("LIVER:", "RIGHT:") is an
// organ or side subheading when it stands inside FINDINGS, and an "other" section elsewhere.
const KNOWN: Array<[SectionKind, RegExp]> = [
  ['impression', /^(FINAL |CLINICAL |OVERALL )?(IMPRESSIONS?|CONCLUSIONS?|OPINION|SUMMARY|DIAGNOS[IE]S|INTERPRETATION)$/],
  ['findings', /^(FINDINGS?|REPORT|DESCRIPTION|RESULTS?|OBSERVATIONS?|FINDINGS AND DISCUSSION)$/],
  [
    'history',
    /^((CLINICAL )?(HISTORY|INDICATIONS?|INFORMATION|DATA|DETAILS|QUESTION)|CLINICAL|REASON FOR (THE )?(EXAM(INATION)?|STUDY|REFERRAL)|HX|ADMITTING DIAGNOSIS)$/,
  ],
  ['comparison', /^(COMPARISONS?|PRIOR STUDIES|PRIORS?|PREVIOUS STUDIES|COMPARISON STUDIES)$/],
  ['technique', /^(TECHNIQUE|PROTOCOL|PROCEDURE DETAILS|CONTRAST|MEDICATIONS?)$/],
  ['exam', /^(EXAM(INATION)?|STUDY|PROCEDURES?( DONE| PERFORMED)?|TYPE OF (STUDY|EXAM)|TITLE|MODALITY)$/],
  ['communication', /^(COMMUNICATION|CRITICAL RESULTS?( NOTIFICATION)?|NOTIFICATION)$/],
  [
    'other',
    /^(RECOMMENDATIONS?|ADDENDUM|ATTESTATION|SIGNED BY|DICTATED BY|ELECTRONICALLY SIGNED BY|NOTE|PATIENT|NAME|DOB|DATE|ACCESSION)$/,
  ],
];

export function normaliseHeaderName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toUpperCase();
}

/** The section kind a header name denotes, or null when it is not a known section. */
export function knownSectionKind(name: string): SectionKind | null {
  const upper = normaliseHeaderName(name);
  for (const [kind, pattern] of KNOWN) if (pattern.test(upper)) return kind;
  return null;
}
