// The report's outline: sections, organ subsections and impression items, for the editor's
// outline, breadcrumbs and folding. Pure: a Report in, spans out.
import type { Report, Section, Span } from '../report/types';

export interface OutlineNode extends Span {
  /** "IMPRESSION", "Lungs", "1. Small left pleural effusion." */
  name: string;
  kind: 'section' | 'subsection' | 'item';
  /** Where the name stands (the header, or the item's text), for the editor's selection. */
  selection: Span;
  children: OutlineNode[];
}

const ITEM_NAME_LENGTH = 60;

export function outlineOf(report: Report): OutlineNode[] {
  return report.sections.map((section) => sectionNode(report, section));
}

function sectionNode(report: Report, section: Section): OutlineNode {
  const name = section.header ? section.header.name.toUpperCase() : 'REPORT';
  const selection = section.header ?? { start: section.body.start, end: Math.min(section.body.end, section.body.start + 1) };
  const children =
    section.items.length > 0 ? section.items.map((item) => itemNode(report, item.start, item.end)) : subsections(report, section);
  return { name, kind: 'section', start: section.start, end: trimEnd(report.text, section.start, section.end), selection, children };
}

function subsections(report: Report, section: Section): OutlineNode[] {
  return section.subsections.map((sub) => ({
    name: sub.header.name,
    kind: 'subsection' as const,
    start: sub.start,
    end: trimEnd(report.text, sub.start, sub.end),
    selection: { start: sub.header.start, end: sub.header.end },
    children: [],
  }));
}

function itemNode(report: Report, start: number, end: number): OutlineNode {
  const text = report.text.slice(start, end).replace(/\s+/g, ' ').trim();
  const name = text.length > ITEM_NAME_LENGTH ? text.slice(0, ITEM_NAME_LENGTH - 1) + '…' : text;
  return { name, kind: 'item', start, end, selection: { start, end }, children: [] };
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}
