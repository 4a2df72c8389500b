/**
 * The words the learner reads after each operation, shared by the in-shell commands and the CLI
 * commands so both say the same thing. Plain text; `style` adds colour when the caller's stream wants it.
 */
import { formatCheckResult } from '../checks/index.js';
import type { Lesson } from '../lessons/model.js';
import type { CheckOutcome, HintOutcome, SolutionOutcome } from './flow.js';
import path from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { courseKey, lessonProgress, lessonStatus, loadProgress, type LessonStatus, type Progress } from './progress-store.js';
import type { Course } from './course.js';

export interface Style {
  color: boolean;
  /**
   * Where the learner reads this, so named commands are typed as they must be there: bare (`hint`) in
   * the sandbox shell, which defines them (the default), `netlessons hint` at a CLI prompt, which does not.
   */
  where?: 'shell' | 'cli';
}

/** A command as the learner types it where `style` says they are. */
const typed = (style: Style, command: string) => (style.where === 'cli' ? `netlessons ${command}` : command);

const paint = (code: string) => (style: Style, s: string) => (style.color ? `\x1b[${code}m${s}\x1b[0m` : s);
export const green = paint('32');
export const red = paint('31');
export const dim = paint('2');
export const bold = paint('1');

export function checkMessage(o: CheckOutcome, style: Style, lesson: Lesson): string {
  if (o.result.passed) {
    const verb = style.where === 'cli' ? 'Run' : 'Type';
    const next = o.lessonComplete
      ? `That was the last step: you have finished ${lesson.title}! ${verb} \`${typed(style, 'next')}\` to close it.`
      : `${verb} \`${typed(style, 'next')}\` for the next step.`;
    return `${green(style, `✔ Step ${o.step} complete.`)} ${next}\n`;
  }
  const failed = o.result.assertions.filter((a) => !a.ok).length;
  // The headline counts the failures, so the result below leaves out its own "N of M checks pass.".
  return `${red(style, `✘ Not yet: ${failed} of ${o.result.assertions.length} check(s) fail.`)}\n${formatCheckResult(o.result, { color: style.color, tally: false })}\n${dim(style, `Fix it and run \`${typed(style, 'check')}\` again; \`${typed(style, 'hint')}\` helps.`)}\n`;
}

export function hintMessage(o: HintOutcome, style: Style): string {
  if (!o.text) return `Step ${o.step} has no hints. \`${typed(style, 'solution')}\` shows the answer.\n`;
  const more = o.number < o.total ? dim(style, ` (\`${typed(style, 'hint')}\` again for another)`) : dim(style, ` (the last hint; \`${typed(style, 'solution')}\` shows the answer)`);
  return `${bold(style, `Hint ${o.number}/${o.total}:`)}${more}\n${o.text.trim()}\n`;
}

export function solutionMessage(o: SolutionOutcome, style: Style): string {
  if (!o.code) return `Step ${o.step} has no solution to show.\n`;
  const code = o.code.trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
  const after = o.applied ? green(style, `Applied in the sandbox. Run \`${typed(style, 'check')}\` to confirm.`) : dim(style, `\`${typed(style, 'solution --apply')}\` runs it for you.`);
  return `${bold(style, `Solution of step ${o.step}:`)}\n${code}\n${after}\n`;
}

export interface ProgressRow {
  id: string;
  title: string;
  steps: number;
  stepsDone: number;
  status: LessonStatus;
  attempts: number;
  hintsUsed: number;
  solutionsApplied: number;
  /** Lessons named in `requires` that are not done yet (shown, never enforced). */
  missing: string[];
}

export function progressRows(course: Course, progress: Progress): ProgressRow[] {
  const status = (id: string) => lessonStatus(lessonProgress(progress, course.key, id));
  return course.lessons.map((l) => {
    const lp = lessonProgress(progress, course.key, l.id);
    const steps = Object.values(lp?.steps ?? {});
    return {
      id: l.id,
      title: l.title,
      steps: l.steps.length,
      stepsDone: steps.filter((s) => s.completedAt).length,
      status: status(l.id),
      attempts: steps.reduce((n, s) => n + s.attempts, 0),
      hintsUsed: steps.reduce((n, s) => n + s.hintsUsed, 0),
      solutionsApplied: steps.filter((s) => s.solutionApplied).length,
      missing: l.requires.filter((r) => status(r).state !== 'done'),
    };
  });
}

export function statusLabel(s: LessonStatus, steps: number): string {
  if (s.state === 'done') return 'done';
  if (s.state === 'in-progress') return `in progress, step ${s.step}/${steps}`;
  return 'not started';
}

export function progressMessage(rows: ProgressRow[], style: Style): string {
  const width = Math.max(...rows.map((r) => r.id.length), 6);
  const lines = rows.map((r) => {
    const label = statusLabel(r.status, r.steps);
    const mark = r.status.state === 'done' ? green(style, '✔') : r.status.state === 'in-progress' ? '…' : ' ';
    const extra = r.attempts ? dim(style, `  ${r.attempts} check(s), ${r.hintsUsed} hint(s), ${r.solutionsApplied} solution(s) applied`) : '';
    return `${mark} ${r.id.padEnd(width)}  ${r.stepsDone}/${r.steps} steps  ${label}${extra}`;
  });
  const done = rows.filter((r) => r.status.state === 'done').length;
  return `${lines.join('\n')}\n${bold(style, `${done} of ${rows.length} lessons done.`)}\n`;
}

/** For `netlessons list`: each lesson's status label from the progress file, undefined when never started. */
export async function lessonStatusLookup(lessonsDir?: string): Promise<(lesson: Lesson) => string | undefined> {
  const key = courseKey(lessonsDir ?? path.join(PACKAGE_ROOT, 'lessons'));
  const progress = await loadProgress();
  return (lesson) => {
    const s = lessonStatus(lessonProgress(progress, key, lesson.id));
    return s.state === 'not-started' ? undefined : statusLabel(s, lesson.steps.length);
  };
}
