/**
 * Which lessons `verify LESSON…` means: nothing = every lesson of the course folder; a folder = every
 * lesson in it; anything else = one lesson as `resolveLesson` understands it (id, file, number).
 * A broken lesson stops verify at its first error: lint reports the rest.
 */
import { stat } from 'node:fs/promises';
import { LessonError, NotFoundError } from '../../errors.js';
import { display, lessonFilesIn, lessonsDir, loadLessonFolder, resolveLesson } from '../../lessons/load-lessons.js';
import type { Lesson } from '../../lessons/model.js';

export async function selectLessons(names: string[], lessonsOption?: string): Promise<Lesson[]> {
  const chosen = new Map<string, Lesson>();
  const targets = names.length ? names : [lessonsDir(lessonsOption)];
  for (const name of targets) {
    const info = await stat(name).catch(() => undefined);
    const lessons = info?.isDirectory() && (await lessonFilesIn(name)).length !== 1 ? await wholeFolder(name) : [await resolveLesson(name, { lessons: lessonsOption })];
    for (const l of lessons) chosen.set(l.file, l);
  }
  return [...chosen.values()].sort((a, b) => a.order - b.order || a.file.localeCompare(b.file));
}

async function wholeFolder(dir: string): Promise<Lesson[]> {
  const folder = await loadLessonFolder(dir);
  const error = folder.problems.find((p) => p.severity === 'error');
  if (error) {
    throw new LessonError(display(error.file), error.line, error.col, error.reason, `Run \`netlessons lint ${display(folder.dir)}\` to see every problem; verify proves only lessons that lint accepts.`);
  }
  if (!folder.lessons.length) throw new NotFoundError(`No lessons in ${display(folder.dir)}.`, { hint: 'Name a folder of lesson Markdown files, a lesson file, or a lesson id.' });
  return folder.lessons;
}
