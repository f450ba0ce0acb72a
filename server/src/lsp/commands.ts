// Server commands (workspace/executeCommand): "Add to dictionary" and "Ignore in this report" run
// here, so every LSP editor has them, not only VS Code.
import { MessageType, ShowMessageNotification, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS } from '../protocol';
import type { SettingsStore } from './settings';

/** The commands the server runs, for executeCommandProvider. */
export const SERVER_COMMANDS = [COMMANDS.addToDictionary, COMMANDS.ignoreWord];

export interface CommandsHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  /** Diagnostics of every document may have changed. */
  refreshAll(): void;
}

export function attachCommands(host: CommandsHost): void {
  const { connection, documents, settings } = host;
  connection.onExecuteCommand(async (params) => {
    const [word, uri] = (params.arguments ?? []) as [unknown, unknown];
    if (typeof word !== 'string' || !word) return;
    if (params.command === COMMANDS.ignoreWord && typeof uri === 'string') {
      settings.ignoreWord(uri, word);
    } else if (params.command === COMMANDS.addToDictionary) {
      const documentUri = typeof uri === 'string' ? uri : documents.all()[0]?.uri;
      const { file, error } = await settings.addWord(documentUri, word);
      if (error) {
        const message = `RadLint could not write ${file}: ${String(error)}`;
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message });
        return;
      }
    } else {
      return;
    }
    host.refreshAll();
  });
}
