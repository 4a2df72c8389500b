import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LessonError, NotFoundError } from '../../src/errors.js';
import { BUNDLED_LESSONS_DIR, lessonsDir, loadLessonFolder, loadLessons, resolveLesson } from '../../src/lessons/load-lessons.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'lessons');
const GOOD = path.join(FIXTURES, 'good');
const PROBLEMS = path.join(FIXTURES, 'folder-problems');

describe('loadLessonFolder', () => {
  it('loads every lesson sorted by order then id, and skips README.md', async () => {
    const folder = await loadLessonFolder(GOOD);
    expect(folder.lessons.map((l) => [l.order, l.id])).toEqual([
      [5, 'second'],
      [10, 'first'],
    ]);
    expect(folder.files.map((f) => path.basename(f.file))).toEqual(['10-first.md', '20-second.md']);
    expect(folder.problems).toEqual([]);
  });

  it('reports a duplicate id in both files, at the id', async () => {
    const { problems } = await loadLessonFolder(PROBLEMS);
    const dup = problems.filter((p) => p.reason.startsWith('duplicate lesson id'));
    expect(dup).toEqual([
      { file: path.join(PROBLEMS, 'a.md'), line: 2, col: 5, severity: 'error', reason: 'duplicate lesson id `dup`: also used by b.md' },
      { file: path.join(PROBLEMS, 'b.md'), line: 2, col: 5, severity: 'error', reason: 'duplicate lesson id `dup`: also used by a.md' },
    ]);
  });

  it('reports a `requires` naming an unknown lesson at that list item', async () => {
    const { problems } = await loadLessonFolder(PROBLEMS);
    const c = problems.filter((p) => p.file.endsWith('c.md'));
    expect(c).toEqual([expect.objectContaining({ line: 8, col: 5, reason: expect.stringMatching(/^`requires` names `missing-lesson`, which is no lesson in this folder/) })]);
  });

  it('reports a `requires` cycle in each lesson of the cycle', async () => {
    const { problems } = await loadLessonFolder(PROBLEMS);
    expect(problems.filter((p) => /goes in a circle/.test(p.reason)).map((p) => [path.basename(p.file), p.line, p.col, p.reason])).toEqual([
      ['f.md', 6, 12, '`requires` goes in a circle: chicken → egg → chicken'],
      ['g.md', 6, 12, '`requires` goes in a circle: egg → chicken → egg'],
    ]);
  });

  it('still loads the good lesson among broken neighbours', async () => {
    const folder = await loadLessonFolder(PROBLEMS);
    expect(folder.lessons.map((l) => l.id)).toEqual(['good']);
    expect(folder.files).toHaveLength(7);
    expect(folder.problems.filter((p) => p.file.endsWith('e.md'))).toEqual([expect.objectContaining({ line: 1, col: 1, reason: expect.stringMatching(/^missing front matter/) })]);
  });

  it('names a missing folder in a NotFoundError', async () => {
    await expect(loadLessonFolder(path.join(FIXTURES, 'no-such-folder'))).rejects.toThrow(NotFoundError);
    await expect(loadLessonFolder(path.join(FIXTURES, 'no-such-folder'))).rejects.toThrow(/no-such-folder/);
  });

  it('loadLessons returns the valid lessons alone, for the runner', async () => {
    expect((await loadLessons(GOOD)).map((l) => l.id)).toEqual(['second', 'first']);
  });
});

describe('lessonsDir', () => {
  afterEach(() => {
    delete process.env.NETLESSONS_LESSONS;
  });

  it('defaults to the lessons/ folder of the package itself', () => {
    expect(BUNDLED_LESSONS_DIR).toBe(path.join(ROOT, 'lessons'));
    expect(lessonsDir()).toBe(BUNDLED_LESSONS_DIR);
  });

  it('prefers --lessons, then NETLESSONS_LESSONS', () => {
    process.env.NETLESSONS_LESSONS = GOOD;
    expect(lessonsDir()).toBe(GOOD);
    expect(lessonsDir(PROBLEMS)).toBe(PROBLEMS);
  });
});

describe('resolveLesson', () => {
  const opts = { lessons: GOOD };

  it('finds a lesson by id, by file name, by order number and by a unique id prefix', async () => {
    expect((await resolveLesson('first', opts)).id).toBe('first');
    expect((await resolveLesson('20-second', opts)).id).toBe('second');
    expect((await resolveLesson('5', opts)).id).toBe('second');
    expect((await resolveLesson('fir', opts)).id).toBe('first');
  });

  it('reads a lesson file given by path, wherever it is', async () => {
    const lesson = await resolveLesson(path.join(FIXTURES, 'warnings', 'only-warnings.md'), opts);
    expect(lesson.id).toBe('only-warnings');
  });

  it('reads a folder holding exactly one lesson', async () => {
    expect((await resolveLesson(path.join(FIXTURES, 'single'), opts)).id).toBe('single');
  });

  it('refuses a folder of several lessons, naming them', async () => {
    await expect(resolveLesson(GOOD, opts)).rejects.toThrow(NotFoundError);
    await expect(resolveLesson(GOOD, opts)).rejects.toMatchObject({ hint: expect.stringMatching(/10-first\.md.*20-second\.md/) });
  });

  it('lists the lessons when the id matches none', async () => {
    const err = await resolveLesson('nope', opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ message: expect.stringMatching(/No lesson `nope`/), hint: 'Lessons: first, second.' });
  });

  it('names a missing file path', async () => {
    await expect(resolveLesson('lessons/nope.md', opts)).rejects.toThrow(/No lesson file or folder at lessons\/nope\.md/);
  });

  it('throws a located LessonError for a broken lesson', async () => {
    const err = await resolveLesson(path.join(FIXTURES, 'broken', 'unknown-option.md'), opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LessonError);
    expect(err).toMatchObject({ line: 13, col: 3, message: expect.stringMatching(/unknown-option\.md:13:3: unknown option `colour`/) });
  });
});
