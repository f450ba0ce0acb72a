// "Ignore here": problems the user dismissed, kept in the workspace's .radlint.json so they survive
// closing the file, never in the report text. An ignore names the rule, the flagged words and the
// sentence around them, so it follows the text when lines move and lapses when the sentence changes.
// Used by the server and the CLI; the pure engine only receives the entries.
//
// .radlint.json is the user's file: read as JSONC (comments, trailing commas) and edited in place
// with jsonc-parser, so comments, order and formatting survive. A file that cannot be parsed, or
// whose encoding cannot be written back exactly, is never written; the error says where it is.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  applyEdits,
  findNodeAtLocation,
  getNodeValue,
  modify,
  parse,
  parseTree,
  printParseErrorCode,
  type Edit,
  type JSONPath,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { z } from 'zod';
import type { ProblemAnchor } from './engine';
import { decodeUserText, encodeUserText, type TextEncoding } from './word-lists';

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

/** A .radlint.json that cannot be used, with where and why; `line` and `column` count from 1. */
export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line ? `:${line}:${column}` : ''}: ${reason}`);
  }
}

/** The workspace file as read: its text (undefined when there is none) and its parsed value. */
export interface ConfigFile {
  file: string;
  text?: string;
  encoding: TextEncoding;
  value: unknown;
}

/**
 * Reads `<folder>/.radlint.json` as JSONC. Throws ConfigFileError (with line and column) when it
 * cannot be parsed; a missing file reads as `{}`.
 */
export function readConfigFile(folder: string): ConfigFile {
  const file = path.join(folder, WORKSPACE_CONFIG_FILE);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, encoding: 'utf-8', value: {} };
    throw new ConfigFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const { text, encoding } = decodeUserText(bytes);
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const { line, column } = lineColumn(text, errors[0].offset);
    throw new ConfigFileError(file, `not valid JSON with comments (${describe(printParseErrorCode(errors[0].error))})`, line, column);
  }
  if (text.trim() === '') return { file, text, encoding, value: {} };
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigFileError(file, 'must hold one object ({ ... })');
  return { file, text, encoding, value };
}

/** The workspace file's entries; a missing file has none, a bad one gives none and a readable error. */
export function readIgnores(folder: string): { ignores: ProblemIgnore[]; error?: string } {
  try {
    const { file, value } = readConfigFile(folder);
    const result = configSchema.safeParse(value);
    if (result.success) return { ignores: result.data.ignore };
    const issues = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'the file'}: ${i.message}`);
    return {
      ignores: [],
      error: `${file}: ${issues.slice(0, 3).join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`,
    };
  } catch (error) {
    return { ignores: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Sets (or with `value` undefined removes) the value at `jsonPath` in `<folder>/.radlint.json`,
 * editing the text in place so comments, order and the formatting of the rest stay; creates the
 * file when there is none. `insert` inserts into an array at the index (-1: at the end) instead
 * of replacing. Throws ConfigFileError, and writes nothing, when the file cannot be parsed or
 * written back in its encoding.
 */
export function editConfigFile(folder: string, jsonPath: JSONPath, value: unknown, { insert = false } = {}): void {
  const config = readConfigFile(folder);
  const text = textToEdit(config);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n(\t| +)"/.exec(text)?.[1];
  const formattingOptions = { insertSpaces: indent !== '\t', tabSize: indent && indent !== '\t' ? indent.length : 2, eol };
  writeConfigFile(config, applyEdits(text, modify(text, jsonPath, value, { formattingOptions, isArrayInsertion: insert })));
}

function textToEdit(config: ConfigFile): string {
  if (config.encoding === 'other')
    throw new ConfigFileError(config.file, 'is not UTF-8 or UTF-16, so RadLint does not write it; save it as UTF-8');
  return config.text?.trim() ? config.text : '{}\n';
}

function writeConfigFile(config: ConfigFile, next: string): void {
  const { encoding } = config;
  if (encoding === 'other') return void textToEdit(config); // throws: never written in another encoding
  const bom = encoding === 'utf-8' ? '' : '\uFEFF'; // the byte-order mark the file had
  // Written in place (not renamed over), so a symlinked file and the file's permissions stay as they are.
  fs.writeFileSync(config.file, encodeUserText(bom + next, encoding));
}

/** An entry on one line, spaced as people write it. */
const oneLine = (entry: ProblemIgnore) =>
  `{ ${Object.entries(entry)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(', ')} }`;

const sameIgnore = (a: ProblemIgnore, b: ProblemIgnore) =>
  a.file === b.file && a.rule === b.rule && a.text === b.text && a.context === b.context;
const isEntry = (node: Node, entry: ProblemIgnore) => {
  const parsed = ignoreSchema.safeParse(getNodeValue(node));
  return parsed.success && sameIgnore(parsed.data, entry);
};

/** The file's `ignore` list node (undefined when there is none); a value that is not a list is an error rather than replaced. */
function ignoreNode(config: ConfigFile, text: string): Node | undefined {
  const tree = parseTree(text, [], { allowTrailingComma: true });
  const node = tree && findNodeAtLocation(tree, ['ignore']);
  if (node && node.type !== 'array')
    throw new ConfigFileError(config.file, '"ignore" must be a list ([ ... ]); RadLint did not change the file');
  return node;
}

/** What follows an element on its line: an optional comma, then at most a comment. */
const LINE_TAIL = /^[ \t]*(,)?[ \t]*(\/\/.*|\/\*.*\*\/[ \t]*)?$/;

/** Where the element's lines begin and end, when it has its lines to itself (its comma and a comment aside). */
function ownLines(text: string, node: Node): { start: number; end: number; comma: boolean } | undefined {
  const start = text.lastIndexOf('\n', node.offset - 1) + 1;
  const endOfNode = node.offset + node.length;
  const lineEnd = text.indexOf('\n', endOfNode);
  const end = lineEnd < 0 ? text.length : lineEnd;
  const tail = LINE_TAIL.exec(text.slice(endOfNode, end).replace(/\r$/, ''));
  if (!tail || text.slice(start, node.offset).trim() !== '') return undefined;
  return { start, end, comma: Boolean(tail[1]) };
}

/**
 * Adds an entry, keeping whatever else the file holds, with its comments: one line after the
 * last entry, in its indentation. False when the entry is there already.
 */
export function addIgnore(folder: string, entry: ProblemIgnore): boolean {
  const config = readConfigFile(folder);
  const text = textToEdit(config);
  const list = ignoreNode(config, text);
  if (list?.children?.some((e) => isEntry(e, entry))) return false;
  const last = list?.children?.at(-1);
  if (!last) {
    editConfigFile(folder, ['ignore'], [entry]);
    return true;
  }
  const json = oneLine(entry);
  const lines = ownLines(text, last);
  const edits: Edit[] = [];
  if (lines) {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const indent = text.slice(lines.start, last.offset);
    if (!lines.comma) edits.push({ offset: last.offset + last.length, length: 0, content: ',' });
    edits.push({
      offset: lines.end - (text[lines.end - 1] === '\r' ? 1 : 0),
      length: 0,
      content: `${eol}${indent}${json}${lines.comma ? ',' : ''}`,
    });
  } else {
    edits.push({ offset: last.offset + last.length, length: 0, content: `, ${json}` });
  }
  writeConfigFile(config, applyEdits(text, edits));
  return true;
}

/** Removes an entry (every copy of it), keeping the rest of the file and its comments; false when it was not there. */
export function removeIgnore(folder: string, entry: ProblemIgnore): boolean {
  const config = readConfigFile(folder);
  let text = textToEdit(config);
  let removed = false;
  for (;;) {
    const children = ignoreNode(config, text)?.children ?? [];
    const i = children.findIndex((e) => isEntry(e, entry));
    if (i < 0) break;
    removed = true;
    const node = children[i];
    const lines = ownLines(text, node);
    if (!lines) {
      text = applyEdits(text, modify(text, ['ignore', i], undefined, {}));
      continue;
    }
    const edits: Edit[] = [{ offset: lines.start, length: Math.min(text.length, lines.end + 1) - lines.start, content: '' }];
    // The last entry goes without a comma of its own: the one before it loses its comma too.
    const previous = children[i - 1];
    if (i === children.length - 1 && !lines.comma && previous) {
      const comma = /^\s*,/.exec(text.slice(previous.offset + previous.length));
      if (comma) edits.push({ offset: previous.offset + previous.length + comma[0].length - 1, length: 1, content: '' });
    }
    text = applyEdits(text, edits);
  }
  if (removed) writeConfigFile(config, text);
  return removed;
}

/** The entries for one report, as the engine takes them. */
export function ignoresFor(ignores: readonly ProblemIgnore[], relativeFile: string): ProblemAnchor[] {
  return ignores.filter((e) => e.file === relativeFile).map(({ rule, text, context }) => ({ rule, text, context }));
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** jsonc-parser's error codes ("CommaExpected") in words ("comma expected"). */
const describe = (code: string) => code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
