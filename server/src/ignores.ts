// "Ignore here": problems the user dismissed, kept in the workspace's .radlint.json so they survive
// closing the file, never in the report text. An ignore names the rule, the flagged words and the
// sentence around them, so it follows the text when lines move and lapses when the sentence changes.
// Used by the server and the CLI; the pure engine only receives the entries.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { ProblemAnchor } from './engine';

export const WORKSPACE_CONFIG_FILE = '.radlint.json';

const ignoreSchema = z.object({
  /** The report's path relative to the workspace folder, with forward slashes. */
  file: z.string(),
  rule: z.string(),
  /** The flagged words, as written. */
  text: z.string(),
  /** The sentence that holds them, white space folded. */
  context: z.string(),
});
export type ProblemIgnore = z.infer<typeof ignoreSchema>;

const configSchema = z.looseObject({ ignore: z.array(ignoreSchema).default([]) });

/** The workspace file's entries; a missing file has none, an unreadable one is reported once by the caller. */
export function readIgnores(folder: string): { ignores: ProblemIgnore[]; error?: string } {
  const file = path.join(folder, WORKSPACE_CONFIG_FILE);
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    return { ignores: [] };
  }
  try {
    return { ignores: configSchema.parse(JSON.parse(raw)).ignore };
  } catch (error) {
    return { ignores: [], error: `${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}

/** Adds an entry, keeping whatever else the file holds. */
export function addIgnore(folder: string, entry: ProblemIgnore): void {
  const file = path.join(folder, WORKSPACE_CONFIG_FILE);
  let config: Record<string, unknown> = {};
  try {
    config = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // a new file
  }
  const list = Array.isArray(config.ignore) ? (config.ignore as ProblemIgnore[]) : [];
  if (!list.some((e) => e.file === entry.file && e.rule === entry.rule && e.text === entry.text && e.context === entry.context))
    list.push(entry);
  fs.writeFileSync(file, JSON.stringify({ ...config, ignore: list }, null, 2) + '\n');
}

/** Removes an entry (the first equal one), keeping whatever else the file holds; false when it was not there. */
export function removeIgnore(folder: string, entry: ProblemIgnore): boolean {
  const file = path.join(folder, WORKSPACE_CONFIG_FILE);
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const list = Array.isArray(config.ignore) ? (config.ignore as ProblemIgnore[]) : [];
  const at = list.findIndex((e) => e.file === entry.file && e.rule === entry.rule && e.text === entry.text && e.context === entry.context);
  if (at < 0) return false;
  list.splice(at, 1);
  fs.writeFileSync(file, JSON.stringify({ ...config, ignore: list }, null, 2) + '\n');
  return true;
}

/** The entries for one report, as the engine takes them. */
export function ignoresFor(ignores: readonly ProblemIgnore[], relativeFile: string): ProblemAnchor[] {
  return ignores.filter((e) => e.file === relativeFile).map(({ rule, text, context }) => ({ rule, text, context }));
}
