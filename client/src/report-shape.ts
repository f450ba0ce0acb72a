// Whether a plain-text file reads like a radiology report: a FINDINGS and an IMPRESSION (or
// CONCLUSION) header at line starts. No vscode import, so unit tests can load it.

const FINDINGS = /^[ \t]*findings?[ \t]*(:|$)/im;
const IMPRESSION = /^[ \t]*(impressions?|conclusions?)[ \t]*(:|$)/im;
/** Only the start of a big file is read: headers come early. */
const LOOK_CHARS = 20_000;

export function looksLikeReport(text: string): boolean {
  const head = text.slice(0, LOOK_CHARS);
  return FINDINGS.test(head) && IMPRESSION.test(head);
}
