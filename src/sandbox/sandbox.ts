/**
 * The contract between the runner/checker and a place where lessons run. A backend knows nothing of
 * lessons: it starts an isolated Linux with root and network-admin power, runs commands in it, gives the
 * learner a shell, and removes it.
 */
export type BackendName = 'docker' | 'vagrant';
export const BACKENDS: readonly BackendName[] = ['docker', 'vagrant'];

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Written to the command's stdin, then stdin is closed. */
  stdin?: string;
  /** Kill the command after this long and throw ExecTimeoutError. Default: 60 s. */
  timeoutMs?: number;
}

export interface ShellOptions {
  /** Extra environment for the shell (e.g. the prompt's lesson name). */
  env?: Record<string, string>;
  /** Command to run instead of the login shell (default: bash -l). */
  command?: string[];
  /** Called with the raw bytes the shell writes, before they reach the terminal; return what to show. */
  onOutput?: (chunk: Buffer) => Buffer;
  /** Lets the caller type into the shell (e.g. answer an in-shell command). Set once the shell is attached. */
  onAttach?: (io: { write(data: string | Buffer): void }) => void;
}

export interface Sandbox {
  /** The session id: every resource carries it as a label. */
  readonly sessionId: string;
  readonly backend: BackendName;
  /** Human-readable name (container name, VM name). */
  readonly name: string;
  /** Run `bash -c command` as root in the sandbox's root network namespace. */
  exec(command: string, opts?: ExecOptions): Promise<ExecResult>;
  /** Interactive TTY shell on the caller's terminal; resolves with the shell's exit code. */
  shell(opts?: ShellOptions): Promise<number>;
  /** Remove the sandbox. Idempotent: later calls return the first call's promise. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface StartOptions {
  sessionId: string;
  /** Recorded as a label so `clean` and `status` can say what a sandbox was for. */
  lessonId?: string;
  /** Shown in the shell prompt. */
  hostname?: string;
  /** Progress lines while slow work (image build, VM boot) goes on. */
  onProgress?: (line: string) => void;
  signal?: AbortSignal;
}

export interface SandboxBackend {
  readonly name: BackendName;
  start(opts: StartOptions): Promise<Sandbox>;
  /** Reattach to a running sandbox of a session started by another process. Throws NotFoundError. */
  attach(sessionId: string): Promise<Sandbox>;
  /**
   * Remove every sandbox this backend ever made on this machine (or only one session's; or only those
   * started with NETLESSONS_RUN=run, so concurrent test runs sharing an engine spare each other). Returns how many.
   */
  clean(sessionId?: string, run?: string): Promise<number>;
}
