// VS Code side: start the bundled language server, register commands, show status. No checking here.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CheckDocumentRequest, COMMANDS, type InitializationOptions } from '../../server/src/protocol';
import { registerAi, type AiClient } from './ai';

const CLIENT_ID = 'radlint'; // equals the settings prefix, so `radlint.trace.server` works
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;

let client: LanguageClient | undefined;
let log: vscode.LogOutputChannel;
let status: vscode.LanguageStatusItem;
let ai: AiClient | undefined;

/** The languages checked: Radiology Report always, others when the user asked for them. */
function checkedLanguages(): string[] {
  const extra = vscode.workspace.getConfiguration('radlint').get<string[]>('languages', []);
  return ['radreport', ...extra.filter((l) => l !== 'radreport')];
}

function selector(): { language: string; scheme: string }[] {
  return checkedLanguages().flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]);
}

/** Restarts a crashed server a bounded number of times, then says so instead of looping. */
class BoundedRestarts implements ErrorHandler {
  private restarts: number[] = [];
  error() {
    return { action: ErrorAction.Continue };
  }
  closed() {
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    if (this.restarts.length < MAX_RESTARTS) {
      this.restarts.push(now);
      log.warn(`The RadLint server stopped; restarting (${this.restarts.length}/${MAX_RESTARTS}).`);
      return { action: CloseAction.Restart };
    }
    log.error(`The RadLint server stopped ${MAX_RESTARTS + 1} times in 3 minutes; not restarting. Reload the window to try again.`);
    setStatus('stopped', vscode.LanguageStatusSeverity.Error);
    log.show(true);
    return { action: CloseAction.DoNotRestart };
  }
}

function setStatus(text: string, severity = vscode.LanguageStatusSeverity.Information): void {
  status.text = `RadLint: ${text}`;
  status.severity = severity;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector(),
    outputChannel: log,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: new BoundedRestarts(),
    // The user's spelling word list lives in the extension's global storage, not in settings.
    initializationOptions: {
      snippetCommand: true,
      aiStatus: true,
      userWordList: vscode.Uri.joinPath(context.globalStorageUri, 'radlint-words.txt').fsPath,
    } satisfies InitializationOptions,
  };
  client = new LanguageClient(CLIENT_ID, 'RadLint', serverOptions, clientOptions);
  try {
    ai?.attach(client); // before start, so no early AI status is missed
    await client.start();
    setStatus('rules on');
    await ai?.started(client);
  } catch (error) {
    log.error(`The RadLint server failed to start: ${error instanceof Error ? error.message : String(error)}`);
    setStatus('failed to start', vscode.LanguageStatusSeverity.Error);
    log.show(true);
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop().catch(() => undefined);
}

/** Inserts a fix with fields to fill as a snippet, so Tab walks the fields; one undoable edit. */
async function applySnippet(
  uri: string,
  version: number,
  edit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string },
) {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (!document) return;
  if (document.version !== version) {
    void vscode.window.setStatusBarMessage('RadLint: the report changed; ask for the fix again', 4000);
    return;
  }
  const editor = await vscode.window.showTextDocument(document);
  const range = new vscode.Range(edit.range.start.line, edit.range.start.character, edit.range.end.line, edit.range.end.character);
  await editor.insertSnippet(new vscode.SnippetString(edit.newText), range);
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: () => LanguageClient | undefined }> {
  log = vscode.window.createOutputChannel('RadLint', { log: true });
  status = vscode.languages.createLanguageStatusItem('radlint.status', selector());
  status.name = 'RadLint';
  status.command = { command: COMMANDS.showLog, title: 'Show log' };
  setStatus('starting');
  context.subscriptions.push(log, status);
  ai = registerAi(context, () => client, log, selector);

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    vscode.commands.registerCommand(COMMANDS.applySnippet, applySnippet),
    vscode.commands.registerCommand(COMMANDS.checkCurrentReport, async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (!document || !client) {
        void vscode.window.setStatusBarMessage('RadLint: open a report to check it', 4000);
        return;
      }
      const result = await client.sendRequest(CheckDocumentRequest, { uri: document.uri.toString() });
      const message = result.checked
        ? `RadLint: ${result.problems} problem${result.problems === 1 ? '' : 's'} in this report`
        : 'RadLint: this document is not checked (language or size)';
      void vscode.window.setStatusBarMessage(message, 5000);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // The document selector is fixed when the client starts; a new language list needs a restart.
      if (event.affectsConfiguration('radlint.languages')) {
        status.selector = selector();
        if (!client) return;
        await stopClient();
        await startClient(context);
      }
    }),
  );

  // Activation also happens for plain text and Markdown (so that `radlint.languages` can take
  // effect), but the server only starts once a document it would check is open.
  const wanted = (d: vscode.TextDocument) => checkedLanguages().includes(d.languageId);
  if (vscode.workspace.textDocuments.some(wanted)) {
    await startClient(context);
  } else {
    const waiting = vscode.workspace.onDidOpenTextDocument(async (d) => {
      if (!wanted(d) || client) return;
      waiting.dispose();
      await startClient(context);
    });
    context.subscriptions.push(waiting);
  }
  return { client: () => client };
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
