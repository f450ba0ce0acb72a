// LSP wiring only: capabilities, and the features of server/src/lsp/ created with what they need.
// No clinical logic here.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  StreamMessageWriter,
  type Connection,
  type ResponseMessage,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, prepareRules } from './engine';
import { RULES } from './rules/registry';
import type { InitializationOptions } from './protocol';
import { VERSION } from './version';
import { attachAi } from './lsp/ai';
import { attachCodeActions, CODE_ACTION_KINDS } from './lsp/code-actions';
import { attachHover } from './lsp/hover';
import { attachRewrites, REWRITE_CODE_ACTION_KINDS, REWRITE_COMMANDS } from './lsp/rewrites';
import { attachOutline } from './lsp/outline';
import { attachUnderstanding } from './lsp/understanding';
import { attachCommands, SERVER_COMMANDS } from './lsp/commands';
import { attachCompare, COMPARE_COMMANDS } from './lsp/compare';
import { attachSuppressions } from './lsp/suppressions';
import { attachDiagnostics } from './lsp/diagnostics';
import { Analyses } from './lsp/documents';
import { SettingsStore } from './lsp/settings';
import { ResilientMessageReader } from './lsp/framing';
import { answeredCommandLine } from './lsp/command-line';
import { engineWarmUp, runInSlices, runWhenIdle, suggestionWarmUp } from './lsp/warm-up';

export const SERVER_NAME = 'radlint';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const log = (message: string) => connection.console.log(message);
  const caps = {
    pullDiagnostics: false,
    configurationChange: false,
    snippetEdits: false,
    aiStatus: false,
    workspaceFolders: false,
    disableRuleCommand: false,
    ruleDocsCommand: false,
    rewriteCommands: false,
    compareCommands: false,
    watchFiles: false,
    relativePatterns: false,
  };
  let ready: Promise<void> = Promise.resolve();
  let lastEdit = performance.now();
  const settings = new SettingsStore(connection, log);
  const analyses = new Analyses(settings, () => ready, log);

  connection.onInitialize((params): InitializeResult => {
    const c = params.capabilities;
    caps.pullDiagnostics = Boolean(c.textDocument?.diagnostic);
    caps.configurationChange = Boolean(c.workspace?.didChangeConfiguration?.dynamicRegistration);
    caps.workspaceFolders = Boolean(c.workspace?.workspaceFolders);
    caps.watchFiles = Boolean(c.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    caps.relativePatterns = Boolean(c.workspace?.didChangeWatchedFiles?.relativePatternSupport);
    const options = params.initializationOptions as InitializationOptions | undefined;
    // Clients that say they run the snippet command (our VS Code client) get tab stops.
    caps.snippetEdits = Boolean(options?.snippetCommand);
    // Clients that show the AI state (our VS Code client) get radlint/aiStatus notifications.
    caps.aiStatus = Boolean(options?.aiStatus);
    caps.disableRuleCommand = Boolean(options?.disableRuleCommand);
    caps.ruleDocsCommand = Boolean(options?.ruleDocsCommand);
    caps.rewriteCommands = Boolean(options?.rewriteCommands);
    // Our VS Code client registers the comparison commands itself (a second registration would fail).
    caps.compareCommands = Boolean(options?.compareCommands);
    settings.initialize(params);
    // The first document waits for the dictionaries and for the engine's warm-up (lsp/warm-up.ts);
    // the suggestion search is warmed when nothing is typed.
    ready = prepareRules()
      .catch((error) => log(`Rule set-up failed: ${String(error)}`))
      .then(() => runInSlices(engineWarmUp()))
      .catch((error) => log(`Warm-up failed: ${String(error)}`));
    void ready.then(() =>
      runWhenIdle(
        suggestionWarmUp(),
        () => lastEdit,
        (error) => log(`Warm-up failed: ${String(error)}`),
      ),
    );
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS, ...REWRITE_CODE_ACTION_KINDS], resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Report' },
        foldingRangeProvider: true,
        diagnosticProvider: caps.pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
        // The VS Code client runs the rewrite and comparison commands itself; other editors have the server run them.
        executeCommandProvider: {
          commands: [
            ...SERVER_COMMANDS,
            ...(caps.rewriteCommands ? [] : REWRITE_COMMANDS),
            ...(caps.compareCommands ? [] : COMPARE_COMMANDS),
          ],
        },
        workspace: caps.workspaceFolders ? { workspaceFolders: { supported: true, changeNotifications: true } } : undefined,
      },
      serverInfo: { name: SERVER_NAME, version: VERSION },
    };
  });

  connection.onInitialized(() => {
    log(
      `RadLint server ${VERSION} on Node ${process.versions.node}: ${RULES.length} rules; diagnostics ${caps.pullDiagnostics ? 'pulled' : 'pushed'}.`,
    );
    if (caps.configurationChange) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'radlint' });
    }
    if (caps.watchFiles) {
      // Hand edits of .radlint.json and the word lists re-check the open reports at once.
      const watchers = settings.watchedFiles().map(({ folder, pattern }) => ({
        globPattern: folder
          ? caps.relativePatterns
            ? { baseUri: pathToFileURL(folder).href, pattern }
            : path.join(folder, pattern).split(path.sep).join('/')
          : pattern,
      }));
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    }
    if (caps.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        settings.foldersChanged(event.added, event.removed);
        diagnostics.refreshAll();
      });
    }
  });

  // AI checks (radlint.llm.*): scheduled, pushed and merged in lsp/ai.ts.
  const ai = attachAi({
    connection,
    documents,
    llmSettings: async (uri) => (await settings.settingsFor(uri)).llm,
    isChecked: (document) => analyses.isChecked(document),
    ruleProblems: async (uri, text) => {
      const document = documents.get(uri);
      // The text the AI read is usually the current version: reuse its analysis.
      const current = document && document.getText() === text ? await analyses.analysisOf(document) : undefined;
      await ready;
      return (current ?? analyze(text, await settings.engineSettingsFor(uri))).problems;
    },
    pullDiagnostics: () => caps.pullDiagnostics,
    pushAll: (document) => diagnostics.push(document),
    wantsStatus: () => caps.aiStatus,
    log,
  });

  const diagnostics = attachDiagnostics({
    connection,
    documents,
    analyses,
    aiDiagnostics: (document) => ai.diagnostics(document),
    comparisonDiagnostics: (document) => compare.diagnostics(document),
    pullDiagnostics: () => caps.pullDiagnostics,
  });

  // Trainee mode: a comparison with a reference report, pushed with the AI diagnostics (lsp/compare.ts).
  const compare = attachCompare({
    connection,
    documents,
    pullDiagnostics: () => caps.pullDiagnostics,
    push: (document) => diagnostics.push(document),
  });

  attachCodeActions({
    connection,
    documents,
    currentDiagnostics: async (document) => [...(await diagnostics.diagnose(document)), ...ai.diagnostics(document)],
    snippetEdits: () => caps.snippetEdits,
    disableRuleCommand: () => caps.disableRuleCommand,
    moreActions: (document, only) => rewrites.actions(document, only),
  });
  attachHover({ connection, documents, analyses, ruleDocsCommand: () => caps.ruleDocsCommand });
  attachOutline(connection, documents, analyses);
  attachUnderstanding(connection, documents, analyses);

  const rewrites = attachRewrites({
    connection,
    documents,
    analyses,
    settings,
    providerFor: (s) => ai.providerFor(s),
    clientPicksTemplate: () => caps.rewriteCommands,
    log,
  });

  attachCommands({
    connection,
    documents,
    settings,
    analyses,
    refreshAll: () => diagnostics.refreshAll(),
    more: (command, args) => (caps.rewriteCommands ? Promise.resolve(false) : rewrites.execute(command, args)),
    others: compare.commands,
  });

  // The ignores and turned-off rules, listed and removed (lsp/suppressions.ts).
  attachSuppressions({ connection, settings, refreshAll: () => diagnostics.refreshAll() });

  documents.onDidChangeContent((change) => {
    lastEdit = performance.now();
    ai.changed(change.document);
    compare.changed(change.document);
    if (!caps.pullDiagnostics) diagnostics.changed(change.document);
  });
  documents.onDidOpen((event) => ai.opened(event.document));
  documents.onDidSave((event) => ai.saved(event.document));
  documents.onDidClose((event) => {
    const { uri } = event.document;
    ai.closed(uri);
    compare.closed(uri);
    settings.closed(uri);
    analyses.closed(uri);
    if (!caps.pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onDidChangeWatchedFiles((params) => {
    settings.filesChanged(params.changes.map((c) => c.uri));
    diagnostics.refreshAll();
  });

  connection.onDidChangeConfiguration(() => {
    settings.changed();
    ai.configurationChanged();
    diagnostics.refreshAll();
  });

  documents.listen(connection);
  connection.listen();
}

/** `radlint-server --stdio` (and --node-ipc / --socket, which vscode-languageserver reads from argv). */
export function runServer(): void {
  if (answeredCommandLine(process.argv.slice(2))) return;
  // One failed promise must not take the server (and every open report's diagnostics) down.
  process.on('unhandledRejection', (reason) => process.stderr.write(`radlint-server: unhandled rejection: ${String(reason)}\n`));
  const socketOrIpc = process.argv.some((a) => /^--(node-ipc|socket|pipe)/.test(a));
  if (socketOrIpc) return startServer(createConnection(ProposedFeatures.all));
  // Over stdio: a reader that answers a damaged message and goes on with the next (lsp/framing.ts).
  const writer = new StreamMessageWriter(process.stdout);
  let connection: Connection | undefined = undefined;
  const reader = new ResilientMessageReader(process.stdin, (bad) => {
    const line = `RadLint server: skipped a damaged message from the editor: ${bad.message}`;
    process.stderr.write(`${line}\n`); // the editor's log shows the server's stderr
    connection?.console.error(line);
    void writer.write({ jsonrpc: '2.0', id: bad.id, error: { code: bad.code, message: bad.message } } as ResponseMessage);
  });
  connection = createConnection(ProposedFeatures.all, reader, writer);
  startServer(connection);
}

if (require.main === module) runServer();
