// LSP wiring only: capabilities, documents, settings, routing to the engine. No clinical logic here.
import {
  CodeAction,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkReport, prepareRules } from './engine';
import { toDiagnostic, stripSnippet, type DiagnosticData, type FixData } from './lsp/diagnostics';
import {
  ADD_TO_DICTIONARY_COMMAND as ADD_TO_DICTIONARY,
  CHECK_DOCUMENT_REQUEST,
  IGNORE_WORD_COMMAND as IGNORE_WORD,
  type CheckDocumentParams,
  type CheckDocumentResult,
} from './protocol';
import { parseReport } from './report';
import { DEFAULTS, engineSettings, parseSettings, type Settings } from './settings';
import { attachAi } from './llm/lsp';
import { WORKSPACE_WORD_LIST, addToWordList, cachedWordList, forgetWordList, userWordListPath } from './word-lists';
import { spellingFixes } from './spelling/suggestions';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_NAME = 'radlint';
/** The source of AI diagnostics (set in lsp/diagnostics.ts); their quick fixes are offered too. */
const AI_SOURCE = 'radlint AI';
const REPORT_FILE_NAME = /\.(rpt|radreport)$/i;

interface Capabilities {
  pullDiagnostics: boolean;
  configuration: boolean;
  configurationChange: boolean;
  snippetEdits: boolean;
  aiStatus: boolean;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const settingsCache = new Map<string, Promise<Settings>>();
  const caps: Capabilities = {
    pullDiagnostics: false,
    configuration: false,
    configurationChange: false,
    snippetEdits: false,
    aiStatus: false,
  };
  const warned = new Set<string>();
  let ready: Promise<void> = Promise.resolve();
  // Spelling word lists: the user's file, each workspace folder's file, and per-report ignores.
  let workspaceFolders: string[] = [];
  let userWordList = userWordListPath();
  const ignoredWords = new Map<string, Set<string>>();

  const log = (message: string) => connection.console.log(message);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const c = params.capabilities;
    caps.pullDiagnostics = Boolean(c.textDocument?.diagnostic);
    caps.configuration = Boolean(c.workspace?.configuration);
    caps.configurationChange = Boolean(c.workspace?.didChangeConfiguration?.dynamicRegistration);
    // Clients that say they run `radlint.applySnippet` (our VS Code client) get tab stops.
    const options = params.initializationOptions as { snippetCommand?: boolean; aiStatus?: boolean } | undefined;
    caps.snippetEdits = Boolean(options?.snippetCommand);
    // Clients that show the AI state (our VS Code client) get radlint/aiStatus notifications.
    caps.aiStatus = Boolean(options?.aiStatus);
    const wordListOption = (params.initializationOptions as { userWordList?: string } | undefined)?.userWordList;
    if (wordListOption) userWordList = wordListOption;
    workspaceFolders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []))
      .map((f) => filePath(f.uri))
      .filter((p): p is string => p !== null);
    ready = prepareRules().catch((error) => log(`Rule set-up failed: ${String(error)}`));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
        diagnosticProvider: caps.pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
        executeCommandProvider: { commands: [ADD_TO_DICTIONARY, IGNORE_WORD] },
      },
      serverInfo: { name: SERVER_NAME },
    };
  });

  connection.onInitialized(() => {
    if (caps.configurationChange) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'radlint' });
    }
  });

  async function settingsFor(uri: string): Promise<Settings> {
    if (!caps.configuration) return DEFAULTS;
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = connection.workspace.getConfiguration({ scopeUri: uri, section: 'radlint' }).then(
        (raw) => {
          const { settings, warnings } = parseSettings(raw);
          for (const w of warnings) {
            if (!warned.has(w)) {
              warned.add(w);
              // A notification, not a request: no answer is needed and a client without it cannot fail us.
              void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `RadLint: ${w}` });
              log(w);
            }
          }
          return settings;
        },
        () => DEFAULTS,
      );
      settingsCache.set(uri, cached);
    }
    return cached;
  }

  async function diagnose(document: TextDocument): Promise<Diagnostic[]> {
    await ready;
    if (!(await isChecked(document))) return [];
    const settings = await settingsFor(document.uri);
    const text = document.getText();
    if (text.length > settings.maxFileSize) {
      return [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 3,
          source: SERVER_NAME,
          code: 'not-checked',
          message: `RadLint did not check this document: ${text.length} characters is over radlint.maxFileSize (${settings.maxFileSize}).`,
        },
      ];
    }
    const started = performance.now();
    const result = checkReport(parseReport(text), engineSettingsFor(document.uri, settings));
    for (const f of result.failures) log(`Rule ${f.rule} failed on ${document.uri}: ${String(f.error)}`);
    const elapsed = performance.now() - started;
    if (elapsed > 200) log(`Checking ${document.uri} took ${elapsed.toFixed(0)} ms`);
    return result.problems.map((p) => toDiagnostic(p, result.report.lineStarts, document.uri, document.version));
  }

  // AI checks (radlint.llm.*): scheduled, pushed and merged in server/src/llm/lsp.ts.
  const ai = attachAi({
    connection,
    documents,
    llmSettings: async (uri) => (await settingsFor(uri)).llm,
    isChecked,
    ruleProblems: async (uri, text) => {
      await ready;
      return checkReport(parseReport(text), engineSettingsFor(uri, await settingsFor(uri))).problems;
    },
    pullDiagnostics: () => caps.pullDiagnostics,
    pushAll: (document) => push(document),
    wantsStatus: () => caps.aiStatus,
    log,
  });

  /** The workspace folder holding a document, or the first one. */
  function workspaceOf(uri: string): string | undefined {
    const file = filePath(uri);
    return workspaceFolders.find((folder) => file !== null && file.startsWith(folder + path.sep)) ?? workspaceFolders[0];
  }

  function engineSettingsFor(uri: string, settings: Settings) {
    const engine = engineSettings(settings);
    const folder = workspaceOf(uri);
    const words = [...cachedWordList(userWordList), ...(folder ? cachedWordList(path.join(folder, WORKSPACE_WORD_LIST)) : [])];
    const ignoreWords = [...(ignoredWords.get(uri) ?? [])];
    return {
      ...engine,
      ruleOptions: { ...engine.ruleOptions, spelling: { ...(engine.ruleOptions.spelling as object | undefined), words, ignoreWords } },
    };
  }

  // "Add to dictionary" and "Ignore in this report" run here, so every LSP editor has them.
  connection.onExecuteCommand(async (params) => {
    const [word, uri] = (params.arguments ?? []) as [unknown, unknown];
    if (typeof word !== 'string' || !word) return;
    if (params.command === IGNORE_WORD && typeof uri === 'string') {
      const set = ignoredWords.get(uri) ?? new Set<string>();
      set.add(word);
      ignoredWords.set(uri, set);
    } else if (params.command === ADD_TO_DICTIONARY) {
      const documentUri = typeof uri === 'string' ? uri : documents.all()[0]?.uri;
      const settings = documentUri ? await settingsFor(documentUri) : DEFAULTS;
      const folder = documentUri ? workspaceOf(documentUri) : workspaceFolders[0];
      const file = settings.wordListTarget === 'workspace' && folder ? path.join(folder, WORKSPACE_WORD_LIST) : userWordList;
      try {
        if (addToWordList(file, word)) log(`Added "${word}" to ${file}`);
        forgetWordList(file);
      } catch (error) {
        void connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Error,
          message: `RadLint could not write ${file}: ${String(error)}`,
        });
        return;
      }
    } else {
      return;
    }
    if (caps.pullDiagnostics) connection.languages.diagnostics.refresh();
    else for (const d of documents.all()) void push(d);
  });

  async function push(document: TextDocument): Promise<void> {
    const version = document.version;
    // A push replaces everything sent for the document, so the AI diagnostics ride along.
    const diagnostics = [...(await diagnose(document)), ...ai.diagnostics(document)];
    // Drop results for a version the user has already typed past.
    if (documents.get(document.uri)?.version !== version) return;
    await connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
  }

  documents.onDidChangeContent((change) => {
    ai.changed(change.document);
    if (!caps.pullDiagnostics) void push(change.document);
  });
  documents.onDidOpen((event) => ai.opened(event.document));
  documents.onDidSave((event) => ai.saved(event.document));
  documents.onDidClose((event) => {
    ai.closed(event.document.uri);
    settingsCache.delete(event.document.uri);
    ignoredWords.delete(event.document.uri);
    if (!caps.pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const items = document ? await diagnose(document) : [];
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  // "RadLint: Check Current Report": diagnose now and say how many problems there are.
  connection.onRequest(CHECK_DOCUMENT_REQUEST, async (params: CheckDocumentParams): Promise<CheckDocumentResult> => {
    const document = documents.get(params.uri);
    if (!document) return { problems: 0, checked: false };
    const diagnostics = await diagnose(document);
    if (caps.pullDiagnostics) connection.languages.diagnostics.refresh();
    else await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    const checked = !diagnostics.some((d) => d.code === 'not-checked') && (await isChecked(document));
    return { problems: checked ? diagnostics.length : 0, checked };
  });

  async function isChecked(document: TextDocument): Promise<boolean> {
    const settings = await settingsFor(document.uri);
    // Editors that know no "radreport" file type (Neovim without a filetype mapping sends "") still
    // get .rpt/.radreport files checked, by their name.
    const reportByName = document.languageId === '' && REPORT_FILE_NAME.test(document.uri);
    return settings.enable && (document.languageId === 'radreport' || reportByName || settings.languages.includes(document.languageId));
  }

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    ai.configurationChanged();
    if (caps.pullDiagnostics) connection.languages.diagnostics.refresh();
    else for (const d of documents.all()) void push(d);
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    let diagnostics = params.context.diagnostics.filter((d) => (d.source === SERVER_NAME || d.source === AI_SOURCE) && d.data);
    // Fixes were computed for one version of the text; if the text has moved on, diagnose afresh
    // so an edit never lands on the wrong characters.
    if (diagnostics.some((d) => (d.data as DiagnosticData).version !== document.version)) {
      const fresh = [...(await diagnose(document)), ...ai.diagnostics(document)];
      diagnostics = diagnostics
        .map((d) => fresh.find((f) => f.code === d.code && f.message === d.message && f.range.start.line === d.range.start.line))
        .filter((d): d is Diagnostic => d !== undefined);
    }
    const actions: CodeAction[] = [];
    const seen = new Set<string>();
    for (const diagnostic of diagnostics) {
      for (const fix of (diagnostic.data as DiagnosticData).fixes) {
        const key = fix.title + JSON.stringify(fix.edits);
        if (seen.has(key)) continue; // several diagnostics on one range: no pile of equal actions
        seen.add(key);
        actions.push(toCodeAction(document, diagnostic, fix, caps.snippetEdits));
      }
      const { word } = diagnostic.data as DiagnosticData;
      if (word) {
        actions.push(...suggestionActions(document, diagnostic, word, caps.snippetEdits));
        actions.push(...wordActions(document, diagnostic, word));
      }
    }
    return actions;
  });

  documents.listen(connection);
  connection.listen();
}

function toCodeAction(document: TextDocument, diagnostic: Diagnostic, fix: FixData, snippetCommand: boolean): CodeAction {
  const action = CodeAction.create(fix.title, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.isPreferred;
  if (fix.snippet && snippetCommand && fix.edits.length === 1) {
    // The client inserts it as a snippet, so the fields become tab stops; still one undoable edit.
    action.command = { title: fix.title, command: 'radlint.applySnippet', arguments: [document.uri, document.version, fix.edits[0]] };
    return action;
  }
  const edits: TextEdit[] = fix.edits.map((e) => ({ range: e.range, newText: fix.snippet ? stripSnippet(e.newText) : e.newText }));
  if (edits.length) action.edit = { changes: { [document.uri]: edits } };
  return action;
}

/** "Change to ..." for a spelling problem's word: corrections worked out now, not on every check. */
function suggestionActions(document: TextDocument, diagnostic: Diagnostic, word: string, snippetCommand: boolean): CodeAction[] {
  const toRange = (e: { start: number; end: number }) => ({ start: document.positionAt(e.start), end: document.positionAt(e.end) });
  const fixes = spellingFixes(word, document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end));
  return fixes.map((fix) =>
    toCodeAction(
      document,
      diagnostic,
      { ...fix, edits: fix.edits.map((e) => ({ range: toRange(e), newText: e.newText })) },
      snippetCommand,
    ),
  );
}

/** "Add to dictionary" and "Ignore in this report" for a spelling problem's word: server commands. */
function wordActions(document: TextDocument, diagnostic: Diagnostic, word: string): CodeAction[] {
  const make = (title: string, command: string, commandTitle: string) => {
    const action = CodeAction.create(title, { title: commandTitle, command, arguments: [word, document.uri] }, CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    return action;
  };
  return [
    make(`Add "${word}" to the dictionary`, ADD_TO_DICTIONARY, 'Add to dictionary'),
    make(`Ignore "${word}" in this report`, IGNORE_WORD, 'Ignore in this report'),
  ];
}

function filePath(uri: string): string | null {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : null;
  } catch {
    return null;
  }
}

/** `radlint-server --stdio` (and --node-ipc / --socket, which vscode-languageserver reads from argv). */
export function runServer(): void {
  // One failed promise must not take the server (and every open report's diagnostics) down.
  process.on('unhandledRejection', (reason) => process.stderr.write(`radlint-server: unhandled rejection: ${String(reason)}\n`));
  startServer(createConnection(ProposedFeatures.all));
}

if (require.main === module) runServer();
