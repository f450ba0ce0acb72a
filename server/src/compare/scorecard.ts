// The teaching-file scorecard: one self-contained HTML page (inline CSS, inline SVG, no scripts, no
// external assets) that a programme director can open anywhere and print.
import { DISCREPANCY_KINDS, addSummaries, type Comparison, type CompareSummary, type DiscrepancyKind } from './index';

export interface ScorecardPair {
  name: string;
  comparison: Comparison;
}

export interface ScorecardOptions {
  title?: string;
  /** Where the pairs came from (a folder or CSV), shown under the title. */
  source?: string;
  /** The date printed on the page; today when absent. */
  date?: string;
}

const KIND_LABEL: Readonly<Record<DiscrepancyKind, string>> = {
  missed: 'Missed',
  extra: 'Extra (overcall)',
  side: 'Wrong side',
  site: 'Wrong site',
  size: 'Size',
  assertion: 'Assertion',
  impression: 'Left out of impression',
};

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Bar {
  label: string;
  major: number;
  minor: number;
}

/** A horizontal bar chart, major stacked before minor; every bar carries its numbers as text. */
function barChart(title: string, bars: readonly Bar[]): string {
  const rowHeight = 26;
  const labelWidth = 200;
  const plotWidth = 420;
  const top = 8;
  const height = top + Math.max(1, bars.length) * rowHeight + 30;
  const max = Math.max(1, ...bars.map((b) => b.major + b.minor));
  const scale = plotWidth / max;
  const rows = bars.map((b, i) => {
    const y = top + i * rowHeight;
    const wMajor = b.major * scale;
    const wMinor = b.minor * scale;
    const total = b.major + b.minor;
    return [
      `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end" class="label">${escape(b.label)}</text>`,
      b.major ? `<rect x="${labelWidth}" y="${y + 4}" width="${wMajor.toFixed(1)}" height="16" class="major"/>` : '',
      b.minor ? `<rect x="${(labelWidth + wMajor).toFixed(1)}" y="${y + 4}" width="${wMinor.toFixed(1)}" height="16" class="minor"/>` : '',
      `<text x="${(labelWidth + wMajor + wMinor + 6).toFixed(1)}" y="${y + 16}" class="value">${total}${total ? ` (${b.major} major, ${b.minor} minor)` : ''}</text>`,
    ].join('');
  });
  const empty = bars.length ? '' : `<text x="${labelWidth}" y="${top + 16}" class="value">No discrepancies.</text>`;
  const legendY = height - 12;
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escape(title)}" width="${labelWidth + plotWidth + 180}" height="${height}" viewBox="0 0 ${labelWidth + plotWidth + 180} ${height}">
<title>${escape(title)}</title>
${rows.join('\n')}${empty}
<line x1="${labelWidth}" y1="${top}" x2="${labelWidth}" y2="${top + Math.max(1, bars.length) * rowHeight}" class="axis"/>
<rect x="${labelWidth}" y="${legendY - 10}" width="12" height="12" class="major"/><text x="${labelWidth + 18}" y="${legendY}" class="value">major</text>
<rect x="${labelWidth + 80}" y="${legendY - 10}" width="12" height="12" class="minor"/><text x="${labelWidth + 98}" y="${legendY}" class="value">minor</text>
</svg></figure>`;
}

const CSS = `
body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d2430; margin: 2rem auto; max-width: 980px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; border-bottom: 1px solid #cfd6e0; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.meta { color: #5a6472; margin: 0 0 1.2rem; }
.tiles { display: flex; gap: .8rem; flex-wrap: wrap; margin: 1rem 0; }
.tile { border: 1px solid #cfd6e0; border-radius: 6px; padding: .5rem .9rem; min-width: 7.5rem; }
.tile b { display: block; font-size: 1.5rem; }
.tile.major b { color: #a4161a; }
.tile.minor b { color: #b36b00; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #e3e8ef; padding: .25rem .45rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #f2f5f9; font-weight: 600; }
tfoot td { font-weight: 700; border-top: 2px solid #1d2430; }
td.major { color: #a4161a; font-weight: 600; }
figure { margin: .6rem 0; }
svg .title { font-weight: 600; font-size: 14px; fill: #1d2430; }
svg .label, svg .value { font-size: 12px; fill: #1d2430; }
svg .major { fill: #a4161a; }
svg .minor { fill: #f0a202; }
svg .axis { stroke: #1d2430; stroke-width: 1; }
ul.items { margin: .2rem 0 .8rem; padding-left: 1.2rem; }
ul.items li { margin: .15rem 0; }
.sev { display: inline-block; min-width: 3.2rem; font-weight: 700; font-size: .8rem; text-transform: uppercase; }
.sev.major { color: #a4161a; }
.sev.minor { color: #b36b00; }
.kind { color: #5a6472; font-size: .85rem; }
.pair { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 2rem; color: #5a6472; font-size: .8rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, table { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}`;

const COLUMNS = ['matched', ...DISCREPANCY_KINDS, 'major', 'minor'] as const;

function summaryRow(name: string, s: CompareSummary, cell = 'td'): string {
  return `<tr><${cell}>${escape(name)}</${cell}>${COLUMNS.map((c) => `<td${c === 'major' && s.major ? ' class="major"' : ''}>${s[c]}</td>`).join('')}</tr>`;
}

/**
 * Findings in full agreement, in percent of every finding scored (matched, missed, extra): a matched
 * finding with a side, site, size, assertion or impression discrepancy is not agreement, so the
 * headline never says 100% beside a discrepancy. Rounded down for the same reason.
 */
function fullAgreement(pairs: readonly ScorecardPair[]): number {
  let agreed = 0;
  let scored = 0;
  let discrepancies = 0;
  for (const { comparison } of pairs) {
    discrepancies += comparison.discrepancies.length;
    const s = comparison.summary;
    const differing = new Set(
      comparison.discrepancies.filter((d) => d.kind !== 'missed' && d.kind !== 'extra').map((d) => `${d.finding}|${d.side}`),
    );
    agreed += Math.max(0, s.matched - differing.size);
    scored += s.matched + s.missed + s.extra;
  }
  if (!scored) return discrepancies ? 0 : 100;
  return Math.floor((100 * agreed) / scored);
}

/** The scorecard page for a batch of trainee/reference pairs. */
export function scorecardHtml(pairs: readonly ScorecardPair[], options: ScorecardOptions = {}): string {
  const title = options.title ?? 'Trainee scorecard';
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const t = addSummaries(pairs.map((p) => p.comparison.summary));
  const all = pairs.flatMap((p) => p.comparison.discrepancies);

  const byKind: Bar[] = DISCREPANCY_KINDS.map((k) => ({
    label: KIND_LABEL[k],
    major: all.filter((d) => d.kind === k && d.severity === 'major').length,
    minor: all.filter((d) => d.kind === k && d.severity === 'minor').length,
  }));
  const findings = new Map<string, Bar>();
  for (const d of all) {
    let bar = findings.get(d.finding);
    if (!bar) findings.set(d.finding, (bar = { label: d.finding, major: 0, minor: 0 }));
    bar[d.severity]++;
  }
  const byFinding = [...findings.values()]
    .sort((a, b) => b.major + b.minor - (a.major + a.minor) || b.major - a.major || a.label.localeCompare(b.label))
    .slice(0, 15);
  const hiddenFindings = findings.size - byFinding.length;
  const agreement = fullAgreement(pairs);

  const details = pairs
    .map((p) => {
      const s = p.comparison.summary;
      const items = p.comparison.discrepancies
        .map(
          (d) => `<li><span class="sev ${d.severity}">${d.severity}</span> <span class="kind">${d.kind}</span> ${escape(d.message)}</li>`,
        )
        .join('');
      return `<section class="pair"><h3>${escape(p.name)}</h3><p class="meta">${s.matched} matched${s.wording ? ` (${s.wording} in other words)` : ''}, ${s.major} major, ${s.minor} minor</p>${items ? `<ul class="items">${items}</ul>` : '<p>No discrepancies.</p>'}</section>`;
    })
    .join('\n');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p class="meta">${pairs.length} report pair${pairs.length === 1 ? '' : 's'}${options.source ? ` from ${escape(options.source)}` : ''} · ${escape(date)} · trainee reports compared with the attending's, finding by finding</p>
<div class="tiles">
<div class="tile"><b>${pairs.length}</b>pairs</div>
<div class="tile"><b>${t.matched}</b>findings matched</div>
<div class="tile"><b>${agreement}%</b>full agreement</div>
<div class="tile major"><b>${t.major}</b>major discrepancies</div>
<div class="tile minor"><b>${t.minor}</b>minor discrepancies</div>
</div>
<h2>Discrepancies by kind</h2>
${barChart('Discrepancies by kind', byKind)}
<h2>Discrepancies by finding${hiddenFindings > 0 ? ` (the ${byFinding.length} most frequent of ${findings.size})` : ''}</h2>
${barChart('Discrepancies by finding', byFinding)}
<h2>Per pair</h2>
<table>
<thead><tr><th>Pair</th>${COLUMNS.map((c) => `<th>${c}</th>`).join('')}</tr></thead>
<tbody>
${pairs.map((p) => summaryRow(p.name, p.comparison.summary)).join('\n')}
</tbody>
<tfoot>${summaryRow('Total', t)}</tfoot>
</table>
<h2>Discrepancies</h2>
${details}
<footer>Full agreement: findings matched with no side, site, size, assertion or impression discrepancy, over matched + missed + extra. Major (RADPEER-style): a missed or extra critical or significant finding, a finding on the wrong side; minor: incidental findings and smaller differences. Produced by radlint compare; a reading aid, not a grade by itself.</footer>
</body>
</html>
`;
}
