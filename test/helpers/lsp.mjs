// A minimal LSP client over stdio for protocol tests: spawns the bundled server and speaks JSON-RPC.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from './engine.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');

export const SERVER = path.join(root, 'dist/server.js');

/**
 * Starts the server. `pull` advertises pull diagnostics (LSP 3.17) like VS Code; without it the
 * client is push-only like Neovim 0.7. `settings` answers workspace/configuration.
 */
export async function startServer({ pull = false, settings = {}, env = {}, snippetCommand = false, rootUri = null, initializationOptions = {} } = {}) {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const published = [];
  const waiters = [];
  const logs = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.push(params);
    for (const w of [...waiters]) if (w.match(params)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(params); }
  });
  connection.onNotification('window/logMessage', (p) => logs.push(p.message));
  connection.onNotification('window/showMessage', (p) => logs.push(p.message));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  const capabilities = {
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true, dataSupport: true },
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
  };
  const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities, initializationOptions: { snippetCommand, ...initializationOptions } });
  await connection.sendNotification('initialized', {});
  return {
    child,
    connection,
    init,
    published,
    logs,
    stderr: () => stderr,
    /** Resolves with the next publishDiagnostics that matches. */
    nextDiagnostics(match = () => true, timeoutMs = 10_000) {
      const already = published.find(match);
      if (already) { published.splice(published.indexOf(already), 1); return Promise.resolve(already); }
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.push(waiter);
        setTimeout(() => reject(new Error('no diagnostics within ' + timeoutMs + ' ms')), timeoutMs).unref();
      });
    },
    open(uri, text, languageId = 'radreport', version = 1) {
      return connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, contentChanges) {
      return connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
