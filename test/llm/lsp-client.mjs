// A small LSP client for the AI tests: spawns the bundled server over stdio, answers
// workspace/configuration from a mutable settings object, records everything the server sends
// (parsed messages and the raw bytes of stdout and stderr, to scan for secrets).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from './helpers.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');

export const SERVER = path.join(root, 'dist/server.js');

export async function startLsp({ pull = false, settings = {}, env = {} } = {}) {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, RADLINT_API_KEY: '', ...env } });
  let raw = '';
  child.stdout.on('data', (d) => { raw += d.toString('utf8'); });
  child.stderr.on('data', (d) => { raw += d.toString('utf8'); });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const events = []; // { kind: 'diagnostics' | 'status' | 'log', params }
  const waiters = [];
  const record = (kind, params) => {
    events.push({ kind, params });
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
  const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities, initializationOptions: { aiStatus: true } });
  await connection.sendNotification('initialized', {});
  const client = {
    child,
    connection,
    init,
    events,
    raw: () => raw,
    config,
    of: (kind, match = () => true) => events.filter((e) => e.kind === kind && match(e.params)).map((e) => e.params),
    /** The next event of a kind that matches, counting only events after `since` (an events.length). */
    next(kind, match = () => true, { since = 0, timeoutMs = 30_000 } = {}) {
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
    open(uri, text, version = 1) {
      return connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'radreport', version, text } });
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
