// Hover: what RadLint understood of the word under the cursor, and why a problem there matters,
// with a link to the rule's docs (shipped with the extension, opened offline).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MarkupKind, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeFinding, hoverAt } from '../hover';
import { offsetAt, rangeOf } from '../report/positions';
import { COMMANDS } from '../protocol';
import type { Analyses } from './documents';

export interface HoverHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  analyses: Analyses;
  /** The client runs COMMANDS.openRuleDocs (command links in hovers). */
  ruleDocsCommand(): boolean;
}

export function attachHover(host: HoverHost): void {
  host.connection.onHover(async (params) => {
    const document = host.documents.get(params.textDocument.uri);
    const analysis = document && (await host.analyses.analysisOf(document));
    if (!analysis) return null;
    const { report } = analysis;
    const info = hoverAt(analysis, offsetAt(report.lineStarts, report.text.length, params.position));
    if (!info) return null;
    const lines: string[] = [];
    if (info.finding) lines.push(`**${describeFinding(info.finding, info.urgency)}**`);
    if (info.gloss) lines.push(`In plain words: ${info.gloss.lay}. ${info.gloss.means}`);
    if (info.guideline) lines.push(info.guideline.markdown);
    if (info.rads) lines.push(info.rads.markdown);
    for (const rule of new Set(info.problems.map((p) => p.rule))) {
      const why = whyItMatters(rule);
      const docs = host.ruleDocsCommand()
        ? `[Open rule docs](command:${COMMANDS.openRuleDocs}?${encodeURIComponent(JSON.stringify([rule]))})`
        : '';
      lines.push(`\`${rule}\`${why ? `: ${why}` : ''} ${docs}`.trim());
    }
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: rangeOf(report.lineStarts, info.span) };
  });
}

const whyCache = new Map<string, string>();

/** The first sentence of a rule page's "Why it matters", read from the docs shipped beside the server. */
export function whyItMatters(rule: string): string {
  let why = whyCache.get(rule);
  if (why !== undefined) return why;
  why = '';
  for (const dir of [path.join(__dirname, '../docs/rules'), path.join(__dirname, '../../../docs/rules')]) {
    try {
      const text = fs.readFileSync(path.join(dir, `${rule}.md`), 'utf8');
      const section = /## Why it matters\s+([\s\S]*?)(?:\n## |$)/.exec(text)?.[1] ?? '';
      why = (/^[\s\S]*?[.!?](?=\s|$)/.exec(section.replace(/\s+/g, ' ').trim())?.[0] ?? '').trim();
      break;
    } catch {
      // not shipped here: the next candidate
    }
  }
  whyCache.set(rule, why);
  return why;
}
