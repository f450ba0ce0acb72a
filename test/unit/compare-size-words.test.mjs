// Trainee mode reads size words: a small effusion against a moderate one is a size difference even
// where neither report measured it; words of one grade, or a range that includes the other, agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const compare = require(path.join(root, 'out/server/compare/index.js'));
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const compareReports = (trainee, reference) => compare.compareReports(analyze(trainee), analyze(reference));

const report = (size, impression = size) =>
  `FINDINGS: There is a ${size} left pleural effusion. The heart size is normal.\n\nIMPRESSION: ${impression[0].toUpperCase()}${impression.slice(1)} left pleural effusion.\n`;
const sizes = (trainee, reference) => compareReports(trainee, reference).discrepancies.filter((d) => d.kind === 'size');

test('small against moderate is a size difference, named in the words of both reports', () => {
  const [d, ...more] = sizes(report('small'), report('moderate'));
  assert.equal(more.length, 0);
  assert.equal(d.finding, 'pleural effusion');
  assert.match(d.message, /trainee calls pleural effusion small; the reference moderate/);
  assert.equal(compareReports(report('small'), report('moderate')).summary.size, 1);
});

test('two grades apart is graded worse than one', () => {
  const one = sizes(report('small'), report('moderate'))[0];
  const two = sizes(report('trace'), report('large'))[0];
  assert.ok(two, 'trace against large differs');
  assert.equal(one.severity, 'minor');
  assert.equal(two.severity, 'major');
});

test('words of one grade, a range that includes the other, or no size word at all agree', () => {
  assert.deepEqual(sizes(report('small'), report('mild')), []);
  assert.deepEqual(sizes(report('small to moderate'), report('moderate')), []);
  assert.deepEqual(sizes(report('new'), report('moderate')), []);
  // A size word of another finding in the sentence is not this finding's.
  const other = 'FINDINGS: Mild cardiomegaly, and a left pleural effusion.\n\nIMPRESSION: Left pleural effusion. Mild cardiomegaly.\n';
  assert.deepEqual(
    sizes(other, report('moderate')).filter((d) => d.finding === 'pleural effusion'),
    [],
  );
});
