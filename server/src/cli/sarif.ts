// `radlint check --format sarif`: SARIF 2.1.0 for code-scanning tools.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { rangeOf, type Report } from '../report';
import { RULES } from '../rules/registry';
import { docsUrl } from '../rules/docs';
import type { Problem } from '../problem';
import { AI_RULE } from '../llm/check';
import { VERSION } from '../version';
import { toPosix } from './inputs';

/**
 * artifactLocation.uri is a URI, not a path: an absolute path becomes a file: URI, a relative one a
 * relative reference; either way spaces, #, %, : and non-ASCII letters are percent-encoded (UTF-8).
 */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return toPosix(file).split('/').map(encodeURIComponent).join('/');
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

export function sarif(results: { path: string; report: Pick<Report, 'lineStarts'>; problems: Problem[] }[]) {
  const region = (report: Pick<Report, 'lineStarts'>, span: { start: number; end: number }) => {
    const r = rangeOf(report.lineStarts, span);
    return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'radlint',
            version: VERSION,
            informationUri: 'https://github.com/radlint/radlint',
            rules: [
              ...RULES.map((r) => ({
                id: r.id,
                shortDescription: { text: r.description },
                helpUri: docsUrl(r.id),
                defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
                properties: { category: r.category },
              })),
              // AI suggestions (radlint check --llm) carry this rule id.
              ...(results.some((r) => r.problems.some((p) => p.rule === AI_RULE))
                ? [
                    {
                      id: AI_RULE,
                      shortDescription: { text: 'AI second reader: a suggestion anchored to a quote from the report' },
                      helpUri: docsUrl(AI_RULE),
                      properties: { source: 'llm' },
                    },
                  ]
                : []),
            ],
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap(({ path: file, report, problems }) =>
          problems.map((p) => ({
            ruleId: p.rule,
            level: SARIF_LEVEL[p.severity],
            message: { text: p.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region: region(report, p) } }],
            relatedLocations: (p.related ?? []).map((r, id) => ({
              id,
              message: { text: r.message },
              physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region: region(report, r) },
            })),
            properties: {
              category: p.category,
              ...(p.finding ? { finding: p.finding } : {}),
              ...(p.side ? { side: p.side } : {}),
              ...(p.source === 'llm' ? { source: 'llm' } : {}),
            },
          })),
        ),
      },
    ],
  };
}
