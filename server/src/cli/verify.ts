// `radlint verify --kind restructure|impression|summary SOURCE CANDIDATE`: the verifier every
// rewrite of ours passes, for any rewrite (an LLM's, a department pipeline's). Prints each reason
// with where it stands in both texts. Exit 0 the candidate passes, 1 it does not, 2 usage or input.
import { analyze } from '../engine';
import { REWRITE_KINDS, verify, type RewriteKind } from '../rewrite';
import type { VerifyReason } from '../rewrite/verify-clauses';
import { positionAt } from '../report/positions';
import { DEFAULTS } from '../settings';
import { argumentsOf, readReadable, UsageError, type Io } from './inputs';

export const VERIFY_USAGE = `  radlint verify --kind restructure|impression|summary [--format text|json] SOURCE CANDIDATE`;

const lineStartsOf = (text: string) => [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];

export async function runVerify(argv: string[], io: Io): Promise<number> {
  let kind: RewriteKind | undefined;
  let format = 'text';
  const paths: string[] = [];
  for (const { arg, name, value } of argumentsOf(argv)) {
    if (name === '--kind' || name === '-k') {
      const k = value();
      if (!(REWRITE_KINDS as readonly string[]).includes(k)) throw new UsageError(`--kind must be one of ${REWRITE_KINDS.join(', ')}`);
      kind = k as RewriteKind;
    } else if (name === '--format' || name === '-f') {
      format = value();
      if (format !== 'text' && format !== 'json') throw new UsageError('--format must be one of text, json');
    } else if (arg === '-' || !arg.startsWith('-')) paths.push(arg);
    else throw new UsageError(`unknown option '${arg}'`);
  }
  if (!kind) throw new UsageError('verify needs --kind restructure, impression or summary');
  if (paths.length !== 2) throw new UsageError('verify takes SOURCE and CANDIDATE (one of them may be - for stdin)');
  if (paths[0] === '-' && paths[1] === '-') throw new UsageError('only one of SOURCE and CANDIDATE can be stdin');
  const { readable, inputError } = await readReadable(paths, DEFAULTS.maxFileSize, io);
  if (inputError || readable.length !== 2) return 2;
  const [source, candidate] = readable;
  const verification = verify(kind, analyze(source.text), candidate.text, 'reworded');
  const lines = { source: lineStartsOf(source.text), candidate: lineStartsOf(candidate.text) };
  const where = (which: 'source' | 'candidate', span?: { start: number; end: number }) => {
    if (!span) return null;
    const p = positionAt(lines[which], span.start);
    return { line: p.line + 1, column: p.character + 1, start: span.start, end: span.end };
  };
  const details: VerifyReason[] = verification.details ?? verification.reasons.map((message) => ({ message }));
  const reasons = details.map((d) => ({
    message: d.message,
    source: where('source', d.source),
    candidate: where('candidate', d.candidate),
  }));
  if (format === 'json') {
    io.stdout(JSON.stringify({ kind, ok: verification.ok, reasons }, null, 2) + '\n');
  } else if (verification.ok) {
    io.stdout(`${candidate.path}: verified (${kind}) against ${source.path}\n`);
  } else {
    io.stdout(`${candidate.path}: NOT verified (${kind}) against ${source.path}:\n`);
    for (const r of reasons) {
      const at = [
        r.source && `${source.path}:${r.source.line}:${r.source.column}`,
        r.candidate && `${candidate.path}:${r.candidate.line}:${r.candidate.column}`,
      ]
        .filter(Boolean)
        .join(' / ');
      io.stdout(`  - ${r.message}${at ? `  [${at}]` : ''}\n`);
    }
  }
  return verification.ok ? 0 : 1;
}
