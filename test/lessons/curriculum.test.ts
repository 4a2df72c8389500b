/**
 * The bundled curriculum proves itself: `netlessons verify lessons/` through the built CLI, every lesson
 * in parallel (each check fails before its step and passes after its solution, every wrong block
 * leaves it failing, a second run agrees, and every ```console verify block prints what it claims).
 * Slow by nature: dozens of fresh sandboxes.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../src/runner/verify/index.js';
import { loadLessons } from '../../src/lessons/load-lessons.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lessonsDir = path.join(root, 'lessons');

describe('the curriculum', () => {
  it('has lessons 00 to 10, each with 3 to 7 steps, every step with a check, a hint and a solution', async () => {
    const lessons = await loadLessons(lessonsDir);
    expect(lessons.map((l) => l.order)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const l of lessons) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(3);
      expect(l.steps.length, l.id).toBeLessThanOrEqual(7);
      for (const s of l.steps) {
        expect(s.checks.length, `${l.id} step ${s.index}`).toBeGreaterThan(0);
        expect(s.hints.length, `${l.id} step ${s.index}`).toBeGreaterThan(0);
        expect(s.solution, `${l.id} step ${s.index}`).toBeDefined();
      }
    }
  });

  it(
    'passes `netlessons verify lessons/` as a whole, in parallel',
    async () => {
      const r = await execa('node', [path.join(root, 'dist/cli/main.js'), 'verify', lessonsDir, '--json'], { reject: false, cwd: root, env: { NO_COLOR: '1' } });
      const report = JSON.parse(r.stdout) as VerifyReport;
      const failures = report.lessons.flatMap((l) => l.failures.map((f) => `${path.relative(root, f.file)}:${f.line}: ${f.message}`));
      expect(failures).toEqual([]);
      expect(report.lessons.map((l) => [l.id, l.outcome])).toEqual(report.lessons.map((l) => [l.id, 'passed']));
      expect(report.lessons).toHaveLength(11);
      expect(r.exitCode).toBe(0);
      process.stderr.write(`[curriculum] verify lessons/: ${report.seconds} s wall, ${report.jobs} at a time, ${report.lessons.reduce((n, l) => n + l.sandboxes, 0)} sandboxes\n`);
    },
    15 * 60_000,
  );
});
