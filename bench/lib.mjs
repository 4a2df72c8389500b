// Shared by the benchmark scripts: timing, medians, and the one output format (table + JSON).
import { performance } from 'node:perf_hooks';

export const quick = process.argv.includes('--quick');
export const asJson = process.argv.includes('--json');

/** Run fn `runs` times (after one warm-up) and summarise wall times in ms. */
export async function measure(fn, runs = quick ? 3 : 10, { warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return summary(times);
}

export function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { runs: sorted.length, median: round(median), min: round(sorted[0]), max: round(sorted.at(-1)) };
}

export const round = (x) => Math.round(x * 10) / 10;
export const ratio = (a, b) => Math.round((a.median / b.median) * 100) / 100;

/**
 * Print rows as an aligned table. With --json the table goes to stderr and the result, as one JSON line,
 * is the last line on stdout: bench/run.mjs merges that line into bench/results.json.
 */
export function report(title, rows, result) {
  const out = asJson ? process.stderr : process.stdout;
  out.write(`\n${title}\n`);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const r of rows) out.write('  ' + r.map((c, i) => String(c).padEnd(widths[i])).join('  ') + '\n');
  if (asJson) process.stdout.write(JSON.stringify(result) + '\n');
}

export const fmt = (s) => `${s.median} ms (${s.min}–${s.max})`;
