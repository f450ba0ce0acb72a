// Edits every feature makes to a report: add to the impression, add a section, append a statement.
// Pure: a Report in, Edits in report offsets out. Rules' fixes and the rewrites share them.
import { sentencesIn } from './index';
import type { Edit, Report, Section, Span } from './types';

/** A findings sentence made into an impression statement: subheading and "There is" dropped. */
export function statementFrom(sentence: string): string {
  let s = sentence.trim().replace(/\s+/g, ' ');
  s = s.replace(/^[A-Z][A-Za-z /&-]{0,30}:\s*/, '');
  s = s.replace(
    /^(?:there (?:is|are|has been|have been)|again (?:seen|noted) (?:is|are)|note is made of|noted is|redemonstrated is|seen is)\s+(?:an?\s+|the\s+)?/i,
    '',
  );
  s = s.charAt(0).toUpperCase() + s.slice(1);
  if (!/[.!?]$/.test(s)) s += '.';
  return s;
}

/** Add a statement to the impression: the next numbered item in the writer's style, or a sentence after the last. */
export function addToImpression(report: Report, impression: Section, statement: string): Edit {
  const text = report.text;
  const at = impression.body.end;
  let newText: string;
  if (impression.items.length >= 1) {
    const last = impression.items[impression.items.length - 1];
    const ownLines = /[\r\n]/.test(text.slice(impression.items[0].start, last.start));
    const sep = impression.items.length === 1 || ownLines ? report.eol : ' ';
    // Keep the writer's marker style ("2." or "2)") and the spacing after it.
    const marker = text.slice(last.marker.start, last.marker.end).replace(/^\d+/, String(last.number + 1));
    const gap = /^[ \t]*/.exec(text.slice(last.marker.end))?.[0] || ' ';
    newText = `${sep}${marker}${gap}${statement}`;
  } else {
    const body = text.slice(impression.body.start, at);
    newText = (/[.!?]$/.test(body) ? ' ' : '. ') + statement;
  }
  return { start: at, end: at, newText };
}

/** Where a new impression statement goes, by urgency. */
export interface ImpressionPlace {
  /** How urgent the new statement is; lower goes first (0 minutes, 1 hours, 2 days, 3 not critical). */
  rank: number;
  /** The rank of a statement already there; a normal statement ("No acute process") ranks below any finding. */
  rankOf: (statement: Span & { text: string }) => number;
}

/** Where in a list of statements the new one goes: a critical one before the first less urgent, any other before the closing normal ones. */
function placeAmong(statements: (Span & { text: string })[], place: ImpressionPlace): number {
  if (place.rank < 3) {
    const at = statements.findIndex((x) => place.rankOf(x) > place.rank);
    return at < 0 ? statements.length : at;
  }
  let at = statements.length;
  while (at > 0 && place.rankOf(statements[at - 1]) > place.rank) at--;
  return at;
}

/**
 * Add a statement to the impression by urgency: a critical one ahead of the less urgent (item 1, the others
 * renumbered), any other before the normal statements that close it, else where addToImpression puts it.
 */
export function addToImpressionByUrgency(report: Report, impression: Section, statement: string, place: ImpressionPlace): Edit[] {
  const text = report.text;
  const { items } = impression;
  if (items.length >= 1) {
    const at = placeAmong(
      items.map((i) => ({ start: i.marker.end, end: i.end, text: text.slice(i.marker.end, i.end).trim() })),
      place,
    );
    if (at === items.length) return [addToImpression(report, impression, statement)];
    const item = items[at];
    const markerText = text.slice(item.marker.start, item.marker.end);
    const gap = /^[ \t]*/.exec(text.slice(item.marker.end))?.[0] || ' ';
    // Items on lines of their own keep to their lines; items run in one paragraph stay in it.
    const sep = items.length === 1 || /[\r\n]/.test(text.slice(items[0].start, items[items.length - 1].start)) ? report.eol : ' ';
    // One edit at the marker: the new item, then the old item's number one up; later items one up too.
    const edits: Edit[] = [];
    for (const later of items.slice(at)) {
      const digits = /^\d+/.exec(text.slice(later.marker.start, later.marker.end));
      const renumbered = digits ? String(later.number + 1) : '';
      const end = later.marker.start + (digits ? digits[0].length : 0);
      const newText = later === item ? `${markerText}${gap}${statement}${sep}${renumbered}` : renumbered;
      if (newText) edits.push({ start: later.marker.start, end, newText });
    }
    return edits;
  }
  const sentences = sentencesIn(report, impression);
  const at = placeAmong(sentences, place);
  if (at === sentences.length) return [addToImpression(report, impression, statement)];
  return [{ start: sentences[at].start, end: sentences[at].start, newText: `${statement} ` }];
}

/** A statement on a line of its own at the end of a section's body (the impression), or of the report. */
export function appendLine(report: Report, section: Section | undefined, line: string): Edit {
  const at = section && section.body.end > section.body.start ? section.body.end : report.text.trimEnd().length;
  return { start: at, end: at, newText: report.eol + line };
}

/** A new section at the end of the report: "HEADER:" on its own line, then the body. */
export function addSection(report: Report, header: string, body: string): Edit {
  const { eol, text } = report;
  const ending = text.endsWith('\n') ? '' : eol;
  return { start: text.length, end: text.length, newText: `${ending}${eol}${header}:${eol}${body}${eol}` };
}

/** Replace a section's (empty) body after its header. */
export function fillSection(report: Report, section: Section, body: string): Edit {
  const at = section.header ? section.header.end : section.start;
  return { start: at, end: section.end, newText: ' ' + body + report.eol };
}
