// The layers import downwards only, lowest first: report/ <- nlp/ <- critical/ <- problem.ts <- rules/
// and the features (rewrite/, compare/, hover/, …) <- engine.ts <- adapters (LSP server, CLI), with
// the VS Code client beside them; and no import circle anywhere. Read from the .ts sources' import
// specifiers, so a new upward import or circle fails here with the files named, before any reviewer
// has to spot it.
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

/** Specifiers imported for their values: what is left once `import type` / `export type` lines are dropped. */
export function valueSpecifiers(source) {
  return specifiers(source.replace(/^[ \t]*(?:import|export)\s+type\s+[^'";]*?\bfrom\s*['"][^'"]+['"]/gm, ''));
}

/** A relative specifier as a repository path (`server/src/rules/types`), or null for a package. */
function target(file, spec) {
  if (!spec.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
}

const under = (folder) => (p) => p === folder || p.startsWith(`${folder}/`);
const inReport = under('server/src/report');
const inRules = under('server/src/rules');
const inServer = under('server/src');
const inClient = under('client');
const inLsp = under('server/src/lsp');
const inCli = (p) => under('server/src/cli')(p) || p === 'server/src/cli';
const isEngine = (p) => p === 'server/src/engine';
const isProblem = (p) => p === 'server/src/problem';
// What protocol.ts shares with the engine, in files that import nothing: the comparison's wire types
// and the table of rewrite kinds.
const PROTOCOL_MAY_IMPORT = ['server/src/compare/contract', 'server/src/rewrite/kinds'];
// Below the rules: the parser, the findings core, the critical-finding knowledge and the problem model.
const BELOW_RULES = ['server/src/report', 'server/src/nlp', 'server/src/critical'].map(under);
const isBelowRules = (p) => BELOW_RULES.some((b) => b(p)) || isProblem(p.replace(/\.ts$/, ''));
// Features beside the rules: they share knowledge with rules through the layers below, not through rules/.
const FEATURES = ['rewrite', 'templates', 'guidelines', 'compare', 'hover', 'outline', 'llm', 'spelling'].map((f) =>
  under(`server/src/${f}`),
);
const isFeature = (p) => FEATURES.some((f) => f(p));

/** Every layering breach in a set of sources ({ repository path: text }), one message each. */
export function violations(sources) {
  const found = [];
  for (const [file, text] of Object.entries(sources)) {
    const values = new Set(valueSpecifiers(text));
    for (const spec of specifiers(text)) {
      const to = target(file, spec);
      const at = `${file} imports '${spec}'`;
      if (to) {
        if (isBelowRules(file) && inRules(to))
          found.push(`${at}: report/, nlp/, critical/ and problem.ts must not import from rules/ (move what both need down)`);
        if (isBelowRules(file) && (isFeature(to) || isEngine(to)))
          found.push(`${at}: report/, nlp/, critical/ and problem.ts must not import a feature or the engine`);
        if (isBelowRules(file) && !isProblem(file.replace(/\.ts$/, '')) && isProblem(to))
          found.push(`${at}: report/, nlp/ and critical/ are below the problem model (problem.ts)`);
        if (inReport(file) && inServer(to) && !inReport(to))
          found.push(`${at}: report/ (the parser) imports nothing above it (Edit and Span are declared in report/types.ts)`);
        if (inRules(file) && isEngine(to))
          found.push(`${at}: rules/ must not import engine.ts (rules see ReportAnalysis from rules/types.ts)`);
        if (isFeature(file) && inRules(to))
          found.push(`${at}: features must not import from rules/ (share through nlp/, critical/ or guidelines/)`);
        if (isFeature(file) && isEngine(to) && values.has(spec))
          found.push(`${at}: features take the Analysis they are given (import type only), never run the engine`);
        if (file === 'server/src/protocol.ts' && !PROTOCOL_MAY_IMPORT.includes(to))
          found.push(
            `${at}: protocol.ts is compiled into the client: from server/src it may take only compare/contract.ts and rewrite/kinds.ts`,
          );
        if (PROTOCOL_MAY_IMPORT.includes(file.replace(/\.ts$/, '')))
          found.push(`${at}: what protocol.ts takes from server/src is compiled into the client, so it imports nothing`);
        if ((inLsp(file) && inCli(to)) || (inCli(file) && inLsp(to)))
          found.push(`${at}: lsp/ and cli/ are separate adapters (put what both need below them)`);
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

/** A relative import's file among the sources: `x.ts` or `x/index.ts`. */
function resolve(sources, file, spec) {
  const to = target(file, spec);
  if (!to) return null;
  return [to, `${to}.ts`, `${to}/index.ts`, to.replace(/\.js$/, '.ts')].find((f) => f in sources) ?? null;
}

/** Every import circle (type-only imports included), each as the files along it, first file repeated last. */
export function cycles(sources) {
  const graph = new Map(
    Object.entries(sources).map(([f, text]) => [
      f,
      [
        ...new Set(
          specifiers(text)
            .map((s) => resolve(sources, f, s))
            .filter(Boolean),
        ),
      ],
    ]),
  );
  const state = new Map(); // file -> 'open' while on the walk's path, 'done' once all it reaches is walked
  const path = [];
  const found = [];
  const walk = (file) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file)) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) walk(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) walk(file);
  return found;
}

// Known breaches still to be removed. This list may only shrink; each entry must still be a breach, so a
// fixed one is taken off. Empty since the rewrites take the Analysis they are given (issue 17).
/** @type {string[]} */
const PENDING = [];

test('no import circle in server/src and client/src', () => {
  const circles = cycles(readSources());
  assert.deepEqual(
    circles.map((c) => c.join(' -> ')),
    [],
    'import circles',
  );
});

test('the circle walk finds circles, long and short, and passes a diamond', () => {
  const circles = cycles({
    'server/src/a.ts': "import { b } from './b';",
    'server/src/b.ts': "import type { C } from './c/index';",
    'server/src/c/index.ts': "import { a } from '../a';\nimport { d } from './d';",
    'server/src/c/d.ts': "import { d } from './d';",
    'server/src/e.ts': "import { f } from './f';\nimport { g } from './g';",
    'server/src/f.ts': "import { h } from './h';",
    'server/src/g.ts': "import { h } from './h';",
    'server/src/h.ts': "import { z } from 'zod';",
  });
  assert.deepEqual(circles, [
    ['server/src/a.ts', 'server/src/b.ts', 'server/src/c/index.ts', 'server/src/a.ts'],
    ['server/src/c/d.ts', 'server/src/c/d.ts'],
  ]);
});

test('no upward import in server/src and client/src', () => {
  const sources = readSources();
  assert.ok(Object.keys(sources).length > 40, 'the sources were found');
  const breaches = violations(sources);
  const known = breaches.filter((b) => PENDING.includes(b));
  assert.deepEqual(
    breaches.filter((b) => !known.includes(b)),
    [],
    `layering breaches:\n  ${breaches.join('\n  ')}`,
  );
  assert.deepEqual(known, PENDING, 'a pending breach was fixed: take it off PENDING');
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
    'server/src/report/edit.ts': "import type { Edit } from '../problem';",
    'server/src/critical/findings.ts': "import type { RuleContext } from '../rules/types';\nimport { compareReports } from '../compare';",
    'server/src/rules/types.ts': "import type { Analysis } from '../engine';",
    'server/src/hover/index.ts': "import { followUpOptions } from '../rules/follow-up-recommendation';",
    'server/src/compare/index.ts': "import { analyze } from '../engine';",
    'server/src/lsp/compare.ts': "import { scorecardHtml } from '../cli/scorecard';",
    'server/src/cli/compare.ts': "import { comparisonDiagnostics } from '../lsp/compare';",
    'server/src/protocol.ts': "import type { Comparison } from './compare/types';",
    'server/src/rewrite/kinds.ts': "import type { Report } from '../report/types';",
  });
  assert.deepEqual(breaches, [
    "server/src/nlp/findings.ts imports '../rules/types': report/, nlp/, critical/ and problem.ts must not import from rules/ (move what both need down)",
    "server/src/report/parse.ts imports '../nlp': report/ (the parser) imports nothing above it (Edit and Span are declared in report/types.ts)",
    "server/src/rules/spelling.ts imports 'vscode-languageserver/node': only the adapters (server.ts, cli, lsp/, protocol.ts) may use LSP libraries",
    "server/src/engine.ts imports 'vscode-languageserver-textdocument': only the adapters (server.ts, cli, lsp/, protocol.ts) may use LSP libraries",
    "server/src/engine.ts imports './lsp/ai': engine code must not import an adapter (server.ts, cli, lsp/, protocol.ts)",
    "server/src/rules/critical-finding.ts imports '../protocol': engine code must not import an adapter (server.ts, cli, lsp/, protocol.ts)",
    "server/src/llm/check.ts imports '../lsp/diagnostics': engine code must not import an adapter (server.ts, cli, lsp/, protocol.ts)",
    "server/src/lsp/hover.ts imports 'vscode': the editor API exists only in the VS Code client (client/)",
    "client/src/extension.ts imports '../../server/src/engine': the client may take only the shared protocol from server/src",
    "server/src/report/edit.ts imports '../problem': report/, nlp/ and critical/ are below the problem model (problem.ts)",
    "server/src/report/edit.ts imports '../problem': report/ (the parser) imports nothing above it (Edit and Span are declared in report/types.ts)",
    "server/src/critical/findings.ts imports '../rules/types': report/, nlp/, critical/ and problem.ts must not import from rules/ (move what both need down)",
    "server/src/critical/findings.ts imports '../compare': report/, nlp/, critical/ and problem.ts must not import a feature or the engine",
    "server/src/rules/types.ts imports '../engine': rules/ must not import engine.ts (rules see ReportAnalysis from rules/types.ts)",
    "server/src/hover/index.ts imports '../rules/follow-up-recommendation': features must not import from rules/ (share through nlp/, critical/ or guidelines/)",
    "server/src/compare/index.ts imports '../engine': features take the Analysis they are given (import type only), never run the engine",
    "server/src/lsp/compare.ts imports '../cli/scorecard': lsp/ and cli/ are separate adapters (put what both need below them)",
    "server/src/cli/compare.ts imports '../lsp/compare': lsp/ and cli/ are separate adapters (put what both need below them)",
    "server/src/protocol.ts imports './compare/types': protocol.ts is compiled into the client: from server/src it may take only compare/contract.ts and rewrite/kinds.ts",
    "server/src/rewrite/kinds.ts imports '../report/types': what protocol.ts takes from server/src is compiled into the client, so it imports nothing",
  ]);
});

test('what the layers allow stays allowed', () => {
  assert.deepEqual(
    violations({
      'server/src/lsp/hover.ts': "import { Hover } from 'vscode-languageserver/node';\nimport { analyze } from '../engine';",
      'server/src/cli/main.ts': "import { checkText } from '../engine';",
      'server/src/server.ts': "import { createConnection } from 'vscode-languageserver/node';\nimport { hover } from './lsp/hover';",
      'server/src/lsp/ai.ts': "import type { Connection } from 'vscode-languageserver/node';\nimport { checkWithLlm } from '../llm/check';",
      'server/src/protocol.ts':
        "import { RequestType } from 'vscode-languageserver-protocol';\nimport type { CompareSummary } from './compare/contract';",
      'server/src/rules/x.ts': "import { understand } from '../nlp';\nimport type { Report } from '../report/types';",
      'server/src/nlp/x.ts': "import type { Report } from '../report/types';",
      'server/src/problem.ts': "import type { Edit, Span } from './report/types';\nimport type { Side } from './nlp/types';",
      'server/src/critical/findings.ts': "import type { Finding } from '../nlp';",
      'server/src/rules/critical-finding.ts':
        "import { URGENCY_WORDS } from '../critical/findings';\nimport { ruleLevel } from './levels';",
      'server/src/hover/index.ts': "import type { Analysis } from '../engine';\nimport { followUpOptions } from '../guidelines/options';",
      'server/src/engine.ts': "import { RULES } from './rules/registry';\nimport { findCriticalFindings } from './critical/findings';",
      'client/src/extension.ts':
        "import * as vscode from 'vscode';\nimport { LanguageClient } from 'vscode-languageclient/node';\nimport { CHECK_DOCUMENT_REQUEST } from '../../server/src/protocol';",
    }),
    [],
  );
});
