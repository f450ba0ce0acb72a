// Reading what the CLI is given: files, folders of reports, stdin. Every bad input becomes one
// line naming it; the other inputs are still read.
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPORT_EXTENSIONS = new Set(['.txt', '.rpt', '.radreport']);

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<Buffer>;
  /** Environment for --llm (endpoint, model, key); process.env when absent. */
  env?: Record<string, string | undefined>;
}

/** A mistake in the command line: exit 2 with the message and the usage. */
export class UsageError extends Error {}

export interface Input {
  path: string;
  text?: string;
  error?: string;
}

/** The part of node:fs the folder walk uses (tests pass one that fails where they want). */
export type WalkFs = Pick<typeof fs, 'readdirSync' | 'realpathSync' | 'statSync' | 'readlinkSync'>;

/** Why an entry could not be read, in words. */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'ELOOP') return 'symbolic link loop';
  return `cannot be read (${code ?? String(error)})`;
}

/**
 * The report files below a folder, in name order, following symbolic links; and every entry
 * skipped on the way with its reason (unreadable folders, broken links, link loops, pipes and
 * devices with a report's name). One bad entry never stops the walk.
 */
export function listReports(folder: string, fsImpl: WalkFs = fs): { files: string[]; skipped: Input[] } {
  const files: string[] = [];
  const skipped: Input[] = [];
  const walked = new Map<string, string>(); // real path -> the path it was walked as
  // Linked folders are walked after the real ones, so a report is listed under its own folder's name.
  const links: { dir: string; ancestors: Set<string> }[] = [];
  const walk = (dir: string, ancestors: Set<string>) => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fsImpl.realpathSync(dir);
      entries = fsImpl.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ path: dir, error: `${reasonOf(error)}; folder not checked` });
      return;
    }
    if (ancestors.has(real)) {
      skipped.push({ path: dir, error: `symbolic link loop (back to ${walked.get(real)}); not followed` });
      return;
    }
    if (walked.has(real)) return; // reached again by another link: checked once, under its first path
    walked.set(real, dir);
    const inside = new Set(ancestors).add(real);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      const isReport = REPORT_EXTENSIONS.has(path.extname(entry.name).toLowerCase());
      let kind: { isDirectory(): boolean; isFile(): boolean } = entry;
      if (entry.isSymbolicLink()) {
        try {
          kind = fsImpl.statSync(full);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') skipped.push({ path: full, error: `broken symbolic link (to ${linkTarget(full, fsImpl)}); not checked` });
          else skipped.push({ path: full, error: `${reasonOf(error)}; not checked` });
          continue;
        }
      }
      if (kind.isDirectory()) {
        if (kind === entry) walk(full, inside);
        else links.push({ dir: full, ancestors: inside });
      } else if (!isReport) continue;
      else if (kind.isFile()) files.push(full);
      else skipped.push({ path: full, error: 'not a regular file (a pipe, socket or device); not checked' });
    }
  };
  walk(folder, new Set());
  for (let i = 0; i < links.length; i++) walk(links[i].dir, links[i].ancestors);
  return { files: files.sort((a, b) => a.localeCompare(b)), skipped };
}

function linkTarget(link: string, fsImpl: WalkFs): string {
  try {
    return String(fsImpl.readlinkSync(link));
  } catch {
    return 'a target that is gone';
  }
}

export function decode(name: string, bytes: Buffer, maxSize: number): Input {
  if (bytes.length > maxSize) return { path: name, error: `${bytes.length} bytes is over the size cap (${maxSize}); not checked` };
  if (bytes.includes(0)) return { path: name, error: 'binary file (contains NUL bytes); not checked' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { path: name, text: text.replace(/^\uFEFF/, '') };
  } catch {
    return { path: name, error: 'not valid UTF-8 text; not checked' };
  }
}

export async function readInputs(paths: string[], maxSize: number, io: Io): Promise<Input[]> {
  const inputs: Input[] = [];
  for (const p of paths) {
    if (p === '-') {
      inputs.push(decode('<stdin>', await io.readStdin(), maxSize));
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (error) {
      const broken = (error as NodeJS.ErrnoException).code === 'ENOENT' && isLink(p);
      inputs.push({ path: p, error: broken ? `broken symbolic link (to ${linkTarget(p, fs)})` : reasonOf(error) });
      continue;
    }
    if (stat.isDirectory()) {
      const { files, skipped } = listReports(p);
      if (files.length === 0 && skipped.length === 0)
        inputs.push({ path: p, error: 'folder holds no report files (.txt, .rpt, .radreport)' });
      inputs.push(...skipped);
      for (const f of files) inputs.push(readFile(f, maxSize));
    } else {
      inputs.push(readFile(p, maxSize));
    }
  }
  return inputs;
}

function readFile(file: string, maxSize: number): Input {
  try {
    const stat = fs.statSync(file);
    // A pipe would block the run for ever, waiting for a writer.
    if (!stat.isFile()) return { path: file, error: 'not a regular file (a pipe, socket or device); not checked' };
    if (stat.size > maxSize) return { path: file, error: `${stat.size} bytes is over the size cap (${maxSize}); not checked` };
    const input = decode(file, fs.readFileSync(file), maxSize);
    if (input.text !== undefined && input.text.trim() === '')
      return { path: file, error: input.text === '' ? 'empty file; nothing to check' : 'holds only white space; nothing to check' };
    return input;
  } catch (error) {
    return { path: file, error: `${reasonOf(error)}; not checked` };
  }
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

export const toPosix = (p: string) => p.split(path.sep).join('/');

/** The inputs that could be read; every one that could not is named on stderr, once. */
export async function readReadable(
  paths: string[],
  maxSize: number,
  io: Io,
): Promise<{ readable: { path: string; text: string }[]; inputError: boolean }> {
  const inputs = await readInputs(paths, maxSize, io);
  let inputError = false;
  let skipped = 0;
  for (const input of inputs) {
    if (input.error) {
      inputError = true;
      skipped++;
      io.stderr(`radlint: ${input.path}: ${input.error}\n`);
    }
  }
  // The exit status is 2: say why in one line at the end, where a reader of a long run looks.
  if (skipped) io.stderr(`radlint: ${skipped} of ${inputs.length} inputs not checked (each named above); exit status 2\n`);
  return { readable: inputs.filter((i): i is Input & { text: string } => i.text !== undefined), inputError };
}

/**
 * The command line's arguments one by one, each with its option name ("--format" of
 * "--format=json") and a reader for its value (after "=", or the next argument).
 */
export function* argumentsOf(args: readonly string[]): Generator<{ arg: string; name: string; value(): string }> {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const name = arg.split('=')[0];
    yield {
      arg,
      name,
      value: () => {
        const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
        if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
        return v;
      },
    };
  }
}
