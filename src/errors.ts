/**
 * Errors a user can act on. Thrown where the problem is known, printed once by the CLI's top level
 * (message, then hint); `--debug` adds the stack.
 */
export class NetlessonsError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(message: string, opts: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? 1;
  }
}

/** Bad command line: unknown command, flag or argument. Exit 2 like other CLIs. */
export class UsageError extends NetlessonsError {
  constructor(message: string, hint = 'Run `netlessons --help` to see the commands.') {
    super(message, { hint, exitCode: 2 });
  }
}

/** A problem in a lesson file, located to the line. */
export class LessonError extends NetlessonsError {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  constructor(file: string, line: number, col: number, reason: string, hint?: string) {
    super(`${file}:${line}:${col}: ${reason}`, { hint });
    this.file = file;
    this.line = line;
    this.col = col;
  }
}

/** No lesson, step or session matched what the user named. */
export class NotFoundError extends NetlessonsError {}

/** The container engine or VM tool cannot be reached or refuses us. */
export class EngineError extends NetlessonsError {}

/** The sandbox image is missing or cannot be built. */
export class ImageError extends NetlessonsError {}

/** The sandbox went away under us (container died, VM halted). */
export class SandboxGoneError extends NetlessonsError {}

/** A command in the sandbox ran past its time limit and was killed. */
export class ExecTimeoutError extends NetlessonsError {
  readonly timeoutMs: number;
  constructor(command: string, timeoutMs: number) {
    super(`Command timed out after ${timeoutMs} ms in the sandbox: ${command.length > 80 ? command.slice(0, 77) + '...' : command}`, {
      hint: 'The command was killed. If it is meant to run long, start it in the background (`cmd &`).',
    });
    this.timeoutMs = timeoutMs;
  }
}

/** The checker could not read the kernel state (as opposed to: the state is not right yet). */
export class CheckError extends NetlessonsError {}

export function isNetlessonsError(e: unknown): e is NetlessonsError {
  return e instanceof NetlessonsError;
}
