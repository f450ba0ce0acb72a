// IU warm checks per report, wall and CPU, for one or more builds of the engine side by side (a copy of
// out/ made before a change, and out/ after it), interleaved so that both see the same load. Keep the copy
// outside the worktree (lint reads every file in it), with node_modules linked beside it:
//   mkdir /tmp/ab && cp -r out /tmp/ab/base && ln -s "$PWD/node_modules" /tmp/ab/node_modules
//   node scripts/lib/engine-ab.mjs /tmp/ab/base out --runs=3 --rounds=4
// With --interleaved, two builds run in one process, report by report (A B, then B A on the next report), and
// each pass prints B's cpu over A's: on a loaded machine the load changes from second to second, and separate
// processes saw ratios of 0.85-1.16 between runs of the same code, pairs of reports about 1.00-1.05.
// The build loaded first ran about 2% faster here (two copies of one build: 1.02), so run both orders and take
// the geometric mean of B/A and of the inverse of the second run's ratio.
//   node scripts/lib/engine-ab.mjs /tmp/ab/base out --interleaved --rounds=6
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { iuReports } from './corpus.mjs';
import { quantile, timed } from './stats.mjs';

const here = fileURLToPath(import.meta.url);
const flag = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const dirs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const rounds = flag('rounds', 4);

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

if (process.argv.includes('--interleaved')) {
  // Two copies of the engine side by side (each build's modules load from its own path, so nothing is shared).
  if (dirs.length !== 2 || path.resolve(dirs[0]) === path.resolve(dirs[1])) throw new Error('--interleaved compares two different builds');
  const require = createRequire(import.meta.url);
  const [a, b] = dirs.map((dir) => require(path.resolve(dir, 'server/engine.js')));
  await a.prepareRules();
  await b.prepareRules();
  const reports = iuReports({ requireBoth: false }).map((r) => r.text);
  for (let pass = 0; pass < 2; pass++)
    for (const text of reports) {
      void a.checkText(text).problems;
      void b.checkText(text).problems;
    }
  const cpu = [[], []];
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    const sums = [0, 0];
    reports.forEach((text, i) => {
      // Who goes first alternates: the second check of a text finds it in the processor's caches.
      for (const k of i % 2 ? [1, 0] : [0, 1]) {
        const t0 = cpuMs();
        void [a, b][k].checkText(text).problems;
        const t = cpuMs() - t0;
        cpu[k].push(t);
        sums[k] += t;
      }
    });
    ratios.push(sums[1] / sums[0]);
  }
  const at = (list, q) => quantile(list, q).toFixed(3);
  for (const [k, dir] of dirs.entries()) console.log(`${dir}: cpu p50 ${at(cpu[k], 0.5)} p99 ${at(cpu[k], 0.99)} ms per report`);
  const sum = (list) => list.reduce((x, y) => x + y, 0);
  console.log(
    `${dirs[1]} / ${dirs[0]}, cpu per pass: ${ratios.map((x) => x.toFixed(3)).join(' ')}; all passes ${(sum(cpu[1]) / sum(cpu[0])).toFixed(3)}`,
  );
} else if (process.env.ENGINE_AB_CHILD) {
  // One build in its own process: two warm-up passes, then `rounds` timed passes over the IU reports.
  const require = createRequire(import.meta.url);
  const { checkText, prepareRules } = require(path.resolve(dirs[0], 'server/engine.js'));
  await prepareRules();
  const reports = iuReports({ requireBoth: false }).map((r) => r.text);
  for (let pass = 0; pass < 2; pass++) for (const text of reports) void checkText(text).problems;
  const wall = [];
  const cpu = [];
  for (let r = 0; r < rounds; r++)
    for (const text of reports) {
      const t = timed(() => checkText(text).problems);
      wall.push(t.ms);
      cpu.push(t.cpu);
    }
  const at = (list, q) => quantile(list, q).toFixed(3);
  const mean = (list) => (list.reduce((a, b) => a + b, 0) / list.length).toFixed(3);
  console.log(`${dirs[0]}: wall p50 ${at(wall, 0.5)} p99 ${at(wall, 0.99)} ms | cpu p50 ${at(cpu, 0.5)} mean ${mean(cpu)} ms per report`);
} else {
  for (let run = 0; run < flag('runs', 3); run++)
    for (const dir of dirs)
      spawnSync(process.execPath, [here, dir, `--rounds=${rounds}`], { stdio: 'inherit', env: { ...process.env, ENGINE_AB_CHILD: '1' } });
}
