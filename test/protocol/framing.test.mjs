// Damaged messages from the editor: the server answers each with a JSON-RPC error, logs it, and
// goes on answering the messages that follow (it used to stop answering for good).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { SERVER } from '../helpers/lsp.mjs';

/** A raw stdio client: writes bytes as given, reads framed responses. */
function rawServer() {
  const child = spawn(process.execPath, [SERVER, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, RADLINT_API_KEY: '' },
  });
  let buffer = Buffer.alloc(0);
  let stderr = '';
  const messages = [];
  const waiters = [];
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => {
    buffer = Buffer.concat([buffer, d]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.toString('latin1', 0, end))[1]);
      if (buffer.length < end + 4 + length) return;
      const message = JSON.parse(buffer.toString('utf8', end + 4, end + 4 + length));
      buffer = buffer.subarray(end + 4 + length);
      messages.push(message);
      for (const w of [...waiters]) {
        if (!w.match(message)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  });
  const frame = (message) => {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);
  };
  return {
    child,
    messages,
    stderr: () => stderr,
    write: (bytes) => child.stdin.write(bytes),
    frame,
    request: (id, method, params) => child.stdin.write(frame({ jsonrpc: '2.0', id, method, params })),
    next(match, timeoutMs = 15_000) {
      const seen = messages.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { match, resolve };
        waiters.push(w);
        setTimeout(() => waiters.includes(w) && reject(new Error('no answer')), timeoutMs).unref();
      });
    },
  };
}

const json = (o) => JSON.stringify(o);
const hover = (id) =>
  json({
    jsonrpc: '2.0',
    id,
    method: 'textDocument/hover',
    params: { textDocument: { uri: 'file:///none.rpt' }, position: { line: 0, character: 0 } },
  });

// Each variant, then a good request: the good one must be answered.
/** @type {[string, (id: number) => string][]} */
const VARIANTS = [
  ['a Content-Length that is not a number', (id) => `Content-Length: abc\r\n\r\n${hover(id)}`],
  ['a negative Content-Length', (id) => `Content-Length: -5\r\n\r\n${hover(id)}`],
  ['a fractional Content-Length', (id) => `Content-Length: 1.5\r\n\r\n${hover(id)}`],
  ['no Content-Length', (id) => `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${hover(id)}`],
  ['an enormous Content-Length', (id) => `Content-Length: 99999999999999\r\n\r\n${hover(id)}`],
  ['a Content-Length too small', (id) => `Content-Length: 20\r\n\r\n${hover(id)}`],
  ['a Content-Length too large', (id) => `Content-Length: ${hover(id).length + 40}\r\n\r\n${hover(id)}`],
  ['a Content-Length of 0', (id) => `Content-Length: 0\r\n\r\n${hover(id)}`],
  ['a body that is not JSON', (_id) => `Content-Length: 9\r\n\r\n{not json`],
  ['a body that is JSON but not a message', (_id) => `Content-Length: 2\r\n\r\n42`],
  ['bytes that are no header at all', (_id) => `hello\r\nthere\r\n\r\n`],
];

test('damaged frames: each is answered with a JSON-RPC error and the next request is answered', async () => {
  const s = rawServer();
  try {
    s.request(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });
    await s.next((m) => m.id === 1);
    s.write(s.frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
    let id = 100;
    for (const [name, bytes] of VARIANTS) {
      const errorsBefore = s.messages.filter((m) => m.error && (m.error.code === -32700 || m.error.code === -32600)).length;
      s.write(Buffer.from(bytes(id++), 'utf8'));
      const good = id++;
      s.request(good, 'textDocument/hover', { textDocument: { uri: 'file:///none.rpt' }, position: { line: 0, character: 0 } });
      const answer = await s.next((m) => m.id === good).catch(() => assert.fail(`after ${name}: the next request was not answered`));
      assert.ok(!answer.error, `after ${name}: the next request is answered normally`);
      const errors = s.messages.filter((m) => m.error && (m.error.code === -32700 || m.error.code === -32600));
      assert.ok(errors.length > errorsBefore, `${name}: answered with a parse error or invalid request`);
    }
    assert.match(s.stderr(), /skipped a damaged message/, 'the log says what happened');
  } finally {
    s.child.kill();
  }
});

test('edits of one document read together become one didChange with every change, in order', async () => {
  const { createRequire } = await import('node:module');
  const { root } = await import('../helpers/engine.mjs');
  const { coalesceChanges } = createRequire(import.meta.url)(`${root}/out/server/lsp/framing.js`);
  const change = (uri, version, text) => ({
    jsonrpc: '2.0',
    method: 'textDocument/didChange',
    params: { textDocument: { uri, version }, contentChanges: [{ range: null, text }] },
  });
  const hoverRequest = { jsonrpc: '2.0', id: 7, method: 'textDocument/hover', params: {} };
  const out = coalesceChanges([
    change('a', 2, 'x'),
    change('a', 3, 'y'),
    change('b', 2, 'z'),
    hoverRequest,
    change('b', 3, 'w'),
    change('b', 4, 'v'),
  ]);
  assert.deepEqual(
    out.map((m) => [m.method, m.params.textDocument?.version, m.params.contentChanges?.map((c) => c.text).join('')]),
    [
      ['textDocument/didChange', 3, 'xy'],
      ['textDocument/didChange', 2, 'z'],
      ['textDocument/hover', undefined, undefined],
      ['textDocument/didChange', 4, 'wv'],
    ],
  );
});
