/**
 * Which lessons `verify LESSON…` means: nothing = the whole course; a folder = every lesson in it;
 * a lesson file = that lesson; anything else = an id (or order number) in the course folder.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Lesson } from '../../lessons/model.js';
import { findLesson, loadCourse } from '../course.js';

export async function selectLessons(names: string[], lessonsDir?: string): Promise<Lesson[]> {
  if (!names.length) return (await loadCourse(lessonsDir)).lessons;
  const chosen = new Map<string, Lesson>();
  for (const name of names) {
    const stat = statSync(name, { throwIfNoEntry: false });
    let found: Lesson[];
    if (stat?.isDirectory()) found = (await loadCourse(name)).lessons;
    else if (stat?.isFile()) found = [findLesson(await loadCourse(path.dirname(name)), name)];
    else found = [findLesson(await loadCourse(lessonsDir), name)];
    for (const l of found) chosen.set(l.file, l);
  }
  return [...chosen.values()].sort((a, b) => a.order - b.order || a.file.localeCompare(b.file));
}
