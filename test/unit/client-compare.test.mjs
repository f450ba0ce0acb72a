// The client's pure parts of trainee mode: the status item never counts comparison diagnostics
// (only the rules' and the AI's), and the scorecard page a webview shows loads and runs nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const Module = require('node:module');

// status.ts reads only vscode.DiagnosticSeverity at run time: a stand-in with VS Code's values.
const SEVERITY = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
// @ts-expect-error Module._load is Node's internal loader, not in its types.
const load = Module._load;
// @ts-expect-error the same
Module._load = function (request, ...rest) {
  if (request === 'vscode') return { DiagnosticSeverity: SEVERITY };
  return load.call(this, request, ...rest);
};
const { countDiagnostics, countsText } = require(path.join(root, 'out/client/client/src/status.js'));
// @ts-expect-error the same
Module._load = load;
const { SOURCE_AI, SOURCE_COMPARE, SOURCE_RULES } = require(path.join(root, 'out/client/server/src/protocol.js'));
const { scorecardPage, SCORECARD_CSP } = require(path.join(root, 'out/client/client/src/compare-page.js'));

const diagnostic = (source, severity) => ({ source, severity, message: 'x' });

test('the status item counts the rules and the AI as problems, and the comparison with a reference apart', () => {
  assert.equal(SOURCE_COMPARE, 'radlint compare');
  const rules = [
    diagnostic(SOURCE_RULES, SEVERITY.Error),
    diagnostic(SOURCE_RULES, SEVERITY.Warning),
    diagnostic(SOURCE_AI, SEVERITY.Hint),
  ];
  const comparison = [
    diagnostic(SOURCE_COMPARE, SEVERITY.Warning),
    diagnostic(SOURCE_COMPARE, SEVERITY.Warning),
    diagnostic(SOURCE_COMPARE, SEVERITY.Information),
  ];
  const alone = countDiagnostics(rules);
  assert.deepEqual(alone, { errors: 1, warnings: 1, notes: 1 });
  // The differences from the reference are counted apart, never as problems.
  assert.deepEqual(countDiagnostics([...comparison, ...rules, ...comparison]), { ...alone, differences: 6 });
  assert.equal(countsText(alone), '$(error) 1 error, 1 warning, 1 note');
  assert.equal(countsText(countDiagnostics(comparison)), '$(check) no problems · 3 differences from the reference');
  assert.equal(
    countsText(countDiagnostics([...rules, comparison[0]])),
    '$(error) 1 error, 1 warning, 1 note · 1 difference from the reference',
  );
  // Other extensions' diagnostics are not counted either; the counter is not simply "everything".
  assert.deepEqual(countDiagnostics([diagnostic('cSpell', SEVERITY.Warning), diagnostic(undefined, SEVERITY.Error)]), {
    errors: 0,
    warnings: 0,
    notes: 0,
  });
});

test('the scorecard webview page gets a policy that loads and runs nothing, first in its head', () => {
  const html =
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>T</title>\n</head>\n<body><h1>T</h1></body></html>';
  const page = scorecardPage(html);
  const csp = page.indexOf('Content-Security-Policy');
  assert.ok(csp > page.indexOf('<head>') && csp < page.indexOf('<meta charset'), page);
  assert.match(page, new RegExp(`content="${SCORECARD_CSP}"`));
  assert.match(SCORECARD_CSP, /default-src 'none'/);
  assert.doesNotMatch(SCORECARD_CSP, /script-src/);
  assert.match(page, /<body><h1>T<\/h1><\/body>/, 'the page itself is unchanged');
  // The theme's colours, after the page's own print colours so they win (readable in Dark+).
  assert.doesNotMatch(page, /background: #fff/);
  assert.ok(page.indexOf('var(--vscode-editor-background)') > page.indexOf('<title>T</title>'), 'the theme comes last in the head');
  assert.ok(page.indexOf('var(--vscode-editor-background)') < page.indexOf('</head>'));
  assert.match(page, /svg \{ max-width: 100%/, 'the charts fit a narrow panel');
  // A fragment without a head still gets the policy.
  assert.match(scorecardPage('<p>x</p>'), /^<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy"[^]*<p>x<\/p>/);
});
