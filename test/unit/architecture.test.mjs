// The layers import downwards only: report <- nlp <- rules <- engine <- adapters (LSP server, CLI)
// and the VS Code client beside them. Read from the .ts sources' import specifiers, so a new upward
// import fails here with the file and the import named, before any reviewer has to spot it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../helpers/engine.mjs';

// The adapters: the only server code that may speak LSP. By folder, so what moves between server.ts
// and lsp/, or from cli.ts to cli/, stays allowed. protocol.ts is the typed wire protocol (RequestType,
// NotificationType) the client and the server share: LSP vocabulary, so engine code may not import it.
const ADAPTERS = [
  /^server\/src\/server\.ts$/,
  /^server\/src\/cli\.ts$/,
  /^server\/src\/lsp\//,
  /^server\/src\/cli\//,
  /^server\/src\/protocol\.ts$/,
];
const isAdapter = (file) => ADAPTERS.some((a) => a.test(file));
/** A resolved import target (no extension, or a folder with index.ts) that is an adapter. */
const targetIsAdapter = (to) => [to, `${to}.ts`, `${to}/index.ts`].some(isAdapter);
// What the client may take from the server's sources: the shared protocol, nothing of the engine.
const CLIENT_MAY_IMPORT = [/^server\/src\/protocol(\.ts$|\/)/];

const EDITOR_API = /^vscode$/;
const LSP_LIBRARIES = /^vscode-(languageserver|languageclient|jsonrpc)(-[a-z]+)?(\/|$)/;

/** Import specifiers of a TypeScript source: import/export … from, side-effect imports, require() and import(). */
export function specifiers(source) {
  const found = [];
  for (const m of source.matchAll(/^[ \t]*(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm)) found.push(m[1]);
  for (const m of source.matchAll(/^[ \t]*import\s*['"]([^'"]+)['"]/gm)) found.push(m[1]);
  for (const m of source.matchAll(/\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]);
  return found;
}

/** A relative specifier as a repository path (`server/src/rules/types`), or null for a package. */
function target(file, spec) {
  if (!spec.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
}

const under = (folder) => (p) => p === folder || p.startsWith(`${folder}/`);
const inReport = under('server/src/report');
const inNlp = under('server/src/nlp');
const inRules = under('server/src/rules');
const inServer = under('server/src');
const inClient = under('client');

/** Every layering breach in a set of sources ({ repository path: text }), one message each. */
export function violations(sources) {
  const found = [];
  for (const [file, text] of Object.entries(sources)) {
    for (const spec of specifiers(text)) {
      const to = target(file, spec);
      const at = `${file} imports '${spec}'`;
      if (to) {
        if ((inNlp(file) || inReport(file)) && inRules(to))
          found.push(`${at}: nlp/ and report/ must not import from rules/ (move what both need down)`);
        if (inReport(file) && inNlp(to)) found.push(`${at}: report/ (the parser) must not import from nlp/`);
        if (inServer(file) && !isAdapter(file) && targetIsAdapter(to))
          found.push(`${at}: engine code must not import an adapter (server.ts, cli, lsp/, protocol.ts)`);
        if (inClient(file) && inServer(to) && !CLIENT_MAY_IMPORT.some((a) => a.test(`${to}.ts`) || a.test(`${to}/`)))
          found.push(`${at}: the client may take only the shared protocol from server/src`);
      } else if (EDITOR_API.test(spec)) {
        if (!inClient(file)) found.push(`${at}: the editor API exists only in the VS Code client (client/)`);
      } else if (LSP_LIBRARIES.test(spec)) {
        if (inServer(file) && !isAdapter(file))
          found.push(`${at}: only the adapters (server.ts, cli, lsp/, protocol.ts) may use LSP libraries`);
      }
    }
  }
  return found;
}

function readSources() {
  const sources = {};
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) sources[rel] = fs.readFileSync(path.join(root, rel), 'utf8');
    }
  };
  walk('server/src');
  walk('client/src');
  return sources;
}

test('no upward import in server/src and client/src', () => {
  const sources = readSources();
  assert.ok(Object.keys(sources).length > 40, 'the sources were found');
  const breaches = violations(sources);
  assert.deepEqual(breaches, [], `layering breaches:\n  ${breaches.join('\n  ')}`);
});

test('the scanner sees the imports that are there (so an empty result means something)', () => {
  const sources = readSources();
  assert.ok(specifiers(sources['server/src/server.ts']).includes('vscode-languageserver/node'));
  assert.ok(specifiers(sources['server/src/lsp/diagnostics.ts']).includes('vscode-languageserver-textdocument'));
  assert.ok(specifiers(sources['client/src/extension.ts']).includes('vscode'));
  assert.ok(specifiers(sources['server/src/nlp/index.ts']).includes('../report/positions'));
  assert.deepEqual(
    specifiers(
      "import {\n  a,\n  type B,\n} from './multi';\nexport * from './types';\nimport './side-effect';\nconst x = require('y');\nconst s = 'from here';\n",
    ),
    ['./multi', './types', './side-effect', 'y'],
  );
});

test('each kind of breach is caught, naming the file and the import', () => {
  const breaches = violations({
    'server/src/nlp/findings.ts': "import type { RuleContext } from '../rules/types';",
    'server/src/report/parse.ts': "import { understand } from '../nlp';",
    'server/src/rules/spelling.ts': "import { Diagnostic } from 'vscode-languageserver/node';",
    'server/src/engine.ts': "import type { TextDocument } from 'vscode-languageserver-textdocument';\nimport { attachAi } from './lsp/ai';",
    'server/src/rules/critical-finding.ts': "import { CHECK_DOCUMENT } from '../protocol';",
    'server/src/llm/check.ts': "import { toDiagnostic } from '../lsp/diagnostics';",
    'server/src/lsp/hover.ts': "import * as vscode from 'vscode';",
    'client/src/extension.ts': "import { checkText } from '../../server/src/engine';",
  });
  assert.deepEqual(breaches, [
    "server/src/nlp/findings.ts imports '../rules/types': nlp/ and report/ must not import from rules/ (move what both need down)",
    "server/src/report/parse.ts imports '../nlp': report/ (the parser) must not import from nlp/",
    "server/src/rules/spelling.ts imports 'vscode-languageserver/node': only the adapters (server.ts, cli, lsp/, protocol.ts) may use LSP libraries",
    "server/src/engine.ts imports 'vscode-languageserver-textdocument': only the adapters (server.ts, cli, lsp/, protocol.ts) may use LSP libraries",
    "server/src/engine.ts imports './lsp/ai': engine code must not import an adapter (server.ts, cli, lsp/, protocol.ts)",
    "server/src/rules/critical-finding.ts imports '../protocol': engine code must not import an adapter (server.ts, cli, lsp/, protocol.ts)",
    "server/src/llm/check.ts imports '../lsp/diagnostics': engine code must not import an adapter (server.ts, cli, lsp/, protocol.ts)",
    "server/src/lsp/hover.ts imports 'vscode': the editor API exists only in the VS Code client (client/)",
    "client/src/extension.ts imports '../../server/src/engine': the client may take only the shared protocol from server/src",
  ]);
});

test('what the layers allow stays allowed', () => {
  assert.deepEqual(
    violations({
      'server/src/lsp/hover.ts': "import { Hover } from 'vscode-languageserver/node';\nimport { analyze } from '../engine';",
      'server/src/cli/main.ts': "import { checkText } from '../engine';",
      'server/src/server.ts': "import { createConnection } from 'vscode-languageserver/node';\nimport { hover } from './lsp/hover';",
      'server/src/lsp/ai.ts': "import type { Connection } from 'vscode-languageserver/node';\nimport { checkWithLlm } from '../llm/check';",
      'server/src/protocol.ts': "import { RequestType } from 'vscode-languageserver-protocol';",
      'server/src/rules/x.ts': "import { understand } from '../nlp';\nimport type { Report } from '../report/types';",
      'server/src/nlp/x.ts': "import type { Report } from '../report/types';\nimport type { Problem } from '../problem';",
      'client/src/extension.ts':
        "import * as vscode from 'vscode';\nimport { LanguageClient } from 'vscode-languageclient/node';\nimport { CHECK_DOCUMENT_REQUEST } from '../../server/src/protocol';",
    }),
    [],
  );
});
