// "What RadLint understood" as a page for a webview: the server's Markdown (a title, a line on patient
// and exam, one table row per finding) rendered to HTML in the theme's colours, each row's line number
// a link that puts the cursor on the finding in the report. Rendered here, not by the Markdown preview,
// which drops file: links. No vscode import: unit-tested.

export const UNDERSTOOD_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The cells of a Markdown table row, with "\|" inside a cell kept. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.replace(/\\\|/g, '|').trim());
}

/** A "[3](uri#L3,47)" cell as a link made by `link(uri, line, character)`, anything else as text. */
function cellHtml(cell: string, link: (uri: string, line: number, character: number) => string): string {
  const m = /^\[(\d+)\]\((.+)#L(\d+),(\d+)\)$/.exec(cell);
  if (!m) return escapeHtml(cell);
  return `<a href="${escapeHtml(link(m[2], Number(m[3]) - 1, Number(m[4]) - 1))}">${m[1]}</a>`;
}

const STYLE = `<style>
body { background: var(--vscode-editor-background); color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family); padding: 0 1rem; }
h1 { font-size: 1.4rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); vertical-align: top; }
th { background: var(--vscode-editorWidget-background); font-weight: 600; }
td.absent, td.hypothetical { color: var(--vscode-descriptionForeground); }
a { color: var(--vscode-textLink-foreground); }
</style>`;

/** The page: Markdown headings and paragraphs as such, the table as a table; `link` makes each row's href. */
export function understoodPage(markdown: string, link: (uri: string, line: number, character: number) => string): string {
  const out: string[] = [];
  let header: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (/^\|/.test(line)) {
      const row = cells(line);
      if (!header) {
        header = row;
        out.push(`<table><thead><tr>${row.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>`);
      } else if (!row.every((c) => /^:?-+:?$/.test(c))) {
        const assertion = row[header.indexOf('assertion')] ?? '';
        out.push(
          `<tr>${row.map((c, i) => `<td${header![i] === 'assertion' ? ` class="${escapeHtml(assertion)}"` : ''}>${cellHtml(c, link)}</td>`).join('')}</tr>`,
        );
      }
      continue;
    }
    if (header) {
      out.push('</tbody></table>');
      header = undefined;
    }
    if (/^# /.test(line)) out.push(`<h1>${escapeHtml(line.slice(2))}</h1>`);
    else if (line.trim()) out.push(`<p>${escapeHtml(line.replace(/^_(.*)_$/, '$1'))}</p>`);
  }
  if (header) out.push('</tbody></table>');
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${UNDERSTOOD_CSP}">${STYLE}</head><body>${out.join('\n')}</body></html>`;
}
