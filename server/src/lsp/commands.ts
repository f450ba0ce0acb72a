// Server commands (workspace/executeCommand): "Add to dictionary", "Ignore in this report" and
// "Ignore here" run here, so every LSP editor has them, not only VS Code.
import {
  ErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  type ApplyWorkspaceEditParams,
  type ApplyWorkspaceEditResult,
  type Connection,
  type Range,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { COMMANDS } from '../protocol';
import { ConfigFileError } from '../ignores';
import type { SettingsStore } from './settings';
import type { Analyses } from './documents';
import { offsetAt } from '../report/positions';

/** The commands the server runs, for executeCommandProvider. */
export const SERVER_COMMANDS: string[] = [COMMANDS.addToDictionary, COMMANDS.ignoreWord, COMMANDS.ignoreHere];

export interface CommandsHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  analyses: Analyses;
  /** Diagnostics of every document may have changed. */
  refreshAll(): void;
  /** Other features' commands (the rewrites); true when it ran one. */
  more(command: string, args: unknown[]): Promise<boolean>;
  /** Commands other features run (trainee-mode comparison), by id; their answer is the command's result. */
  others?: Record<string, (args: unknown[]) => Promise<unknown>>;
}

export function attachCommands(host: CommandsHost): void {
  const { connection, documents, settings } = host;
  const fail = (message: string) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message });
  connection.onExecuteCommand(async (params) => {
    const args = params.arguments ?? [];
    if (await host.more(params.command, args)) return;
    const other = host.others?.[params.command];
    if (other) return other(args);
    if (params.command === COMMANDS.ignoreHere) {
      const [uri, rule, range] = args as [unknown, unknown, unknown];
      if (typeof uri !== 'string' || !RULE_ID.test(String(rule)) || !isRange(range))
        throw invalid('radlint.ignoreHere takes [document URI, rule id, range]');
      const document = documents.get(uri);
      const analysis = document && (await host.analyses.analysisOf(document));
      if (!analysis) throw invalid(`radlint.ignoreHere: ${uri} is not an open report RadLint checks`);
      const { lineStarts, text } = analysis.report;
      const span = {
        rule: String(rule),
        start: offsetAt(lineStarts, text.length, range.start),
        end: offsetAt(lineStarts, text.length, range.end),
      };
      const { file, error } = settings.ignoreProblem(uri, analysis.anchorOf(span));
      if (error instanceof ConfigFileError) return offerToOpen(connection, error);
      if (error) return fail(`RadLint could not keep the ignore${file ? ` in ${file}` : ''}: ${String(error)}`);
      return host.refreshAll();
    }
    if (params.command !== COMMANDS.ignoreWord && params.command !== COMMANDS.addToDictionary)
      throw new ResponseError(ErrorCodes.MethodNotFound, `RadLint has no command ${params.command}`);
    const [word, uri] = args as [unknown, unknown];
    const why = wordProblem(word);
    if (why) throw invalid(`${params.command}: ${why}`);
    if (uri !== undefined && typeof uri !== 'string') throw invalid(`${params.command}: the second argument is a document URI`);
    if (params.command === COMMANDS.ignoreWord) {
      if (uri === undefined) throw invalid('radlint.ignoreWord takes [word, document URI]');
      settings.ignoreWord(uri, word as string);
    } else {
      const { file, error } = await settings.addWord(uri ?? documents.all()[0]?.uri, word as string);
      if (error) return fail(`RadLint did not add "${String(word)}" to ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    host.refreshAll();
  });
}

/**
 * A .radlint.json RadLint will not write: say where and why, and offer to open it there. Not
 * awaited: the command answers now, whenever (or whether) the user picks the action.
 */
function offerToOpen(connection: Connection, error: ConfigFileError): void {
  const open = { title: `Open ${path.basename(error.file)}` };
  const message = `RadLint did not change ${error.message}. Fix the file and try again.`;
  void connection.window.showErrorMessage(message, open).then(
    async (picked) => {
      if (picked?.title !== open.title) return;
      const at = { line: Math.max(0, (error.line ?? 1) - 1), character: Math.max(0, (error.column ?? 1) - 1) };
      await connection.window.showDocument({ uri: pathToFileURL(error.file).href, takeFocus: true, selection: { start: at, end: at } });
    },
    () => undefined,
  );
}

/** The longest word a word list takes (the longest dictionary words are about 45 letters). */
export const MAX_WORD_LENGTH = 64;
const WORD = /^[\p{L}\p{M}][\p{L}\p{M}\p{N}'’.-]*$/u;
const RULE_ID = /^[a-z][a-z0-9-]{0,63}$/;

/** Why `word` cannot go into a word list (one word a line), or undefined when it can. */
export function wordProblem(word: unknown): string | undefined {
  if (typeof word !== 'string' || word.length === 0) return 'the word to add is missing';
  if (word.length > MAX_WORD_LENGTH) return `"${word.slice(0, 20)}…" is ${word.length} characters; a word has at most ${MAX_WORD_LENGTH}`;
  if (!WORD.test(word))
    return `"${word.slice(0, 40)}" is not one word (letters, digits, apostrophes, hyphens and periods, starting with a letter)`;
  return undefined;
}

const invalid = (message: string) => new ResponseError(ErrorCodes.InvalidParams, message);

function isRange(value: unknown): value is Range {
  const position = (p: unknown) =>
    typeof p === 'object' &&
    p !== null &&
    Number.isInteger((p as { line: unknown }).line) &&
    Number.isInteger((p as { character: unknown }).character);
  return typeof value === 'object' && value !== null && position((value as Range).start) && position((value as Range).end);
}

/** How long the editor has to answer workspace/applyEdit (RADLINT_APPLY_EDIT_TIMEOUT_MS for tests). */
const applyEditTimeoutMs = () => Number(process.env.RADLINT_APPLY_EDIT_TIMEOUT_MS) || 10_000;

/**
 * workspace/applyEdit that always ends: an error answer, or none in time, is a failure with its
 * reason, so the command that asked answers and says why instead of waiting for ever.
 */
export async function applyEditWithin(connection: Connection, params: ApplyWorkspaceEditParams): Promise<ApplyWorkspaceEditResult> {
  const ms = applyEditTimeoutMs();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<ApplyWorkspaceEditResult>((resolve) => {
    timer = setTimeout(() => resolve({ applied: false, failureReason: `the editor did not answer within ${ms / 1000} s` }), ms);
  });
  const answer = connection.workspace.applyEdit(params).catch((error: unknown) => ({
    applied: false,
    failureReason: `the editor answered with an error: ${error instanceof Error ? error.message : String(error)}`,
  }));
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}
