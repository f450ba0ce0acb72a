// Preloaded (node -r) by scripts/bench.mjs: the whole process's cpu, written at exit.
process.on('exit', () => {
  const u = process.cpuUsage();
  process.stderr.write(`\nbench-cpu-ms ${(u.user + u.system) / 1000}\n`);
});
