// The scorecard page as a webview shows it: the server's self-contained page, with a content
// security policy that allows nothing to load or run, on the white it is printed on (a webview
// would otherwise put its dark text on the theme's background), its charts shrunk to the panel's
// width. No vscode import: unit-tested.

export const SCORECARD_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const HEAD = `<meta http-equiv="Content-Security-Policy" content="${SCORECARD_CSP}">\n<style>html, body { background: #fff; color: #1d2430; } svg { max-width: 100%; height: auto; }</style>`;

/** The page with the policy first in its head (a page without a head gets one). */
export function scorecardPage(html: string): string {
  const head = /<head[^>]*>/i.exec(html);
  if (head) return `${html.slice(0, head.index + head[0].length)}\n${HEAD}${html.slice(head.index + head[0].length)}`;
  return `<!DOCTYPE html><html><head>${HEAD}</head><body>${html}</body></html>`;
}
