// The LSP client of the protocol, AI and bench scripts: spawns the bundled server over stdio and
// speaks JSON-RPC to it, as an editor would.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from './engine.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');

export const SERVER = path.join(root, 'dist/server.js');

/**
 * Spawns dist/server.js (or `server`) over stdio. `pull` advertises pull diagnostics (LSP 3.17) as VS Code does;
 * without it the client is push-only, as Neovim 0.7 is. workspace/configuration is answered from
 * `settings` (changeable with setSettings). Everything the server sends is recorded as events
 * (diagnostics, status, log), and the raw bytes of stdout and stderr are kept to scan for secrets.
 */
/**
 * @param {{ pull?: boolean, settings?: object, env?: object, rootUri?: string | null,
 *   initializationOptions?: Record<string, unknown>, server?: string, cwd?: string }} [options]
 */
export async function startLsp({
  pull = false,
  settings = {},
  env = {},
  rootUri = null,
  initializationOptions = { aiStatus: true },
  server = SERVER,
  cwd = undefined,
} = {}) {
  const child = spawn(process.execPath, [server, '--stdio'], {
    cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, RADLINT_API_KEY: '', ...env },
  });
  let raw = '';
  child.stdout.on('data', (d) => {
    raw += d.toString('utf8');
  });
  child.stderr.on('data', (d) => {
    raw += d.toString('utf8');
  });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const events = []; // { kind: 'diagnostics' | 'status' | 'log', params }
  const waiters = [];
  const listeners = [];
  const record = (kind, params) => {
    events.push({ kind, params });
    for (const l of listeners) l(kind, params);
    for (const w of [...waiters]) {
      if (w.kind === kind && w.match(params)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(params);
      }
    }
  };
  const config = { settings };
  connection.onNotification('textDocument/publishDiagnostics', (p) => record('diagnostics', p));
  connection.onNotification('radlint/aiStatus', (p) => record('status', p));
  connection.onNotification('window/logMessage', (p) => record('log', p));
  connection.onNotification('window/showMessage', (p) => record('log', p));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => config.settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  const capabilities = {
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: true },
      publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true, dataSupport: true },
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
  };
  const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities, initializationOptions });
  await connection.sendNotification('initialized', {});
  const client = {
    child,
    connection,
    init,
    events,
    raw: () => raw,
    config,
    of: (kind, /** @type {(params: any) => boolean} */ match = () => true) =>
      events.filter((e) => e.kind === kind && match(e.params)).map((e) => e.params),
    /** The next event of a kind that matches, counting only events after `since` (an events.length). */
    next(kind, /** @type {(params: any) => boolean} */ match = () => true, { since = 0, timeoutMs = 30_000 } = {}) {
      const already = events.slice(since).find((e) => e.kind === kind && match(e.params));
      if (already) return Promise.resolve(already.params);
      return new Promise((resolve, reject) => {
        const w = { kind, match, resolve };
        waiters.push(w);
        setTimeout(() => {
          if (waiters.includes(w)) {
            waiters.splice(waiters.indexOf(w), 1);
            reject(new Error(`no ${kind} within ${timeoutMs} ms`));
          }
        }, timeoutMs).unref();
      });
    },
    /** Calls fn(kind, params) for every event from now on. */
    listen(fn) {
      listeners.push(fn);
    },
    open(uri, text, version = 1, languageId = 'radreport') {
      return connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, contentChanges) {
      return connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    },
    save(uri) {
      return connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    },
    checkWithAi(uri) {
      return connection.sendRequest('radlint/checkWithAi', { uri });
    },
    setApiKey(apiKey) {
      return connection.sendRequest('radlint/setApiKey', { apiKey });
    },
    pull(uri) {
      return connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    },
    async setSettings(settings) {
      config.settings = settings;
      await connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
  return client;
}

/**
 * The same client with a queue of published diagnostics, for tests that follow one document:
 * nextDiagnostics(match) takes the first queued (or next arriving) publish that matches.
 * @param {Parameters<typeof startLsp>[0] & { snippetCommand?: boolean }} [options]
 */
export async function startServer({ snippetCommand = false, initializationOptions = {}, ...options } = {}) {
  const client = await startLsp({ ...options, initializationOptions: { snippetCommand, ...initializationOptions } });
  const published = [];
  const waiters = [];
  client.listen((kind, params) => {
    if (kind !== 'diagnostics') return;
    const waiter = waiters.find((w) => w.match(params));
    if (waiter) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(params);
    } else {
      published.push(params);
    }
  });
  return {
    ...client,
    published,
    get logs() {
      return client.of('log').map((p) => p.message);
    },
    stderr: client.raw,
    nextDiagnostics(match = () => true, timeoutMs = 10_000) {
      const already = published.find(match);
      if (already) {
        published.splice(published.indexOf(already), 1);
        return Promise.resolve(already);
      }
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          if (!waiters.includes(waiter)) return;
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no diagnostics within ${timeoutMs} ms`));
        }, timeoutMs).unref();
      });
    },
    open(uri, text, languageId = 'radreport', version = 1) {
      return client.open(uri, text, version, languageId);
    },
  };
}
