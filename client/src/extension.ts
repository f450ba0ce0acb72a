// VS Code side: start the bundled language server, register commands, show status. No checking here.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CheckDocumentRequest, COMMANDS, type CompareResult, type InitializationOptions } from '../../server/src/protocol';
import { registerRewrites } from './rewrites';
import { registerAi, type AiClient } from './ai';
import { registerCompare } from './compare';
import { registerReportOffer } from './report-offer';
import { documentedRules, registerRuleCommands, ruleItems } from './rules';
import { createStatus, STATUS_MENU_COMMAND, type ServerState, type Status } from './status';
import { registerUnderstanding } from './understanding';
import { registerWalkthrough } from './walkthrough';
import { registerSuppressions, type Suppressions } from './suppressions';
import { notices, type Notice } from './notices';

const CLIENT_ID = 'radlint'; // equals the settings prefix, so `radlint.trace.server` works
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;

let client: LanguageClient | undefined;
let log: vscode.LogOutputChannel;
let status: Status;
let ai: AiClient | undefined;
let suppressions: Suppressions;

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
      setStatus('restarting');
      return { action: CloseAction.Restart };
    }
    log.error(`The RadLint server stopped ${MAX_RESTARTS + 1} times in 3 minutes; not restarting. Reload the window to try again.`);
    setStatus('stopped', 'stopped too often; reload the window or run RadLint: Restart Server');
    log.show(true);
    return { action: CloseAction.DoNotRestart };
  }
}

function setStatus(state: ServerState, detail?: string): void {
  status.setServerState(state, detail);
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
    middleware: { ...status.middleware, ...suppressions.middleware },
    // Hovers may link to these commands ("Open rule docs"); no other command runs from server Markdown.
    markdown: { isTrusted: { enabledCommands: [COMMANDS.openRuleDocs, COMMANDS.disableRule, COMMANDS.showUnderstanding] } },
    initializationOptions: {
      snippetCommand: true,
      aiStatus: true,
      disableRuleCommand: true,
      ruleDocsCommand: true,
      rewriteCommands: true,
      compareCommands: true,
      userWordList: vscode.Uri.joinPath(context.globalStorageUri, 'radlint-words.txt').fsPath,
    } satisfies InitializationOptions,
  };
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '?');
  log.info(
    `RadLint ${version} client starting in ${vscode.env.appName} ${vscode.version}: server ${module}, languages ${checkedLanguages().join(', ')}.`,
  );
  client = new LanguageClient(CLIENT_ID, 'RadLint', serverOptions, clientOptions);
  // After a crash the client restarts the server on its own: the item follows.
  client.onDidChangeState((e) => {
    if (e.newState === State.Running) setStatus('running');
  });
  try {
    ai?.attach(client); // before start, so no early AI status is missed
    await client.start();
    const info = client.initializeResult?.serverInfo;
    log.info(`Server running: ${info?.name ?? 'RadLint'} ${info?.version ?? ''}`.trimEnd() + '.');
    setStatus('running');
    await ai?.started(client);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`The RadLint server failed to start: ${message}`);
    setStatus('failed', message);
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

/** Stops the server if it runs and starts it again (also when it had stopped for good). */
async function restartServer(context: vscode.ExtensionContext): Promise<void> {
  log.info('Restarting the RadLint server (RadLint: Restart Server).');
  setStatus('restarting');
  await stopClient();
  await startClient(context);
  void vscode.window.setStatusBarMessage(
    client?.isRunning() ? 'RadLint: server restarted' : 'RadLint: the server did not start; see the log',
    4000,
  );
}

/** The status item's menu: the few things a user looks for when something seems off. */
async function statusMenu(context: vscode.ExtensionContext): Promise<void> {
  type Entry = vscode.QuickPickItem & { run: () => Thenable<unknown> };
  const entries: Entry[] = [
    {
      label: '$(eye) Show what RadLint understood',
      description: 'the findings of this report, beside it',
      run: () => vscode.commands.executeCommand(COMMANDS.showUnderstanding),
    },
    {
      label: '$(eye-closed) Ignores and turned-off rules',
      description: 'list them, remove one',
      run: () => vscode.commands.executeCommand(COMMANDS.showSuppressions),
    },
    {
      label: '$(discard) Undo the last ignore or turned-off rule',
      run: () => vscode.commands.executeCommand(COMMANDS.undoSuppression),
    },
    { label: '$(output) Show log', run: () => vscode.commands.executeCommand(COMMANDS.showLog) },
    { label: '$(debug-restart) Restart server', run: () => vscode.commands.executeCommand(COMMANDS.restartServer) },
    {
      label: '$(settings-gear) Open settings',
      run: () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`),
    },
    {
      label: '$(book) Rule docs',
      description: `${documentedRules(context).length} rules, offline`,
      run: () => vscode.commands.executeCommand(COMMANDS.openRuleDocs),
    },
  ];
  const picked = await vscode.window.showQuickPick(entries, { title: 'RadLint', placeHolder: 'What do you want to do?' });
  await picked?.run();
}

export interface RadlintApi {
  client: () => LanguageClient | undefined;
  /** The language status item's text, e.g. "$(check) no problems" (for the integration tests). */
  statusText: () => string;
  onDidChangeStatus: vscode.Event<string>;
  /** The ignores and turned-off rules: list, remove, undo (for the integration tests). */
  suppressions: Suppressions;
  /** The notifications shown so far (for the integration tests). */
  notices: () => readonly Notice[];
  /** The Markdown the understood view of a report renders now (for the integration tests). */
  understood: (report: vscode.Uri) => string | undefined;
  /** The "Turn off a rule" picker's entries: id, level now, description (for the integration tests). */
  ruleChoices: () => (vscode.QuickPickItem & { id: string })[];
  /** The comparison a trainee report's scorecard shows now (for the integration tests). */
  scorecard: (trainee: vscode.Uri) => CompareResult | undefined;
  /** Fires when the restructure's template pick is shown (for the integration tests). */
  onDidShowTemplatePick: vscode.Event<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<RadlintApi> {
  log = vscode.window.createOutputChannel('RadLint', { log: true });
  status = createStatus(context, selector);
  setStatus('starting');
  context.subscriptions.push(log);
  ai = registerAi(context, () => client, log, selector);
  const understood = registerUnderstanding(context, () => client);
  const compare = registerCompare(context, () => client);
  suppressions = registerSuppressions(context, () => client);
  registerRuleCommands(context, log, (done) => suppressions.turnedOff(done));
  const rewrites = registerRewrites(context, () => client, log);
  registerReportOffer(context, checkedLanguages);
  registerWalkthrough(context, (d) => checkedLanguages().includes(d.languageId));

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    vscode.commands.registerCommand(COMMANDS.restartServer, () => restartServer(context)),
    vscode.commands.registerCommand(STATUS_MENU_COMMAND, () => statusMenu(context)),
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
  return {
    client: () => client,
    statusText: () => status.text(),
    onDidChangeStatus: status.onDidChange,
    suppressions,
    notices,
    ruleChoices: () => ruleItems(context),
    understood: understood.shown,
    scorecard: compare.shown,
    onDidShowTemplatePick: rewrites.onDidShowTemplatePick,
  };
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
