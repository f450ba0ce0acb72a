// npm run bench:llm — what the AI second reader costs besides the model's own time.
// 1. Overhead per AI check, model time excluded: redaction, prompt, the openai client building the
//    request and parsing the answer, zod validation, quote anchoring, merging. Measured with an
//    in-process fetch that answers at once (no network, no model), and over loopback HTTP to a fake
//    endpoint that answers at once. Target: <= 5 ms.
// 2. Edit-to-rule-diagnostics latency over LSP stdio, without AI and while a 2 s slow fake model is
//    in flight. Target: unchanged.
// Prints numbers; asserts nothing.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { llm } from '../test/llm/helpers.mjs';
import { startFakeOpenAI, replies } from '../test/llm/fake-openai.mjs';
import { startLsp } from '../test/helpers/lsp.mjs';
import { formatSummary, ms, summary } from './lib/stats.mjs';

const line = (label, s) => console.log(`${label.padEnd(58)} ${formatSummary(s)}  (n=${s.n})`);

const REPORT = `Patient: Jane Q. Doe   MRN: 00123456   DOB: 03/14/1961
EXAM: Chest radiograph, PA and lateral, 01/17/2024 at 09:42.
INDICATION: 67-year-old female with shortness of breath.
COMPARISON: Chest radiograph from last year.
FINDINGS: The heart size is mildly enlarged. There is a small left pleural effusion with adjacent
basilar atelectasis. No pneumothorax. The right lung is clear. Degenerative changes of the thoracic spine.
IMPRESSION:
1. Small right pleural effusion with adjacent atelectasis.
2. Mild cardiomegaly.
Discussed with Dr. Alan Grant at 10:15 by telephone.
`;
const ANSWER = JSON.stringify({
  issues: [
    {
      category: 'laterality',
      severity: 'error',
      quote: 'Small right pleural effusion with adjacent atelectasis.',
      message: 'The findings describe a left effusion.',
      suggestion: 'Small left pleural effusion with adjacent atelectasis.',
    },
    {
      category: 'communication',
      severity: 'info',
      quote: 'Discussed with Dr. [NAME_2] at [TIME_2]',
      message: 'Communication documented.',
      suggestion: null,
    },
    {
      category: 'style',
      severity: 'info',
      quote: 'Degenerative changes of the thoracic spine.',
      message: 'Say how severe.',
      suggestion: null,
    },
  ],
});
const COMPLETION = JSON.stringify({
  id: 'x',
  object: 'chat.completion',
  created: 0,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: ANSWER, refusal: null }, finish_reason: 'stop' }],
});

async function overhead() {
  const instant = async () => new Response(COMPLETION, { status: 200, headers: { 'content-type': 'application/json' } });
  const s = {
    ...llm.LLM_DEFAULTS,
    enabled: true,
    model: 'bench',
    baseUrl: 'https://llm.example.invalid/v1',
    redact: 'always',
    maxRetries: 0,
  };
  const provider = new llm.Provider({ ...s, azureApiVersion: undefined, azureDeployment: undefined, fetch: instant });
  const cache = new llm.AnswerCache(4);
  const run = async () => {
    cache.clear(); // a real request each time: no cache hits
    const t0 = performance.now();
    const r = await llm.checkWithLlm(REPORT, [], { provider, settings: s, cache });
    const t = performance.now() - t0;
    if (r.problems.length !== 3) throw new Error(`expected 3 AI problems, got ${r.problems.length}`);
    return t;
  };
  for (let i = 0; i < 200; i++) await run();
  const samples = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < 2000; i++) samples.push(await run());
  const cpu = process.cpuUsage(cpu0);
  const inProcess = summary(samples);
  inProcess.cpuPerCheck = (cpu.user + cpu.system) / 1000 / samples.length;
  line('AI check overhead, in-process fetch (redact on, 3 issues)', inProcess);
  console.log(`${''.padEnd(58)} CPU time per check (immune to other load): ${ms(inProcess.cpuPerCheck)}`);

  const cached = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    await llm.checkWithLlm(REPORT, [], { provider, settings: s, cache });
    cached.push(performance.now() - t0);
  }
  line('AI check, answer from the cache', summary(cached));

  const fake = await startFakeOpenAI();
  fake.reply = () => replies.content(ANSWER);
  const ls = { ...s, baseUrl: fake.url };
  const lp = new llm.Provider({ ...ls, azureApiVersion: undefined, azureDeployment: undefined });
  const http = [];
  for (let i = 0; i < 1100; i++) {
    cache.clear();
    const t0 = performance.now();
    await llm.checkWithLlm(REPORT, [], { provider: lp, settings: ls, cache });
    if (i >= 100) http.push(performance.now() - t0);
  }
  await fake.close();
  const overHttp = summary(http);
  line('AI check overhead, loopback HTTP, endpoint answers at once', overHttp);
  return { inProcess, overHttp };
}

/** Edits on one document; the time from didChange to the rule diagnostics for that version. */
async function editLatency(label, { aiInFlight, sameDocument = false }) {
  const fake = await startFakeOpenAI();
  fake.reply = () => replies.slow(2000, { content: ANSWER });
  const settings = aiInFlight
    ? {
        llm: {
          enabled: true,
          baseUrl: fake.url,
          model: 'bench',
          run: sameDocument ? 'onIdle' : 'manual',
          idleDelayMs: 200,
          timeoutMs: 30_000,
          maxRetries: 0,
        },
      }
    : {};
  const s = await startLsp({ settings });
  const edited = 'file:///tmp/bench-edit.rpt';
  await s.open(edited, REPORT);
  await s.next('diagnostics', (p) => p.uri === edited && p.version === 1);
  let stop = false;
  let keepBusy = Promise.resolve();
  if (aiInFlight && !sameDocument) {
    // Other reports, opened beforehand, each different (so no answer comes from the cache).
    const others = Array.from({ length: 20 }, (_, k) => `file:///tmp/bench-ai-${k}.rpt`);
    for (const [k, uri] of others.entries()) {
      await s.open(uri, REPORT + `Addendum ${k}.\n`);
      await s.next('diagnostics', (p) => p.uri === uri);
    }
    // Always one AI request in flight (2 s each) on another document while we type in this one.
    keepBusy = (async () => {
      for (const uri of others) {
        if (stop) break;
        await s.checkWithAi(uri);
      }
    })();
    while (fake.chats.length === 0) await new Promise((r) => setTimeout(r, 10));
  }
  const samples = [];
  let version = 1;
  const edits = 300;
  for (let i = 0; i < edits; i++) {
    version++;
    const since = s.events.length;
    const t0 = performance.now();
    await s.change(edited, version, [
      { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: i % 2 ? 'x' : ' ' },
    ]);
    await s.next('diagnostics', (p) => p.uri === edited && p.version === version, { since });
    samples.push(performance.now() - t0);
    // Typing speed; in the same-document case, pause now and then so the idle timer starts a request that the next edit aborts.
    await new Promise((r) => setTimeout(r, sameDocument && i % 10 === 9 ? 260 : 15));
  }
  stop = true;
  await keepBusy.catch(() => undefined);
  await s.stop();
  await fake.close();
  const result = summary(samples.slice(20));
  line(label, result);
  if (aiInFlight)
    console.log(
      `${''.padEnd(58)} (AI requests sent: ${fake.chats.length}, aborted by edits: ${fake.chats.filter((c) => c.aborted).length})`,
    );
  return result;
}

console.log(
  `node ${process.version}, ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (a busy machine inflates the tails)`,
);
const o = await overhead();
const without = await editLatency('edit -> rule diagnostics, no AI', { aiInFlight: false });
const inflight = await editLatency('edit -> rule diagnostics, 2 s AI request in flight', { aiInFlight: true });
const same = await editLatency('edit -> rule diagnostics, same doc, onIdle, edits abort', { aiInFlight: true, sameDocument: true });
console.log('');
console.log(
  `overhead per AI check excluding model time: p50 ${ms(o.inProcess.p50)}, p99 ${ms(o.inProcess.p99)}, CPU ${ms(o.inProcess.cpuPerCheck)} per check in process; p50 ${ms(o.overHttp.p50)}, p99 ${ms(o.overHttp.p99)} over loopback HTTP (target <= 5 ms)`,
);
console.log(
  `edit-to-rule-diagnostics p99: ${ms(without.p99)} without AI, ${ms(inflight.p99)} with a 2 s AI request in flight, ${ms(same.p99)} with edits aborting AI requests on the same document (target: unchanged)`,
);
