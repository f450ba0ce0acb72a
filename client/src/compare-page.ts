// The scorecard page as a webview shows it: the server's self-contained page, with a content
// security policy that allows nothing to load or run, in the colours of the editor's theme (the page's
// own colours are for print: dark text on white, unreadable on Dark+), its charts shrunk to the
// panel's width. No vscode import: unit-tested.

export const SCORECARD_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const POLICY = `<meta http-equiv="Content-Security-Policy" content="${SCORECARD_CSP}">`;

/** After the page's own style, so these win: VS Code's theme variables, which a webview is given. */
export const THEME_CSS = `<style>
html, body { background: var(--vscode-editor-background); color: var(--vscode-editor-foreground); }
body { font-family: var(--vscode-font-family); }
h2, .tile, th, td { border-color: var(--vscode-panel-border, var(--vscode-editorWidget-border)); }
.meta, .kind, footer { color: var(--vscode-descriptionForeground); }
thead th { background: var(--vscode-editorWidget-background); }
tfoot td { border-top-color: var(--vscode-editor-foreground); }
.tile.major b, td.major, .sev.major { color: var(--vscode-errorForeground); }
.tile.minor b, .sev.minor { color: var(--vscode-editorWarning-foreground); }
svg .title, svg .label, svg .value { fill: var(--vscode-editor-foreground); }
svg .axis { stroke: var(--vscode-editor-foreground); }
svg .major { fill: var(--vscode-charts-red); }
svg .minor { fill: var(--vscode-charts-yellow); }
svg { max-width: 100%; height: auto; }
</style>`;

/** The page with the policy first in its head and the theme last (a page without a head gets one). */
export function scorecardPage(html: string): string {
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return `<!DOCTYPE html><html><head>${POLICY}${THEME_CSS}</head><body>${html}</body></html>`;
  const at = head.index + head[0].length;
  const withPolicy = `${html.slice(0, at)}\n${POLICY}${html.slice(at)}`;
  const end = withPolicy.search(/<\/head>/i);
  return `${withPolicy.slice(0, end)}${THEME_CSS}\n${withPolicy.slice(end)}`;
}
