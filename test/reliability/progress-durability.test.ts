/**
 * Progress durability: a writer process (test/fixtures/reliability/progress-writer.mjs, the runner's
 * updateLessonProgress from dist/) is SIGKILLed at seeded random moments while it writes; after every
 * kill the progress file must parse, have the store's shape, and keep every step the writer had
 * reported as written. Seed: NL_PROGRESS_SEED.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedFrom, seededRng } from './seeded.js';

const WRITER = path.resolve(__dirname, '../fixtures/reliability/progress-writer.mjs');
const SEED = seedFrom('NL_PROGRESS_SEED', 'progress durability');
const home = mkdtempSync(path.join(os.tmpdir(), 'netlessons-progress-kill-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/**
 * Run the writer from step `from`; SIGKILL it `afterMs` after its `afterWrites`-th write (counted, not
 * timed from its start: node's start-up time varies too much under load to aim at). Resolves the steps
 * it reported done.
 */
function writeAndKill(from: number, count: number, afterWrites: number, afterMs: number): Promise<{ done: number[]; warnings: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, String(from), String(count)], { env: { ...process.env, NETLESSONS_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    const done: number[] = [];
    let warnings = '';
    let buf = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      for (const p of parts) if (p.startsWith('done ')) done.push(Number(p.slice(5)));
      if (done.length >= afterWrites) timer ??= setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.stderr.on('data', (d: Buffer) => (warnings += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ done, warnings });
    });
  });
}

describe('progress store under SIGKILL', () => {
  it('keeps a parseable file with every completed step through 200 writes killed at random moments', async () => {
    const rng = seededRng(SEED);
    const file = path.join(home, 'progress.json');
    const reported: number[] = [];
    let next = 1;
    let kills = 0;
    while (next <= 200) {
      const { done, warnings } = await writeAndKill(next, 200 - next + 1, rng.int(1, 25), rng.int(0, 5));
      expect(warnings, 'the store never found the file unreadable').toBe('');
      reported.push(...done);
      kills++;
      const text = readFileSync(file, 'utf8');
      const progress = JSON.parse(text) as { version: number; courses: Record<string, { lessons: Record<string, { steps: Record<string, unknown>; currentStep: number }> }> };
      expect(progress.version).toBe(1);
      const lesson = progress.courses['kill-test']!.lessons['durability']!;
      const kept = Object.keys(lesson.steps).map(Number);
      for (const step of reported) expect(kept, `step ${step} was reported written`).toContain(step);
      // A write may land just before the kill without its `done` line: one step ahead at most.
      next = Math.max(...kept) + 1;
      expect(next - 1 - Math.max(0, ...reported)).toBeLessThanOrEqual(1);
    }
    expect(readdirSync(home).filter((f) => f.includes('corrupt'))).toEqual([]);
    console.log(`[progress durability] 200 writes over ${kills} runs, ${kills - 1} SIGKILLs`);
    expect(kills).toBeGreaterThan(5);
  }, 300_000);

  it('sweeps the temporary files killed writes leave behind, but not one a live writer may be using', async () => {
    const temp = (f: string) => /^progress\.json\.\d+$/.test(f);
    const hour = Date.now() / 1000 - 3600;
    // What the kills above left (if any) plus one certain leftover, all an hour old; and one fresh file.
    for (const f of readdirSync(home).filter(temp)) utimesSync(path.join(home, f), hour, hour);
    writeFileSync(path.join(home, 'progress.json.123456'), '{"half": ');
    utimesSync(path.join(home, 'progress.json.123456'), hour, hour);
    writeFileSync(path.join(home, 'progress.json.654321'), '{"in flight": ');
    process.env.NETLESSONS_HOME = home;
    const { loadProgress, saveProgress } = await import('../../src/runner/progress-store.js');
    await saveProgress(await loadProgress());
    expect(readdirSync(home).filter(temp)).toEqual(['progress.json.654321']);
  });
});
