/**
 * The benchmark stays manual (`npm run bench`), but its script must keep running: `bench/run.mjs --quick`
 * end to end, results written to a temp file (never over bench/results.json). Figures are only
 * sanity-checked with generous bounds: the machine is shared and timings here mean little; the real
 * figures come from a full run (README, Performance).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'netlessons-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Summary {
  runs: number;
  median: number;
  min: number;
  max: number;
}

describe('bench/run.mjs --quick', () => {
  it('runs every benchmark script and writes each one’s figures with its floor', async () => {
    const out = path.join(dir, 'results.json');
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [path.join(ROOT, 'bench/run.mjs'), '--quick', '--out', out], { cwd: ROOT, env: { ...process.env, NETLESSONS_HOME: dir }, maxBuffer: 64 * 1024 * 1024, timeout: 1_500_000 }, (err, so, se) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout: so, stderr: se }),
      ),
    );
    const results = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown> & { scripts: Record<string, string>; quick: boolean };
    expect(results.quick).toBe(true);
    const failed = Object.entries(results.scripts).filter(([, s]) => s !== 'missing' && !s.startsWith('ok'));
    expect(failed, stderr.slice(-3000)).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toContain('Summary');

    const isSummary = (s: unknown): s is Summary => typeof s === 'object' && s !== null && (s as Summary).median > 0 && (s as Summary).min <= (s as Summary).max;
    const cold = results.coldStart as { floor: Summary; help: Summary; list: Summary; helpRatio: number; listRatio: number };
    expect(isSummary(cold.floor) && isSummary(cold.help) && isSummary(cold.list)).toBe(true);
    // A CLI start cannot beat starting node at all; 50× would mean eager imports gone wild.
    expect(cold.helpRatio).toBeGreaterThan(0.8);
    expect(cold.helpRatio).toBeLessThan(50);
    const verify = results.verifyJobs as { jobs1: Summary; jobsN: Summary; speedup: number };
    expect(isSummary(verify.jobs1) && isSummary(verify.jobsN)).toBe(true);
    // More sandboxes at a time must not make verify much slower, whatever the load.
    expect(verify.speedup).toBeGreaterThan(0.5);
    for (const key of ['sandboxReady', 'checkLatency', 'runnerFlow', 'vagrantExec']) {
      if (results.scripts[`${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.mjs`] === 'missing') continue;
      expect(results[key], `${key} in results`).toBeTypeOf('object');
    }
  }, 1_800_000);
});
