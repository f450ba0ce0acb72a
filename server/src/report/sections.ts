import type { SectionKind } from './types';

// Header names as radiologists write them, normalised to upper case with single spaces.
// A known header always starts a section; an unknown ALL-CAPS header ("LIVER:", "RIGHT:") is an
// organ or side subheading when it stands inside FINDINGS, and an "other" section elsewhere.
const KNOWN: Array<[SectionKind, RegExp]> = [
  // An echo sums up under "ECHOCARDIOGRAPHIC DIAGNOSES" or "IN SUMMARY" (MTSamples); a breast report under
  // "ASSESSMENT" or "BI-RADS ASSESSMENT" (ACR BI-RADS: the final assessment is the impression).
  [
    'impression',
    // Also the forms translated and international reports use: "Radiological conclusion", "Impression and
    // recommendations". Not "RESULT": a Doppler's, a DEXA's or a procedure's findings stand under it, and read as
    // the impression they would be checked against themselves ("RESULT: Normal. Left adrenal 3 cm mass.").
    /^(FINAL |CLINICAL |OVERALL |IN |DIAGNOSTIC |RADIOLOGIC(AL)? )?(IMPRESSIONS?|CONCLUSIONS?|OPINION|SUMMARY|(ECHOCARDIOGRAPHIC )?DIAGNOS[IE]S|INTERPRETATIONS?)( ?(AND|&|\/) ?(RECOMMENDATIONS?|PLAN|COMMENTS?))?$|^((FINAL|OVERALL|BI-?RADS|ACR BI-?RADS)( FINAL)? )?ASSESSMENTS?$/,
  ],
  // "IMAGE ANALYSIS:" after a nuclear stress test's "IMAGE TECHNIQUE:": what its images showed.
  ['findings', /^((TECHNIQUE AND )?FINDINGS?|REPORT|DESCRIPTION|RESULTS?|OBSERVATIONS?|FINDINGS AND DISCUSSION|IMAGE ANALYSIS)$/],
  [
    'history',
    /^((CLINICAL )?(HISTORY|INDICATIONS?|INFORMATION|DATA|DETAILS|QUESTION)|CLINICAL|REASON FOR (THE )?(EXAM(INATION)?|STUDY|TEST|REFERRAL|SCAN|IMAGING|(CT|CTA|MRI?|MRA|ULTRASOUND|US|SONOGRAM)( SCAN| EXAM(INATION)?| STUDY)?)|HX|HPI|HISTORY OF (THE )?PRESENT ILLNESS|CC|CHIEF COMPLAINTS?|PMH|PAST (MEDICAL |SURGICAL )?HISTORY|PSH|FHX|FAMILY HISTORY|SHX|SOCIAL HISTORY|SHX\/FHX|FHX\/SHX|ROS|REVIEW OF SYSTEMS|MEDS|ALLERGIES|(HOSPITAL |CLINICAL )?COURSE|ADMITTING DIAGNOSIS|(CLINICAL )?BACKGROUND|CLINICAL NOTES?|INDICATIONS? FOR (THE )?(EXAM(INATION)?|STUDY)|HISTORY AND INDICATIONS?)$/,
  ],
  [
    'comparison',
    /^(COMPARISONS?|PRIORS?|(PRIOR|PREVIOUS) (STUDY|STUDIES|EXAM(INATION)?S?|IMAGING)|COMPARISON (STUDIES|STUDY|EXAM(INATION)?S?)|COMPARATIVE (STUDY|STUDIES|EXAM(INATION)?S?))$/,
  ],
  // "DESCRIPTION OF PROCEDURE: Informed consent was obtained … The probe was passed …" (a TEE): how the study was done.
  [
    'technique',
    /^(TECHNIQUE|PROTOCOL|PROCEDURE DETAILS|PROCEDURE COMMENTS?|DESCRIPTION OF (THE )?PROCEDURE|PROCEDURE (DESCRIPTION|NOTE|TECHNIQUE)|(IMAGING |IMAGE |EXAM(INATION)? |SCAN |STRESS |REST |NUCLEAR |EXERCISE |PHARMACOLOGIC(AL)? )(TECHNIQUE|PROTOCOL)|METHODS?|SEQUENCES|CONTRAST|MEDICATIONS?)$/,
  ],
  ['exam', /^(EXAM(INATION)?|STUDY|PROCEDURES?( DONE| PERFORMED)?|TYPE OF (STUDY|EXAM|TEST)|TITLE|MODALITY)$/],
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

// Inside FINDINGS, "Contrast: 7.5 mL ..." or "Report: ..." labels a part of the findings, not a
// new section: a known name opens a section there only when it is one of these, the headers that
// stand at the top level of a report whatever their case. CONTRAST and MEDICATIONS, even in
// capitals, never do: the contrast given is told within the findings of many MRI reports.
const TOP_LEVEL =
  /^((FINAL |OVERALL |BI-?RADS )?ASSESSMENT|(FINAL |CLINICAL |OVERALL |DIAGNOSTIC |RADIOLOGIC(AL)? )?(IMPRESSIONS?|CONCLUSIONS?|OPINION)( ?(AND|&|\/) ?(RECOMMENDATIONS?|PLAN|COMMENTS?))?|OPINION|(IN )?SUMMARY|(ECHOCARDIOGRAPHIC )?DIAGNOS[IE]S|INTERPRETATIONS?|(TECHNIQUE AND )?FINDINGS?|FINDINGS AND DISCUSSION|IMAGE ANALYSIS|IMAGE (TECHNIQUE|PROTOCOL)|(CLINICAL )?(HISTORY|INDICATIONS?|BACKGROUND)|REASON FOR (THE )?(EXAM(INATION)?|STUDY|TEST|REFERRAL|SCAN|IMAGING|(CT|CTA|MRI?|MRA|ULTRASOUND|US|SONOGRAM)( SCAN| EXAM(INATION)?| STUDY)?)|COMPARISONS?|(PRIOR|PREVIOUS) (STUDY|STUDIES|EXAM(INATION)?S?)|COMPARISON STUDIES|COMPARATIVE (STUDY|STUDIES|EXAM(INATION)?S?)|TECHNIQUE|PROCEDURE COMMENTS?|PROTOCOL|EXAM(INATION)?|PROCEDURES?( DONE| PERFORMED)?|TYPE OF (STUDY|EXAM)|COMMUNICATION|CRITICAL RESULTS?( NOTIFICATION)?|RECOMMENDATIONS?|ADDENDUM|ATTESTATION|SIGNED BY|DICTATED BY|ELECTRONICALLY SIGNED BY)$/;
const NEVER_INSIDE_FINDINGS = /^(CONTRAST|MEDICATIONS?)$/;

/** Whether a known header met inside FINDINGS ends the findings (else it labels a subsection). */
export function opensSectionInsideFindings(name: string, allCaps: boolean): boolean {
  const upper = normaliseHeaderName(name);
  if (NEVER_INSIDE_FINDINGS.test(upper)) return false;
  return allCaps || TOP_LEVEL.test(upper);
}

// Inside IMPRESSION, a side or a part of the exam run in as a label ("RIGHT BREAST:", "LEFT:", "OVERALL:",
// "RIGHT KIDNEY:", "ABDOMEN:") heads a part of the impression, not a section of its own: a per-side or
// per-region impression stays the impression. Other unknown capitals ("MAMMOGRAPHY INFORMATION:") still end it.
const SIDE = '(RIGHT|LEFT|RT|LT|BILATERAL|BOTH)';
const PART =
  '(BREASTS?|AXILLAE?|KIDNEYS?|LIVER|SPLEEN|PANCREAS|GALLBLADDER|ADRENALS?|OVARY|OVARIES|ADNEXA|UTERUS|TESTIS|TESTES|THYROID|LUNGS?|CHEST|ABDOMEN|PELVIS|NECK|HEAD|BRAIN|SPINE|HIP|KNEE|SHOULDER|(UPPER |LOWER )?EXTREMITY|(CAROTID|RENAL|ILIAC|FEMORAL|VERTEBRAL) ARTER(Y|IES))';
const IMPRESSION_LABEL = new RegExp(
  `^(${SIDE}( ${PART}| SIDE)?|${PART}( ${SIDE})?|(ABDOMEN|CHEST|NECK|HEAD) AND (PELVIS|ABDOMEN|NECK)|OVERALL|COMBINED)$`,
);

/** Whether a header met inside IMPRESSION labels a side or part of it (else it opens what it names). */
export function labelsImpressionPart(name: string): boolean {
  return IMPRESSION_LABEL.test(normaliseHeaderName(name));
}

// An exam title in capitals that a section name runs on after with one space ("CT ABDOMEN WITH CONTRAST
// FINDINGS:", "MRI NECK WITHOUT CONTRAST CLINICAL INDICATION:"): two or more words naming a modality. A
// capitals phrase naming none ("PAST MEDICAL HISTORY:", "NO ACUTE FINDINGS:") is the header's own words.
const TITLE_MODALITY =
  /(^|[ /(])(CT|CTA|CAT|MRI|MR|MRA|MRV|MRCP|PET|NM|US|ULTRASOUND|SONOGRAM|SONOGRAPHY|DOPPLER|DUPLEX|XR|X-RAY|RADIOGRAPHS?|MAMMOGRAMS?|MAMMOGRAPHY|FLUOROSCOPY|ECHOCARDIOGRAM|SCAN)([ /)]|$)/;

/** Whether the capitals before a section name on its line (after any "EXAM:") are an exam title it runs on after. */
// A blank or date filled after a title's own label ("EXAM DATE: __ CONTRAST INDICATION:"): the capitals after it
// are the title's tail, a run-on title when the line before that label is one.
const FILLED_BLANK = /^(?:_+|\[ ?\]|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})\s+[A-Z][A-Z/&-]*(?: [A-Z][A-Z/&-]*){0,3}$/;

export function isRunOnExamTitle(before: string): boolean {
  const colon = before.lastIndexOf(':');
  const title = before.slice(colon + 1).trim();
  if (colon > 0 && FILLED_BLANK.test(title)) return isRunOnExamTitle(before.slice(0, colon));
  if (!title || /[a-z]/.test(title) || !/^[A-Z0-9][A-Z0-9 ,/&()'+.-]*$/.test(title)) return false;
  const words = title.split(/\s+/).length;
  return words >= 2 && words <= 14 && TITLE_MODALITY.test(title);
}
