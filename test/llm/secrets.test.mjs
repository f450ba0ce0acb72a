// The API key: handed over by a custom request (never a setting), used in the Authorization
// header, and never written anywhere else — not in log messages, status notifications, stderr or
// anything else the server or the CLI prints, even when the endpoint echoes it back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeOpenAI, replies } from './fake-openai.mjs';
import { startLsp } from '../helpers/lsp.mjs';
import { runCli, workspace } from './cli-run.mjs';

const KEY = 'sk-radlint-TEST-5b0c9e1f7a2d4c68';
const TEXT = 'FINDINGS: The the heart is normal. Moderate left pleural effusion.\nIMPRESSION: Moderate right pleural effusion.\n';
/** Endpoints that echo the key in an error, as some do for a wrong key. */
const echo = (status) => () =>
  replies.error(status, `Incorrect API key provided: ${KEY}. You can find your API key at https://example.invalid.`);

let fake;
before(async () => {
  fake = await startFakeOpenAI();
});
after(async () => {
  await fake.close();
});

test(
  'language server: the key from radlint/setApiKey is sent as a bearer token and never appears in its output',
  { timeout: 60_000 },
  async () => {
    const s = await startLsp({
      pull: true,
      settings: { llm: { enabled: true, baseUrl: fake.url, model: 'fake-model', run: 'manual', maxRetries: 0 } },
    });
    try {
      await s.setApiKey(KEY);
      const uri = 'file:///tmp/secret.rpt';
      await s.open(uri, TEXT);
      fake.reply = () =>
        replies.issues([
          { category: 'insertion', severity: 'warning', quote: 'Moderate right pleural effusion.', message: 'Side.', suggestion: null },
        ]);
      assert.equal((await s.checkWithAi(uri)).state, 'done');
      assert.equal(fake.chats.at(-1).headers.authorization, `Bearer ${KEY}`);
      for (const [i, status] of [401, 400, 500].entries()) {
        fake.reply = echo(status);
        await s.change(uri, i + 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
        const outcome = await s.checkWithAi(uri);
        assert.equal(outcome.state, 'failed');
        assert.ok(!outcome.reason.includes(KEY));
      }
      assert.ok(
        s.of('log').some((l) => /API key received/.test(l.message)),
        'the hand-over is logged, without the key',
      );
      assert.ok(
        s.of('log').some((l) => /failed/.test(l.message)),
        'failures are logged',
      );
      await s.setApiKey(null);
      fake.reply = () => replies.issues([]);
      await s.change(uri, 9, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
      await s.checkWithAi(uri);
      assert.equal(fake.chats.at(-1).headers.authorization, 'Bearer no-key', 'cleared: the key is gone');
    } finally {
      await s.stop();
    }
    assert.ok(s.raw().length > 1000, 'the scan saw the whole conversation');
    assert.equal(s.raw().includes(KEY), false, 'the key is nowhere in stdout or stderr');
    assert.equal(s.raw().includes(KEY.slice(3, 20)), false, 'not even in part');
  },
);

test('language server: a key in settings is not a thing — radlint.llm has no key setting', async () => {
  const pkg = JSON.parse(await (await import('node:fs/promises')).readFile(new URL('../../package.json', import.meta.url), 'utf8'));
  const keys = Object.keys(pkg.contributes.configuration.properties).filter((k) => /key|token|secret/i.test(k));
  assert.deepEqual(keys, []);
  const restricted = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const k of ['radlint.llm.enabled', 'radlint.llm.baseUrl', 'radlint.llm.model', 'radlint.llm.redact'])
    assert.ok(restricted.includes(k), k);
  for (const k of ['radlint.llm.baseUrl', 'radlint.llm.redact'])
    assert.equal(pkg.contributes.configuration.properties[k].scope, 'machine', k);
  for (const c of ['radlint.checkWithAi', 'radlint.setApiKey', 'radlint.clearApiKey'])
    assert.ok(
      pkg.contributes.commands.some((x) => x.command === c),
      c,
    );
});

test('CLI: the key from the environment never appears in what it prints, even when echoed', { timeout: 60_000 }, async () => {
  const dir = workspace({ 'a.rpt': TEXT });
  for (const status of [401, 400, 500]) {
    fake.reply = echo(status);
    const r = await runCli(['check', '--llm', 'a.rpt'], {
      cwd: dir,
      env: { RADLINT_LLM_BASE_URL: fake.url, RADLINT_LLM_MODEL: 'fake-model', RADLINT_API_KEY: KEY, RADLINT_LLM_MAX_RETRIES: '0' },
    });
    assert.equal(fake.chats.at(-1).headers.authorization, `Bearer ${KEY}`);
    assert.match(r.stderr, /AI check failed/);
    assert.equal((r.stdout + r.stderr).includes(KEY), false, `status ${status}`);
  }
});

test(
  'language server: a remote endpoint without a key says so in the status, and sends nothing until asked',
  { timeout: 30_000 },
  async () => {
    const s = await startLsp({
      pull: true,
      settings: { llm: { enabled: true, baseUrl: 'https://llm.example.invalid/v1', model: 'm', run: 'manual' } },
    });
    try {
      await s.open('file:///tmp/nokey.rpt', TEXT);
      const status = await s.next('status', (p) => p.uri === 'file:///tmp/nokey.rpt');
      assert.equal(status.state, 'ready');
      assert.match(status.reason, /no API key set/);
      await s.setApiKey(KEY);
      const after = await s.next('status', (p) => p.uri === 'file:///tmp/nokey.rpt' && p.reason !== status.reason);
      assert.equal(after.state, 'ready');
      assert.doesNotMatch(after.reason ?? '', /no API key/);
    } finally {
      await s.stop();
    }
    assert.equal(s.raw().includes(KEY), false);
  },
);
