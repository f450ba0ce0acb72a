export * from './types';
export { parseReport, lineStartsOf, SPINE_LEVEL_RANGE } from './parse';
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

/**
 * The index of the span (in text order, not overlapping) that holds an offset. When none does: -1, or
 * with `orNext` the index of the first span after the offset (spans.length past the last).
 */
export function spanIndexAt(spans: readonly { start: number; end: number }[], offset: number, orNext = false): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= offset) lo = mid + 1;
    else if (spans[mid].start > offset) hi = mid - 1;
    else return mid;
  }
  return orNext ? lo : -1;
}

/** The index of the section that contains an offset, or -1. */
export const sectionIndexAt = (sections: readonly Section[], offset: number): number => spanIndexAt(sections, offset);

/** The index of the sentence that holds an offset, or -1. */
export const sentenceIndexAt = (sentences: readonly Sentence[], offset: number): number => spanIndexAt(sentences, offset);
