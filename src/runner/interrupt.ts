/**
 * Ctrl-C, a closed terminal (SIGHUP) or SIGTERM while a session owns a sandbox: run the session's
 * clean-up (remove the sandbox, forget the session; progress is already on disk after every change),
 * give the terminal back sane, exit 128+signal. Handlers exist only while something is registered.
 * The sandbox itself is guarded by src/sandbox/teardown.ts too; this adds what only the runner knows
 * (the session file, the terminal) and waits for the teardown before exiting.
 */
import { announceInterrupt, stopGuarded } from '../sandbox/teardown.js';

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
type Signal = keyof typeof SIGNALS;

const cleanups = new Set<() => Promise<void>>();
let exiting = false;

function restoreTerminal(): void {
  try {
    if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
    // Show the cursor again (a spinner may have hidden it).
    if (process.stdout.isTTY) process.stdout.write('\x1b[?25h');
  } catch {
    // The terminal is gone (SIGHUP): nothing to restore.
  }
}

async function handle(signal: Signal): Promise<void> {
  if (exiting) return;
  exiting = true;
  restoreTerminal();
  announceInterrupt(signal);
  const deadline = new Promise((r) => setTimeout(r, 15_000).unref());
  await Promise.race([Promise.allSettled([...[...cleanups].map((c) => c()), stopGuarded()]), deadline]);
  process.exit(128 + SIGNALS[signal]);
}

const listeners = Object.fromEntries(Object.keys(SIGNALS).map((s) => [s, () => void handle(s as Signal)])) as Record<Signal, () => void>;

/** Register a clean-up for interrupts; returns the function that unregisters it. */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  if (cleanups.size === 0) for (const s of Object.keys(SIGNALS) as Signal[]) process.on(s, listeners[s]);
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
    if (cleanups.size === 0) for (const s of Object.keys(SIGNALS) as Signal[]) process.off(s, listeners[s]);
  };
}

export function isExiting(): boolean {
  return exiting;
}
