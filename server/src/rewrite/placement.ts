// Where a rewrite's text goes in the report, decided once: by the rewrite itself (the edit it offers),
// the LLM path (the model's impression goes where the draft would), the language server for editors
// that cannot show a result as placed, and so the VS Code client, which applies the edit the server
// placed. Pure: report, placement and text in, one edit out (null: not in the report at all).
import { addSection } from '../report/edit';
import type { Edit, Report, Span } from '../report/types';

export type Placement =
  /** The whole report rewritten (restructure). */
  | { at: 'report' }
  /** The impression's body replaced, from the end of its header (an inline "IMPRESSION: ..." becomes a list). */
  | { at: 'impression'; body: Span; inline: boolean }
  /** A new IMPRESSION section inserted here (after the findings). */
  | { at: 'new impression'; offset: number; inline: boolean }
  /** A section of its own at the end of the report. */
  | { at: 'end'; header: string }
  /** A document of its own beside the report, or the `header` section where the editor cannot open one. */
  | { at: 'beside'; header: string };

/** What an editor can show. Where it cannot show a result as placed, the result goes elsewhere. */
export interface EditorShows {
  /** A document beside the report (else a summary goes in as a section at the end). */
  sideDocuments: boolean;
  /**
   * A replaced impression, selected and one undo away (VS Code). Else the draft goes in after the
   * impression as DRAFT IMPRESSION, for the radiologist to merge: never an impression overwritten unseen.
   */
  replacedImpression: boolean;
}

const EVERYTHING: EditorShows = { sideDocuments: true, replacedImpression: true };

/** The one edit that puts `text` where `placement` says, as far as `editor` can show it. */
export function placeText(report: Report, placement: Placement, text: string, editor: EditorShows = EVERYTHING): Edit | null {
  const { eol } = report;
  // A list starts on the line after the header; one sentence ("No acute abnormality.") follows it.
  const body = (inline: boolean) => (inline ? ` ${text}` : `${eol}${text}`);
  switch (placement.at) {
    case 'report':
      return { start: 0, end: report.text.length, newText: text };
    case 'impression': {
      const section = report.sections.find((s) => s.body.start === placement.body.start);
      if (!editor.replacedImpression) {
        const end = section?.end ?? placement.body.end;
        return { start: end, end, newText: `${eol}DRAFT IMPRESSION (RadLint):${eol}${text.trim()}${eol}` };
      }
      return {
        start: section?.header ? section.header.end : placement.body.start,
        end: placement.body.end,
        newText: body(placement.inline),
      };
    }
    case 'new impression':
      return { start: placement.offset, end: placement.offset, newText: `${eol}${eol}IMPRESSION:${body(placement.inline)}` };
    case 'end':
      return addSection(report, placement.header, text);
    case 'beside':
      return editor.sideDocuments ? null : addSection(report, placement.header, text);
  }
}
