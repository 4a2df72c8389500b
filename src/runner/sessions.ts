/**
 * Sessions as the CLI commands see them: start one detached, open the newest (or a named) one with its
 * lesson and running sandbox, list them with whether their sandbox still exists, stop them.
 */
import { EngineError, NotFoundError, SandboxGoneError, UsageError } from '../errors.js';
import type { Lesson } from '../lessons/model.js';
import type { BackendName, Sandbox } from '../sandbox/index.js';
import { findLesson, loadCourse, loadLessonFile, type Course } from './course.js';
import type { FlowContext } from './flow.js';
import { attachSandbox, handOver, launchSandbox } from './launch.js';
import { newSessionId } from './session.js';
import { reachStep, updateLessonProgress } from './progress-store.js';
import { findSession, isAlive, listSessions, removeSession, saveSession, type SessionRecord } from './session-store.js';

export interface OpenSession extends FlowContext {
  sandbox: Sandbox;
}

export async function openSession(id?: string): Promise<OpenSession> {
  const session = await findSession(id);
  // The lesson and the sandbox are independent: fetch both at once.
  const [lesson, sandbox] = await Promise.all([sessionLesson(session), attachSandbox(session).catch((err: unknown) => err as Error)]);
  if (sandbox instanceof NotFoundError || sandbox instanceof SandboxGoneError) {
    throw new SandboxGoneError(`The sandbox of session ${session.id} (${lesson.id}, step ${session.step}) is gone.`, {
      hint: '`netlessons reset` starts a fresh one at this step; `netlessons stop` forgets the session.',
      cause: sandbox,
    });
  }
  if (sandbox instanceof EngineError) {
    // The engine went away under a session: say how to carry on once it is back (progress is saved).
    throw new EngineError(sandbox.message, {
      hint: `${sandbox.hint ? `${sandbox.hint} ` : ''}Your progress is saved: once Docker is back, \`netlessons start ${lesson.id}\` resumes at step ${session.step}.`,
      cause: sandbox,
    });
  }
  if (sandbox instanceof Error) throw sandbox;
  return { session, lesson, sandbox };
}

async function sessionLesson(session: SessionRecord): Promise<Lesson> {
  if (session.lessonFile) return loadLessonFile(session.lessonFile);
  return findLesson(await loadCourse(session.lessonsDir), session.lessonId);
}

export interface DetachOptions {
  course: Course;
  lesson: Lesson;
  backend: BackendName;
  step: number;
  onProgress?: (line: string) => void;
}

/** A sandbox that outlives this process: the session file is how later commands find it. */
export async function startDetached(opts: DetachOptions): Promise<SessionRecord> {
  const session: SessionRecord = {
    id: newSessionId(),
    backend: opts.backend,
    lessonId: opts.lesson.id,
    lessonsDir: opts.course.dir,
    lessonFile: opts.lesson.file,
    course: opts.course.key,
    step: opts.step,
    passed: false,
    hintsShown: 0,
    created: new Date().toISOString(),
  };
  const sandbox = await launchSandbox(session, opts.lesson, { onProgress: opts.onProgress });
  try {
    await saveSession(session);
    await updateLessonProgress(session.course, session.lessonId, (lp) => {
      reachStep(lp, session.step, opts.lesson.steps.length);
    });
    return session;
  } finally {
    handOver(sandbox);
  }
}

/** Replace a session's sandbox (gone or not) with a fresh one at its current step. */
export async function resetSession(id: string | undefined, onProgress?: (line: string) => void): Promise<SessionRecord> {
  const session = await findSession(id);
  if (session.ownerPid !== undefined && session.ownerPid !== process.pid && isAlive(session.ownerPid)) {
    // Replacing the sandbox under an open shell would end that shell, and its clean-up would then
    // forget the session and leave the new sandbox behind: the owner must do it.
    throw new UsageError(
      `Session ${session.id} (${session.lessonId}, step ${session.step}) is open in a terminal (netlessons process ${session.ownerPid}).`,
      'Type `reset` in that terminal’s sandbox shell, or `quit` there first and then `netlessons reset` here.',
    );
  }
  const lesson = await sessionLesson(session);
  const backend = await (await import('../sandbox/index.js')).getBackend(session.backend);
  await backend.clean(session.id);
  session.passed = false;
  const sandbox = await launchSandbox(session, lesson, { onProgress });
  handOver(sandbox);
  await saveSession(session);
  return session;
}

export interface SessionStatus extends SessionRecord {
  /** Whether the session's sandbox is still running. */
  sandboxRunning: boolean;
  /** Whether an interactive `start` still owns it. */
  ownerAlive: boolean;
}

export async function sessionStatuses(): Promise<SessionStatus[]> {
  return Promise.all(
    (await listSessions()).map(async (s) => {
      let sandboxRunning = true;
      try {
        await attachSandbox(s);
      } catch (err) {
        if (!(err instanceof NotFoundError || err instanceof SandboxGoneError)) throw err;
        sandboxRunning = false;
      }
      return { ...s, sandboxRunning, ownerAlive: isAlive(s.ownerPid) };
    }),
  );
}

/** Remove the session's sandbox and its file. */
export async function stopSession(session: SessionRecord): Promise<void> {
  const backend = await (await import('../sandbox/index.js')).getBackend(session.backend);
  await backend.clean(session.id);
  await removeSession(session.id);
}

/**
 * For `netlessons clean`: remove the files of sessions whose sandbox is gone (and whose interactive
 * owner, if any, has exited). Returns how many went.
 */
export async function removeSessionFiles(): Promise<number> {
  let removed = 0;
  for (const s of await sessionStatuses()) {
    if (!s.sandboxRunning && !s.ownerAlive) {
      await removeSession(s.id);
      removed++;
    }
  }
  return removed;
}
