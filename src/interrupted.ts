/**
 * Whether a signal is ending the program. Both the runner's and the sandbox layer's signal handlers
 * run on one Ctrl-C: the first to get here announces it, and progress displays stop drawing, so the
 * clean-up's words are the last thing on the screen.
 */
let interrupted = false;

/** True for the first caller only. */
export function markInterrupted(): boolean {
  if (interrupted) return false;
  interrupted = true;
  return true;
}

export function isInterrupted(): boolean {
  return interrupted;
}
