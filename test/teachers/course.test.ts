/**
 * A teacher's course folder with a course.yaml: read and validated, its order and id applied by the
 * loader, a too-new course refused, and the whole detached flow run on it through the CLI.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCourseVersion, CourseVersionError, orderByCourse, readCourseFile } from '../../src/lessons/course.js';
import { loadLessonFolder } from '../../src/lessons/load-lessons.js';
import { LessonError } from '../../src/errors.js';
import { netlessons, ROOT } from './run-cli.js';

const fixtures = path.join(ROOT, 'test/fixtures/teachers');
const fixture = (name: string) => path.join(fixtures, name);

describe('course.yaml', () => {
  it('reads id, title, required version and lesson order', () => {
    expect(readCourseFile(fixture('course'))).toMatchObject({
      file: path.join(fixture('course'), 'course.yaml'),
      id: 'lab-101',
      title: 'Lab 101',
      netlessons: '>=0.1.0',
      lessons: ['lab-namespace', 'lab-link'],
    });
  });

  it('is optional', () => {
    expect(readCourseFile(path.join(ROOT, 'lessons'))).toBeUndefined();
  });

  it('locates an unknown key at its line', () => {
    let caught: unknown;
    try {
      readCourseFile(fixture('course-bad-yaml'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LessonError);
    expect(caught).toMatchObject({ line: 3, col: 1, message: expect.stringContaining('"lesons"'), hint: expect.stringContaining('lessons') });
  });

  it('accepts this version, refuses a newer requirement with both versions named', () => {
    const course = { file: '/c/course.yaml', title: 'Lab', lessonPositions: [], lessonsAt: { line: 1, col: 1 } };
    expect(() => checkCourseVersion({ ...course, netlessons: '>=0.1.0' }, '0.1.0')).not.toThrow();
    expect(() => checkCourseVersion({ ...course, netlessons: '0.1.0' }, '0.2.3')).not.toThrow();
    expect(() => checkCourseVersion({ ...course, netlessons: '0.2.0' }, '0.1.0')).toThrow(CourseVersionError);
    expect(() => checkCourseVersion({ ...course, netlessons: '^1.0.0' }, '0.9.0')).toThrow('The course "Lab" needs netlessons ^1.0.0; this is netlessons 0.9.0.');
  });

  it('orders lessons as listed and flags a listed id with no lesson at its line', async () => {
    const folder = await loadLessonFolder(fixture('course-unknown-lesson'));
    expect(folder.lessons.map((l) => l.id)).toEqual(['lab-namespace']);
    expect(folder.problems).toContainEqual(expect.objectContaining({ line: 4, col: 5, severity: 'error', reason: expect.stringContaining('`no-such-lesson`') }));
    expect(folder.problems).toContainEqual(expect.objectContaining({ severity: 'warning', reason: expect.stringContaining('`lab-link` (01-lab-link.md) is not in `lessons`') }));
    expect(orderByCourse(folder.lessons, undefined).lessons).toBe(folder.lessons);
  });
});

describe('a course folder through the CLI', () => {
  let home: string;
  let course: string;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'nl-course-home-'));
    course = await mkdtemp(path.join(tmpdir(), 'nl-course-'));
    await cp(fixture('course'), course, { recursive: true });
  });

  afterAll(async () => {
    // Whatever a failed test left: its sandbox goes with its session.
    await netlessons(['stop'], { home });
    await rm(home, { recursive: true, force: true });
    await rm(course, { recursive: true, force: true });
  });

  it('lists the lessons in course.yaml order, from --lessons or NETLESSONS_LESSONS', async () => {
    const byFlag = await netlessons(['list', '--json', '--lessons', course], { home });
    expect(byFlag.exitCode, byFlag.stderr).toBe(0);
    expect((JSON.parse(byFlag.stdout) as { id: string }[]).map((l) => l.id)).toEqual(['lab-namespace', 'lab-link']);
    const byEnv = await netlessons(['list', '--json'], { home, env: { NETLESSONS_LESSONS: course } });
    expect(JSON.parse(byEnv.stdout)).toEqual(JSON.parse(byFlag.stdout));
  });

  it('refuses a course that needs a newer netlessons, saying which and how to update', async () => {
    for (const args of [['list'], ['start', 'lab-namespace', '--detach']]) {
      const r = await netlessons([...args, '--lessons', fixture('course-too-new')], { home });
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('error: The course "Networking from the future" needs netlessons >=99.0.0; this is netlessons 0.1.0.');
      expect(r.stderr).toContain('hint: Update it (`npm install -g netlessons@latest`');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('runs a lesson detached: start, check fails, solution, check passes, progress under the course id, stop', { timeout: 180_000 }, async () => {
    const started = await netlessons(['start', 'lab-namespace', '--detach', '--json', '--lessons', course], { home });
    expect(started.exitCode, started.stderr).toBe(0);
    const { session } = JSON.parse(started.stdout) as { session: string };

    const before = await netlessons(['check', '--json'], { home });
    expect(before.exitCode).toBe(1);
    expect(JSON.parse(before.stdout)).toMatchObject({ passed: false, step: 1, assertions: [{ kind: 'netns', target: 'lab', ok: false }] });

    expect((await netlessons(['solution', '--apply'], { home })).exitCode).toBe(0);
    const after = await netlessons(['check', '--json'], { home });
    expect(after.exitCode, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ passed: true, step: 1 });

    const progress = JSON.parse(await readFile(path.join(home, 'progress.json'), 'utf8')) as { courses: Record<string, { lessons: Record<string, unknown> }> };
    expect(Object.keys(progress.courses)).toEqual(['course:lab-101']);
    expect(progress.courses['course:lab-101']!.lessons['lab-namespace']).toMatchObject({ steps: { '1': { solutionApplied: true, completedAt: expect.any(String) } } });

    const stopped = await netlessons(['stop', '--json'], { home });
    expect(JSON.parse(stopped.stdout)).toEqual({ stopped: session });
    expect((await netlessons(['check'], { home })).stderr).toContain('No netlessons session is running.');
  });
});
