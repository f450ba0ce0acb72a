// Every docs/rules/ID.md example is run: the example must raise its rule, and the fixed text must
// not. The fixed text is the page's "Fixed:" block where it has one, else the example with the fix
// the page offers applied (the preferred one, else the first; snippet fields as their defaults), problem by problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { applyFix, engine, registry, root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { stripSnippet } = require(path.join(root, 'out/server/lsp/diagnostics.js'));
const DOCS = path.join(root, 'docs/rules');

/** The fenced blocks of a page's "## Example" section, each with the line before it. */
export function exampleBlocks(page) {
  const section = /^## Example\n([^]*?)(?=^## )/m.exec(page)?.[1] ?? '';
  return [...section.matchAll(/(?:^|\n)([^\n]*)\n*```[a-z]*\n([^]*?)```/g)].map((m) => ({ before: m[1].trim(), text: m[2] }));
}

/** The example and its fixed text (null: none written and no fix offered). */
function examplesOf(page) {
  const blocks = exampleBlocks(page);
  const fixed = blocks.find((b) => /^Fixed\b.*:$/i.test(b.before));
  return { example: blocks.find((b) => b !== fixed)?.text, fixed: fixed?.text ?? null };
}

const problemsOf = (id, text) => engine.analyze(text).problems.filter((p) => p.rule === id);

/** The text with the rule's fixes applied, one problem at a time, until it is silent (null: a problem without a fix). */
function fixedByItsFixes(id, text) {
  for (let i = 0; i < 10; i++) {
    const [problem] = problemsOf(id, text);
    if (!problem) return text;
    const fix = problem.fixes?.find((f) => f.isPreferred) ?? problem.fixes?.[0];
    if (!fix) return null;
    text = applyFix(text, fix.snippet ? { ...fix, edits: fix.edits.map((e) => ({ ...e, newText: stripSnippet(e.newText) })) } : fix);
  }
  return text;
}

// Spelling needs its dictionaries, loaded once before the pages run.
test.before(() => engine.prepareRules());

for (const rule of registry.RULES) {
  test(`docs/rules/${rule.id}.md: the example raises ${rule.id}, the fixed text does not`, () => {
    const page = fs.readFileSync(path.join(DOCS, `${rule.id}.md`), 'utf8');
    const { example, fixed } = examplesOf(page);
    assert.ok(example, `${rule.id}.md has an example block`);
    assert.ok(problemsOf(rule.id, example).length > 0, `the documented example raises ${rule.id}:\n${example}`);
    const after = fixed ?? fixedByItsFixes(rule.id, example);
    assert.ok(after !== null, `${rule.id}.md: write a "Fixed:" block (the rule offers no fix to apply)`);
    assert.deepEqual(
      problemsOf(rule.id, after).map((p) => after.slice(p.start, p.end)),
      [],
      `the fixed text raises ${rule.id}:\n${after}`,
    );
  });
}

test('the example reader finds the example and a "Fixed:" block, and nothing outside the Example section', () => {
  const page =
    '# x\n\n## What it catches\n```\nnot this\n```\n## Example\n```\nA left.\n```\nWords.\n\nFixed (the side):\n```text\nA right.\n```\n## How to silence it\n```\nnor this\n```\n';
  assert.deepEqual(exampleBlocks(page), [
    { before: '', text: 'A left.\n' },
    { before: 'Fixed (the side):', text: 'A right.\n' },
  ]);
});
