// Whole-curriculum `netlessons verify` wall time, one sandbox at a time (--jobs 1, the floor) against
// --jobs N (N = available parallelism, at least 2). Each verify of the course takes minutes, so the full
// bench takes one run of each (BENCH_VERIFY_RUNS raises it); --quick verifies one short lesson once.
// Runs the built CLI (dist/), each in a fresh NETLESSONS_HOME; the runs alternate so load drifts hit both.
// Usage: node bench/verify-jobs.mjs [--quick] [--json]
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fmt, quick, report, round, summary } from './lib.mjs';

const run = promisify(execFile);
const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'main.js');
const n = Math.max(2, os.availableParallelism());
const runs = Number(process.env.BENCH_VERIFY_RUNS ?? 1);
// Quick (CI): one short lesson; its proof jobs (before/after, wrong blocks, replay) still fill the pool.
const lessons = quick ? ['loopback-and-counters'] : [];
const say = (line) => process.stderr.write(`${line}\n`);

async function verify(jobs) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'netlessons-bench-verify-'));
  try {
    const t0 = performance.now();
    // Exit 1 (a lesson failed, e.g. a replay timing out under load) still took its time: it is reported, not thrown.
    const { stdout } = await run(process.execPath, [cli, 'verify', ...lessons, '--jobs', String(jobs), '--json'], {
      env: { ...process.env, NETLESSONS_HOME: home, NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((err) => {
      if (err.code === 1 && err.stdout) return { stdout: err.stdout };
      throw err;
    });
    const ms = performance.now() - t0;
    const out = JSON.parse(stdout);
    const notPassed = out.lessons.filter((l) => l.outcome !== 'passed').map((l) => l.id);
    return { ms, count: out.lessons.length, sandboxes: out.lessons.reduce((a, l) => a + (l.sandboxes ?? 0), 0), notPassed };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const one = [];
const many = [];
const notPassed = new Set();
let info;
for (let i = 0; i < runs; i++) {
  say(`verify ${quick ? lessons.join(' ') : 'the whole curriculum'}: --jobs 1 (run ${i + 1}/${runs})…`);
  info = await verify(1);
  one.push(info.ms);
  info.notPassed.forEach((id) => notPassed.add(`${id} (--jobs 1)`));
  say(`  ${round(info.ms / 1000)} s; --jobs ${n}…`);
  const r = await verify(n);
  many.push(r.ms);
  r.notPassed.forEach((id) => notPassed.add(`${id} (--jobs ${n})`));
  say(`  ${round(r.ms / 1000)} s`);
}
const jobs1 = summary(one);
const jobsN = summary(many);
const speedup = Math.round((jobs1.median / jobsN.median) * 100) / 100;
report(
  `verify wall time, ${info.count} lesson(s), ${info.sandboxes} sandboxes per run, ${runs} run(s) each (floor: --jobs 1)`,
  [
    ['jobs', 'median (min–max)', 'speed-up'],
    ['--jobs 1', fmt(jobs1), '1.00'],
    [`--jobs ${n}`, fmt(jobsN), speedup.toFixed(2)],
  ],
  { verifyJobs: { lessons: info.count, sandboxes: info.sandboxes, jobs: n, jobs1, jobsN, speedup, notPassed: [...notPassed] } },
);
if (notPassed.size) say(`not passed (their time still counts): ${[...notPassed].join(', ')}`);
