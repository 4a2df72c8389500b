/**
 * Opt-in clean-up of sandboxes when the process goes away: Ctrl-C (SIGINT), a closed terminal (SIGHUP),
 * SIGTERM, an uncaught error, or the event loop simply running dry. Guard a sandbox to have it removed on
 * any of those; release it once you have stopped it (or handed it on: detached sessions are not guarded).
 * Process handlers exist only while something is guarded or starting, like clack's spinner does.
 * SIGKILL cannot be caught: `netlessons clean` sweeps what it leaves by label.
 */
import { isNetlessonsError } from '../errors.js';
import { markInterrupted } from '../interrupted.js';
import type { Sandbox, StartOptions } from './sandbox.js';

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
type Signal = keyof typeof SIGNALS;

/** Bounded so a dead engine cannot keep a Ctrl-C'd process alive. */
const TEARDOWN_LIMIT_MS = 15_000;

type Stoppable = Pick<Sandbox, 'stop'>;

const guarded = new Set<Stoppable>();
/** Starts in flight: aborted on a signal, and awaited so their half-made container is removed first. */
const starting = new Map<Promise<unknown>, AbortController>();
let installed = false;
let tearing: Promise<void> | undefined;
/** Set once a signal handler has begun: the process exits when the teardown ends. */
let exitingOn: Signal | undefined;

/** Remove `sandbox` if this process is interrupted or crashes. Returns it, for chaining. */
export function guardSandbox<S extends Stoppable>(sandbox: S): S {
  guarded.add(sandbox);
  sync();
  return sandbox;
}

/** Stop guarding (after stop(), or to let the sandbox outlive this process). */
export function release(sandbox: Stoppable): void {
  guarded.delete(sandbox);
  sync();
}

/** How many sandboxes are guarded now (tests, diagnostics). */
export function guardedCount(): number {
  return guarded.size;
}

/**
 * backend.start() with the guard active from its first call: a signal during the start aborts it (the
 * backend removes what it created) and the process then exits 128+signal. The started sandbox is guarded.
 */
export async function startGuarded<S extends Sandbox>(backend: { start(o: StartOptions): Promise<S> }, opts: StartOptions): Promise<S> {
  const controller = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, controller.signal]) : controller.signal;
  const pending = backend.start({ ...opts, signal });
  starting.set(pending, controller);
  sync();
  try {
    const sandbox = await pending;
    // A signal may have arrived after the backend's last abort check: the teardown then handles it.
    guardSandbox(sandbox);
    if (tearing) await tearing;
    if (exitingOn) await new Promise(() => {});
    return sandbox;
  } catch (err) {
    // Aborted by our own signal handler, which is about to exit 128+signal: not an error to report.
    if (exitingOn) await new Promise(() => {});
    throw err;
  } finally {
    starting.delete(pending);
    sync();
  }
}

/**
 * Stop every guarded sandbox (and abort starts in flight). Idempotent while running: callers with their
 * own signal handling (the runner's interrupt, which also forgets the session) await this before exiting.
 */
export function stopGuarded(): Promise<void> {
  tearing ??= (async () => {
    for (const c of starting.values()) c.abort(new Error('interrupted'));
    const deadline = new Promise<void>((r) => setTimeout(r, TEARDOWN_LIMIT_MS).unref());
    const work = (async () => {
      await Promise.allSettled([...starting.keys()]);
      // Starts that completed despite the abort guarded their sandbox: stop those too.
      await Promise.allSettled([...guarded].map((s) => s.stop()));
    })();
    await Promise.race([work, deadline]);
    guarded.clear();
  })();
  return tearing;
}

function say(line: string): void {
  try {
    process.stderr.write(line);
  } catch {
    // The terminal is gone (SIGHUP).
  }
}

/** Say once, whichever handler comes first, that a signal is ending the program (not after a hang-up: no one reads it). */
export function announceInterrupt(signal: Signal): void {
  if (!markInterrupted() || signal === 'SIGHUP') return;
  // On a terminal, over the spinner's line rather than below it.
  say(`${process.stderr.isTTY ? '\r\x1b[2K' : '\n'}Interrupted: removing the sandbox…\n`);
}

async function onSignal(signal: Signal): Promise<void> {
  if (exitingOn) return;
  exitingOn = signal;
  announceInterrupt(signal);
  await stopGuarded();
  process.exit(128 + SIGNALS[signal]);
}

async function onCrash(err: unknown): Promise<void> {
  if (exitingOn) return; // fallout of a signal's teardown, which will exit
  const e = err instanceof Error ? err : new Error(String(err));
  const debug = process.argv.includes('--debug');
  // Same shape as the CLI's own error report: a known error with its hint, else "unexpected".
  if (isNetlessonsError(e)) say(`error: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}${debug ? `${e.stack}\n` : ''}`);
  else say(`error: unexpected failure: ${e.message}\n${debug ? `${e.stack}\n` : 'hint: run again with --debug for details, and report it if it persists.\n'}`);
  await stopGuarded();
  process.exit(1);
}

/** The event loop ran dry with sandboxes still guarded: a normal exit that forgot to stop them. */
function onBeforeExit(): void {
  void stopGuarded().then(() => {
    tearing = undefined;
    sync();
  });
}

const signalListeners = Object.fromEntries(
  (Object.keys(SIGNALS) as Signal[]).map((s) => [s, () => void onSignal(s)]),
) as Record<Signal, () => void>;
const crashListener = (err: unknown) => void onCrash(err);

function sync(): void {
  const want = guarded.size > 0 || starting.size > 0 || exitingOn !== undefined;
  if (want === installed) return;
  installed = want;
  const on = want ? process.on.bind(process) : process.off.bind(process);
  for (const s of Object.keys(SIGNALS) as Signal[]) on(s, signalListeners[s]);
  on('uncaughtException', crashListener);
  on('beforeExit', onBeforeExit);
}
