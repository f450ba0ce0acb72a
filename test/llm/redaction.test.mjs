// Reports written by us with identifiers planted (fixtures/redaction): with redaction on, not one
// identifier may reach the endpoint, checked in every request body the fake endpoint receives —
// in process, through the language server and through the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { llm, settings, provider } from './helpers.mjs';
import { startFakeOpenAI, replies } from './fake-openai.mjs';
import { startLsp } from '../helpers/lsp.mjs';
import { runCli } from './cli-run.mjs';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/redaction');
const IDENTIFIERS = JSON.parse(fs.readFileSync(path.join(DIR, 'identifiers.json'), 'utf8'));
const FIXTURES = Object.keys(IDENTIFIERS).map((name) => ({
  name,
  text: fs.readFileSync(path.join(DIR, name), 'utf8'),
  ids: IDENTIFIERS[name],
}));

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Identifiers found in a request body: its raw bytes and its decoded JSON strings, case-insensitively. */
function leaks(raw, ids) {
  let decoded = raw;
  try {
    decoded = JSON.parse(raw)
      .messages.map((m) => m.content)
      .join('\n');
  } catch {
    // keep the raw text
  }
  return ids.filter((id) => [raw, decoded].some((body) => new RegExp(`(^|[^A-Za-z0-9])${escape(id)}($|[^A-Za-z0-9])`, 'i').test(body)));
}

let fake;
before(async () => {
  fake = await startFakeOpenAI();
});
after(async () => {
  await fake.close();
});

test('the fixtures really contain the identifiers they list', () => {
  for (const f of FIXTURES) for (const id of f.ids) assert.ok(f.text.includes(id), `${f.name}: ${id}`);
  assert.ok(FIXTURES.length >= 6);
});

test('in process: redact always sends no identifier; redact never would (the check can fail)', async () => {
  fake.reply = () => replies.issues([]);
  for (const mode of ['always', 'never']) {
    for (const f of FIXTURES) {
      const s = settings({ baseUrl: fake.url, redact: mode });
      const from = fake.chats.length;
      const { stats } = await llm.checkWithLlm(f.text, [], { provider: provider(s), settings: s, cache: new llm.AnswerCache(2) });
      const bodies = fake.chats.slice(from);
      assert.equal(bodies.length, 1);
      const leaked = leaks(bodies[0].raw, f.ids);
      if (mode === 'always') {
        assert.deepEqual(leaked, [], `${f.name} leaked`);
        assert.ok(stats.redacted > 0);
      } else {
        assert.deepEqual(leaked.sort(), [...f.ids].sort(), `${f.name}: without redaction everything is there`);
      }
    }
  }
});

test('auto redacts for an endpoint that is not on this machine, and not for loopback', async () => {
  const bodies = [];
  const capture = async (url, init) => {
    bodies.push({ url: String(url), raw: String(init.body) });
    return new Response(
      JSON.stringify({
        id: 'x',
        object: 'chat.completion',
        created: 0,
        model: 'm',
        choices: [{ index: 0, message: { role: 'assistant', content: '{"issues":[]}' }, finish_reason: 'stop' }],
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  };
  const f = FIXTURES[0];
  for (const baseUrl of ['https://llm.example.invalid/v1', 'http://localhost:11434/v1']) {
    const s = settings({ baseUrl, redact: 'auto' });
    await llm.checkWithLlm(f.text, [], { provider: provider(s, { fetch: capture }), settings: s, cache: new llm.AnswerCache(2) });
  }
  assert.equal(bodies[0].url, 'https://llm.example.invalid/v1/chat/completions');
  assert.deepEqual(leaks(bodies[0].raw, f.ids), []);
  assert.ok(leaks(bodies[1].raw, f.ids).length > 0, 'loopback: sent as written');
});

test('what comes back is restored: a quote with a placeholder lands on the original name', async () => {
  const f = FIXTURES.find((x) => x.name === 'ct-chest.rpt');
  fake.reply = (ctx) => {
    const [line] = ctx.report.split('\n').filter((l) => l.startsWith('Critical result discussed with Dr.'));
    const quote = line.replace(/ by telephone.*/, '');
    return replies.issues([
      { category: 'communication', severity: 'info', quote, message: `Good: ${quote.split('Dr. ')[1]} was told.`, suggestion: null },
    ]);
  };
  const s = settings({ baseUrl: fake.url, redact: 'always' });
  const { problems } = await llm.checkWithLlm(f.text, [], { provider: provider(s), settings: s, cache: new llm.AnswerCache(2) });
  assert.equal(problems.length, 1);
  assert.equal(f.text.slice(problems[0].start, problems[0].end), 'Critical result discussed with Dr. Okafor');
  assert.equal(problems[0].message, 'AI suggestion: Good: Okafor was told.');
});

test('through the language server: no identifier in any request body', { timeout: 60_000 }, async () => {
  fake.reply = () => replies.issues([]);
  const s = await startLsp({
    pull: true,
    settings: { llm: { enabled: true, baseUrl: fake.url, model: 'fake-model', run: 'manual', redact: 'always', maxRetries: 0 } },
  });
  try {
    const from = fake.chats.length;
    for (const f of FIXTURES) {
      const uri = `file:///tmp/redaction/${f.name}`;
      await s.open(uri, f.text);
      assert.equal((await s.checkWithAi(uri)).state, 'done');
    }
    const bodies = fake.chats.slice(from);
    assert.equal(bodies.length, FIXTURES.length);
    bodies.forEach((b, i) => assert.deepEqual(leaks(b.raw, FIXTURES[i].ids), [], FIXTURES[i].name));
  } finally {
    await s.stop();
  }
});

test('through the CLI (--redact always): no identifier in any request body', { timeout: 60_000 }, async () => {
  fake.reply = () => replies.issues([]);
  const from = fake.chats.length;
  const r = await runCli(['check', '--llm', '--redact', 'always', '--format', 'json', DIR], {
    env: { RADLINT_LLM_BASE_URL: fake.url, RADLINT_LLM_MODEL: 'fake-model', RADLINT_LLM_MAX_RETRIES: '0' },
  });
  assert.equal(r.stderr, '');
  assert.equal(JSON.parse(r.stdout).files.length, FIXTURES.length);
  const bodies = fake.chats.slice(from);
  assert.equal(bodies.length, FIXTURES.length);
  const all = FIXTURES.flatMap((f) => f.ids);
  for (const b of bodies) assert.deepEqual(leaks(b.raw, all), []);
});
