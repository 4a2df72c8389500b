import { describe, expect, it } from 'vitest';
import { BUNDLED_LESSONS_DIR, loadLessonFolder } from '../../src/lessons/load-lessons.js';

describe('the bundled course', () => {
  it('has no errors, so every lesson in lessons/ can be taught', async () => {
    const folder = await loadLessonFolder(BUNDLED_LESSONS_DIR);
    expect(folder.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(folder.lessons.length).toBe(folder.files.length);
  });

  it('opens with empty-namespace, which every step of gives a check, a hint, a solution and a wrong way', async () => {
    const { lessons } = await loadLessonFolder(BUNDLED_LESSONS_DIR);
    const first = lessons[0]!;
    expect(first).toMatchObject({ id: 'empty-namespace', order: 0, requires: [] });
    expect(first.steps.length).toBeGreaterThanOrEqual(4);
    expect(first.steps.length).toBeLessThanOrEqual(5);
    for (const step of first.steps) {
      expect(step.checks.length, step.title).toBeGreaterThan(0);
      expect(step.hints.length, step.title).toBeGreaterThan(0);
      expect(step.solution, step.title).toBeDefined();
      expect(step.wrong.length, step.title).toBeGreaterThan(0);
    }
  });

  it('backgrounds its servers detached, so a `bash -e` solution returns', async () => {
    const { lessons } = await loadLessonFolder(BUNDLED_LESSONS_DIR);
    const scripts = lessons[0]!.steps.flatMap((s) => [s.solution!, ...s.wrong]).map((s) => s.code);
    for (const line of scripts.flatMap((c) => c.split('\n')).filter((l) => /nc -l/.test(l))) {
      expect(line).toMatch(/nohup .*<\/dev\/null .*>.* 2>\/dev\/null &$/);
    }
  });
});
