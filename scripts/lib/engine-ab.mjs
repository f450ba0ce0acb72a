// IU warm checks per report, wall and CPU, for one or more builds of the engine side by side (a copy of
// out/ made before a change, and out/ after it), interleaved so that both see the same load. Keep the copy
// outside the worktree (lint reads every file in it), with node_modules linked beside it:
//   mkdir /tmp/ab && cp -r out /tmp/ab/base && ln -s "$PWD/node_modules" /tmp/ab/node_modules
//   node scripts/lib/engine-ab.mjs /tmp/ab/base out --runs=3 --rounds=4
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

if (process.env.ENGINE_AB_CHILD) {
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
