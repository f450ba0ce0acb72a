// Word-list files behind "Add to dictionary": one word a line, '#' starts a comment. Plain files the
// user can read, edit and commit, never settings.json. Used by the server and the CLI (not the
// pure engine, which only receives the words). A user's file is never rewritten: words are
// appended in the file's own encoding and line ending, and a file in an encoding we cannot write
// back exactly (Latin-1, Windows-1252, ...) is left alone with a message that says so.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The workspace word list, beside the workspace's other editor files. */
export const WORKSPACE_WORD_LIST = path.join('.vscode', 'radlint-words.txt');

export function userWordListPath(): string {
  const config = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(config, 'radlint', 'words.txt');
}

/** The encodings RadLint writes back exactly; anything else is read (as Windows-1252) but never written. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'other';

export interface UserText {
  text: string;
  encoding: TextEncoding;
}

/** A user's text file decoded by its byte-order mark, else as UTF-8 when it is valid UTF-8, else as Windows-1252. */
export function decodeUserText(bytes: Uint8Array): UserText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'other' };
  }
}

/** `text` in `encoding`, without a byte-order mark (for appending to a file that has one). */
export function encodeUserText(text: string, encoding: Exclude<TextEncoding, 'other'>): Buffer {
  if (encoding === 'utf-16le') return Buffer.from(text, 'utf16le');
  if (encoding === 'utf-16be') return Buffer.from(text, 'utf16le').swap16();
  return Buffer.from(text, 'utf8');
}

/** Why RadLint does not write to a file in this encoding. */
export const NOT_WRITTEN_ENCODING =
  'is not UTF-8 or UTF-16 (it looks like Latin-1 or Windows-1252); RadLint left it as it is. Save it as UTF-8 to add words from the editor';

/** The words of a list (none when there is no file yet). */
export function readWordList(file: string): string[] {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return []; // no list yet
  }
  return wordsOf(decodeUserText(bytes).text);
}

const wordsOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);

/**
 * Appends a word unless the list has it already; creates the file (UTF-8) and its folder. A file
 * whose encoding cannot be written back exactly is not touched: that is thrown, with the reason.
 */
export function addToWordList(file: string, word: string): boolean {
  let existing: UserText | undefined;
  try {
    existing = decodeUserText(fs.readFileSync(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (!existing) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `# Words RadLint accepts (one a line)\n${word}\n`, { flag: 'wx' });
    return true;
  }
  if (wordsOf(existing.text).some((w) => w.toLowerCase() === word.toLowerCase())) return false;
  if (existing.encoding === 'other') throw new Error(`the file ${NOT_WRITTEN_ENCODING}`);
  const eol = existing.text.includes('\r\n') ? '\r\n' : '\n';
  const separator = existing.text === '' || existing.text.endsWith('\n') ? '' : eol;
  // Appended, never rewritten: the rest of the file stays byte for byte as it was.
  fs.appendFileSync(file, encodeUserText(separator + word + eol, existing.encoding));
  return true;
}

// The server reads the lists on every check (every keystroke): re-read a file at most every two
// seconds, so hand edits show up quickly without a read per keystroke (editors that report file
// changes make the server forget the file at once).
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
