// What real local models (SmolLM2 135M and Gemma 3 270M behind llama.cpp's server, see
// scripts/local-llm.sh) did that the fake had never done, each reproduced against the fake: a slow
// drip of tokens, a server that rejects OpenAI's json_schema form, a report longer than the
// context, prose instead of JSON, an answer cut off at the length limit, retries against a deadline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { llm, settings, provider } from './helpers.mjs';
import { startFakeOpenAI, replies } from './fake-openai.mjs';

const REPORT = 'FINDINGS: Moderate left pleural effusion.\nIMPRESSION: Moderate right pleural effusion.\n';
const QUOTE = 'Moderate right pleural effusion.';
const GOOD = { category: 'laterality', severity: 'error', quote: QUOTE, message: 'The findings say left.', suggestion: null };

let fake;
before(async () => {
  fake = await startFakeOpenAI();
});
after(async () => {
  await fake.close();
});

function check(overrides = {}, text = REPORT) {
  const s = settings({ baseUrl: fake.url, ...overrides });
  return llm.checkWithLlm(text, [], { provider: provider(s), settings: s, cache: new llm.AnswerCache(4) });
}

async function failure(promise) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof llm.LlmError, `an LlmError, not ${error}`);
    return error;
  }
  assert.fail('expected the check to fail');
}

test('a slow drip of tokens past the deadline: "gave up after …: the answer was still arriving", never AbortError', async () => {
  fake.reply = () => replies.drip(JSON.stringify({ issues: [GOOD] }), 100);
  const e = await failure(check({ stream: true, timeoutMs: 1000 }));
  assert.equal(e.kind, 'timeout');
  assert.match(e.reason, /^gave up after 1 s: the answer was still arriving \(\d+ characters so far\)$/);
  assert.doesNotMatch(e.reason, /AbortError/);
});

test('retries fit inside the one deadline: a failing endpoint is not asked maxRetries + 1 times past it', async () => {
  fake.reply = () => replies.error(500, 'model is loading');
  const before = fake.chats.length;
  const e = await failure(check({ timeoutMs: 1200, maxRetries: 5 }));
  assert.equal(e.kind, 'server');
  const asked = fake.chats.length - before;
  assert.ok(asked >= 2 && asked < 6, `asked ${asked} times: retried, but only while the deadline allowed`);
});

test("llama-cpp-python's server rejects json_schema (a 500): the schema goes as json_object + schema, remembered", async () => {
  // What llama_cpp.server 0.3 answers to OpenAI's form: a 500 carrying pydantic's literal error on response_format.type.
  fake.reply = (ctx) =>
    ctx.body.response_format?.type === 'json_schema'
      ? replies.error(
          500,
          "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema'}",
        )
      : replies.issues([GOOD]);
  const s = settings({ baseUrl: fake.url });
  const p = provider(s);
  const before = fake.chats.length;
  const first = await llm.checkWithLlm(REPORT, [], { provider: p, settings: s, cache: new llm.AnswerCache(2) });
  assert.equal(first.problems.length, 1);
  assert.equal(first.stats.jsonMode, 'json_object');
  const second = JSON.parse(fake.chats[before + 1].raw).response_format;
  assert.equal(second.type, 'json_object');
  assert.deepEqual(second.schema.required, ['issues'], 'the schema travels beside the type, for the grammar');
  await llm.checkWithLlm(REPORT + ' ', [], { provider: p, settings: s, cache: new llm.AnswerCache(2) });
  assert.equal(fake.chats.length - before, 3, 'json_schema is not tried again on this endpoint');
});

const LONG = [
  'EXAM: CT chest with contrast.',
  `CLINICAL HISTORY: ${'Cough and fever for two weeks, history of smoking and prior pneumonia. '.repeat(12)}`,
  `TECHNIQUE: ${'Axial images were obtained from the thoracic inlet to the adrenal glands after intravenous contrast. '.repeat(12)}`,
  'COMPARISON: None.',
  'FINDINGS: Moderate left pleural effusion. No pneumothorax.',
  'IMPRESSION: Moderate right pleural effusion.',
  '',
].join('\n');

test("a report longer than the context (llama.cpp's 400): sent again without whole sections, never a cut finding", async () => {
  fake.reply = (ctx) => {
    const tokens = Math.ceil(ctx.messages.reduce((n, m) => n + m.content.length, 0) / 3);
    return tokens > 1500 ? replies.error(400, `Requested tokens (${tokens}) exceed context window of 1500`) : replies.issues([GOOD]);
  };
  const before = fake.chats.length;
  const { problems, stats } = await check({}, LONG);
  assert.equal(fake.chats.length - before, 2);
  const sent = fake.chats[before + 1];
  const report = JSON.parse(sent.raw).messages[1].content;
  assert.ok(report.includes('FINDINGS: Moderate left pleural effusion. No pneumothorax.\nIMPRESSION: Moderate right pleural effusion.'));
  assert.ok(!report.includes('Axial images'), 'the technique went first');
  assert.ok(report.includes('EXAM: CT chest'), 'and no more than needed');
  assert.ok(stats.leftOut.length > 0 && stats.leftOut.includes('TECHNIQUE'), `left out: ${stats.leftOut}`);
  assert.match(report, /left out here to fit the model \(do not report them missing\): .*TECHNIQUE/);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].start, LONG.indexOf(QUOTE), 'anchored in the whole report, as the user sees it');
  assert.match(llm.limitsNote(stats), /sent without .*TECHNIQUE.* to fit the model's context/);
});

test("OpenAI's 400 counts the answer's room in: the same report again with a smaller max_tokens, nothing left out", async () => {
  // Measured wording of llama-cpp-python's server (and OpenAI's): the messages and the completion apart.
  fake.reply = (ctx) => {
    const prompt = Math.ceil(ctx.messages.reduce((n, m) => n + m.content.length, 0) / 3);
    const wanted = ctx.body.max_tokens ?? 0;
    return prompt + wanted > 2048
      ? replies.error(
          400,
          `This model's maximum context length is 2048 tokens. However, you requested ${prompt + wanted} tokens (${prompt} in the messages, ${wanted} in the completion). Please reduce the length of the messages or completion.`,
        )
      : replies.issues([GOOD]);
  };
  const before = fake.chats.length;
  const { problems, stats } = await check({}, LONG);
  assert.equal(problems.length, 1);
  assert.deepEqual(stats.leftOut, []);
  const [first, second] = fake.chats.slice(before).map((c) => JSON.parse(c.raw));
  assert.ok(second.max_tokens < first.max_tokens && second.max_tokens >= 256, `max_tokens ${first.max_tokens} then ${second.max_tokens}`);
  assert.ok(second.messages[1].content.includes('Axial images'), 'the whole report');
});

test('findings and impression alone too long for the context: one clear reason, nothing cut', async () => {
  fake.reply = () => replies.error(400, 'Requested tokens (5000) exceed context window of 512');
  const before = fake.chats.length;
  const e = await failure(check({}, LONG));
  assert.equal(e.kind, 'too-long');
  assert.match(e.reason, /does not fit the model's context \(5000 tokens > 512\); its findings and impression alone are too long/);
  assert.equal(fake.chats.length - before, 1);
});

test('prose instead of JSON: asked once more for the JSON; prose twice is a reason, not a crash', async () => {
  let n = 0;
  fake.reply = () =>
    n++ % 2 === 0 ? replies.content('The report looks consistent except the side of the effusion.') : replies.issues([GOOD]);
  const before = fake.chats.length;
  const { problems } = await check();
  assert.equal(problems.length, 1);
  assert.equal(fake.chats.length - before, 2);
  const reask = JSON.parse(fake.chats[before + 1].raw).messages;
  assert.equal(reask.at(-2).role, 'assistant');
  assert.match(reask.at(-1).content, /JSON object only/);
  fake.reply = () => replies.content('I think it is fine.');
  const e = await failure(check({}, REPORT + '\n'));
  assert.match(e.reason, /not JSON, even when asked again/);
});

test('an answer cut off at the length limit says so; max_tokens is sent, and dropped where refused', async () => {
  fake.reply = () => replies.cutOff('{"issues":[{"category":"laterality","severity":"error","quote":"Moderate');
  const before = fake.chats.length;
  const e = await failure(check());
  assert.match(e.reason, /cut off at the length limit \(\d+ tokens\)/);
  assert.ok(JSON.parse(fake.chats[before].raw).max_tokens > 0);
  fake.reply = (ctx) => ('max_tokens' in ctx.body ? replies.error(400, "Unsupported parameter: 'max_tokens'") : replies.issues([GOOD]));
  const { problems } = await check({}, REPORT + ' ');
  assert.equal(problems.length, 1);
});

test('structuredOutput "prompt" (a grammar too slow for the model on a CPU): no response_format at all, said in the stats', async () => {
  fake.reply = () => replies.issues([GOOD]);
  const before = fake.chats.length;
  const { problems, stats } = await check({ structuredOutput: 'prompt' });
  assert.equal(problems.length, 1);
  assert.equal(stats.jsonMode, 'prompt');
  assert.equal(JSON.parse(fake.chats[before].raw).response_format, undefined);
  assert.match(llm.limitsNote(stats), /JSON was asked for in the prompt only/);
});
