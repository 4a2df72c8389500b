/**
 * A sandbox at the start of a step: start it, replay the lesson up to there (fast-forward), install the
 * in-shell commands. `start`, resume and `reset` all come here; `attachSandbox` finds a running one.
 */
import type { Lesson } from '../lessons/model.js';
import { getBackend, type BackendName, type Sandbox } from '../sandbox/index.js';
import { release, startGuarded } from '../sandbox/teardown.js';
import { fastForward } from './fast-forward.js';
import { INSTALL_RC, rcFile } from './in-shell.js';
import type { SessionRecord } from './session-store.js';

export interface LaunchOptions {
  onProgress?: (line: string) => void;
  signal?: AbortSignal;
  /** Called as soon as the sandbox exists, before the replay: so an interrupt can remove it. */
  onSandbox?: (sandbox: Sandbox) => void;
}

/** The rc token is derived from the session id: every process acting on the session agrees on it. */
export function sessionToken(sessionId: string): string {
  return `nl${sessionId}`;
}

export async function launchSandbox(session: SessionRecord, lesson: Lesson, opts: LaunchOptions = {}): Promise<Sandbox> {
  const backend = await getBackend(session.backend);
  const progress = opts.onProgress ?? (() => {});
  progress('starting the sandbox');
  // Guarded from the first call: Ctrl-C, a closed terminal or a crash removes it (src/sandbox/teardown.ts).
  const sandbox = await startGuarded(backend, { sessionId: session.id, lessonId: lesson.id, hostname: 'netlessons', onProgress: progress, signal: opts.signal });
  opts.onSandbox?.(sandbox);
  try {
    const step = Math.min(session.step, lesson.steps.length + 1);
    await fastForward(sandbox, lesson, step, { onProgress: progress });
    await installRc(sandbox, session.id);
    return sandbox;
  } catch (err) {
    await stopSandbox(sandbox);
    throw err;
  }
}

/** Remove a sandbox this process started, and stop guarding it. */
export async function stopSandbox(sandbox: Sandbox): Promise<void> {
  try {
    await sandbox.stop();
  } finally {
    release(sandbox);
  }
}

/** Let a sandbox outlive this process (detached sessions): `netlessons stop` or `clean` removes it. */
export function handOver(sandbox: Sandbox): void {
  release(sandbox);
}

export async function installRc(sandbox: Pick<Sandbox, 'exec'>, sessionId: string): Promise<void> {
  const r = await sandbox.exec(INSTALL_RC, { stdin: rcFile(sessionToken(sessionId)), timeoutMs: 15_000 });
  if (r.exitCode !== 0) throw new Error(`could not install the in-shell commands: ${r.stderr.trim()}`);
}

export async function attachSandbox(session: Pick<SessionRecord, 'id' | 'backend'>): Promise<Sandbox> {
  const backend = await getBackend(session.backend as BackendName);
  return backend.attach(session.id);
}
