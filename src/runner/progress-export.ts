/**
 * `netlessons progress export`: the learner's progress in one course as a JSON record a teacher can
 * collect (`netlessons report` merges many). Self-reported: it says what this machine's progress file
 * says, nothing more; a learner can edit it. The schema is versioned and read back with zod.
 */
import { z } from 'zod';
import { NETLESSONS_VERSION, readCourseFile } from '../lessons/course.js';
import { loadConfig } from './config-store.js';
import type { Course } from './course.js';
import { lessonProgress, lessonStatus, loadProgress, type Progress } from './progress-store.js';

export const EXPORT_FORMAT = 'netlessons-progress';
export const EXPORT_VERSION = 1;

const when = z.string().nullable();
const ExportedStep = z.object({
  step: z.number().int().positive(),
  title: z.string(),
  completedAt: when,
  attempts: z.number().int().nonnegative(),
  hintsUsed: z.number().int().nonnegative(),
  solutionApplied: z.boolean(),
});
const ExportedLesson = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['done', 'in-progress', 'not-started']),
  /** The step the learner is on (null when not started or done). */
  currentStep: z.number().int().positive().nullable(),
  stepCount: z.number().int().nonnegative(),
  startedAt: when,
  updatedAt: when,
  finishedAt: when,
  steps: z.array(ExportedStep),
});
export const ProgressExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  netlessons: z.string(),
  exportedAt: z.string(),
  /** The name set with `netlessons config set name`, or null. */
  learner: z.string().nullable(),
  course: z.object({
    /** The progress key: `bundled`, `course:ID`, or the folder's path. */
    key: z.string(),
    id: z.string().nullable(),
    title: z.string().nullable(),
  }),
  lessons: z.array(ExportedLesson),
});
export type ProgressExport = z.infer<typeof ProgressExportSchema>;
export type ExportedLesson = z.infer<typeof ExportedLesson>;

export interface ExportOptions {
  /** Defaults to the stored progress and name; tests pass their own. */
  progress?: Progress;
  learner?: string | null;
  now?: Date;
}

export async function exportProgress(course: Course, opts: ExportOptions = {}): Promise<ProgressExport> {
  const progress = opts.progress ?? (await loadProgress());
  const learner = opts.learner !== undefined ? opts.learner : ((await loadConfig()).name ?? null);
  const info = course.key === 'bundled' ? undefined : readCourseFile(course.dir);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    netlessons: NETLESSONS_VERSION,
    exportedAt: (opts.now ?? new Date()).toISOString(),
    learner,
    course: { key: course.key, id: info?.id ?? (course.key === 'bundled' ? 'bundled' : null), title: info?.title ?? null },
    lessons: course.lessons.map((lesson): ExportedLesson => {
      const lp = lessonProgress(progress, course.key, lesson.id);
      const status = lessonStatus(lp);
      return {
        id: lesson.id,
        title: lesson.title,
        status: status.state,
        currentStep: status.state === 'in-progress' ? status.step : null,
        stepCount: lesson.steps.length,
        startedAt: lp?.startedAt ?? null,
        updatedAt: lp?.updatedAt ?? null,
        finishedAt: lp?.finishedAt ?? null,
        steps: lesson.steps.map((s) => {
          const sp = lp?.steps[String(s.index)];
          return { step: s.index, title: s.title, completedAt: sp?.completedAt ?? null, attempts: sp?.attempts ?? 0, hintsUsed: sp?.hintsUsed ?? 0, solutionApplied: sp?.solutionApplied ?? false };
        }),
      };
    }),
  };
}

/**
 * The `progress export [--out FILE]` action: the record on stdout, or written to FILE with a line on
 * stderr. Without a name set, the record still goes out, with a warning saying how to add one.
 */
export async function runProgressExport(opts: { lessons?: string; out?: string }): Promise<ProgressExport> {
  const [{ loadCourse }, { mkdir }, path, { default: writeFileAtomic }] = await Promise.all([
    import('./course.js'),
    import('node:fs/promises'),
    import('node:path'),
    import('write-file-atomic'),
  ]);
  const record = await exportProgress(await loadCourse(opts.lessons));
  if (!record.learner) {
    process.stderr.write('netlessons: your name is not set, so your teacher cannot tell this record apart; set it with `netlessons config set name "Your Name"` and export again.\n');
  }
  const text = JSON.stringify(record, null, 2) + '\n';
  if (!opts.out) {
    process.stdout.write(text);
    return record;
  }
  const file = path.resolve(opts.out);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, text);
  const done = record.lessons.filter((l) => l.status === 'done').length;
  process.stderr.write(`Wrote ${opts.out}: ${record.learner ?? 'no name'}, ${done} of ${record.lessons.length} lessons done. Send it to your teacher.\n`);
  return record;
}
