// Edits every feature makes to a report: add to the impression, add a section, append a statement.
// Pure: a Report in, Edits in report offsets out. Rules' fixes and the rewrites share them.
import type { Edit } from '../problem';
import type { Report, Section } from './types';

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
