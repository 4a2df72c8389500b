/**
 * The learner's interactive shell: a TTY exec with our terminal in raw mode, so Ctrl-C, Ctrl-D and
 * line editing belong to the shell in the sandbox. The terminal is restored on every way out.
 */
import type Docker from 'dockerode';
import type { ShellOptions } from '../sandbox.js';
import { call } from './docker-client.js';

export async function attachShell(container: Docker.Container, opts: ShellOptions = {}): Promise<number> {
  const passOn: Record<string, string> = { TERM: process.env.TERM || 'xterm-256color' };
  // The prompt inside honours the learner's NO_COLOR too.
  if (process.env.NO_COLOR) passOn.NO_COLOR = process.env.NO_COLOR;
  const env = Object.entries({ ...passOn, ...opts.env }).map(([k, v]) => `${k}=${v}`);
  const exec = await call('opening a shell in the sandbox', () =>
    container.exec({
      Cmd: opts.command ?? ['bash', '-l'],
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      Env: env,
    }),
  );
  const stream = await call('opening a shell in the sandbox', () => exec.start({ hijack: true, stdin: true, Tty: true }));

  const stdin = process.stdin;
  const stdout = process.stdout;
  const wasRaw = stdin.isTTY ? stdin.isRaw : false;
  const forward = (d: Buffer) => stream.write(d);
  // Piped (non-TTY) input: its end becomes a Ctrl-D typed into the sandbox's terminal. Half-closing the
  // hijacked stream instead makes the engine end the whole TTY exec before the shell has read a byte.
  const endInput = () => stream.write('\x04');
  const show = (chunk: Buffer) => {
    const out = opts.onOutput ? opts.onOutput(chunk) : chunk;
    if (out.length) stdout.write(out);
  };
  const resize = () => {
    if (stdout.isTTY && stdout.columns && stdout.rows) exec.resize({ h: stdout.rows, w: stdout.columns }).catch(() => {});
  };
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdin.off('data', forward);
    stdin.off('end', endInput);
    stdout.off('resize', resize);
    process.off('exit', restore);
    try {
      if (stdin.isTTY) stdin.setRawMode(wasRaw);
    } catch {
      // The terminal is gone (SIGHUP): nothing to restore.
    }
    stdin.pause();
  };

  try {
    // process.exit() elsewhere (a signal's teardown) must not leave the learner's terminal raw.
    process.once('exit', restore);
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.on('data', forward);
    stdin.once('end', endInput);
    stdin.resume();
    stream.on('data', show);
    stdout.on('resize', resize);
    resize();
    opts.onAttach?.({ write: (d) => stream.write(d) });
    await new Promise<void>((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', () => resolve());
    });
  } finally {
    restore();
  }
  try {
    const info = await exec.inspect();
    return info.ExitCode ?? 0;
  } catch {
    // The container went away with the shell (quit, reset, clean): nothing more to report.
    return 0;
  }
}
