// npm run demo (after the build): the two commands a new user tries first, over examples/, each under
// a heading. `radlint check` exits 1 when it finds a warning, which is the point of the demo, not a failure.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const steps = [
  ['check', 'the problems a careful reader would query (path:line:column severity rule message)'],
  ['findings', 'what the engine understood: patient, exam, and each finding with its assertion, side and size'],
];
// `npm run demo | head`: a reader that stops early is not an error.
process.stdout.on('error', (error) => process.exit(error.code === 'EPIPE' ? 0 : 1));
let failed = false;
for (const [command, what] of steps) {
  process.stdout.write(`\n== radlint ${command} examples/: ${what}\n\n`);
  const { status } = spawnSync(process.execPath, [path.join(root, 'bin/radlint.js'), command, 'examples/'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (status !== 0 && !(command === 'check' && status === 1)) failed = true;
}
process.exitCode = failed ? 1 : 0;
