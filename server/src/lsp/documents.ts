// One analysis per document version, shared by diagnostics, code actions, AI merging and hover.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from '../engine';
import type { SettingsStore } from './settings';

/** What RadLint makes of a document: not a report it checks, too large to check, or its analysis. */
export type ReportState =
  { kind: 'unchecked' } | { kind: 'too-large'; length: number; maxFileSize: number } | { kind: 'checked'; analysis: Analysis };

const REPORT_FILE_NAME = /\.(rpt|radreport)$/i;

export class Analyses {
  #cache = new Map<string, { version: number; epoch: number; state: Promise<ReportState> }>();
  /** How long the last analysis of each document took (ms): edits wait about that long to be coalesced. */
  #cost = new Map<string, number>();

  constructor(
    private readonly settings: SettingsStore,
    /** Resolves once the rules' one-time set-up (dictionaries) is done. */
    private readonly ready: () => Promise<void>,
    private readonly log: (message: string) => void,
  ) {}

  /** The state of the document's current version, computed once per version and settings epoch. */
  of(document: TextDocument): Promise<ReportState> {
    const cached = this.#cache.get(document.uri);
    if (cached && cached.version === document.version && cached.epoch === this.settings.epoch) return cached.state;
    const state = this.#compute(document, document.version);
    this.#cache.set(document.uri, { version: document.version, epoch: this.settings.epoch, state });
    return state;
  }

  /** The analysis of a document's current version, or undefined when it is not checked. */
  async analysisOf(document: TextDocument): Promise<Analysis | undefined> {
    const state = await this.of(document);
    return state.kind === 'checked' ? state.analysis : undefined;
  }

  /** Whether RadLint checks this document at all (language, radlint.enable). */
  async isChecked(document: TextDocument): Promise<boolean> {
    const settings = await this.settings.settingsFor(document.uri);
    // Editors that know no "radreport" file type (Neovim without a filetype mapping sends "") still
    // get .rpt/.radreport files checked, by their name.
    const reportByName = document.languageId === '' && REPORT_FILE_NAME.test(document.uri);
    return settings.enable && (document.languageId === 'radreport' || reportByName || settings.languages.includes(document.languageId));
  }

  /** The time the last analysis of the document took, in ms (0 before the first). */
  costOf(uri: string): number {
    return this.#cost.get(uri) ?? 0;
  }

  closed(uri: string): void {
    this.#cache.delete(uri);
    this.#cost.delete(uri);
  }

  async #compute(document: TextDocument, version: number): Promise<ReportState> {
    await this.ready();
    if (!(await this.isChecked(document))) return { kind: 'unchecked' };
    const { maxFileSize } = await this.settings.settingsFor(document.uri);
    // Edits arrived while waiting: analyse only the latest version (whoever asked for this one
    // checks the version before using the answer).
    if (document.version !== version) return this.of(document);
    const text = document.getText();
    if (text.length > maxFileSize) return { kind: 'too-large', length: text.length, maxFileSize };
    const started = performance.now();
    const analysis = analyze(text, await this.settings.engineSettingsFor(document.uri));
    for (const f of analysis.failures) this.log(`Rule ${f.rule} failed on ${document.uri}: ${String(f.error)}`);
    const elapsed = performance.now() - started;
    this.#cost.set(document.uri, elapsed);
    if (elapsed > 200) this.log(`Checking ${document.uri} took ${elapsed.toFixed(0)} ms`);
    return { kind: 'checked', analysis };
  }
}
