/**
 * Bring a fresh sandbox to the start of a step: the lesson's `setup`, then the `solution` of every
 * earlier step, then prove it by the previous step's check. Resume, reset and verify all come here.
 */
import { LessonError } from '../errors.js';
import type { Lesson, Script } from '../lessons/model.js';
import { runCheck, type Exec } from '../checks/index.js';
import { runScript } from '../sandbox/run-script.js';

export interface FastForwardOptions {
  onProgress?: (line: string) => void;
  /** Skip the closing check of the previous step (verify checks it itself). */
  skipProof?: boolean;
  timeoutMs?: number;
}

/** Run one lesson script; a failure names the lesson file and the script's line. */
export async function runLessonScript(sandbox: Exec, lesson: Lesson, script: Script, what: string, timeoutMs = 60_000): Promise<void> {
  const r = await runScript(sandbox, script.code, { timeoutMs });
  if (r.exitCode !== 0) {
    const detail = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' | ');
    throw new LessonError(lesson.file, script.line, 1, `${what} failed with exit code ${r.exitCode}${detail ? `: ${detail}` : ''}`, 'The lesson itself is broken here: tell its author (`netlessons verify` reproduces it).');
  }
}

/** `step` is 1-based: the sandbox ends at the state a learner has when starting that step. */
export async function fastForward(sandbox: Exec, lesson: Lesson, step: number, opts: FastForwardOptions = {}): Promise<void> {
  const progress = opts.onProgress ?? (() => {});
  if (lesson.setup) {
    progress('running the lesson setup');
    await runLessonScript(sandbox, lesson, lesson.setup, 'the lesson setup', opts.timeoutMs);
  }
  for (const s of lesson.steps.slice(0, Math.max(0, step - 1))) {
    if (!s.solution) {
      throw new LessonError(lesson.file, s.line, 1, `step ${s.index} has no solution, so it cannot be replayed`, 'Add a ```solution block to that step.');
    }
    progress(`replaying step ${s.index}: ${s.title}`);
    await runLessonScript(sandbox, lesson, s.solution, `the solution of step ${s.index}`, opts.timeoutMs);
  }
  const previous = lesson.steps[step - 2];
  if (previous && !opts.skipProof) {
    const result = await runCheck(sandbox, previous.checks);
    if (!result.passed) {
      const first = result.assertions.find((a) => !a.ok)!;
      throw new LessonError(first.source.file, first.source.line, first.source.col, `after replaying up to step ${step}, step ${previous.index}'s check still fails: ${first.message}`, 'The lesson’s solutions do not lead to its checks; run `netlessons verify` on it.');
    }
  }
}
