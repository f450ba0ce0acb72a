// Custom LSP messages shared by the VS Code client and the server. Keep this file free of imports
// from either side's libraries so both projects can compile it.

/** Client -> server: check one document now and report how many problems it has. */
export const CHECK_DOCUMENT_REQUEST = 'radlint/checkDocument';
export interface CheckDocumentParams {
  uri: string;
}
export interface CheckDocumentResult {
  problems: number;
  checked: boolean;
}

/** The command the client registers to insert a fix as a snippet (tab stops for fields to fill). */
export const APPLY_SNIPPET_COMMAND = 'radlint.applySnippet';
