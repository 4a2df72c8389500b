/**
 * A folder of lessons: every `*.md` but README.md, parsed one by one (a bad file never stops the
 * others), checked as a whole (unique ids, `requires` that exist and do not loop), in course order.
 * Also turns what a user typed as LESSON (id, file, folder) into one Lesson.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LessonError, NotFoundError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { Lesson, LessonProblem } from './model.js';
import { checkCourseVersion, orderByCourse, readCourseFile, type CourseInfo } from './course.js';
import { MAX_LESSON_SIZE, parseLesson, type ParsedLesson } from './parse-lesson.js';

/** The course shipped in the package (`lessons/` beside `dist/`, wherever npm put it). */
export const BUNDLED_LESSONS_DIR = path.join(PACKAGE_ROOT, 'lessons');

/** The folder to read: `--lessons DIR`, else NETLESSONS_LESSONS, else the bundled course. */
export function lessonsDir(option?: string): string {
  return path.resolve(option || process.env.NETLESSONS_LESSONS || BUNDLED_LESSONS_DIR);
}

export interface LessonFile extends ParsedLesson {
  /** Absolute path. */
  file: string;
}

export interface LessonFolder {
  dir: string;
  /** Lessons without errors, sorted by `order`, then id. */
  lessons: Lesson[];
  /** Every file read, in file-name order, with its own and cross-lesson problems. */
  files: LessonFile[];
  /** All problems of all files, sorted by file, line, column. */
  problems: LessonProblem[];
  /** The folder's course.yaml (id, title, order, required version), when it has one. */
  course?: CourseInfo;
}

/** Read and parse one file; unreadable or oversized files become problems, never exceptions. */
export async function readLessonFile(file: string): Promise<LessonFile> {
  const abs = path.resolve(file);
  const fail = (reason: string): LessonFile => ({ file: abs, meta: { requires: [] }, problems: [{ file: abs, line: 1, col: 1, severity: 'error', reason }] });
  try {
    const info = await stat(abs);
    if (!info.isFile()) return fail('not a regular file');
    if (info.size > MAX_LESSON_SIZE) return fail(`file is ${(info.size / 1024 / 1024).toFixed(1)} MiB; a lesson must stay under 1 MiB`);
    return { file: abs, ...parseLesson(await readFile(abs, 'utf8'), abs) };
  } catch (err) {
    return fail(`cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** The lesson files of a folder: `*.md` except README.md, by file name. Throws NotFoundError for a missing folder. */
export async function lessonFilesIn(dir: string): Promise<string[]> {
  const abs = path.resolve(dir);
  let entries;
  try {
    entries = await readdir(abs, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new NotFoundError(code === 'ENOTDIR' ? `${display(abs)} is a file, not a lessons folder.` : `No lessons folder at ${display(abs)}.`, {
      hint: 'Pass `--lessons DIR` with a folder of lesson Markdown files, or leave it out for the bundled course.',
    });
  }
  return entries
    .filter((e) => !e.isDirectory() && e.name.toLowerCase().endsWith('.md') && e.name.toLowerCase() !== 'readme.md')
    .map((e) => path.join(abs, e.name))
    .sort();
}

export async function loadLessonFolder(dir: string): Promise<LessonFolder> {
  const abs = path.resolve(dir);
  const files = await Promise.all((await lessonFilesIn(abs)).map(readLessonFile));
  const course = readCourseFile(abs);
  if (course) checkCourseVersion(course);
  addCrossLessonProblems(files);
  const ordered = orderByCourse(
    files
      .filter((f) => f.lesson && !f.problems.some((p) => p.severity === 'error'))
      .map((f) => f.lesson!)
      .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)),
    course,
  );
  // course.yaml's own problems (a listed id with no lesson) are reported like a lesson file's.
  if (course && ordered.problems.length) files.push({ file: course.file, meta: { requires: [] }, problems: ordered.problems });
  return { dir: abs, lessons: ordered.lessons, files, problems: files.flatMap((f) => f.problems), ...(course ? { course } : {}) };
}

/** The valid lessons of a folder, in course order (see `loadLessonFolder` for their problems). */
export async function loadLessons(dir: string = lessonsDir()): Promise<Lesson[]> {
  return (await loadLessonFolder(dir)).lessons;
}

/** Duplicate ids (reported in every file that has one), unknown `requires`, and `requires` cycles. */
export function addCrossLessonProblems(files: LessonFile[]): void {
  const byId = new Map<string, LessonFile[]>();
  for (const f of files) if (f.meta.id) byId.set(f.meta.id.value, [...(byId.get(f.meta.id.value) ?? []), f]);
  const push = (f: LessonFile, at: { line: number; col: number }, reason: string) => f.problems.push({ file: f.file, line: at.line, col: at.col, severity: 'error', reason });
  for (const [id, owners] of byId) {
    if (owners.length < 2) continue;
    for (const f of owners) {
      const others = owners.filter((o) => o !== f).map((o) => path.basename(o.file));
      push(f, f.meta.id!, `duplicate lesson id \`${id}\`: also used by ${others.join(', ')}`);
    }
  }
  for (const f of files) {
    for (const req of f.meta.requires) {
      if (!byId.has(req.value)) {
        const known = [...byId.keys()].sort();
        push(f, req, `\`requires\` names \`${req.value}\`, which is no lesson in this folder (${known.length ? `lessons: ${known.join(', ')}` : 'it has no valid lessons'})`);
      } else if (req.value === f.meta.id?.value) {
        push(f, req, 'a lesson cannot require itself');
      } else {
        const loop = pathBack(req.value, f.meta.id?.value, byId);
        if (loop) push(f, req, `\`requires\` goes in a circle: ${[f.meta.id!.value, ...loop].join(' → ')}`);
      }
    }
  }
  for (const f of files) f.problems.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** The chain of `requires` from `from` back to `target`, if there is one. */
function pathBack(from: string, target: string | undefined, byId: Map<string, LessonFile[]>): string[] | undefined {
  if (!target) return undefined;
  const seen = new Set<string>();
  const walk = (id: string): string[] | undefined => {
    if (id === target) return [id];
    if (seen.has(id)) return undefined;
    seen.add(id);
    for (const next of byId.get(id)?.[0]?.meta.requires ?? []) {
      const rest = walk(next.value);
      if (rest) return [id, ...rest];
    }
    return undefined;
  };
  return walk(from);
}

/**
 * What the user typed as LESSON: an id (or a file name without `.md`, an `order` number, a unique id
 * prefix) in the lessons folder, a lesson file's path, or a folder holding exactly one lesson.
 * Throws NotFoundError listing the choices, or LessonError at the first error of a broken lesson.
 */
export async function resolveLesson(arg: string, opts: { lessons?: string } = {}): Promise<Lesson> {
  const looksLikePath = /[\\/]/.test(arg) || arg.toLowerCase().endsWith('.md') || arg === '.' || arg === '..';
  if (!looksLikePath) {
    const folder = await loadLessonFolder(lessonsDir(opts.lessons));
    const found = findById(folder, arg);
    if (found) return usable(found);
    if (!(await exists(arg))) {
      throw noSuchLesson(arg, folder.dir, folder.files.map((f) => f.lesson?.id ?? f.meta.id?.value).filter((id): id is string => !!id));
    }
  }
  const info = await stat(arg).catch(() => undefined);
  if (!info) throw new NotFoundError(`No lesson file or folder at ${arg}.`, { hint: 'Name a lesson by its id (`netlessons list` shows them), or give the path of a lesson file.' });
  if (info.isDirectory()) {
    const files = await lessonFilesIn(arg);
    if (files.length !== 1) {
      throw new NotFoundError(`${display(path.resolve(arg))} holds ${files.length} lesson files, so it does not name one lesson.`, {
        hint: files.length ? `Name one of them: ${files.map(display).join(', ')}.` : 'Give the path of a lesson file (`*.md`).',
      });
    }
    return usable(await readLessonFile(files[0]!));
  }
  return usable(await readLessonFile(arg));
}

/**
 * "No such lesson", worded once for resolveLesson (`show`, `verify`) and the runner's findLesson
 * (`start`, `progress`). The folder is absolute: "in lessons." reads like prose and names no place.
 */
export function noSuchLesson(name: string, dir: string, ids: string[]): NotFoundError {
  return new NotFoundError(`No lesson \`${name}\` in ${dir}.`, {
    hint: ids.length ? `Lessons: ${ids.join(', ')}.` : 'That folder holds no valid lessons; `netlessons lint` says why.',
  });
}

function findById(folder: LessonFolder, arg: string): LessonFile | undefined {
  const idOf = (f: LessonFile) => f.lesson?.id ?? f.meta.id?.value;
  const prefixed = folder.files.filter((f) => idOf(f)?.startsWith(arg));
  return (
    folder.files.find((f) => idOf(f) === arg) ??
    folder.files.find((f) => path.basename(f.file, path.extname(f.file)) === arg) ??
    (/^\d+$/.test(arg) ? folder.files.find((f) => f.lesson?.order === Number(arg)) : undefined) ??
    (prefixed.length === 1 ? prefixed[0] : undefined)
  );
}

/** A lesson with errors cannot be taught: report the first one where it is. */
function usable(f: LessonFile): Lesson {
  const errors = f.problems.filter((p) => p.severity === 'error');
  const first = errors[0];
  if (first || !f.lesson) {
    const p = first ?? { line: 1, col: 1, reason: 'the lesson could not be read' };
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw new LessonError(display(f.file), p.line, p.col, p.reason + more, `Run \`netlessons lint ${display(f.file)}\` to see every problem.`);
  }
  return f.lesson;
}

async function exists(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined)) !== undefined;
}

/** Paths as the user would type them: relative to the working directory when inside it. */
export function display(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}
