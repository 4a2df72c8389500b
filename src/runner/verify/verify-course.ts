/**
 * Verify many lessons at once: every lesson's jobs (see verify-lesson.ts) go into one pool of `jobs`
 * sandboxes, so a long lesson does not hold a core idle while short ones wait. Every sandbox is
 * removed when its job ends; the teardown guard removes them all on Ctrl-C, SIGTERM or a crash, and
 * an aborted `signal` (a caller's own cancel) stops them too.
 */
import { randomBytes } from 'node:crypto';
import pLimit from 'p-limit';
import type { Lesson } from '../../lessons/model.js';
import type { Sandbox, SandboxBackend } from '../../sandbox/index.js';
import { release, startGuarded } from '../../sandbox/teardown.js';
import { KERNEL_PROBES, probeKernelFeatures } from '../../sandbox/doctor/kernel-features.js';
import type { LessonVerdict, VerifyFailure, VerifyReport } from './model.js';
import { flaky, lessonJobs, stepsProven, type VerifyContext } from './verify-lesson.js';

export interface VerifyOptions {
  backend: SandboxBackend;
  jobs: number;
  onProgress?: (line: string) => void;
  signal?: AbortSignal;
}

export async function verifyLessons(lessons: Lesson[], opts: VerifyOptions): Promise<VerifyReport> {
  const t0 = performance.now();
  const progress = opts.onProgress ?? (() => {});
  const live = new Set<Sandbox>();
  const stop = async (sb: Sandbox) => {
    live.delete(sb);
    await sb.stop().catch(() => {});
    release(sb);
  };
  const stopAll = () => Promise.allSettled([...live].map(stop));
  opts.signal?.addEventListener('abort', () => void stopAll(), { once: true });

  const startFor = async (lesson: Lesson): Promise<Sandbox> => {
    opts.signal?.throwIfAborted();
    const sandbox = await startGuarded(opts.backend, { sessionId: randomBytes(6).toString('hex'), lessonId: lesson.id, signal: opts.signal });
    live.add(sandbox);
    return sandbox;
  };
  const spans = new Map<Lesson, { start: number; end: number; sandboxes: number }>();
  const ctx: VerifyContext = {
    onProgress: progress,
    async withSandbox(lesson, use) {
      const span = spans.get(lesson) ?? { start: performance.now(), end: 0, sandboxes: 0 };
      spans.set(lesson, span);
      span.sandboxes++;
      const sandbox = await startFor(lesson);
      try {
        opts.signal?.throwIfAborted();
        return await use(sandbox);
      } finally {
        await stop(sandbox);
        span.end = performance.now();
      }
    },
  };

  const skipped = await skipReasons(lessons, opts, startFor, stop);
  const limit = pLimit(Math.max(1, opts.jobs));
  const failures = new Map<Lesson, VerifyFailure[]>(lessons.map((l) => [l, []]));
  const proven = new Map<Lesson, number>();
  const runnable = lessons.filter((l) => !skipped.has(l));
  // allSettled, not all: every job must have removed its sandbox before we return, even on Ctrl-C.
  const settled = await Promise.allSettled(
    runnable.flatMap((lesson) =>
      lessonJobs(lesson, ctx).map((job) =>
        limit(async () => {
          opts.signal?.throwIfAborted();
          const found = await job.run();
          failures.get(lesson)!.push(...found);
          if (job.kind === 'proof') proven.set(lesson, stepsProven(lesson, found));
          progress(found.length ? `[${lesson.id}] FAILED ${job.name}: ${found[0]!.message}` : `[${lesson.id}] ok: ${job.name}`);
        }),
      ),
    ),
  );
  await stopAll();
  opts.signal?.throwIfAborted();
  const broken = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (broken) throw broken.reason;

  const verdicts: LessonVerdict[] = lessons.map((lesson) => {
    const span = spans.get(lesson);
    const found = withoutEchoes(failures.get(lesson)!, proven.get(lesson) ?? 0).sort((a, b) => a.step - b.step || a.line - b.line);
    const reason = skipped.get(lesson);
    return {
      id: lesson.id,
      title: lesson.title,
      file: lesson.file,
      steps: lesson.steps.length,
      outcome: reason ? 'skipped' : found.length ? 'failed' : 'passed',
      ...(reason ? { reason } : {}),
      seconds: span ? round((span.end - span.start) / 1000) : 0,
      sandboxes: span?.sandboxes ?? 0,
      failures: found,
    };
  });
  return {
    passed: verdicts.every((v) => v.outcome !== 'failed'),
    backend: opts.backend.name,
    jobs: opts.jobs,
    seconds: round((performance.now() - t0) / 1000),
    lessons: verdicts,
  };
}

/** Lessons that cannot run here: another backend only, or a kernel feature this kernel lacks. */
async function skipReasons(
  lessons: Lesson[],
  opts: VerifyOptions,
  start: (l: Lesson) => Promise<Sandbox>,
  stop: (sb: Sandbox) => Promise<void>,
): Promise<Map<Lesson, string>> {
  const reasons = new Map<Lesson, string>();
  for (const l of lessons) {
    if (!l.backends.includes(opts.backend.name)) reasons.set(l, `runs only on ${l.backends.join(', ')}, not ${opts.backend.name}`);
  }
  const asking = lessons.filter((l) => !reasons.has(l) && l.kernel.length);
  if (!asking.length) return reasons;
  const sandbox = await start(asking[0]!);
  let features: Record<string, boolean>;
  try {
    features = await probeKernelFeatures((command) => sandbox.exec(command));
  } finally {
    await stop(sandbox);
  }
  for (const l of asking) {
    const unknown = l.kernel.filter((f) => !(f in KERNEL_PROBES));
    const lacking = l.kernel.filter((f) => f in KERNEL_PROBES && !features[f]);
    if (unknown.length) reasons.set(l, `needs kernel feature ${unknown.join(', ')}, which netlessons cannot probe (known: ${Object.keys(KERNEL_PROBES).join(', ')})`);
    else if (lacking.length) reasons.set(l, `needs kernel feature ${lacking.join(', ')} — not available here`);
  }
  return reasons;
}

/**
 * A solution that fails the proof fails the replay and every fast-forward through it too: say it once.
 * A replay failure at a step the proof got past (`proven` steps) is flakiness, and is called that.
 */
function withoutEchoes(found: VerifyFailure[], proven: number): VerifyFailure[] {
  const solved = new Set(found.filter((f) => f.phase === 'solution').map((f) => f.step));
  const seen = new Set<string>();
  return found
    .filter((f) => {
      const key = `${f.file}:${f.line}:${f.message}`;
      if ((f.phase === 'replay' && solved.has(f.step)) || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((f) => (f.phase === 'replay' && f.step <= proven ? flaky(f) : f));
}

function round(s: number): number {
  return Math.round(s * 10) / 10;
}
