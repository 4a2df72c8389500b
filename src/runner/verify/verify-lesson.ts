/**
 * The proof of one lesson, as independent jobs that each start from a fresh sandbox, so a pool can
 * run them side by side:
 *  - proof:  setup; per step the check must FAIL, then the solution must make it PASS;
 *  - replay: setup and every solution again from scratch, each check must pass (catches flakiness);
 *  - wrong:  per `wrong` block, fast-forward to its step, run it, the check must still FAIL;
 *  - prose:  walk the steps once, comparing what each ```console verify block prints at its step.
 * A failing check is a verdict (a VerifyFailure); only a broken engine escapes as an error.
 */
import { EngineError, ImageError, isNetlessonsError, LessonError } from '../../errors.js';
import type { Lesson, Script, Step } from '../../lessons/model.js';
import { runCheck, type CheckResult, type Exec } from '../../checks/index.js';
import type { Sandbox } from '../../sandbox/index.js';
import { runLessonScript } from '../fast-forward.js';
import { fastForwardAtOnce } from './replay-script.js';
import { consoleBlocks, firstDifference, type ConsoleBlock } from './console-blocks.js';
import type { VerifyFailure, VerifyPhase } from './model.js';

export interface VerifyContext {
  /** A fresh sandbox for this lesson; the caller removes it when the job's promise settles. */
  withSandbox<T>(lesson: Lesson, use: (sandbox: Sandbox) => Promise<T>): Promise<T>;
  onProgress(line: string): void;
}

/** One unit of work: resolves with the failures it found (empty = proven). */
export interface VerifyJob {
  lesson: Lesson;
  kind: 'proof' | 'replay' | 'wrong' | 'prose';
  name: string;
  run(): Promise<VerifyFailure[]>;
}

/** How many steps a proof job's failures say it proved (each passed its check after its solution). */
export function stepsProven(lesson: Lesson, proofFailures: VerifyFailure[]): number {
  return proofFailures.length ? Math.max(0, Math.min(...proofFailures.map((f) => f.step)) - 1) : lesson.steps.length;
}

const REPLAY_FAILS = 'on a second run from scratch the check fails after its solution';

/**
 * A replay failure at a step the proof run passed with the same solution: now the evidence says flaky
 * (passed once, failed once), and the message says so. Without that evidence it never guesses.
 */
export function flaky(f: VerifyFailure): VerifyFailure {
  return { ...f, message: f.message.replace(REPLAY_FAILS, `${REPLAY_FAILS}, though it passed in the proof run (flaky)`) };
}

export function lessonJobs(lesson: Lesson, ctx: VerifyContext): VerifyJob[] {
  const job = (kind: VerifyJob['kind'], name: string, body: (sb: Sandbox) => Promise<VerifyFailure[]>): VerifyJob => ({
    lesson,
    kind,
    name,
    run: () =>
      ctx.withSandbox(lesson, async (sb) => {
        ctx.onProgress(`[${lesson.id}] ${name}`);
        try {
          return await body(sb);
        } catch (err) {
          return [failureFromError(lesson, err)];
        }
      }),
  });
  const jobs = [job('proof', 'proof: every check fails before its step and passes after', (sb) => prove(sb, lesson)), job('replay', 'replay: all solutions again from scratch', (sb) => replay(sb, lesson))];
  for (const step of lesson.steps) {
    for (const wrong of step.wrong) {
      jobs.push(job('wrong', `wrong block at line ${wrong.line} (step ${step.index})`, (sb) => proveWrong(sb, lesson, step, wrong)));
    }
  }
  const blocks = consoleBlocks(lesson);
  if (blocks.length) jobs.push(job('prose', 'console blocks, step by step', (sb) => proveProse(sb, lesson, blocks, ctx)));
  return jobs;
}

async function prove(sb: Exec, lesson: Lesson): Promise<VerifyFailure[]> {
  if (lesson.setup) await runLessonScript(sb, lesson, lesson.setup, 'the lesson setup');
  for (const step of lesson.steps) {
    const before = await runCheck(sb, step.checks);
    if (before.passed) {
      return [fail('before', lesson, step, step.checkLine, `step ${step.index} (“${step.title}”): the check already passes before the solution ran, so it cannot tell whether the learner did the step`)];
    }
    const after = await solve(sb, lesson, step);
    if (!after.passed) return [failedCheck('solution', lesson, step, after, 'after its solution the check still fails')];
  }
  return [];
}

async function replay(sb: Exec, lesson: Lesson): Promise<VerifyFailure[]> {
  if (lesson.setup) await runLessonScript(sb, lesson, lesson.setup, 'the lesson setup');
  for (const step of lesson.steps) {
    const after = await solve(sb, lesson, step);
    // Not "flaky" here: the proof may fail this step too (a check that never passes). verify-course
    // adds the word once the proof's outcome shows the same solution passed (see flaky()).
    if (!after.passed) return [failedCheck('replay', lesson, step, after, REPLAY_FAILS)];
  }
  return [];
}

async function solve(sb: Exec, lesson: Lesson, step: Step): Promise<CheckResult> {
  if (!step.solution) {
    throw new LessonError(lesson.file, step.line, 1, `step ${step.index} (“${step.title}”) has no solution, so it cannot be proven`, 'Add a ```solution block to the step.');
  }
  await runLessonScript(sb, lesson, step.solution, `the solution of step ${step.index}`);
  return runCheck(sb, step.checks);
}

async function proveWrong(sb: Exec, lesson: Lesson, step: Step, wrong: Script): Promise<VerifyFailure[]> {
  await fastForwardAtOnce(sb, lesson, step.index);
  await runLessonScript(sb, lesson, wrong, `the wrong block of step ${step.index}`);
  const result = await runCheck(sb, step.checks);
  if (!result.passed) return [];
  return [fail('wrong', lesson, step, wrong.line, `step ${step.index} (“${step.title}”): after this wrong block the check passes; it must still fail (check at line ${step.checkLine})`)];
}

/**
 * All console blocks of a lesson in one sandbox: each step's blocks at the start of that step, then on
 * to the next step. A block may itself do the step's work (`$ ip addr add …`): when the check then
 * passes, the solution is skipped; when the solution cannot run after the blocks, the remaining steps
 * get fresh sandboxes. A mismatch seen in the shared sandbox is confirmed in a fresh one before it is
 * reported, so the sharing can make verify faster but never wrong.
 */
async function proveProse(sb: Sandbox, lesson: Lesson, blocks: ConsoleBlock[], ctx: VerifyContext): Promise<VerifyFailure[]> {
  const failures: VerifyFailure[] = [];
  const inFresh = (step: number) => ctx.withSandbox(lesson, async (fresh) => {
    await fastForwardAtOnce(fresh, lesson, Math.max(1, step));
    return runBlocks(fresh, lesson, blocks.filter((b) => b.step === step || (step === 1 && b.step === 0)));
  });
  if (lesson.setup) await runLessonScript(sb, lesson, lesson.setup, 'the lesson setup');
  let shared: Sandbox | undefined = sb;
  for (const step of lesson.steps) {
    // The introduction's blocks see the state after setup, as step 1's do.
    const mine = blocks.filter((b) => b.step === step.index || (step.index === 1 && b.step === 0));
    if (mine.length) {
      const found = shared ? await runBlocks(shared, lesson, mine) : await inFresh(step.index);
      failures.push(...(found.length && shared ? await inFresh(step.index) : found));
    }
    if (!shared || step.index === lesson.steps.length || !blocks.some((b) => b.step > step.index)) continue;
    if (mine.length && (await runCheck(shared, step.checks)).passed) continue;
    try {
      await runLessonScript(shared, lesson, step.solution ?? { code: 'false', line: step.line }, `the solution of step ${step.index}`);
    } catch {
      shared = undefined;
    }
  }
  return failures;
}

async function runBlocks(sb: Sandbox, lesson: Lesson, blocks: ConsoleBlock[]): Promise<VerifyFailure[]> {
  const failures: VerifyFailure[] = [];
  for (const block of blocks) {
    for (const { command, expected } of block.commands) {
      const r = await sb.exec(`{ ${command}\n} 2>&1`, { timeoutMs: 30_000 });
      const diff = firstDifference(expected, r.stdout);
      if (diff) {
        failures.push({
          phase: 'prose',
          step: block.step,
          file: lesson.file,
          line: block.line,
          message: `\`$ ${command}\` prints something else in the sandbox; output line ${diff.line}: expected ${JSON.stringify(diff.expected)}, got ${JSON.stringify(diff.actual)}`,
        });
        break;
      }
    }
  }
  return failures;
}

function fail(phase: VerifyPhase, lesson: Lesson, step: Step | undefined, line: number, message: string): VerifyFailure {
  return { phase, step: step?.index ?? 0, file: lesson.file, line, message };
}

function failedCheck(phase: VerifyPhase, lesson: Lesson, step: Step, result: CheckResult, what: string): VerifyFailure {
  const first = result.assertions.find((a) => !a.ok);
  return {
    phase,
    step: step.index,
    file: first?.source.file ?? lesson.file,
    line: first?.source.line ?? step.checkLine,
    message: `step ${step.index} (“${step.title}”): ${what}: ${first ? `${first.kind} ${first.target}: ${first.message}` : 'no assertion reported'}`,
  };
}

/**
 * A LessonError already names file:line; other errors are charged to the lesson as a whole. An engine
 * or image that fails is not the lesson's fault: it stops the whole run.
 */
function failureFromError(lesson: Lesson, err: unknown): VerifyFailure {
  if (err instanceof EngineError || err instanceof ImageError) throw err;
  if (err instanceof LessonError) {
    const reason = err.message.startsWith(`${err.file}:`) ? err.message.replace(/^.*?:\d+:\d+: /, '') : err.message;
    const phase: VerifyPhase = /setup/.test(reason) ? 'setup' : /wrong block/.test(reason) ? 'wrong' : 'solution';
    const step = Number(/\bstep (\d+)/.exec(reason)?.[1] ?? 0);
    return { phase, step, file: err.file, line: err.line, message: reason };
  }
  const message = isNetlessonsError(err) || err instanceof Error ? err.message : String(err);
  return { phase: 'error', step: 0, file: lesson.file, line: 1, message };
}
