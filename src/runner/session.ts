/**
 * The interactive session: a sandbox at the learner's step, the step's text, then a shell inside the
 * sandbox whose in-shell commands come back here (see in-shell.ts). `reset` replaces the sandbox and
 * reopens the shell; `quit` (or leaving the shell) removes it. Progress is on disk after every change.
 */
import { randomBytes } from 'node:crypto';
import { isNetlessonsError } from '../errors.js';
import type { Lesson } from '../lessons/model.js';
import { runCheck } from '../checks/index.js';
import type { BackendName, Sandbox } from '../sandbox/index.js';
import type { Course } from './course.js';
import { checkStep, isFinished, nextHint, nextStep, showSolution, stepMarkdown, type FlowContext } from './flow.js';
import { InShellDecoder, RC_PATH, type InShellCommand } from './in-shell.js';
import { onInterrupt } from './interrupt.js';
import { launchSandbox, sessionToken, stopSandbox } from './launch.js';
import { checkMessage, green, hintMessage, progressMessage, progressRows, red, solutionMessage, dim, type Style } from './messages.js';
import { loadProgress, reachStep, stepProgress, updateLessonProgress } from './progress-store.js';
import { findSession, removeSession, saveSession, type SessionRecord } from './session-store.js';
import { startSpinner } from './spinner.js';

export interface Presenter extends Style {
  /** Markdown → terminal text (marked-terminal on a TTY, plain otherwise). */
  markdown(md: string): string;
}

export interface InteractiveOptions {
  course: Course;
  lesson: Lesson;
  backend: BackendName;
  /** 1-based step to start at (resume). */
  step: number;
  /** Re-check every second and announce when the step is complete. */
  watch?: boolean;
  present: Presenter;
}

export function newSessionId(): string {
  return randomBytes(6).toString('hex');
}

const out = (s: string) => {
  try {
    process.stdout.write(s);
  } catch {
    // The terminal closed (SIGHUP): the interrupt handler is cleaning up.
  }
};

export async function runInteractive(opts: InteractiveOptions): Promise<number> {
  const { lesson, present } = opts;
  const session: SessionRecord = {
    id: newSessionId(),
    backend: opts.backend,
    lessonId: lesson.id,
    lessonsDir: opts.course.dir,
    lessonFile: lesson.file,
    course: opts.course.key,
    step: opts.step,
    passed: false,
    hintsShown: 0,
    ownerPid: process.pid,
    created: new Date().toISOString(),
  };
  await saveSession(session);
  let sandbox: Sandbox | undefined;
  // The session file first: it is instant, and a second signal may cut the slower sandbox removal short.
  const cleanup = async () => {
    await removeSession(session.id);
    if (sandbox) await stopSandbox(sandbox).catch(() => {});
  };
  const unregister = onInterrupt(cleanup);
  // A closed terminal (EIO, EPIPE) must not crash the clean-up.
  // (stdout's EPIPE and EIO are ignored for every command in cli/main.ts.)
  const swallow = () => {};
  process.stdin.on('error', swallow);
  await updateLessonProgress(opts.course.key, lesson.id, (lp) => {
    reachStep(lp, opts.step, lesson.steps.length);
  });
  try {
    let reason = opts.step > 1 ? `Resuming ${lesson.title} at step ${opts.step}` : `Starting ${lesson.title}`;
    for (;;) {
      const spinner = startSpinner(reason);
      try {
        sandbox = await launchSandbox(session, lesson, {
          onProgress: (line) => spinner.message(line),
          onSandbox: (sb) => (sandbox = sb),
        });
      } catch (err) {
        spinner.stop();
        throw err;
      }
      spinner.stop(green(present, `✔ Sandbox ready${session.step > 1 ? ` at step ${session.step}` : ''}.`));
      out(present.markdown(stepMarkdown(lesson, session.step)));
      out(dim(present, 'In this shell: check, hint, solution [--apply], next, step, reset, progress, quit.\n'));
      const ending = await shellLoop(sandbox, { session, lesson, sandbox }, opts);
      if (ending !== 'reset') break;
      await stopSandbox(sandbox);
      reason = `Resetting: a fresh sandbox at step ${session.step}`;
    }
    out(`Progress saved. ${dim(present, 'Sandbox removed.')}\n`);
    return 0;
  } finally {
    await cleanup();
    unregister();
    process.stdin.off('error', swallow);
  }
}

type Ending = 'quit' | 'reset' | 'exit';

/** One shell in one sandbox; resolves with why it ended. */
async function shellLoop(sandbox: Sandbox, ctx: FlowContext, opts: InteractiveOptions): Promise<Ending> {
  const decoder = new InShellDecoder(sessionToken(ctx.session.id));
  let ending: Ending = 'exit';
  let typeInto: ((d: string) => void) | undefined;
  let busy: Promise<void> = Promise.resolve();
  let working = false;

  const run = (cmd: InShellCommand) => {
    busy = busy.then(async () => {
      working = true;
      // Keys typed meanwhile wait in the terminal; with raw mode off, Ctrl-C is our SIGINT again.
      process.stdin.pause();
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
      let code = 1;
      try {
        // `netlessons next|hint …` from another terminal may have moved the session on: start from the file.
        const onDisk = await findSession(ctx.session.id).catch(() => undefined);
        if (onDisk) Object.assign(ctx.session, onDisk, { ownerPid: process.pid });
        const r = await inShell(cmd, ctx, opts);
        code = r.code;
        if (r.ending) {
          ending = r.ending;
          await sandbox.stop();
          return;
        }
      } catch (err) {
        out(`${red(opts.present, 'error:')} ${err instanceof Error ? err.message : String(err)}\n`);
        if (isNetlessonsError(err) && err.hint) out(`${dim(opts.present, 'hint:')} ${err.hint}\n`);
      } finally {
        working = false;
      }
      if (process.stdin.isTTY) process.stdin.setRawMode(true);
      typeInto?.(`${code}\r`);
      process.stdin.resume();
    });
  };

  const watch = opts.watch ? setInterval(() => void watchTick(), 1000) : undefined;
  let watching = false;
  const watchTick = async () => {
    const step = ctx.lesson.steps[ctx.session.step - 1];
    if (!step || ctx.session.passed || working || watching) return;
    watching = true;
    try {
      const result = await runCheck(sandbox, step.checks);
      if (result.passed && !working && !ctx.session.passed) {
        ctx.session.passed = true;
        await saveSession(ctx.session);
        await updateLessonProgress(ctx.session.course, ctx.lesson.id, (lp) => {
          stepProgress(lp, step.index).completedAt ??= new Date().toISOString();
          if (step.index === ctx.lesson.steps.length) lp.finishedAt ??= new Date().toISOString();
        });
        out(`\r\n${green(opts.present, `✔ Step ${step.index} complete.`)} Type \`next\` for the next step.\r\n`);
      }
    } catch {
      // Watching is best effort: a failed read now is retried in a second.
    } finally {
      watching = false;
    }
  };

  try {
    await sandbox.shell({
      command: ['bash', '--rcfile', RC_PATH, '-i'],
      env: { NETLESSONS_LESSON: ctx.lesson.id },
      onAttach: (io) => (typeInto = (d) => io.write(d)),
      onOutput: (chunk) => {
        const { output, commands } = decoder.push(chunk);
        commands.forEach(run);
        return output;
      },
    });
  } finally {
    if (watch) clearInterval(watch);
  }
  await busy;
  return ending;
}

/** One in-shell command: print its outcome, return the exit status for the shell function. */
async function inShell(cmd: InShellCommand, ctx: FlowContext, opts: InteractiveOptions): Promise<{ code: number; ending?: Ending }> {
  const present = opts.present;
  switch (cmd.name) {
    case 'check': {
      if (isFinished(ctx.session, ctx.lesson)) {
        out(`You have finished ${ctx.lesson.title}. Type \`quit\` to leave.\n`);
        return { code: 0 };
      }
      const o = await checkStep(ctx);
      out(checkMessage(o, present, ctx.lesson));
      return { code: o.result.passed ? 0 : 1 };
    }
    case 'hint':
      out(hintMessage(await nextHint(ctx), present));
      return { code: 0 };
    case 'solution': {
      const apply = cmd.args.includes('--apply') || cmd.args.includes('-a');
      if (apply) out(dim(present, 'Applying the solution in the sandbox…\n'));
      out(solutionMessage(await showSolution(ctx, apply), present));
      return { code: 0 };
    }
    case 'next': {
      const o = await nextStep(ctx);
      if (o.finished) out(green(present, `🎉 You have finished ${ctx.lesson.title}! Type \`quit\` to leave; \`netlessons start\` picks the next lesson.\n`));
      else out(present.markdown(stepMarkdown(ctx.lesson, o.step.index)));
      return { code: 0 };
    }
    case 'step':
      out(present.markdown(stepMarkdown(ctx.lesson, ctx.session.step)));
      return { code: 0 };
    case 'progress':
      out(progressMessage(progressRows(opts.course, await loadProgress()), present));
      return { code: 0 };
    case 'reset':
      out(`Resetting: a fresh sandbox brought to the start of step ${Math.min(ctx.session.step, ctx.lesson.steps.length)}…\n`);
      ctx.session.passed = false;
      await saveSession(ctx.session);
      return { code: 0, ending: 'reset' };
    case 'quit':
      return { code: 0, ending: 'quit' };
  }
}
