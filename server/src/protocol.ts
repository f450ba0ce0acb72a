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

/** Server commands (workspace/executeCommand), arguments [word, documentUri]; every LSP editor has them. */
export const ADD_TO_DICTIONARY_COMMAND = 'radlint.addToDictionary';
export const IGNORE_WORD_COMMAND = 'radlint.ignoreWord';

/** The command the client registers to insert a fix as a snippet (tab stops for fields to fill). */
export const APPLY_SNIPPET_COMMAND = 'radlint.applySnippet';

/** Client -> server: run the AI check on one document now ("RadLint: Check with AI"). */
export const CHECK_WITH_AI_REQUEST = 'radlint/checkWithAi';
export interface CheckWithAiParams {
  uri: string;
}
export interface CheckWithAiResult {
  state: 'done' | 'failed' | 'off' | 'cancelled';
  /** AI problems shown. */
  issues: number;
  reason?: string;
}

/**
 * Client -> server: the API key from SecretStorage ("RadLint: Set API Key"), or null to clear it
 * ("RadLint: Clear API Key"). Held in memory only; never logged, never written to settings.
 */
export const SET_API_KEY_REQUEST = 'radlint/setApiKey';
export interface SetApiKeyParams {
  apiKey: string | null;
}

/** Server -> client: the state of AI checks for a document, for the language status item. */
export const AI_STATUS_NOTIFICATION = 'radlint/aiStatus';
export type AiStatusState = 'off' | 'ready' | 'checking' | 'failed';
export interface AiStatusParams {
  uri: string;
  state: AiStatusState;
  /** Why it failed, or a hint ("run RadLint: Check with AI"). */
  reason?: string;
  /** AI problems shown after the last check. */
  issues?: number;
  /** AI answers dropped (invalid, or quoting text that is not in the report). */
  dropped?: number;
}
