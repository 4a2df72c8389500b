/**
 * `netlessons report`: merge the progress records learners exported into one class table, learner ×
 * lesson (done / step N, hints seen, solutions applied), as text, CSV or JSON. Records are self-reported;
 * a file that is not one is skipped with its reason, and an older export of the same learner and course
 * gives way to the newer one.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError } from '../errors.js';
import { EXPORT_FORMAT, EXPORT_VERSION, ProgressExportSchema, type ExportedLesson, type ProgressExport } from './progress-export.js';

export interface ReportCell {
  status: ExportedLesson['status'];
  /** The step the learner is on, when in progress. */
  step: number | null;
  stepsDone: number;
  stepCount: number;
  attempts: number;
  hints: number;
  solutions: number;
  finishedAt: string | null;
}

export interface LearnerRow {
  learner: string;
  /** The record's path as given (relative to the working directory when inside it). */
  file: string;
  course: string;
  exportedAt: string;
  netlessons: string;
  /** By lesson id; a lesson the record does not mention is absent. */
  lessons: Record<string, ReportCell>;
}

export interface ClassReport {
  courses: { key: string; id: string | null; title: string | null }[];
  lessons: { id: string; title: string; stepCount: number }[];
  learners: LearnerRow[];
  /** Files left out, and why. */
  skipped: { file: string; reason: string }[];
}

/** Expand folders to their `*.json` files (by name); files are taken as given. */
export async function reportFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (!info) throw new NotFoundError(`No file or folder at ${p}.`, { hint: 'Pass exported progress files (`netlessons progress export --out NAME.json`) or a folder of them.' });
    if (info.isDirectory()) {
      const names = (await readdir(p)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
      out.push(...names.map((n) => path.join(p, n)));
    } else out.push(p);
  }
  return [...new Set(out)];
}

export async function buildClassReport(paths: readonly string[]): Promise<ClassReport> {
  const files = await reportFiles(paths);
  const skipped: ClassReport['skipped'] = [];
  const records: { file: string; record: ProgressExport }[] = [];
  for (const file of files) {
    const r = await readRecord(file);
    if ('reason' in r) skipped.push({ file: display(file), reason: r.reason });
    else records.push({ file: display(file), record: r.record });
  }
  if (records.length === 0) {
    throw new NotFoundError(files.length ? `None of the ${files.length} file(s) is a netlessons progress record.` : 'No progress records to report on.', {
      hint: skipped[0] ? `${skipped[0].file}: ${skipped[0].reason}` : 'Learners write them with `netlessons progress export --out NAME.json`.',
    });
  }

  // One row per learner and course: the newest export wins.
  const newest = new Map<string, { file: string; record: ProgressExport }>();
  for (const r of records) {
    const key = `${r.record.course.key}\0${nameOf(r.record, r.file)}`;
    const seen = newest.get(key);
    if (!seen || r.record.exportedAt > seen.record.exportedAt) {
      if (seen) skipped.push({ file: seen.file, reason: `an older export of ${nameOf(seen.record, seen.file)} than ${r.file}` });
      newest.set(key, r);
    } else skipped.push({ file: r.file, reason: `an older export of ${nameOf(r.record, r.file)} than ${seen.file}` });
  }

  const courses = new Map<string, ClassReport['courses'][number]>();
  const lessons = new Map<string, ClassReport['lessons'][number]>();
  for (const { record } of records) {
    if (!courses.has(record.course.key)) courses.set(record.course.key, record.course);
    for (const l of record.lessons) if (!lessons.has(l.id)) lessons.set(l.id, { id: l.id, title: l.title, stepCount: l.stepCount });
  }

  const learners = [...newest.values()]
    .map(({ file, record }): LearnerRow => ({
      learner: nameOf(record, file),
      file,
      course: record.course.id ?? record.course.key,
      exportedAt: record.exportedAt,
      netlessons: record.netlessons,
      lessons: Object.fromEntries(record.lessons.map((l) => [l.id, cellOf(l)])),
    }))
    // Named learners by name, then the records with no name.
    .sort((a, b) => Number(a.learner.startsWith('(no name')) - Number(b.learner.startsWith('(no name')) || a.learner.localeCompare(b.learner) || a.course.localeCompare(b.course));
  return { courses: [...courses.values()], lessons: [...lessons.values()], learners, skipped };
}

async function readRecord(file: string): Promise<{ record: ProgressExport } | { reason: string }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    return { reason: (err as NodeJS.ErrnoException).code ? `cannot read it (${(err as NodeJS.ErrnoException).code})` : 'not valid JSON' };
  }
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (head?.format !== EXPORT_FORMAT) return { reason: 'not a netlessons progress record (`netlessons progress export` writes those)' };
  if (typeof head.version === 'number' && head.version > EXPORT_VERSION) {
    return { reason: `written by a newer netlessons (record version ${head.version}; this one reads ${EXPORT_VERSION}): update netlessons` };
  }
  const parsed = ProgressExportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { reason: `a damaged progress record (${issue.path.join('.') || 'top level'}: ${issue.message})` };
  }
  return { record: parsed.data };
}

function nameOf(record: ProgressExport, file: string): string {
  return record.learner ?? `(no name: ${path.basename(file)})`;
}

function cellOf(l: ExportedLesson): ReportCell {
  return {
    status: l.status,
    step: l.currentStep,
    stepsDone: l.steps.filter((s) => s.completedAt).length,
    stepCount: l.stepCount,
    attempts: l.steps.reduce((n, s) => n + s.attempts, 0),
    hints: l.steps.reduce((n, s) => n + s.hintsUsed, 0),
    solutions: l.steps.filter((s) => s.solutionApplied).length,
    finishedAt: l.finishedAt,
  };
}

function display(file: string): string {
  const abs = path.resolve(file);
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}
