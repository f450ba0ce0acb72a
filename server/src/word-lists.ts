// Word-list files behind "Add to dictionary": one word a line, '#' starts a comment. Plain files the
// user can read, edit and commit, never settings.json. Used by the server and the CLI (not the
// pure engine, which only receives the words).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The workspace word list, beside the workspace's other editor files. */
export const WORKSPACE_WORD_LIST = path.join('.vscode', 'radlint-words.txt');

export function userWordListPath(): string {
  const config = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(config, 'radlint', 'words.txt');
}

export function readWordList(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return []; // no list yet
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/** Appends a word unless the list has it already; creates the file and its folder. */
export function addToWordList(file: string, word: string): boolean {
  const words = readWordList(file);
  if (words.some((w) => w.toLowerCase() === word.toLowerCase())) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Words RadLint accepts (one a line)\n';
  fs.writeFileSync(file, existing + (existing.endsWith('\n') || existing === '' ? '' : '\n') + word + '\n');
  return true;
}

// The server reads the lists on every check (every keystroke): re-read a file at most every two
// seconds, so hand edits show up quickly without a read per keystroke.
const cache = new Map<string, { words: string[]; readAt: number }>();
const REREAD_MS = 2000;

export function cachedWordList(file: string, now = Date.now()): string[] {
  const hit = cache.get(file);
  if (hit && now - hit.readAt < REREAD_MS) return hit.words;
  const words = readWordList(file);
  cache.set(file, { words, readAt: now });
  return words;
}

export function forgetWordList(file: string): void {
  cache.delete(file);
}
