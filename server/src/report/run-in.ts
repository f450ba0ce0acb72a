// Where a conclusion run into the findings begins, in a report exported with no IMPRESSION header (chest CT exports):
// a "•" or "·" statement, or a quotation mark, opening a sentence after a finished one ('… are preserved. " Wall
// calcifications in the aorta."'). Read by the missing-impression and laterality checks and by the impression draft,
// which keeps its statements as the radiologist's own.
// (Not a mark between a level and its finding, "L4-5 · Disc bulge", nor a list of labelled fields, "• Liver: …", nor
// a findings section that is itself a bulleted list: those are the findings.)
const RUN_IN = /(?<=[.?!:;)]\s*)(?:\u2022|\u00b7(?=\s*[A-Z])|["\u201c\u201d](?=\s*[A-Za-z0-9]))/;
const LABELLED_ITEM = /[\u2022\u00b7]\s*[A-Za-z][\w /-]{0,30}:/;

/** Where in a findings section's body its run-in conclusion begins, or -1. */
export function runInAt(body: string): number {
  if (/^\s*[\u2022\u00b7]/.test(body)) return -1;
  const at = body.search(RUN_IN);
  return at > 0 && /[.!?]/.test(body.slice(0, at)) && !LABELLED_ITEM.test(body.slice(at)) ? at : -1;
}
