// What the extension-host suites (extension.test.js, first-run.test.js) share: the extension, the
// fixture reports, polling and clean-up.
'use strict';
const vscode = require('vscode');

const EXTENSION_ID = 'radlint.radlint';
const WAIT_MS = 30000;

const codeOf = (d) => (d.code && typeof d.code === 'object' ? d.code.value : d.code);
const radlintDiagnostics = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'radlint');

/** Polls a check (sync or async) until it gives a truthy value (for what has no change event to wait on). */
async function poll(what, check, timeoutMs = WAIT_MS) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The fixture workspace folder and the extension's API, activated. */
async function workspace() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the fixture workspace folder is not open');
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  return { folder, api };
}

/** Opens a report of the fixture folder in an editor; with `ready`, polls it (given the document) before returning. */
async function open(name, ready) {
  const folder = vscode.workspace.workspaceFolders[0];
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
  await vscode.window.showTextDocument(document);
  if (ready) await poll(`${name} to be ready`, () => ready(document));
  return document;
}

/** Reverts whatever a test left unsaved and closes every editor (the workspace is a scratch copy). */
async function revertAndCloseAll() {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

module.exports = { EXTENSION_ID, WAIT_MS, codeOf, radlintDiagnostics, poll, workspace, open, revertAndCloseAll };
