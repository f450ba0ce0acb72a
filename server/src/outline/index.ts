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

// An organ subheading at the start of a line inside a section: "Lungs:", "Liver and biliary:".
const SUBHEADING = /^[ \t]*([A-Z][A-Za-z /&(),'-]{1,40}?)[ \t]*:(?!\/)/gm;
const ITEM_NAME_LENGTH = 60;

export function outlineOf(report: Report): OutlineNode[] {
  return report.sections.map((section) => sectionNode(report, section));
}

function sectionNode(report: Report, section: Section): OutlineNode {
  const name = section.header ? section.header.name.toUpperCase() : 'REPORT';
  const selection = section.header ?? { start: section.body.start, end: Math.min(section.body.end, section.body.start + 1) };
  const children =
    section.items.length > 0
      ? section.items.map((item) => itemNode(report, item.start, item.end))
      : section.kind === 'findings' || section.kind === 'other'
        ? subsections(report, section)
        : [];
  return { name, kind: 'section', start: section.start, end: trimEnd(report.text, section.start, section.end), selection, children };
}

function subsections(report: Report, section: Section): OutlineNode[] {
  const body = report.text.slice(section.body.start, section.body.end);
  const heads: { name: string; start: number; end: number }[] = [];
  for (const m of body.matchAll(SUBHEADING)) {
    if (m[1].trim().split(/\s+/).length > 5) continue;
    const start = section.body.start + m.index + m[0].indexOf(m[1]);
    heads.push({ name: m[1].trim(), start, end: start + m[1].length });
  }
  return heads.map((h, i) => ({
    name: h.name,
    kind: 'subsection' as const,
    start: h.start,
    end: trimEnd(report.text, h.start, i + 1 < heads.length ? heads[i + 1].start : section.body.end),
    selection: { start: h.start, end: h.end },
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
