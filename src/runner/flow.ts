/**
 * What the learner can do at a step — check, hint, solution, next, show the step — implemented once and
 * served to both the in-shell commands and the `netlessons check|hint|…` CLI commands. Each operation
 * updates the session record and the progress file; none prints: callers render the returned values.
 */
import { NetlessonsError } from '../errors.js';
import type { Lesson, Step } from '../lessons/model.js';
import { runCheck, type CheckResult } from '../checks/index.js';
import type { Sandbox } from '../sandbox/index.js';
import { runLessonScript } from './fast-forward.js';
import { reachStep, stepProgress, updateLessonProgress } from './progress-store.js';
import { saveSession, type SessionRecord } from './session-store.js';

export interface FlowContext {
  session: SessionRecord;
  lesson: Lesson;
  sandbox: Pick<Sandbox, 'exec'>;
}

export function isFinished(session: SessionRecord, lesson: Lesson): boolean {
  return session.step > lesson.steps.length;
}

function currentStep(ctx: FlowContext): Step {
  const step = ctx.lesson.steps[ctx.session.step - 1];
  if (!step) {
    throw new NetlessonsError(`You have finished ${ctx.lesson.title}: there is no step left to work on.`, {
      hint: '`netlessons stop` (or `quit` in the shell) ends the session; `netlessons start` picks the next lesson.',
    });
  }
  return step;
}

export interface CheckOutcome {
  step: number;
  result: CheckResult;
  /** The lesson's last step passed with this check. */
  lessonComplete: boolean;
}

export async function checkStep(ctx: FlowContext): Promise<CheckOutcome> {
  const step = currentStep(ctx);
  const result = await runCheck(ctx.sandbox, step.checks);
  const last = step.index === ctx.lesson.steps.length;
  const now = new Date().toISOString();
  await updateLessonProgress(ctx.session.course, ctx.lesson.id, (lp) => {
    const sp = stepProgress(lp, step.index);
    sp.attempts++;
    if (result.passed) {
      sp.completedAt ??= now;
      if (last) lp.finishedAt ??= now;
    }
  });
  ctx.session.passed = result.passed;
  await saveSession(ctx.session);
  return { step: step.index, result, lessonComplete: result.passed && last };
}

export interface HintOutcome {
  step: number;
  /** 1-based number of this hint, of `total`. */
  number: number;
  total: number;
  text: string | undefined;
}

/** The next hint of the step; after the last one, the last one again (so `hint` never goes silent). */
export async function nextHint(ctx: FlowContext): Promise<HintOutcome> {
  const step = currentStep(ctx);
  const total = step.hints.length;
  if (total === 0) return { step: step.index, number: 0, total, text: undefined };
  const number = Math.min(ctx.session.hintsShown + 1, total);
  ctx.session.hintsShown = number;
  await saveSession(ctx.session);
  await updateLessonProgress(ctx.session.course, ctx.lesson.id, (lp) => {
    const sp = stepProgress(lp, step.index);
    sp.hintsUsed = Math.max(sp.hintsUsed, number);
  });
  return { step: step.index, number, total, text: step.hints[number - 1] };
}

export interface SolutionOutcome {
  step: number;
  code: string | undefined;
  applied: boolean;
}

export async function showSolution(ctx: FlowContext, apply: boolean): Promise<SolutionOutcome> {
  const step = currentStep(ctx);
  if (!step.solution) return { step: step.index, code: undefined, applied: false };
  if (apply) {
    await runLessonScript(ctx.sandbox, ctx.lesson, step.solution, `the solution of step ${step.index}`);
    await updateLessonProgress(ctx.session.course, ctx.lesson.id, (lp) => {
      stepProgress(lp, step.index).solutionApplied = true;
    });
  }
  return { step: step.index, code: step.solution.code, applied: apply };
}

export type NextOutcome = { finished: false; step: Step } | { finished: true };

/** Move on, but only past a step whose check has passed. */
export async function nextStep(ctx: FlowContext): Promise<NextOutcome> {
  const step = currentStep(ctx);
  if (!ctx.session.passed) {
    throw new NetlessonsError(`Step ${step.index} (${step.title}) has not passed its check yet.`, {
      hint: 'Run `check` to see what is still missing; `hint` helps.',
    });
  }
  ctx.session.step = step.index + 1;
  ctx.session.passed = false;
  ctx.session.hintsShown = 0;
  await saveSession(ctx.session);
  await updateLessonProgress(ctx.session.course, ctx.lesson.id, (lp) => {
    reachStep(lp, ctx.session.step, ctx.lesson.steps.length);
  });
  const upcoming = ctx.lesson.steps[step.index];
  return upcoming ? { finished: false, step: upcoming } : { finished: true };
}

/** The Markdown a learner reads for a step; step 1 carries the lesson's introduction. */
export function stepMarkdown(lesson: Lesson, index: number): string {
  const step = lesson.steps[index - 1];
  if (!step) return `# ${lesson.title}\n\nYou have finished this lesson.\n`;
  const head = `# ${lesson.title}\n\n${index === 1 && lesson.intro.trim() ? lesson.intro.trim() + '\n\n' : ''}`;
  return `${head}## Step ${index} of ${lesson.steps.length}: ${step.title}\n\n${step.body.trim()}\n`;
}
