/**
 * A course: the lessons of one folder (the bundled `lessons/`, or a teacher's), in order, with the key
 * progress is stored under. The only place the runner reaches into lesson loading.
 */
import path from 'node:path';
import { LessonError, NetlessonsError, NotFoundError } from '../errors.js';
import { loadLessonFolder, noSuchLesson, readLessonFile } from '../lessons/load-lessons.js';
import type { Lesson } from '../lessons/model.js';
import { PACKAGE_ROOT } from '../paths.js';
import { courseKey } from './progress-store.js';

export interface Course {
  /** Absolute path of the lessons folder. */
  dir: string;
  /** Progress key: see courseKey(). */
  key: string;
  lessons: Lesson[];
}

export const BUNDLED_LESSONS = path.join(PACKAGE_ROOT, 'lessons');

export async function loadCourse(lessonsDir?: string): Promise<Course> {
  const dir = path.resolve(lessonsDir ?? BUNDLED_LESSONS);
  const folder = await loadLessonFolder(dir);
  const err = folder.problems.find((p) => p.severity === 'error');
  // A broken file must not lock a learner out of the good ones; with nothing usable, say what is wrong.
  if (folder.lessons.length === 0) {
    if (err) throw new LessonError(err.file, err.line, err.col, err.reason, `Run \`netlessons lint ${dir}\` to see every problem.`);
    throw new NotFoundError(`No lessons in ${dir}.`, { hint: 'Point `--lessons` at a folder of lesson Markdown files, or leave it out for the bundled course.' });
  }
  // The loader's order is the course's (course.yaml `lessons:`, else `order`).
  return { dir, key: courseKey(dir), lessons: folder.lessons };
}

/** Just one lesson file, for commands acting on a running session (parsing the whole course costs more than the check). */
export async function loadLessonFile(file: string): Promise<Lesson> {
  const parsed = await readLessonFile(file);
  const err = parsed.problems.find((p) => p.severity === 'error');
  if (err || !parsed.lesson) {
    throw new LessonError(err?.file ?? file, err?.line ?? 1, err?.col ?? 1, err?.reason ?? 'the lesson could not be read', 'The lesson changed since the session started; fix it, or `netlessons stop` and start again.');
  }
  return parsed.lesson;
}

/** A lesson by id, by its order number, or by file path. */
export function findLesson(course: Course, name: string): Lesson {
  const abs = path.resolve(name);
  const found =
    course.lessons.find((l) => l.id === name) ??
    course.lessons.find((l) => l.file === abs) ??
    (/^\d+$/.test(name) ? course.lessons.find((l) => l.order === Number(name)) : undefined) ??
    uniquePrefix(course, name);
  if (!found) {
    throw noSuchLesson(name, course.dir, course.lessons.map((l) => l.id));
  }
  return found;
}

/** A lesson whose id starts with `name`, if only one does; several is an error naming them. */
function uniquePrefix(course: Course, name: string): Lesson | undefined {
  const matches = course.lessons.filter((l) => l.id.startsWith(name));
  if (matches.length > 1) {
    throw new NotFoundError(`\`${name}\` could be any of ${matches.length} lessons: ${matches.map((l) => l.id).join(', ')}.`, { hint: 'Type more of the id, or the lesson’s number.' });
  }
  return matches[0];
}

export function checkStepNumber(lesson: Lesson, step: number): void {
  if (!Number.isInteger(step) || step < 1 || step > lesson.steps.length) {
    throw new NetlessonsError(`Lesson ${lesson.id} has steps 1 to ${lesson.steps.length}; there is no step ${step}.`, { hint: 'Pass `--step N` with N in that range.', exitCode: 2 });
  }
}
