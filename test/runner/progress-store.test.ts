import { copyFile, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { courseKey, lessonProgress, lessonStatus, loadProgress, reachStep, resetProgress, resumeStep, updateLessonProgress } from '../../src/runner/progress-store.js';
import { progressFile } from '../../src/runner/state-dir.js';

const fixtures = path.resolve('test/fixtures/runner/progress');
let home: string;
const saved = process.env.NETLESSONS_HOME;

beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'nl-progress-'));
  process.env.NETLESSONS_HOME = home;
});
afterEach(() => {
  process.env.NETLESSONS_HOME = saved;
});

describe('progress store', () => {
  it('lives under NETLESSONS_HOME and starts empty when there is no file', async () => {
    expect(progressFile()).toBe(path.join(home, 'progress.json'));
    expect(await loadProgress()).toEqual({ version: 1, courses: {} });
  });

  it('records steps, attempts, hints and solutions per lesson and reads them back', async () => {
    await updateLessonProgress('bundled', 'veth', (lp) => {
      lp.currentStep = 2;
      lp.steps['1'] = { attempts: 3, hintsUsed: 1, solutionApplied: false, completedAt: '2026-01-01T00:00:00.000Z' };
    });
    const file = JSON.parse(await readFile(progressFile(), 'utf8'));
    expect(file.version).toBe(1);
    const lp = lessonProgress(await loadProgress(), 'bundled', 'veth')!;
    expect(lp.currentStep).toBe(2);
    expect(lp.steps['1']).toMatchObject({ attempts: 3, hintsUsed: 1, completedAt: '2026-01-01T00:00:00.000Z' });
    expect(lessonStatus(lp)).toEqual({ state: 'in-progress', step: 2 });
  });

  it('resumes after a step whose check passed, and never moves the recorded step back', () => {
    const lp = { currentStep: 3, startedAt: 'x', updatedAt: 'x', steps: { '3': { attempts: 1, hintsUsed: 0, solutionApplied: false } } };
    expect(resumeStep(lp)).toBe(3);
    expect(lessonStatus(lp)).toEqual({ state: 'in-progress', step: 3 });
    lp.steps['3'] = { ...lp.steps['3'], completedAt: '2026-01-01T00:00:00.000Z' } as (typeof lp.steps)['3'];
    expect(resumeStep(lp)).toBe(4);
    expect(lessonStatus(lp)).toEqual({ state: 'in-progress', step: 4 });
    reachStep(lp, 1, 5);
    expect(lp.currentStep).toBe(3);
    reachStep(lp, 9, 5);
    expect(lp.currentStep).toBe(5);
  });

  it('keeps a teacher course apart from the bundled one', async () => {
    await updateLessonProgress(courseKey('/srv/class'), 'veth', (lp) => (lp.finishedAt = 'x'));
    const p = await loadProgress();
    expect(lessonProgress(p, '/srv/class', 'veth')?.finishedAt).toBe('x');
    expect(lessonProgress(p, 'bundled', 'veth')).toBeUndefined();
    expect(courseKey(path.resolve('lessons'))).toBe('bundled');
    expect(courseKey('test/fixtures/runner/course-with-id')).toBe('course:night-class');
    expect(courseKey('test/fixtures/runner/course')).toBe(path.resolve('test/fixtures/runner/course'));
  });

  for (const [fixture, why] of [
    ['truncated.json', 'not valid JSON'],
    ['wrong-shape.json', 'expected shape'],
    ['future-version.json', 'newer netlessons'],
  ] as const) {
    it(`moves an unreadable file aside with a message (${fixture})`, async () => {
      await copyFile(path.join(fixtures, fixture), progressFile());
      const warnings: string[] = [];
      expect(await loadProgress((m) => warnings.push(m))).toEqual({ version: 1, courses: {} });
      expect(warnings[0]).toContain(why);
      const names = await readdir(home);
      const aside = names.find((n) => n.startsWith('progress.json.corrupt-'));
      expect(aside).toBeDefined();
      expect(await readFile(path.join(home, aside!), 'utf8')).toBe(await readFile(path.join(fixtures, fixture), 'utf8'));
      expect(warnings[0]).toContain(aside);
    });
  }

  it('forgets one lesson or a whole course on reset', async () => {
    await updateLessonProgress('bundled', 'a', () => {});
    await updateLessonProgress('bundled', 'b', () => {});
    await updateLessonProgress('other', 'a', () => {});
    expect(await resetProgress('bundled', 'a')).toBe(1);
    expect(lessonProgress(await loadProgress(), 'bundled', 'b')).toBeDefined();
    expect(await resetProgress('bundled')).toBe(1);
    const p = await loadProgress();
    expect(p.courses.bundled).toBeUndefined();
    expect(lessonProgress(p, 'other', 'a')).toBeDefined();
  });
});
