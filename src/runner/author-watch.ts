/**
 * `netlessons verify --watch FILE`, for authors: on every save, lint the file, then prove the steps that
 * changed first (one sandbox: replay up to the first changed step, then for each changed step the check
 * must fail before its solution and pass after), then the full `verify` proof. Each run ends by showing
 * the first failing step with its diagnostics. A save during a run cancels it and starts over.
 */
import { createHash, randomBytes } from 'node:crypto';
import { watch } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatCheckResult, runCheck, type CheckResult } from '../checks/index.js';
import { isNetlessonsError, LessonError, UsageError } from '../errors.js';
import { formatProblem, lintPaths } from '../lessons/lint.js';
import { readLessonFile } from '../lessons/load-lessons.js';
import type { Lesson, Step } from '../lessons/model.js';
import type { SandboxBackend } from '../sandbox/index.js';
import { release, startGuarded } from '../sandbox/teardown.js';
import { fastForward, runLessonScript } from './fast-forward.js';
import { verifyLessons } from './verify/index.js';

export interface AuthorWatchOptions {
  backend: SandboxBackend;
  jobs: number;
  /** Results (stdout). */
  write: (text: string) => void;
  /** Progress lines (stderr). */
  progress?: (line: string) => void;
  color?: boolean;
  /** Aborting it stops watching (after removing any sandbox a run holds). */
  signal: AbortSignal;
  debounceMs?: number;
}

/** What a step is, without where it sits: moving a step down the file does not "change" it. */
function fingerprint(step: Step): string {
  const { title, body, checks, hints, solution, wrong } = step;
  const drop = new Set(['source', 'line', 'col', 'file']);
  return JSON.stringify({ title, body, checks, hints, solution: solution?.code, wrong: wrong.map((w) => w.code) }, (k, v) => (drop.has(k) ? undefined : v));
}

/** 1-based indexes of the steps that differ from the last run's lesson (all of them the first time, or when the setup changed). */
export function changedSteps(previous: Lesson | undefined, lesson: Lesson): number[] {
  const all = lesson.steps.map((s) => s.index);
  if (!previous || previous.setup?.code !== lesson.setup?.code) return all;
  return lesson.steps.filter((s) => !previous.steps[s.index - 1] || fingerprint(previous.steps[s.index - 1]!) !== fingerprint(s)).map((s) => s.index);
}

interface Finding {
  step: Step;
  line: number;
  message: string;
  result?: CheckResult;
}

/** The changed steps, in one sandbox: the first failure, or undefined when they all prove out. */
async function proveChangedSteps(lesson: Lesson, changed: number[], opts: AuthorWatchOptions, signal: AbortSignal): Promise<Finding | undefined> {
  const last = Math.max(...changed);
  const sandbox = await startGuarded(opts.backend, { sessionId: randomBytes(6).toString('hex'), lessonId: lesson.id, signal });
  try {
    await fastForward(sandbox, lesson, changed[0]!, { skipProof: true });
    for (const step of lesson.steps.slice(changed[0]! - 1, last)) {
      signal.throwIfAborted();
      const isChanged = changed.includes(step.index);
      if (isChanged) {
        const before = await runCheck(sandbox, step.checks);
        if (before.passed) return { step, line: step.checkLine, message: 'the check already passes before the solution ran, so it cannot tell whether the learner did the step' };
      }
      if (!step.solution) return { step, line: step.line, message: 'the step has no ```solution block' };
      await runLessonScript(sandbox, lesson, step.solution, `the solution of step ${step.index}`);
      const after = await runCheck(sandbox, step.checks);
      if (!after.passed && isChanged) return { step, line: step.checkLine, message: 'after its solution the check still fails', result: after };
    }
    return undefined;
  } finally {
    await sandbox.stop().catch(() => {});
    release(sandbox);
  }
}

/** One run: lint, changed steps first, full proof. Returns the lesson when it parsed (the next run diffs against it). */
async function runOnce(file: string, previous: Lesson | undefined, opts: AuthorWatchOptions, signal: AbortSignal): Promise<Lesson | undefined> {
  const out = opts.write;
  const paint = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const rel = display(file);

  const lint = await lintPaths([file]);
  const errors = lint.problems.filter((p) => p.severity === 'error');
  for (const p of lint.problems) out(`${formatProblem(p)}\n`);
  if (errors.length) {
    out(`${paint('31', '✘ lint')}: ${errors.length} error(s); fix them and save.\n`);
    return previous;
  }
  const lesson = (await readLessonFile(file)).lesson!;
  const changed = changedSteps(previous, lesson);
  out(`lint ok. ${changed.length === lesson.steps.length ? 'Proving every step' : changed.length ? `Changed: step ${changed.join(', ')}; proving ${changed.length === 1 ? 'it' : 'them'} first` : 'No step changed; proving the lesson'}.\n`);

  if (changed.length) {
    const t0 = performance.now();
    const found = await proveChangedSteps(lesson, changed, opts, signal).catch((err: unknown): Finding => {
      if (signal.aborted || !(err instanceof LessonError)) throw err;
      // A lesson script that fails is a finding about the lesson, not a broken tool.
      const step = [...lesson.steps].reverse().find((s) => s.line <= err.line) ?? lesson.steps[0]!;
      return { step, line: err.line, message: err.message.slice(`${err.file}:${err.line}:${err.col}: `.length) };
    });
    if (found) {
      out(`${paint('31', 'FAIL')} ${rel}:${found.line}: step ${found.step.index} (“${found.step.title}”): ${found.message}\n`);
      if (found.result) out(formatCheckResult(found.result, { color: opts.color }).replace(/\n?$/, '\n'));
      return lesson;
    }
    out(`${paint('32', '✔')} changed step(s) prove out in ${((performance.now() - t0) / 1000).toFixed(1)} s; now the full proof.\n`);
  }

  const report = await verifyLessons([lesson], { backend: opts.backend, jobs: opts.jobs, onProgress: opts.progress, signal });
  const verdict = report.lessons[0]!;
  const first = [...verdict.failures].sort((a, b) => a.step - b.step || a.line - b.line)[0];
  if (first) out(`${paint('31', 'FAIL')} ${display(first.file)}:${first.line}: ${first.message}\n`);
  else if (verdict.outcome === 'skipped') out(`${paint('33', 'SKIP')} ${rel}: ${verdict.reason ?? 'skipped'}\n`);
  else out(`${paint('32', '✔ verified')}: ${verdict.steps} step(s) proven in ${verdict.seconds.toFixed(1)} s (${verdict.sandboxes} sandboxes).\n`);
  return lesson;
}

/** Watch one lesson file until `signal` aborts. */
export async function watchLesson(file: string, opts: AuthorWatchOptions): Promise<void> {
  const abs = path.resolve(file);
  const out = opts.write;
  let previous: Lesson | undefined;
  let lastHash: string | undefined;
  let current: { abort: AbortController; done: Promise<void> } | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const start = () => {
    const abort = new AbortController();
    const signal = AbortSignal.any([abort.signal, opts.signal]);
    const done = (async () => {
      const text = await readFile(abs, 'utf8').catch(() => undefined);
      if (text === undefined) return void out(`${display(abs)} is gone; waiting for it to come back.\n`);
      const hash = createHash('sha256').update(text).digest('hex');
      // Editors touch files without changing them; only new content is worth a sandbox.
      if (hash === lastHash) return;
      out(`\n── ${new Date().toTimeString().slice(0, 8)} ${display(abs)} ──\n`);
      try {
        previous = await runOnce(abs, previous, opts, signal);
        lastHash = hash;
      } catch (err) {
        if (signal.aborted) return void out(opts.signal.aborted ? 'stopped.\n' : 'the file changed: starting over.\n');
        if (!isNetlessonsError(err)) throw err;
        out(`error: ${err.message}\n${err.hint ? `hint: ${err.hint}\n` : ''}`);
      }
      out('Waiting for changes (Ctrl-C to stop).\n');
    })().finally(() => {
      current = undefined;
      if (again && !opts.signal.aborted) {
        again = false;
        start();
      }
    });
    current = { abort, done };
  };
  const trigger = () => {
    if (current) {
      again = true;
      current.abort.abort();
    } else start();
  };

  // The folder, not the file: editors save by writing a new file and renaming it over the old one.
  const watcher = watch(path.dirname(abs), (_event, name) => {
    if (name !== path.basename(abs)) return;
    clearTimeout(timer);
    timer = setTimeout(trigger, opts.debounceMs ?? 200);
  });
  out(`Watching ${display(abs)}: every save re-lints and re-verifies it.\n`);
  start();
  await new Promise<void>((resolve) => {
    if (opts.signal.aborted) return resolve();
    opts.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  watcher.close();
  clearTimeout(timer);
  current?.abort.abort();
  await current?.done.catch(() => {});
}

function display(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

/** The `verify --watch` action: one lesson (a file, or an id in --lessons), stopped by Ctrl-C after removing its sandboxes. */
export async function runAuthorWatch(names: string[], opts: { backend: string; jobs?: number; lessons?: string; color?: boolean }): Promise<void> {
  if (names.length !== 1) {
    throw new UsageError('`verify --watch` watches exactly one lesson file.', 'Example: `netlessons verify --watch lessons/03-my-lesson.md`.');
  }
  const [{ getBackend }, { availableParallelism }, { resolveLesson }] = await Promise.all([
    import('../sandbox/index.js'),
    import('node:os'),
    import('../lessons/load-lessons.js'),
  ]);
  const arg = names[0]!;
  // A path is watched even while broken (that is the point); an id must name a lesson that parses now.
  const file = (await stat(arg).catch(() => undefined))?.isFile() ? arg : (await resolveLesson(arg, { lessons: opts.lessons })).file;
  const abort = new AbortController();
  const stop = () => abort.abort();
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  signals.forEach((s) => process.on(s, stop));
  try {
    await watchLesson(file, {
      backend: await getBackend(opts.backend),
      jobs: opts.jobs ?? availableParallelism(),
      write: (text) => process.stdout.write(text),
      progress: (line) => process.stderr.write(`${line}\n`),
      color: opts.color ?? false,
      signal: abort.signal,
    });
  } finally {
    signals.forEach((s) => process.off(s, stop));
  }
}
