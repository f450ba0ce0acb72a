export * from './types';
export { parseReport, lineStartsOf } from './parse';
export { knownSectionKind, SECTION_TITLES } from './sections';
export { positionAt, offsetAt, rangeOf, type Position } from './positions';
import type { Report, Section, SectionKind, Sentence } from './types';

/** The first section of a kind, or undefined. */
export function sectionOf(report: Report, kind: SectionKind): Section | undefined {
  return report.sections.find((s) => s.kind === kind);
}

/** All sections of a kind (a report may repeat FINDINGS under organ headings, or have two impressions). */
export function sectionsOf(report: Report, kind: SectionKind): Section[] {
  return report.sections.filter((s) => s.kind === kind);
}

export function sentencesIn(report: Report, section: Section): Sentence[] {
  const index = report.sections.indexOf(section);
  return report.sentences.filter((s) => s.section === index);
}

/** The section that contains an offset. */
export function sectionAt(report: Report, offset: number): Section | undefined {
  return report.sections.find((s) => s.start <= offset && offset < s.end) ?? report.sections[report.sections.length - 1];
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
