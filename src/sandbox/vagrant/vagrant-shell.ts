/**
 * The learner's shell over `ssh -tt` on the session's shared connection. ssh's stdin and stdout are
 * pipes through node (so ShellOptions.onOutput can filter output and onAttach can type), with our
 * terminal in raw mode so Ctrl-C, Ctrl-D and line editing belong to the shell in the machine. A pipe has
 * no window size, so the remote pty's size is set with `stty` at start and again on every resize.
 */
import { randomBytes } from 'node:crypto';
import { execa } from 'execa';
import type { ShellOptions } from '../sandbox.js';
import { SSH_HOST } from './ssh-config.js';
import { ensureMaster, rootCommand, sshExec, type SshTarget } from './ssh-exec.js';

function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export async function openShell(t: SshTarget, opts: ShellOptions = {}): Promise<number> {
  await ensureMaster(t);
  const stdin = process.stdin;
  const stdout = process.stdout;
  const ttyFile = `/run/netlessons-shell.${randomBytes(4).toString('hex')}`;
  const env = { TERM: process.env.TERM || 'xterm-256color', ...opts.env };
  const size = stdout.isTTY && stdout.columns && stdout.rows ? `stty rows ${stdout.rows} cols ${stdout.columns} 2>/dev/null; ` : '';
  const command = (opts.command ?? ['bash', '-l']).map(shq).join(' ');
  const script =
    `tty > ${ttyFile} 2>/dev/null; ${size}` +
    `trap 'rm -f ${ttyFile}' EXIT; ` +
    `env ${Object.entries(env).map(([k, v]) => shq(`${k}=${v}`)).join(' ')} ${command}`;
  const child = execa('ssh', ['-F', t.configFile, '-tt', '-o', 'LogLevel=ERROR', SSH_HOST, rootCommand(script)], {
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'inherit',
    reject: false,
    encoding: 'buffer',
    buffer: false,
  });

  const wasRaw = stdin.isTTY ? stdin.isRaw : false;
  const forward = (d: Buffer) => child.stdin?.write(d);
  const show = (chunk: Buffer) => {
    const out = opts.onOutput ? opts.onOutput(chunk) : chunk;
    if (out.length) stdout.write(out);
  };
  const resize = () => {
    if (!stdout.columns || !stdout.rows) return;
    void sshExec(t, `[ -e ${ttyFile} ] && stty -F "$(cat ${ttyFile})" rows ${stdout.rows} cols ${stdout.columns}`, { timeoutMs: 5_000 }).catch(() => {});
  };
  try {
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.on('data', forward);
    stdin.resume();
    child.stdout?.on('data', show);
    stdout.on('resize', resize);
    child.stdin?.on('error', () => {});
    opts.onAttach?.({ write: (d) => child.stdin?.write(d) });
    const r = await child;
    return r.exitCode ?? 0;
  } finally {
    stdin.off('data', forward);
    stdout.off('resize', resize);
    if (stdin.isTTY) stdin.setRawMode(wasRaw);
    stdin.pause();
  }
}
