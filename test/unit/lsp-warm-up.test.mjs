import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The language server's warm-up (lsp/warm-up.ts): what runs, and when it gives way. What it saves
// is measured in `npm run bench` (--only=server), not here.
const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { engineWarmUp, suggestionWarmUp, runInSlices, runWhenIdle } = require(path.join(root, 'out/server/lsp/warm-up.js'));
const { prepareRules } = require(path.join(root, 'out/server/engine.js'));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Steps that each keep the thread busy for `ms`, logging their number. */
function* busySteps(count, ms, log) {
  for (let i = 0; i < count; i++) {
    const end = performance.now() + ms;
    while (performance.now() < end);
    log.push(i);
    yield;
  }
}

test('the engine warm-up checks the sample once per letter typed, and the suggestion warm-up runs', async () => {
  await prepareRules();
  assert.ok([...engineWarmUp()].length > 20);
  assert.ok([...suggestionWarmUp()].length > 0);
});

test('runInSlices gives the event loop turns between slices, and finishes every step', async () => {
  const log = [];
  setImmediate(() => log.push('message'));
  await runInSlices(busySteps(10, 2, log), 3);
  assert.equal(log.filter((x) => typeof x === 'number').length, 10);
  const at = log.indexOf('message');
  assert.ok(at > 0 && at < log.length - 1, `a message was read between steps: ${log.join(' ')}`);
});

test('runWhenIdle waits while edits arrive, then runs the steps; a step that throws ends them', async () => {
  const log = [];
  let last = performance.now();
  const busy = setInterval(() => (last = performance.now()), 5);
  runWhenIdle(busySteps(3, 0, log), () => last, assert.fail, 300);
  await sleep(400);
  assert.deepEqual(log, [], 'nothing while typing');
  clearInterval(busy);
  for (let i = 0; i < 100 && log.length < 3; i++) await sleep(20);
  assert.deepEqual(log, [0, 1, 2]);

  const errors = [];
  function* failing() {
    log.push('once');
    yield;
    throw new Error('broken');
  }
  runWhenIdle(
    failing(),
    () => 0,
    (e) => errors.push(e.message),
    0,
  );
  for (let i = 0; i < 100 && errors.length === 0; i++) await sleep(10);
  assert.deepEqual(errors, ['broken']);
});
