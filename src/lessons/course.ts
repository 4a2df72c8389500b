/**
 * A teacher's course folder may hold a `course.yaml`: its id (the key progress is kept under, so a
 * moved or re-cloned folder keeps the learner's progress), a title, the lessons and their order, and
 * the netlessons version it needs (refused when this one is older, like rustlings' format_version).
 *
 *   id: net-101
 *   title: Networking 101, spring term
 *   netlessons: ">=0.2.0"
 *   lessons: [loopback-and-counters, bridges]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
// The three functions alone: semver's index loads all ~50 of its modules, on every `list`.
import satisfies from 'semver/functions/satisfies.js';
import valid from 'semver/functions/valid.js';
import validRange from 'semver/ranges/valid.js';
import { z } from 'zod';
import { LessonError, NetlessonsError } from '../errors.js';
import { LESSON_ID } from './front-matter.js';
import type { Lesson, LessonProblem } from './model.js';
import { offsetOf, parseYamlSnippet } from './yaml-source.js';

export const COURSE_FILE = 'course.yaml';

const require = createRequire(import.meta.url);
/** This netlessons' version (src/lessons and dist/lessons are both two levels below package.json). */
export const NETLESSONS_VERSION = (require('../../package.json') as { version: string }).version;

const COURSE = z.strictObject({
  id: z.string().regex(LESSON_ID, 'expected a kebab-case id, like net-101').optional(),
  title: z.string().trim().min(1).optional(),
  netlessons: z
    .union([z.string(), z.number()])
    .transform((v) => String(v))
    .refine((v) => validRange(v) !== null, 'expected a version or range, like ">=0.2.0"')
    .optional(),
  lessons: z.array(z.string().regex(LESSON_ID, 'expected a lesson id')).optional(),
});

export interface CourseInfo {
  /** Absolute path of the course.yaml. */
  file: string;
  id?: string;
  title?: string;
  /** The required netlessons version range, as written. */
  netlessons?: string;
  /** Lesson ids in course order; when given, the course is exactly these lessons. */
  lessons?: string[];
  /** Where each `lessons:` entry is, to point at an unknown id; `at` is the `lessons:` key itself. */
  lessonPositions: { line: number; col: number }[];
  lessonsAt: { line: number; col: number };
}

/** This netlessons is older than the course needs. */
export class CourseVersionError extends NetlessonsError {}

/** The folder's course.yaml, or undefined when it has none. A malformed one is a LessonError at its line. */
export function readCourseFile(dir: string): CourseInfo | undefined {
  const file = path.join(path.resolve(dir), COURSE_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new LessonError(file, 1, 1, `cannot read the course file: ${code ?? (err as Error).message}`);
  }
  const parsed = parseYamlSnippet(text, 1);
  if (!parsed.ok) {
    const e = parsed.errors[0]!;
    throw new LessonError(file, e.line, e.col, e.reason, 'course.yaml is YAML: `id:`, `title:`, `netlessons:` and `lessons:` (a list of lesson ids).');
  }
  const value = parsed.snippet.value ?? {};
  const result = COURSE.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    // An unknown key is reported on the object; point at the key itself.
    const keyPath = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const offset = offsetOf(parsed.snippet.doc.contents, keyPath as (string | number)[], issue.code === 'unrecognized_keys' ? 'key' : 'value');
    const at = offset === undefined ? { line: 1, col: 1 } : parsed.snippet.at(offset);
    const where = issue.path.length ? `\`${issue.path.join('.')}\`: ` : '';
    throw new LessonError(file, at.line, at.col, `${where}${issue.message}`, 'Allowed keys: id, title, netlessons, lessons.');
  }
  const position = (p: (string | number)[], at: 'key' | 'value' = 'value') => {
    const offset = offsetOf(parsed.snippet.doc.contents, p, at);
    return offset === undefined ? { line: 1, col: 1 } : parsed.snippet.at(offset);
  };
  const lessonPositions = (result.data.lessons ?? []).map((_, i) => position(['lessons', i]));
  return { file, ...result.data, lessonPositions, lessonsAt: position(['lessons'], 'key') };
}

/** Refuse a course written for a newer netlessons, saying which version it needs and how to get it. */
export function checkCourseVersion(course: CourseInfo, version = NETLESSONS_VERSION): void {
  if (!course.netlessons) return;
  const range = validRange(course.netlessons)!;
  // A bare version ("0.3.0") means "at least that one", as a teacher would mean it.
  const wanted = valid(course.netlessons) ? `>=${course.netlessons}` : range;
  if (satisfies(version, wanted, { includePrerelease: true })) return;
  const name = course.title ? `The course "${course.title}"` : `The course in ${path.dirname(course.file)}`;
  throw new CourseVersionError(`${name} needs netlessons ${course.netlessons}; this is netlessons ${version}.`, {
    hint: 'Update it (`npm install -g netlessons@latest`, or run `npx netlessons@latest …`), or ask your teacher which version the course is for.',
  });
}

/**
 * Put lessons in the course's order. With no `lessons:` list the folder's order (by `order`) stands;
 * with one, only listed lessons are in the course and a listed id with no lesson is an error at its line.
 */
export function orderByCourse(lessons: Lesson[], course: CourseInfo | undefined): { lessons: Lesson[]; problems: LessonProblem[] } {
  if (!course?.lessons) return { lessons, problems: [] };
  const problems: LessonProblem[] = [];
  const ordered: Lesson[] = [];
  course.lessons.forEach((id, i) => {
    const lesson = lessons.find((l) => l.id === id);
    if (lesson) ordered.push(lesson);
    else {
      problems.push({
        file: course.file,
        ...(course.lessonPositions[i] ?? { line: 1, col: 1 }),
        severity: 'error',
        reason: `\`lessons\` lists \`${id}\`, which is no valid lesson in this folder (lessons: ${lessons.map((l) => l.id).join(', ') || 'none'})`,
      });
    }
  });
  for (const l of lessons) {
    if (!course.lessons.includes(l.id)) {
      problems.push({ file: course.file, ...course.lessonsAt, severity: 'warning', reason: `lesson \`${l.id}\` (${path.basename(l.file)}) is not in \`lessons\`, so it is not part of the course` });
    }
  }
  return { lessons: ordered, problems };
}

/**
 * The key progress is kept under for a lessons folder: the course id when course.yaml gives one, else
 * undefined (the caller keys by folder). Never throws: a broken course.yaml is reported by the loader.
 */
export function courseIdOf(dir: string): string | undefined {
  try {
    return readCourseFile(dir)?.id;
  } catch {
    return undefined;
  }
}
