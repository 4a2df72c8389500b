/**
 * Lesson fuzzing: the real lessons, damaged in ≥ 1000 seeded ways (test/reliability/lesson-mutations.ts),
 * through lint. In-process (lintPaths) for every case, the built CLI for a sample (exit codes and output
 * shape). Seed: NL_FUZZ_SEED; case count: NL_FUZZ_CASES.
 *
 * "Never hangs (> 2 s)" is judged on the CPU time lint spends on a case, not its wall time: the machine
 * is shared and a loaded scheduler stretches wall time, while a parser stuck in a loop burns CPU. A wall
 * bound (10 s in-process, 20 s for the CLI, whose node start alone takes seconds under load) still
 * catches a lint that waits forever.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, lintPaths } from '../../src/lessons/lint.js';
import { mutateLesson } from './lesson-mutations.js';
import { seedFrom, seededRng } from './seeded.js';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli/main.js');
const LESSONS = path.join(ROOT, 'lessons');
const real = readdirSync(LESSONS)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .map((f) => ({ name: f, text: readFileSync(path.join(LESSONS, f), 'utf8') }));

const SEED = seedFrom('NL_FUZZ_SEED', 'lesson fuzz');
const CASES = Number(process.env.NL_FUZZ_CASES ?? 1000);
const CLI_SAMPLE = Number(process.env.NL_FUZZ_CLI_CASES ?? 24);
const work = mkdtempSync(path.join(os.tmpdir(), 'netlessons-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `file:line:col: error|warning: reason`, reason on one line. */
const PROBLEM_LINE = /^.+:\d+:\d+: (error|warning): \S.*$/;

interface Case {
  index: number;
  applied: string[];
  dir: string;
  file: string;
}

/** Case i: a mutated lesson, sometimes beside an intact neighbour (so cross-lesson checks run too). */
function makeCase(index: number): Case {
  const rng = seededRng((SEED ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const base = rng.pick(real);
  const { applied, content } = mutateLesson(base.text, rng);
  const dir = path.join(work, `case-${index}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, base.name);
  writeFileSync(file, content);
  if (rng.chance(0.3)) {
    const other = rng.pick(real);
    if (other.name !== base.name) writeFileSync(path.join(dir, other.name), other.text);
  }
  return { index, applied, dir, file };
}

describe('lint on damaged lessons', () => {
  it(`never throws, never spins, and locates every problem, over ${CASES} seeded mutations`, async () => {
    const slowest = { cpuMs: 0, index: -1 };
    const failures: string[] = [];
    let withErrors = 0;
    for (let i = 0; i < CASES; i++) {
      const c = makeCase(i);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      try {
        const report = await lintPaths([c.file]);
        const cpu = process.cpuUsage(cpu0);
        const cpuMs = (cpu.user + cpu.system) / 1000;
        const wallMs = performance.now() - t0;
        if (cpuMs > slowest.cpuMs) Object.assign(slowest, { cpuMs, index: i });
        if (cpuMs > 2000 || wallMs > 10_000) failures.push(`case ${i} (${c.applied.join('+')}): ${Math.round(cpuMs)} ms CPU, ${Math.round(wallMs)} ms wall`);
        if (!report.ok) withErrors++;
        if (!report.ok && !report.problems.some((p) => p.severity === 'error')) failures.push(`case ${i}: not ok but no error named`);
        for (const p of report.problems) {
          const line = formatProblem(p);
          if (!(Number.isInteger(p.line) && p.line >= 1 && Number.isInteger(p.col) && p.col >= 1) || !PROBLEM_LINE.test(line)) {
            failures.push(`case ${i} (${c.applied.join('+')}): badly located problem: ${JSON.stringify(line.slice(0, 300))}`);
          }
        }
      } catch (err) {
        failures.push(`case ${i} (${c.applied.join('+')}): lint threw ${(err as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
      }
      rmSync(c.dir, { recursive: true, force: true });
    }
    console.log(`[lesson fuzz] ${CASES} cases, ${withErrors} with errors, most CPU: ${Math.round(slowest.cpuMs)} ms (case ${slowest.index})`);
    expect(failures.slice(0, 20)).toEqual([]);
    // The mutations are meant to break things: nearly every case should be refused.
    expect(withErrors).toBeGreaterThan(CASES / 2);
  }, 600_000);

  it(`the CLI exits 0 or 1 with file:line:col messages and no stack trace, for a sample of ${CLI_SAMPLE} cases`, async () => {
    const rng = seededRng(SEED);
    const picks = Array.from({ length: CLI_SAMPLE }, () => rng.int(0, CASES - 1));
    const failures: string[] = [];
    const exitCodes = new Set<number>();
    // Two at a time: the CLI start dominates, and the machine has two cores.
    const queue = [...picks];
    await Promise.all(
      [0, 1].map(async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          const c = makeCase(i);
          const r = await runLint(c.file);
          exitCodes.add(r.code ?? -1);
          const what = `case ${i} (${c.applied.join('+')})`;
          if (r.timedOut) failures.push(`${what}: still running after 20 s`);
          else if (r.code !== 0 && r.code !== 1) failures.push(`${what}: exit ${r.code}: ${r.stderr.slice(0, 300)}`);
          if (/^\s+at /m.test(r.stderr)) failures.push(`${what}: stack trace on stderr`);
          const bad = r.stdout.split('\n').filter((l) => l && !PROBLEM_LINE.test(l));
          if (bad.length) failures.push(`${what}: unlocated output ${JSON.stringify(bad[0]!.slice(0, 200))}`);
          if (r.code === 1 && !/: error: /.test(r.stdout)) failures.push(`${what}: exit 1 without an error line`);
          rmSync(c.dir, { recursive: true, force: true });
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(exitCodes.has(1)).toBe(true);
  }, 600_000);
});

function runLint(file: string): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'lint', file], { timeout: 20_000, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr, timedOut: Boolean(e?.killed) });
    });
  });
}
