// Outline, breadcrumbs and folding from the report's sections, subsections and impression items.
import {
  FoldingRangeKind,
  SymbolKind,
  type Connection,
  type DocumentSymbol,
  type FoldingRange,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { outlineOf, type OutlineNode } from '../outline';
import { rangeOf } from '../report/positions';
import type { Analyses } from './documents';

const SYMBOL_KIND: Record<OutlineNode['kind'], SymbolKind> = {
  section: SymbolKind.Module,
  subsection: SymbolKind.Namespace,
  item: SymbolKind.EnumMember,
};

export function attachOutline(connection: Connection, documents: TextDocuments<TextDocument>, analyses: Analyses): void {
  const outline = async (uri: string) => {
    const document = documents.get(uri);
    const analysis = document && (await analyses.analysisOf(document));
    return analysis ? { report: analysis.report, nodes: outlineOf(analysis.report) } : undefined;
  };

  connection.onDocumentSymbol(async (params) => {
    const found = await outline(params.textDocument.uri);
    if (!found) return [];
    const { lineStarts } = found.report;
    const toSymbol = (n: OutlineNode): DocumentSymbol => ({
      name: n.name,
      kind: SYMBOL_KIND[n.kind],
      range: rangeOf(lineStarts, n),
      selectionRange: rangeOf(lineStarts, n.selection),
      children: n.children.map(toSymbol),
    });
    return found.nodes.map(toSymbol);
  });

  connection.onFoldingRanges(async (params) => {
    const found = await outline(params.textDocument.uri);
    if (!found) return [];
    const { lineStarts } = found.report;
    const ranges: FoldingRange[] = [];
    const visit = (n: OutlineNode) => {
      const { start, end } = rangeOf(lineStarts, n);
      if (end.line > start.line) ranges.push({ startLine: start.line, endLine: end.line, kind: FoldingRangeKind.Region });
      n.children.forEach(visit);
    };
    found.nodes.forEach(visit);
    return ranges;
  });
}
