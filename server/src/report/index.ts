export * from './types';
export { parseReport, lineStartsOf } from './parse';
export { knownSectionKind } from './sections';
export { positionAt, offsetAt, rangeOf, type Position } from './positions';
import type { Report, Section, SectionKind, Sentence, Span } from './types';

/** The text a span covers. */
export function textOf(report: Report, span: Span): string {
  return report.text.slice(span.start, span.end);
}

/** The first section of a kind, or undefined. */
export function sectionOf(report: Report, kind: SectionKind): Section | undefined {
  return report.sections.find((s) => s.kind === kind);
}

/** All sections of a kind (a report may repeat FINDINGS under organ headings, or have two impressions). */
export function sectionsOf(report: Report, kind: SectionKind): Section[] {
  return report.sections.filter((s) => s.kind === kind);
}

export function sentencesIn(report: Report, section: Section): Sentence[] {
  // Sentences are in text order: start at the section's first and stop past its end.
  const out: Sentence[] = [];
  for (let i = Math.max(0, sentenceIndexAt(report.sentences, section.body.start)); i < report.sentences.length; i++) {
    const sentence = report.sentences[i];
    if (sentence.start >= section.body.end) break;
    if (sentence.start >= section.body.start) out.push(sentence);
  }
  return out;
}

/** The section that contains an offset, if any. */
export function sectionAt(report: Report, offset: number): Section | undefined {
  return report.sections[sectionIndexAt(report.sections, offset)];
}

/** The index of the section that contains an offset, or -1 (sections come in text order and do not overlap). */
export function sectionIndexAt(sections: readonly Section[], offset: number): number {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid].end <= offset) lo = mid + 1;
    else if (sections[mid].start > offset) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** The index of the sentence that holds an offset, or -1 (sentences come in text order). */
export function sentenceIndexAt(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].end <= offset) lo = mid + 1;
    else if (sentences[mid].start > offset) hi = mid - 1;
    else return mid;
  }
  return -1;
}
