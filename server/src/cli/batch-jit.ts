// `radlint` is a batch run of a few seconds, not a server: by default V8 spends more CPU optimising
// functions that are only briefly hot than it wins back from them before the process exits. A larger
// interrupt budget (8x V8's default of 67,584 in Node 20) optimises only what stays hot: the whole
// process over the 3,331 IU reports costs about a fifth less CPU, a 1 MB report and a single report
// about a tenth less (scripts/bench.mjs --only=peers). Output is the same; only when code is
// optimised changes. Imported first by cli/index.ts so it is set before the engine's modules load;
// the language server does not take it (there, optimising early pays for the keystrokes to come).
import { setFlagsFromString } from 'node:v8';

export const BATCH_JIT_FLAGS = '--interrupt-budget=540672';

// A flag the user gave node (NODE_OPTIONS or the command line) wins.
const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
if (!given.some((arg) => arg.startsWith('--interrupt-budget'))) setFlagsFromString(BATCH_JIT_FLAGS);
