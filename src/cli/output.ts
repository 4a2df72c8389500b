/** How the CLI writes: colour only on a TTY without NO_COLOR, JSON on request, errors once. */
import { isNetlessonsError } from '../errors.js';

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && process.env.TERM !== 'dumb';
}

/**
 * Whether a person can answer: both ends are a terminal. `CI` is deliberately not consulted: a CI job
 * that drives the program in a real terminal (tmux, expect) must get the same program a learner does.
 */
export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

const paint = (code: string) => (s: string) => (useColor(process.stderr) ? `\x1b[${code}m${s}\x1b[0m` : s);
export const red = paint('31');
export const dim = paint('2');
export const bold = paint('1');

/** The one place errors reach the user. Returns the exit code. */
export function reportError(err: unknown, debug: boolean): number {
  if (isNetlessonsError(err)) {
    process.stderr.write(`${red('error:')} ${err.message}\n`);
    if (err.hint) process.stderr.write(`${dim('hint:')} ${err.hint}\n`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`${red('error:')} unexpected failure: ${e.message}\n`);
  if (debug) process.stderr.write(`${e.stack}\n`);
  else process.stderr.write(`${dim('hint:')} run again with --debug for details, and report it if it persists.\n`);
  return 1;
}
