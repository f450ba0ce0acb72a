// Server commands (workspace/executeCommand): "Add to dictionary", "Ignore in this report" and
// "Ignore here" run here, so every LSP editor has them, not only VS Code.
import { MessageType, ShowMessageNotification, type Connection, type Range, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS } from '../protocol';
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
    if (await host.more(params.command, params.arguments ?? [])) return;
    const other = host.others?.[params.command];
    if (other) return other(params.arguments ?? []);
    if (params.command === COMMANDS.ignoreHere) {
      const [uri, rule, range] = (params.arguments ?? []) as [string, string, Range];
      const document = typeof uri === 'string' ? documents.get(uri) : undefined;
      const analysis = document && (await host.analyses.analysisOf(document));
      if (!analysis || typeof rule !== 'string' || !range?.start || !range?.end) return;
      const { lineStarts, text } = analysis.report;
      const span = { rule, start: offsetAt(lineStarts, text.length, range.start), end: offsetAt(lineStarts, text.length, range.end) };
      const { file, error } = settings.ignoreProblem(uri, analysis.anchorOf(span));
      if (error) return fail(`RadLint could not keep the ignore${file ? ` in ${file}` : ''}: ${String(error)}`);
      return host.refreshAll();
    }
    const [word, uri] = (params.arguments ?? []) as [unknown, unknown];
    if (typeof word !== 'string' || !word) return;
    if (params.command === COMMANDS.ignoreWord && typeof uri === 'string') {
      settings.ignoreWord(uri, word);
    } else if (params.command === COMMANDS.addToDictionary) {
      const documentUri = typeof uri === 'string' ? uri : documents.all()[0]?.uri;
      const { file, error } = await settings.addWord(documentUri, word);
      if (error) return fail(`RadLint could not write ${file}: ${String(error)}`);
    } else {
      return;
    }
    host.refreshAll();
  });
}
