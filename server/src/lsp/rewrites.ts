// The rewrites in the editor: cheap code actions that carry a command; the slow work (and the LLM,
// when it is on) runs only when one is chosen, with progress, and the result is applied as one
// undoable edit, never if the report changed meanwhile. VS Code applies results itself (snippet tab
// stops, the impression draft selected, a summary beside the report), through
// RewriteRequest; other editors get the edit through workspace/applyEdit from the server command.
import {
  CodeAction,
  MessageType,
  ShowMessageNotification,
  type ApplyWorkspaceEditParams,
  type Connection,
  type TextDocuments,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeOf } from '../report/positions';
import { placeText } from '../rewrite/placement';
import {
  REWRITE_KIND,
  REWRITE_KINDS,
  rewrite,
  rewriteKindOf,
  type Rewrite,
  type RewriteKind,
  type RewriteOptions,
  templateChoice,
} from '../rewrite';
import { rewriteWithLlm } from '../llm/rewrite';
import { RewriteRequest, TemplateChoiceRequest, type RewriteResult } from '../protocol';
import type { Provider } from '../llm/provider';
import type { Analyses } from './documents';
import type { SettingsStore } from './settings';
import { applyEditWithin } from './commands';

/** The code action kinds and commands of the rewrites (rewrite/kinds.ts), for the server's capabilities. */
export const REWRITE_CODE_ACTION_KINDS = REWRITE_KINDS.map((k) => REWRITE_KIND[k].codeActionKind);
export const REWRITE_COMMANDS = REWRITE_KINDS.map((k) => REWRITE_KIND[k].command);

export interface RewritesHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  analyses: Analyses;
  settings: SettingsStore;
  /** The endpoint's client with the key (throws when the settings cannot work). */
  providerFor: (settings: Awaited<ReturnType<SettingsStore['settingsFor']>>['llm']) => Provider;
  /** The client lets the user pick a template before a restructure (TemplateChoiceRequest): our VS Code client. */
  clientPicksTemplate(): boolean;
  log(message: string): void;
}

export interface RewritesFeature {
  /** The three actions for a checked report, filtered by the kinds the client asked for. */
  actions(document: TextDocument, only: string[] | undefined): Promise<CodeAction[]>;
  /** Runs a rewrite command (other editors); false when the command is not one. */
  execute(command: string, args: unknown[]): Promise<boolean>;
}

export function attachRewrites(host: RewritesHost): RewritesFeature {
  const { connection, documents, analyses, settings } = host;

  async function compute(uri: string, version: number, kind: RewriteKind, templateId?: string): Promise<Rewrite | string> {
    const document = documents.get(uri);
    if (!document || document.version !== version) return 'the report changed; run the action again';
    const analysis = await analyses.analysisOf(document);
    if (!analysis) return 'RadLint does not check this document';
    const s = await settings.settingsFor(uri);
    const options: RewriteOptions = {
      templateId,
      fillPertinentNegatives: s.templates.fillPertinentNegatives,
      includeMinor: s.templates.impressionIncludesMinor,
      summaryPlacement: s.summary.placement,
    };
    if (!s.llm.enabled) return rewrite(kind, analysis, options);
    let provider: Provider;
    try {
      provider = host.providerFor(s.llm);
    } catch (error) {
      return {
        ...rewrite(kind, analysis, options),
        note: `AI rewrite not used: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    return rewriteWithLlm(kind, analysis, options, { provider, settings: s.llm });
  }

  // Only the exam's template and the others: cheap, so VS Code asks the user before the rewrite (and its LLM call) runs.
  connection.onRequest(TemplateChoiceRequest, async ({ uri, version }) => {
    const document = documents.get(uri);
    const analysis = document && document.version === version ? await analyses.analysisOf(document) : undefined;
    return analysis ? templateChoice(analysis.report) : null;
  });

  const say = (type: MessageType, message: string) => void connection.sendNotification(ShowMessageNotification.type, { type, message });

  connection.onRequest(RewriteRequest, async (params): Promise<RewriteResult | null> => {
    let result: Rewrite | string;
    try {
      result = await compute(params.uri, params.version, params.kind, params.templateId);
    } catch (error) {
      result = error instanceof Error ? error.message : String(error);
    }
    if (typeof result === 'string')
      return { ok: false, reasons: [result], version: params.version, text: '', edit: null, replacesImpression: false, by: 'rules' };
    if (result.note) host.log(result.note);
    const document = documents.get(params.uri);
    const lineStarts = (await analyses.analysisOf(document!))?.report.lineStarts ?? [0];
    const snippet = result.kind === 'restructure' && result.snippet !== undefined;
    return {
      ok: result.verification.ok,
      reasons: result.verification.reasons,
      version: params.version,
      text: result.text,
      edit: result.edit && { range: rangeOf(lineStarts, result.edit), newText: snippet ? result.snippet! : result.edit.newText, snippet },
      replacesImpression: result.replacesImpression,
      template: result.template,
      grade: result.grade,
      by: result.by,
      note: result.note,
    };
  });

  return {
    async actions(document, only) {
      const analysis = await analyses.analysisOf(document);
      if (!analysis) return [];
      const wanted = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
      // Where the user cannot pick a template (Neovim), a restructure the chooser refuses would only
      // end in that refusal: it is not offered.
      const canRestructure = () => host.clientPicksTemplate() || !templateChoice(analysis.report).refused;
      return REWRITE_KINDS.filter((k) => wanted(REWRITE_KIND[k].codeActionKind) && (k !== 'restructure' || canRestructure()))
        .map((k) => REWRITE_KIND[k])
        .map((a) =>
          CodeAction.create(a.title, { title: a.title, command: a.command, arguments: [document.uri, document.version] }, a.codeActionKind),
        );
    },

    async execute(command, args) {
      const kind = rewriteKindOf(command, 'command');
      if (!kind) return false;
      const [uri, version] = args as [string, number];
      const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
      progress?.begin(`RadLint: ${REWRITE_KIND[kind].title.replace(' (RadLint)', '')}`);
      let result: Rewrite | string;
      try {
        result = await compute(uri, version, kind);
      } catch (error) {
        result = error instanceof Error ? error.message : String(error);
      } finally {
        progress?.done();
      }
      if (typeof result === 'string') return (say(MessageType.Warning, `RadLint: ${result}.`), true);
      if (result.note) host.log(result.note);
      if (!result.verification.ok) {
        say(
          MessageType.Warning,
          `RadLint could not verify the rewrite, so nothing was changed: ${result.verification.reasons.slice(0, 3).join('; ')}`,
        );
        return true;
      }
      const document = documents.get(uri);
      const analysis = document && document.version === version ? await analyses.analysisOf(document) : undefined;
      if (!document || !analysis)
        return (say(MessageType.Warning, 'RadLint: the report changed while it was being rewritten; nothing was changed.'), true);
      // Through workspace/applyEdit the server cannot open a document beside the report (a summary goes in
      // as a section), nor show a replaced impression selected (issue 18: the draft goes in beside it, one
      // visible, undoable insertion, for the radiologist to merge).
      const edit = placeText(analysis.report, result.placement, result.placed, { sideDocuments: false, replacedImpression: false })!;
      const label = result.placement.at === 'impression' ? 'RadLint draft impression' : 'RadLint rewrite';
      const range = rangeOf(analysis.report.lineStarts, edit);
      const workspaceEdit: WorkspaceEdit = {
        documentChanges: [{ textDocument: { uri, version }, edits: [{ range, newText: edit.newText }] }],
      };
      const applied = await applyEditWithin(connection, { label, edit: workspaceEdit } satisfies ApplyWorkspaceEditParams);
      if (!applied.applied)
        say(
          MessageType.Warning,
          `RadLint: the rewrite was not applied${applied.failureReason ? `: ${applied.failureReason}` : ' (the report may have changed)'}.`,
        );
      else if (result.note) say(MessageType.Info, `RadLint: ${result.note}`);
      return true;
    },
  };
}
