// Settings per document (workspace/configuration, cached until they change), the push-only
// fallback for clients that cannot be asked, workspace folders, and the spelling word lists.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageType, ShowMessageNotification, type Connection, type InitializeParams } from 'vscode-languageserver/node';
import type { EngineSettings, ProblemAnchor } from '../engine';
import { ConfigFileError, WORKSPACE_CONFIG_FILE, addIgnore, ignoresFor, readIgnores, type ProblemIgnore } from '../ignores';
import type { InitializationOptions } from '../protocol';
import { DEFAULTS, engineSettings, parseSettings, type Settings } from '../settings';
import { WORKSPACE_WORD_LIST, addToWordList, cachedWordList, forgetWordList, userWordListPath } from '../word-lists';

// The user's and the folder's word lists as one, the same array while neither is re-read: the
// spelling check makes its set once per list, not per keystroke.
const joinedLists = new WeakMap<readonly string[], WeakMap<readonly string[], readonly string[]>>();
function joined(a: readonly string[], b: readonly string[]): readonly string[] {
  if (b.length === 0) return a;
  let byB = joinedLists.get(a);
  if (!byB) joinedLists.set(a, (byB = new WeakMap()));
  let both = byB.get(b);
  if (!both) byB.set(b, (both = [...a, ...b]));
  return both;
}

export class SettingsStore {
  #cache = new Map<string, Promise<Settings>>();
  #warned = new Set<string>();
  #canAsk = false;
  #folders: string[] = [];
  #userWordList = userWordListPath();
  // Replaced, never changed in place: the spelling check keeps its set per list (rules/spelling.ts).
  #ignored = new Map<string, readonly string[]>();
  #workspaceIgnores = new Map<string, { ignores: ProblemIgnore[]; readAt: number }>();
  /** Bumped whenever anything an analysis depends on changes (settings, word lists, ignores). */
  epoch = 0;

  constructor(
    private readonly connection: Connection,
    private readonly log: (message: string) => void,
  ) {}

  initialize(params: InitializeParams): void {
    this.#canAsk = Boolean(params.capabilities.workspace?.configuration);
    const options = params.initializationOptions as InitializationOptions | undefined;
    if (options?.userWordList) this.#userWordList = options.userWordList;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    this.#folders = folders.map((f) => filePath(f.uri)).filter((p): p is string => p !== null);
  }

  /** Workspace folders added or removed (workspace/didChangeWorkspaceFolders). */
  foldersChanged(added: { uri: string }[], removed: { uri: string }[]): void {
    const gone = new Set(removed.map((f) => filePath(f.uri)));
    this.#folders = [
      ...this.#folders.filter((f) => !gone.has(f)),
      ...added.map((f) => filePath(f.uri)).filter((p): p is string => p !== null),
    ];
    this.epoch++;
  }

  /** radlint.* for a document; the defaults for clients that cannot be asked (push-only editors). */
  settingsFor(uri: string): Promise<Settings> {
    if (!this.#canAsk) return Promise.resolve(DEFAULTS);
    let cached = this.#cache.get(uri);
    if (!cached) {
      cached = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'radlint' }).then(
        (raw) => {
          const { settings, warnings } = parseSettings(raw);
          for (const w of warnings) this.#warnOnce(w);
          this.#describeOnce(settings);
          return settings;
        },
        () => DEFAULTS,
      );
      this.#cache.set(uri, cached);
    }
    return cached;
  }

  /** The engine's settings for a document: its radlint.* plus the word lists that apply to it. */
  async engineSettingsFor(uri: string): Promise<EngineSettings> {
    const settings = await this.settingsFor(uri);
    const folder = this.workspaceOf(uri);
    const user = cachedWordList(this.#userWordList);
    const words = folder ? joined(user, cachedWordList(path.join(folder, WORKSPACE_WORD_LIST))) : user;
    return { ...engineSettings(settings), words, ignoredWords: this.#ignored.get(uri) ?? [], ignores: this.#ignoresFor(uri) };
  }

  /**
   * "Ignore here": keep the problem's anchor in the workspace's .radlint.json. A file that cannot
   * be parsed is left as it is: the error is a ConfigFileError with its line and column.
   */
  ignoreProblem(uri: string, anchor: ProblemAnchor): { file?: string; error?: unknown } {
    const place = this.#placeOf(uri);
    if (!place) return { error: 'the report is not in a workspace folder, so there is no .radlint.json to keep the ignore in' };
    const file = path.join(place.folder, WORKSPACE_CONFIG_FILE);
    try {
      addIgnore(place.folder, { file: place.relative, ...anchor });
    } catch (error) {
      return { file, error: error instanceof ConfigFileError ? error : String(error) };
    }
    this.#workspaceIgnores.delete(place.folder);
    this.epoch++;
    return { file };
  }

  /** The workspace folders' paths (suppressions.ts lists their ignores). */
  folders(): readonly string[] {
    return this.#folders;
  }

  /** A folder's .radlint.json changed (an ignore removed): read it afresh at the next check. */
  ignoresChanged(folder: string): void {
    this.#workspaceIgnores.delete(folder);
    this.epoch++;
  }

  #ignoresFor(uri: string): ProblemAnchor[] {
    const place = this.#placeOf(uri);
    if (!place) return [];
    const now = Date.now();
    let hit = this.#workspaceIgnores.get(place.folder);
    // Re-read at most every two seconds, so hand edits of the file show up without a read per keystroke.
    if (!hit || now - hit.readAt > 2000) {
      const { ignores, error } = readIgnores(place.folder);
      if (error) this.#warnOnce(error);
      this.#workspaceIgnores.set(place.folder, (hit = { ignores, readAt: now }));
    }
    return ignoresFor(hit.ignores, place.relative);
  }

  /** The workspace folder that holds the document, and its path there with forward slashes. */
  #placeOf(uri: string): { folder: string; relative: string } | undefined {
    const file = filePath(uri);
    const folder = file ? this.#folders.find((f) => file.startsWith(f + path.sep)) : undefined;
    return file && folder ? { folder, relative: path.relative(folder, file).split(path.sep).join('/') } : undefined;
  }

  changed(): void {
    this.#cache.clear();
    this.epoch++;
  }

  /** The files whose changes matter to the checks, as glob patterns for workspace/didChangeWatchedFiles. */
  watchedFiles(): { folder?: string; pattern: string }[] {
    return [
      { pattern: `**/${WORKSPACE_CONFIG_FILE}` },
      { pattern: `**/${WORKSPACE_WORD_LIST.split(path.sep).join('/')}` },
      { folder: path.dirname(this.#userWordList), pattern: path.basename(this.#userWordList) },
    ];
  }

  /** A .radlint.json or word list changed on disk (workspace/didChangeWatchedFiles): read them afresh. */
  filesChanged(uris: string[]): void {
    for (const uri of uris) {
      const file = filePath(uri);
      if (file) forgetWordList(file);
    }
    this.#workspaceIgnores.clear();
    this.#warned.clear(); // a file fixed and broken again is reported again
    this.epoch++;
  }

  closed(uri: string): void {
    this.#cache.delete(uri);
    this.#ignored.delete(uri);
  }

  ignoreWord(uri: string, word: string): void {
    const list = this.#ignored.get(uri) ?? [];
    if (!list.includes(word)) this.#ignored.set(uri, [...list, word]);
    this.epoch++;
  }

  /** Adds a word to the list radlint.wordListTarget names; says which file, and why it could not be written. */
  async addWord(uri: string | undefined, word: string): Promise<{ file: string; error?: unknown }> {
    const settings = uri ? await this.settingsFor(uri) : DEFAULTS;
    const folder = uri ? this.workspaceOf(uri) : this.#folders[0];
    const file = settings.wordListTarget === 'workspace' && folder ? path.join(folder, WORKSPACE_WORD_LIST) : this.#userWordList;
    try {
      if (addToWordList(file, word)) this.log(`Added "${word}" to ${file}`);
    } catch (error) {
      return { file, error };
    }
    forgetWordList(file);
    this.epoch++;
    return { file };
  }

  /** The workspace folder holding a document, or the first one. */
  workspaceOf(uri: string): string | undefined {
    const file = filePath(uri);
    return this.#folders.find((folder) => file !== null && file.startsWith(folder + path.sep)) ?? this.#folders[0];
  }

  /** The log says what the checks run with: the AI endpoint's host or off, the rules switched off. */
  #describeOnce(settings: Settings): void {
    const { llm } = settings;
    let host = llm.baseUrl;
    try {
      host = new URL(llm.baseUrl).host;
    } catch {
      // an invalid URL is reported when the AI check runs
    }
    const ai = llm.enabled ? `on (model ${llm.model || 'not set'} at ${host}, redaction ${llm.redact})` : 'off';
    const off = Object.entries(settings.rules)
      .filter(([, level]) => level === 'off')
      .map(([id]) => id);
    const line = `Settings: AI second reader ${ai}; rules switched off: ${off.length ? off.join(', ') : 'none'}.`;
    if (this.#described !== line) this.log((this.#described = line));
  }
  #described = '';

  #warnOnce(warning: string): void {
    if (this.#warned.has(warning)) return;
    this.#warned.add(warning);
    // A notification, not a request: no answer is needed and a client without it cannot fail us.
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `RadLint: ${warning}` });
    this.log(warning);
  }
}

function filePath(uri: string): string | null {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : null;
  } catch {
    return null;
  }
}
