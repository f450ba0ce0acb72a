// What the user silenced, visible and reversible: the ignores kept in each workspace folder's
// .radlint.json and the rules switched off in the settings, listed (radlint/suppressions), and an
// ignore removed again (radlint/removeIgnore). Any LSP editor can ask; VS Code builds its list and
// its undo on them (client/src/suppressions.ts).
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { readIgnores, removeIgnore } from '../ignores';
import { RemoveIgnoreRequest, SuppressionsRequest, type IgnoreEntry } from '../protocol';
import type { SettingsStore } from './settings';

export interface SuppressionsHost {
  connection: Connection;
  settings: SettingsStore;
  /** Diagnostics of every document may have changed. */
  refreshAll(): void;
}

export function attachSuppressions(host: SuppressionsHost): void {
  const { connection, settings } = host;

  connection.onRequest(SuppressionsRequest, async (params) => {
    const ignores: IgnoreEntry[] = [];
    const errors: string[] = [];
    for (const folder of settings.folders()) {
      const read = readIgnores(folder);
      if (read.error) errors.push(read.error);
      const uri = pathToFileURL(folder).toString();
      ignores.push(...read.ignores.map((e) => ({ folder: uri, file: e.file, rule: e.rule, text: e.text, context: e.context })));
    }
    const rules = params.uri ? (await settings.settingsFor(params.uri)).rules : {};
    const rulesOff = Object.entries(rules)
      .filter(([, level]) => level === 'off')
      .map(([id]) => id)
      .sort();
    return { ignores, rulesOff, errors };
  });

  connection.onRequest(RemoveIgnoreRequest, ({ ignore }) => {
    let folder: string;
    try {
      folder = fileURLToPath(ignore.folder);
    } catch {
      return { removed: false, error: `not a folder on disk: ${ignore.folder}` };
    }
    // Only a folder of this workspace: the request never writes anywhere else.
    if (!settings.folders().includes(folder)) return { removed: false, error: `not a workspace folder: ${folder}` };
    try {
      const { file, rule, text, context } = ignore;
      if (!removeIgnore(folder, { file, rule, text, context })) return { removed: false };
    } catch (error) {
      return { removed: false, error: error instanceof Error ? error.message : String(error) };
    }
    settings.ignoresChanged(folder);
    host.refreshAll();
    return { removed: true };
  });
}
