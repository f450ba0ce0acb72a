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

function listReports(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && REPORT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) found.push(full);
    }
  };
  walk(folder);
  return found;
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
    } catch {
      inputs.push({ path: p, error: 'no such file or folder' });
      continue;
    }
    if (stat.isDirectory()) {
      const files = listReports(p);
      if (files.length === 0) inputs.push({ path: p, error: 'folder holds no report files (.txt, .rpt, .radreport)' });
      for (const f of files) inputs.push(readFile(f, maxSize));
    } else {
      inputs.push(readFile(p, maxSize));
    }
  }
  return inputs;
}

function readFile(file: string, maxSize: number): Input {
  try {
    const size = fs.statSync(file).size;
    if (size > maxSize) return { path: file, error: `${size} bytes is over the size cap (${maxSize}); not checked` };
    return decode(file, fs.readFileSync(file), maxSize);
  } catch (error) {
    return { path: file, error: (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : 'cannot be read' };
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
  for (const input of inputs) {
    if (input.error) {
      inputError = true;
      io.stderr(`radlint: ${input.path}: ${input.error}\n`);
    }
  }
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
