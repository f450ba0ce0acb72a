// First-time work, done before the user's. V8 compiles each code path the first time it runs: a
// cold server took 48 ms for the first letter typed and 34 ms for the first "4 mm nodule", where
// a warm check takes a few. So the server checks a sample report of its own and types into one
// before it analyses the first document (about a quarter of a second of CPU, once), in slices that
// let the messages arriving meanwhile be read. The suggestion search (code actions only) is warmed
// later, and only while the server is idle.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../engine';
import { spellingFixes, WARM_UP_WORDS } from '../spelling/suggestions';
import { diagnosticsOf } from './diagnostics';

// Written for this purpose: the commonest shapes (numbered impression, sizes, sides, a typo, a
// critical finding and its communication), checked once.
const SAMPLE = `EXAM: CT chest with contrast.
INDICATION: 58-year-old man with cough and weight loss.
COMPARISON: CT chest from last year.
FINDINGS:
There is a 2.1 x 1.8 cm spiculated mass in the right upper lobe. Small left pleural efusion.
No pneumothorax. The heart is normal in size. Mild degenerative changes of the thoracic spine.
IMPRESSION:
1. Right upper lobe mass, suspicious for malignancy.
2. Small left pleural effusion.
Findings were discussed with Dr. Smith by telephone at 10:15.
`;
/** Typed letter by letter into a short report (a long one costs more and warms nothing more). */
const SHORT = 'EXAM: CT chest.\nFINDINGS:\nNo pneumothorax.\nIMPRESSION: No acute disease.\n';
/** Half-typed words, a number, a unit, a side, a lobe. */
const TYPED = 'New 6 mm nodule in the left lower lobe, unchanged. ';

function check(text: string, version: number): void {
  const analysis = analyze(text);
  diagnosticsOf({ kind: 'checked', analysis }, TextDocument.create('untitled:radlint-warm-up', 'radreport', version, text));
}

/** One check per step, with its diagnostics: the sample, then a short report as each letter is typed. */
export function* engineWarmUp(): Generator<void> {
  check(SAMPLE, 0);
  yield;
  const at = SHORT.indexOf('No pneumothorax');
  for (let k = 0; k <= TYPED.length; k++) {
    check(SHORT.slice(0, at) + TYPED.slice(0, k) + SHORT.slice(at), k + 1);
    yield;
  }
}

/** The suggestion search, one word a step. */
export function* suggestionWarmUp(): Generator<void> {
  for (const word of WARM_UP_WORDS) {
    spellingFixes(word, 0, word.length);
    yield;
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Runs the steps, giving the event loop a turn every `sliceMs` so that messages are read meanwhile. */
export async function runInSlices(steps: Iterator<void>, sliceMs = 10): Promise<void> {
  for (;;) {
    const end = performance.now() + sliceMs;
    while (performance.now() < end) if (steps.next().done) return;
    await turn();
  }
}

/**
 * Runs the steps one at a time, each once nothing has happened for `idleMs` (`lastActivity`: a
 * performance.now() time); a step that throws ends them.
 */
export function runWhenIdle(steps: Iterator<void>, lastActivity: () => number, failed: (error: unknown) => void, idleMs = 500): void {
  const next = () => {
    const quiet = performance.now() - lastActivity();
    if (quiet < idleMs) return void setTimeout(next, idleMs - quiet).unref();
    try {
      if (!steps.next().done) setTimeout(next, 0).unref();
    } catch (error) {
      failed(error);
    }
  };
  next();
}
