/**
 * The learner's progress: one small JSON file, schema-versioned, rewritten whole and atomically after
 * every change. Keyed by course (the bundled lessons, or a teacher's folder) so courses never mix. A file
 * we cannot read (corrupt, or written by a newer netlessons) is moved aside with a message: never lost,
 * never a crash.
 */
import { mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { courseIdOf } from '../lessons/course.js';
import { PACKAGE_ROOT } from '../paths.js';
import { progressFile } from './state-dir.js';

export const PROGRESS_VERSION = 1;

const StepProgress = z.object({
  completedAt: z.string().optional(),
  attempts: z.number().int().nonnegative().default(0),
  hintsUsed: z.number().int().nonnegative().default(0),
  solutionApplied: z.boolean().default(false),
});
const LessonProgress = z.object({
  currentStep: z.number().int().positive().default(1),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
  steps: z.record(z.string(), StepProgress).default({}),
});
const ProgressFile = z.object({
  version: z.literal(PROGRESS_VERSION),
  courses: z.record(z.string(), z.object({ lessons: z.record(z.string(), LessonProgress).default({}) })).default({}),
});

export type StepProgress = z.infer<typeof StepProgress>;
export type LessonProgress = z.infer<typeof LessonProgress>;
export type Progress = z.infer<typeof ProgressFile>;

export type LessonStatus =
  | { state: 'not-started' }
  | { state: 'in-progress'; step: number }
  | { state: 'done'; finishedAt: string };

/**
 * The bundled course keeps one key wherever the package is installed; a folder whose course.yaml has an
 * `id` is `course:ID` (progress survives moving or re-cloning it); any other folder is its absolute path.
 */
export function courseKey(lessonsDir: string): string {
  const abs = path.resolve(lessonsDir);
  if (abs === path.join(PACKAGE_ROOT, 'lessons')) return 'bundled';
  const id = courseIdOf(abs);
  return id ? `course:${id}` : abs;
}

/** Where messages about a moved-aside file go (stderr by default; tests capture them). */
export type Warn = (message: string) => void;
const stderrWarn: Warn = (m) => process.stderr.write(`${m}\n`);

export async function loadProgress(warn: Warn = stderrWarn): Promise<Progress> {
  const file = progressFile();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: PROGRESS_VERSION, courses: {} };
    throw err;
  }
  let reason: string | undefined;
  try {
    const raw = JSON.parse(text) as unknown;
    const version = (raw as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > PROGRESS_VERSION) {
      reason = `it was written by a newer netlessons (format version ${version}, this one reads ${PROGRESS_VERSION})`;
    } else {
      const parsed = ProgressFile.safeParse(raw);
      if (parsed.success) return parsed.data;
      reason = `it does not have the expected shape (${parsed.error.issues[0]?.message ?? 'invalid'})`;
    }
  } catch {
    reason = 'it is not valid JSON';
  }
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, aside);
  warn(`netlessons: your progress file could not be read because ${reason}; it was moved to ${aside} and progress starts afresh.`);
  return { version: PROGRESS_VERSION, courses: {} };
}

export async function saveProgress(progress: Progress): Promise<void> {
  const file = progressFile();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(progress, null, 2) + '\n');
  await removeStaleTempFiles(file);
}

/**
 * write-file-atomic writes `progress.json.<number>` and renames it; a process killed in between (kill -9,
 * a closed laptop) leaves that file behind. Old ones are litter; a recent one may be another process's
 * write in flight, so it is spared.
 */
async function removeStaleTempFiles(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = path.basename(file) + '.';
  const names = await readdir(dir).catch(() => [] as string[]);
  const cutoff = Date.now() - 30_000;
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^\d+$/.test(name.slice(prefix.length))) continue;
    const full = path.join(dir, name);
    const info = await stat(full).catch(() => undefined);
    if (info && info.mtimeMs < cutoff) await unlink(full).catch(() => {});
  }
}

export function lessonProgress(progress: Progress, course: string, lessonId: string): LessonProgress | undefined {
  return progress.courses[course]?.lessons[lessonId];
}

export function stepProgress(lp: LessonProgress, step: number): StepProgress {
  return (lp.steps[String(step)] ??= { attempts: 0, hintsUsed: 0, solutionApplied: false });
}

/** Read, change one lesson's record, write back: the only way the runner changes progress. */
export async function updateLessonProgress(course: string, lessonId: string, change: (lp: LessonProgress) => void, warn?: Warn): Promise<LessonProgress> {
  const progress = await loadProgress(warn);
  const now = new Date().toISOString();
  const lessons = (progress.courses[course] ??= { lessons: {} }).lessons;
  const lp = (lessons[lessonId] ??= { currentStep: 1, startedAt: now, updatedAt: now, steps: {} });
  change(lp);
  lp.updatedAt = now;
  await saveProgress(progress);
  return lp;
}

/** Forget one lesson, or the whole course. Returns how many lesson records went. */
export async function resetProgress(course: string, lessonId?: string, warn?: Warn): Promise<number> {
  const progress = await loadProgress(warn);
  const lessons = progress.courses[course]?.lessons;
  if (!lessons) return 0;
  let removed = 0;
  if (lessonId) {
    if (lessons[lessonId]) {
      delete lessons[lessonId];
      removed = 1;
    }
  } else {
    removed = Object.keys(lessons).length;
    delete progress.courses[course];
  }
  if (removed) await saveProgress(progress);
  return removed;
}

export function lessonStatus(lp: LessonProgress | undefined): LessonStatus {
  if (!lp) return { state: 'not-started' };
  if (lp.finishedAt) return { state: 'done', finishedAt: lp.finishedAt };
  return { state: 'in-progress', step: resumeStep(lp) };
}

/**
 * Record that the learner is at `step` of a `total`-step lesson. The record only moves forward: going
 * back over an earlier step (`start --step 1`) must not make progress or a class report look lost.
 */
export function reachStep(lp: LessonProgress, step: number, total: number): void {
  lp.currentStep = Math.max(lp.currentStep, Math.min(step, total));
}

/**
 * The step a learner comes back to: the current one, or the one after it when its check already passed
 * (they quit before `next`): its solution is then replayed with the earlier ones.
 */
export function resumeStep(lp: LessonProgress): number {
  return lp.steps[String(lp.currentStep)]?.completedAt ? lp.currentStep + 1 : lp.currentStep;
}
