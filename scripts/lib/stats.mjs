import { performance } from 'node:perf_hooks';

// Latency summaries for the benchmarks: nearest-rank quantiles over a sample of milliseconds.
export const ms = (x) => `${x.toFixed(3)} ms`;

export function quantile(samples, q) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export function summary(samples) {
  return {
    p50: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
    p99: quantile(samples, 0.99),
    max: Math.max(...samples),
    n: samples.length,
  };
}

/** Runs fn once: its value, wall time and CPU time (user + system) in ms. CPU beside wall: on a shared machine
 * the wall clock also counts the other processes' turns. */
export function timed(fn) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = fn();
  const c = process.cpuUsage(c0);
  return { value, ms: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

export const formatSummary = (s) => `p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`;
