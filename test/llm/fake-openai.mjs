// A fake OpenAI-compatible server for tests: a real HTTP server on 127.0.0.1 (ephemeral port) that
// speaks POST /v1/chat/completions (plain JSON and server-sent events) and GET /v1/models.
// Each test scripts it with `fake.reply = (ctx) => response`. Every request is recorded raw, so
// tests can check exactly what left the process.
import http from 'node:http';

export const MODEL = 'fake-model';

/** The report text the prompt carries, between its delimiter lines. */
export function reportOf(messages) {
  const user = messages.find((m) => m.role === 'user')?.content ?? '';
  const m = /<<<REPORT (\w+)>>>\n([\s\S]*)\n<<<END \1>>>/.exec(user);
  return m ? m[2] : '';
}

function completion(content, finish = 'stop') {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: MODEL,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: finish, logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

async function sse(res, content, chunkSize = Math.max(16, Math.ceil(content.length / 200)), dripMs = 0, finish = 'stop') {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model: MODEL };
  res.write(
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })}\n\n`,
  );
  for (let i = 0; i < content.length; i += chunkSize) {
    if (dripMs && i > 0) {
      await new Promise((resolve) => setTimeout(resolve, dripMs));
      if (res.destroyed) return;
    }
    res.write(
      `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: content.slice(i, i + chunkSize) }, finish_reason: null }] })}\n\n`,
    );
  }
  res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }] })}\n\n`);
  res.end('data: [DONE]\n\n');
}

/** Reply helpers for `fake.reply`. */
export const replies = {
  /** A model answer whose text is `content` (plain or streamed, as the request asked). */
  content: (content) => ({ content }),
  issues: (issues) => ({ content: JSON.stringify({ issues }) }),
  error: (status, message, headers = {}) => ({ status, headers, json: { error: { message, type: 'fake_error', code: null } } }),
  slow: (delayMs, inner = { content: '{"issues":[]}' }) => ({ ...inner, delayMs }),
  stall: () => ({ stall: true }),
  /** Streamed `chunkSize` characters every `everyMs` (a CPU model's slow drip of tokens). */
  drip: (content, everyMs, chunkSize = 4) => ({ content, drip: { everyMs, chunkSize } }),
  /** An answer cut off at the length limit (finish_reason "length"). */
  cutOff: (content) => ({ content, finish: 'length' }),
};

export async function startFakeOpenAI() {
  const requests = [];
  const sockets = new Set();
  const fake = {
    requests,
    /** (ctx) => reply; ctx = { body, messages, report, stream, index, headers }. */
    reply: () => replies.issues([]),
    url: '',
    port: 0,
    /** Chat requests only. */
    get chats() {
      return requests.filter((r) => r.path.endsWith('/chat/completions'));
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d) => {
      raw += d;
    });
    req.on('end', async () => {
      const record = { method: req.method, path: req.url, headers: req.headers, raw, aborted: false };
      requests.push(record);
      // The client hung up before the answer was complete (an edit aborted the request).
      res.on('close', () => {
        if (!res.writableFinished) record.aborted = true;
      });
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'GET' && path.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [{ id: MODEL, object: 'model', created: 0, owned_by: 'test' }] }));
        return;
      }
      if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      let body;
      try {
        body = JSON.parse(raw);
      } catch {
        res.writeHead(400).end('{"error":{"message":"bad json"}}');
        return;
      }
      const ctx = {
        body,
        messages: body.messages ?? [],
        report: reportOf(body.messages ?? []),
        stream: body.stream === true,
        index: fake.chats.length - 1,
        headers: req.headers,
      };
      let reply;
      try {
        reply = await fake.reply(ctx);
      } catch (error) {
        reply = replies.error(500, String(error));
      }
      if (reply.delayMs) {
        await new Promise((resolve) => {
          const t = setTimeout(resolve, reply.delayMs);
          res.on('close', () => {
            clearTimeout(t);
            resolve();
          });
        });
        if (res.destroyed || res.writableEnded) return;
      }
      if (reply.stall) {
        // Headers and the start of a body, then nothing: only a deadline ends this.
        res.writeHead(200, { 'content-type': ctx.stream ? 'text/event-stream' : 'application/json' });
        res.write(ctx.stream ? ': waiting\n\n' : '{"id":"chatcmpl-fake",');
        return;
      }
      if (reply.destroy) {
        req.socket.destroy();
        return;
      }
      if (reply.status && reply.status !== 200) {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(JSON.stringify(reply.json ?? {}));
        return;
      }
      if (reply.raw !== undefined) {
        res.writeHead(200, { 'content-type': 'application/json', ...reply.headers });
        res.end(reply.raw);
        return;
      }
      if (ctx.stream) await sse(res, reply.content ?? '', reply.drip?.chunkSize, reply.drip?.everyMs, reply.finish);
      else {
        res.writeHead(200, { 'content-type': 'application/json', ...reply.headers });
        res.end(JSON.stringify(completion(reply.content ?? '', reply.finish)));
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.port = server.address().port;
  fake.url = `http://127.0.0.1:${fake.port}/v1`;
  return fake;
}

/** A URL on 127.0.0.1 where nothing listens. */
// Port 2 on the loopback: below the ephemeral range, so no test server is ever given it, and not on
// fetch's blocked-port list (port 1 is, and fails without a connection). A port freed by a closed
// server could be taken by a parallel test and answer instead.
export async function refusedUrl() {
  return 'http://127.0.0.1:2/v1';
}
