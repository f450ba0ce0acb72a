// "Restructure into a template" is offered only where it can work: an editor that cannot pick a
// template (Neovim: the server runs the command with the chooser's template) is not offered a
// restructure the chooser refuses; our VS Code client, which lets the user pick, is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../helpers/lsp.mjs';

const NO_TITLE = 'FINDINGS: Small left pleural effusion. No pneumothorax.\nIMPRESSION: Small left pleural effusion.\n';
const TITLED = `EXAM: Chest radiograph, PA and lateral.\n${NO_TITLE}`;

async function rewriteTitles(initializationOptions, text) {
  const s = await startServer({ initializationOptions });
  try {
    const uri = 'file:///tmp/offer.rpt';
    await s.open(uri, text);
    const actions = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['refactor', 'source'] },
    });
    return actions.map((a) => a.title);
  } finally {
    await s.stop();
  }
}

test('an editor without a template pick: no restructure for a report whose template is refused; offered for one with a title', async () => {
  const untitled = await rewriteTitles({}, NO_TITLE);
  assert.ok(!untitled.some((t) => /^Restructure/.test(t)), JSON.stringify(untitled));
  assert.ok(
    untitled.some((t) => /impression/i.test(t)),
    `the other rewrites stay: ${JSON.stringify(untitled)}`,
  );
  const titled = await rewriteTitles({}, TITLED);
  assert.ok(
    titled.some((t) => /^Restructure/.test(t)),
    JSON.stringify(titled),
  );
});

test('a client that lets the user pick the template is offered the restructure either way', async () => {
  const untitled = await rewriteTitles({ rewriteCommands: true }, NO_TITLE);
  assert.ok(
    untitled.some((t) => /^Restructure/.test(t)),
    JSON.stringify(untitled),
  );
});
