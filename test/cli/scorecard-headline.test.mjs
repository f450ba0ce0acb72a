// The scorecard's headline (issue 23, item 15): a matched finding on the wrong side, or of another
// size, is not agreement, so the page never says "100% agreement" beside a major discrepancy.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from '../helpers/engine.mjs';

const CLI = path.join(root, 'bin/radlint.js');
const made = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

const report = (side) => {
  const Side = side[0].toUpperCase() + side.slice(1);
  return [
    'EXAM: Chest radiograph.',
    `FINDINGS: Large ${side} pleural effusion. ${Side} pneumothorax. ${Side} lower lobe consolidation. ${Side} rib fracture.`,
    `IMPRESSION: ${Side} pleural effusion. ${Side} pneumothorax. ${Side} lower lobe pneumonia. ${Side} rib fracture.`,
    '',
  ].join('\n');
};

/** The scorecard of one trainee/reference pair: its headline tiles and the exit status. */
function scorecard(trainee, reference) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-scorecard-'));
  made.push(dir);
  fs.writeFileSync(path.join(dir, 'case1.trainee.txt'), trainee);
  fs.writeFileSync(path.join(dir, 'case1.reference.txt'), reference);
  const html = path.join(dir, 'scorecard.html');
  const r = spawnSync(process.execPath, [CLI, 'compare', '--pairs', dir, '--html', html], { encoding: 'utf8' });
  const page = fs.readFileSync(html, 'utf8');
  const tile = (label) => Number(new RegExp(`<b>(\\d+)%?</b>${label}<`).exec(page)?.[1]);
  return {
    status: r.status,
    page,
    agreement: tile('full agreement'),
    major: tile('major discrepancies'),
    matched: tile('findings matched'),
  };
}

test('four findings on the wrong side: major discrepancies, and the agreement is far from 100%', () => {
  const s = scorecard(report('left'), report('right'));
  assert.equal(s.status, 1);
  assert.ok(s.major >= 4, String(s.major));
  assert.ok(s.matched >= 4, String(s.matched));
  assert.ok(s.agreement <= 25, String(s.agreement));
  assert.doesNotMatch(s.page, /<b>100%<\/b>/);
  assert.match(s.page, /Full agreement: findings matched with no side, site, size, assertion or impression discrepancy/);
});

test('the same report on both sides: 100% full agreement, no discrepancy', () => {
  const s = scorecard(report('left'), report('left'));
  assert.equal(s.status, 0);
  assert.equal(s.major, 0);
  assert.equal(s.agreement, 100);
});
