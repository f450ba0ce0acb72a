// The parsed shape of a report. Pure data: offsets are UTF-16 code-unit indexes into `text`,
// exactly as JavaScript strings index them, so any range maps to LSP positions without loss.

/** What a section is for, in the radiologist's words. Synonyms map onto these. */
export type SectionKind =
  | 'exam' // EXAM, EXAMINATION, PROCEDURE, STUDY
  | 'history' // HISTORY, INDICATION, CLINICAL, REASON FOR EXAM
  | 'comparison' // COMPARISON
  | 'technique' // TECHNIQUE, PROTOCOL
  | 'findings' // FINDINGS, REPORT, DESCRIPTION
  | 'impression' // IMPRESSION, CONCLUSION, OPINION, SUMMARY, DIAGNOSIS
  | 'communication' // COMMUNICATION, CRITICAL RESULT NOTIFICATION
  | 'other' // any other header
  | 'preamble'; // text before the first header (or the whole report when it has none)

export interface Span {
  start: number;
  end: number;
}

/** A text edit in report offsets: what fixes, rewrites and the edit helpers produce. */
export interface Edit extends Span {
  newText: string;
}

export interface Section extends Span {
  kind: SectionKind;
  /** The header as written ("IMPRESSION:"), or null for the preamble. */
  header: (Span & { text: string; name: string }) | null;
  /** The section's content after the header, trimmed of surrounding white space. */
  body: Span;
  /** Numbered items ("1. ...", "2) ...") inside the section, in order. */
  items: NumberedItem[];
  /**
   * Labelled parts inside the section ("Lungs: ...", "LIVER: ...", "Contrast: 7.5 mL ..."), each
   * from its label to the next label or the section's end. Only FINDINGS has them today.
   */
  subsections: Subsection[];
}

export interface Subsection extends Span {
  /** The label as written, with its colon ("Lungs:"). */
  header: Span & { text: string; name: string };
  /** The text after the label, trimmed. */
  body: Span;
}

export interface NumberedItem extends Span {
  number: number;
  /** The "1." marker itself. */
  marker: Span;
}

export interface Sentence extends Span {
  /** Index into Report.sections. */
  section: number;
  text: string;
}

export type TokenKind = 'word' | 'number' | 'punct' | 'deid';

export interface Token extends Span {
  text: string;
  kind: TokenKind;
  /** Lower-cased text. */
  lower: string;
  /**
   * What the lexicon matches (report/norm.ts): lower case with British spellings folded, "xxxx" for a
   * de-identified token. Made here so that a token serves as its own word (nlp/words.ts).
   */
  norm: string;
}

/** What kind of document a text is: only an imaging report gets the clinical checks. */
export type DocumentKind = 'imaging' | 'case-history' | 'procedure-note' | 'neurophysiology' | 'radiation-therapy';

export interface Report {
  text: string;
  /** The kind of document (report/documents.ts): a case history or an operative note is no imaging report. */
  document: DocumentKind;
  sections: Section[];
  sentences: Sentence[];
  tokens: Token[];
  /** Offsets at which each line starts; lineStarts[0] === 0. */
  lineStarts: number[];
  /** The line break the text uses most ("\n" or "\r\n"), for inserted text. */
  eol: '\n' | '\r\n';
}
