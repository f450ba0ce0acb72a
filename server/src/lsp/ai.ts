// The language server's side of AI checks: custom messages, status notifications, and how AI
// problems reach the editor.
//
// How AI diagnostics are shown beside the rule diagnostics:
// - Pull clients (VS Code): rule diagnostics answer textDocument/diagnostic; AI diagnostics are
//   pushed with textDocument/publishDiagnostics. vscode-languageclient keeps pushed and pulled
//   diagnostics in two separate DiagnosticCollections (its default DiagnosticCollectionProvider
//   never shares one between the push and the pull model, and VS Code gives each collection its own
//   marker owner), so neither clobbers the other.
// - Push-only clients (Neovim, Helix): a publishDiagnostics replaces everything the server sent for
//   the document, so every push carries the rule diagnostics and the AI diagnostics together.
// - Either way the trainee-mode comparison diagnostics (lsp/compare.ts) are pushed in the same set.
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from './diagnostics';
import { AiStatusNotification, CheckWithAiRequest, SetApiKeyRequest, type AiStatusParams, type CheckWithAiResult } from '../protocol';
import { lineStartsOf } from '../report';
import type { Problem } from '../problem';
import { LlmScheduler } from '../llm/scheduler';
import type { Provider } from '../llm/provider';
import type { LlmSettings } from '../llm/settings';

export interface AiHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** radlint.llm.* for a document. */
  llmSettings(uri: string): Promise<LlmSettings>;
  /** Whether RadLint checks this document at all (language, enable). */
  isChecked(document: TextDocument): Promise<boolean>;
  ruleProblems(uri: string, text: string): Promise<readonly Problem[]>;
  /** Whether the client pulls rule diagnostics (then AI diagnostics are pushed without the rules). */
  pullDiagnostics(): boolean;
  /** Push what is pushed for this document: AI with the comparison diagnostics (and the rules for push-only clients). */
  pushAll(document: TextDocument): Promise<void>;
  /** Whether the client asked for radlint/aiStatus notifications. */
  wantsStatus(): boolean;
  log(message: string): void;
}

export interface AiWiring {
  /** AI diagnostics for the document's current version (for push-only clients and code actions). */
  diagnostics(document: TextDocument): Diagnostic[];
  /** Call synchronously on every change, before the rule diagnostics go out. */
  changed(document: TextDocument): void;
  opened(document: TextDocument): void;
  saved(document: TextDocument): void;
  closed(uri: string): void;
  configurationChanged(): void;
  /** The endpoint's client, with the API key, for the rewrites' LLM path. Throws LlmError('config'). */
  providerFor(settings: LlmSettings): Provider;
}

export function attachAi(host: AiHost): AiWiring {
  const { connection, documents } = host;
  const lastStatus = new Map<string, string>();
  const scheduler = new LlmScheduler(
    {
      document: (uri) => {
        const d = documents.get(uri);
        return d && { text: d.getText(), version: d.version };
      },
      ruleProblems: (uri, text) => host.ruleProblems(uri, text),
      publish: (uri) => {
        const document = documents.get(uri);
        if (document) publish(document);
      },
      status: (uri, state, detail) => {
        if (!host.wantsStatus()) return;
        const params: AiStatusParams = { uri, state, ...detail };
        const key = JSON.stringify(params);
        if (lastStatus.get(uri) === key) return;
        lastStatus.set(uri, key);
        void connection.sendNotification(AiStatusNotification, params);
      },
      log: (message) => host.log(message),
    },
    // Other editors have no SecretStorage: they may give the key in the server's environment.
    { apiKey: process.env.RADLINT_API_KEY || undefined },
  );

  function diagnostics(document: TextDocument): Diagnostic[] {
    const problems = scheduler.problemsFor(document.uri, document.version);
    if (problems.length === 0) return [];
    const lineStarts = lineStartsOf(document.getText());
    return problems.map((p) => toDiagnostic(p, lineStarts, document.uri, document.version));
  }

  // Pull clients too: the comparison diagnostics share the pushed set, so AI alone would wipe them.
  function publish(document: TextDocument): void {
    void host.pushAll(document);
  }

  async function whenChecked(document: TextDocument, then: (settings: LlmSettings) => void): Promise<void> {
    if (!(await host.isChecked(document))) return;
    then(await host.llmSettings(document.uri));
  }

  connection.onRequest(CheckWithAiRequest, async (params): Promise<CheckWithAiResult> => {
    const document = documents.get(params.uri);
    if (!document || !(await host.isChecked(document))) return { state: 'cancelled', issues: 0, reason: 'not a report RadLint checks' };
    const outcome = await scheduler.checkNow(document.uri, await host.llmSettings(document.uri));
    return { state: outcome.state, issues: outcome.issues, reason: outcome.reason };
  });

  connection.onRequest(SetApiKeyRequest, async (params) => {
    scheduler.cancelAll();
    scheduler.setApiKey(typeof params?.apiKey === 'string' ? params.apiKey : undefined);
    host.log(scheduler.hasApiKey ? 'API key received (kept in memory only).' : 'API key cleared.');
    for (const d of documents.all()) void whenChecked(d, (s) => scheduler.describe(d.uri, s));
    return null;
  });

  return {
    diagnostics,
    providerFor: (settings) => scheduler.providerFor(settings),
    changed(document) {
      const moved = scheduler.textChanged(document.uri);
      if (moved && host.pullDiagnostics()) publish(document);
      void whenChecked(document, (s) => scheduler.changed(document.uri, s));
    },
    opened(document) {
      void whenChecked(document, (s) => scheduler.describe(document.uri, s));
    },
    saved(document) {
      void whenChecked(document, (s) => scheduler.saved(document.uri, s));
    },
    closed(uri) {
      const shown = scheduler.hasProblems(uri);
      scheduler.closed(uri);
      lastStatus.delete(uri);
      // Pushed AI diagnostics stay in the editor until replaced: clear them (push-only clients get
      // an empty push from the document-close handler anyway).
      if (shown && host.pullDiagnostics()) void connection.sendDiagnostics({ uri, diagnostics: [] });
    },
    configurationChanged() {
      scheduler.cancelAll();
      for (const d of documents.all()) {
        void whenChecked(d, (s) => {
          if (!s.enabled && scheduler.problemsFor(d.uri, d.version).length > 0) {
            scheduler.closed(d.uri); // switched off: the AI diagnostics go
            publish(d);
          }
          scheduler.describe(d.uri, s);
        });
      }
    },
  };
}
