/**
 * Commands in the machine over plain ssh, sharing one master connection (ControlMaster) per session.
 * The command travels base64-encoded inside a fixed wrapper, so no quoting of the learner's or lesson's
 * shell text can go wrong, and stdin stays free for ExecOptions.stdin. Root comes from `sudo -n`.
 */
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { ExecTimeoutError, SandboxGoneError } from '../../errors.js';
import type { ExecOptions, ExecResult } from '../sandbox.js';
import { SSH_HOST } from './ssh-config.js';

export interface SshTarget {
  configFile: string;
  controlPath: string;
  /** Where the background master writes its errors (never to our pipes: it would hold them open). */
  masterLog: string;
}

/**
 * `bash -c` of `script` as root, cwd /, in PID 1's network namespace (the learner's: under the docker
 * provider sshd lives in a namespace of its own, see vm/vagrant/start-sshd.sh; in a VM it is the same
 * one), killed with its process group after `secs` like the Docker backend.
 */
export function rootCommand(script: string, secs?: number): string {
  const b64 = Buffer.from(script, 'utf8').toString('base64');
  const limit = secs === undefined ? '' : `timeout -k 2 ${secs} `;
  return `cd / && sudo -n nsenter --net=/proc/1/ns/net ${limit}bash -c "$(echo ${b64} | base64 -d)"`;
}

/** ssh options, the host, then the remote command (if any). */
function sshArgs(t: SshTarget, options: string[] = [], remote?: string): string[] {
  return ['-F', t.configFile, ...options, SSH_HOST, ...(remote === undefined ? [] : [remote])];
}

/** True when a master answers on the control socket. */
export async function masterAlive(t: SshTarget): Promise<boolean> {
  if (!existsSync(t.controlPath)) return false;
  const r = await execa('ssh', sshArgs(t, ['-O', 'check']), { reject: false, stdin: 'ignore', timeout: 5_000 });
  return r.exitCode === 0;
}

const starting = new Map<string, Promise<void>>();

/**
 * Start the shared connection in the background (`-fN`), unless one answers. Its stdio goes to a log
 * file: a ControlPersist master keeps the stderr it was given, and a pipe would never reach EOF.
 */
export function ensureMaster(t: SshTarget): Promise<void> {
  const pending = starting.get(t.controlPath);
  if (pending) return pending;
  const p = (async () => {
    if (await masterAlive(t)) return;
    const log = { file: t.masterLog, append: true } as const;
    const r = await execa('ssh', sshArgs(t, ['-o', 'ControlMaster=yes', '-f', '-N']), { reject: false, stdin: 'ignore', stdout: log, stderr: log, timeout: 20_000 });
    if (r.exitCode !== 0) {
      throw new SandboxGoneError(`Could not log in to the Vagrant machine over ssh (exit ${r.exitCode}).`, {
        hint: `See ${t.masterLog}. \`netlessons reset\` starts a fresh machine.`,
      });
    }
  })().finally(() => starting.delete(t.controlPath));
  starting.set(t.controlPath, p);
  return p;
}

/** Ask the master to exit (it takes its sessions with it). Quiet when there is none. */
export async function closeMaster(t: SshTarget): Promise<void> {
  if (!existsSync(t.controlPath)) return;
  await execa('ssh', sshArgs(t, ['-O', 'exit']), { reject: false, stdin: 'ignore', timeout: 5_000 });
}

export async function sshExec(t: SshTarget, command: string, opts: ExecOptions = {}): Promise<ExecResult> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const secs = Math.max(1, Math.ceil(timeoutMs / 1000));
  if (!existsSync(t.controlPath)) await ensureMaster(t);
  const started = Date.now();
  const r = await execa('ssh', sshArgs(t, [], rootCommand(command, timeoutMs / 1000)), {
    reject: false,
    ...(opts.stdin !== undefined ? { input: opts.stdin } : { stdin: 'ignore' as const }),
    stripFinalNewline: false,
    encoding: 'utf8',
    // Backstop only: `timeout` in the machine kills the command's process group first.
    timeout: (secs + 5) * 1000,
  });
  if (r.timedOut) throw new ExecTimeoutError(command, timeoutMs);
  const exitCode = r.exitCode ?? -1;
  if (exitCode === 124 && Date.now() - started >= timeoutMs - 50) throw new ExecTimeoutError(command, timeoutMs);
  // 255 is ssh's own failure, unless the command itself exited 255: tell them apart by a probe.
  if (exitCode === 255 && !(await reachable(t))) {
    throw new SandboxGoneError(`The Vagrant machine no longer answers over ssh${r.stderr ? `: ${String(r.stderr).trim().split('\n').pop()}` : ''}.`, {
      hint: 'It was halted or destroyed. `netlessons start` begins a new one at your saved step.',
    });
  }
  return { exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

async function reachable(t: SshTarget): Promise<boolean> {
  const r = await execa('ssh', sshArgs(t, ['-o', 'ConnectTimeout=5'], 'true'), { reject: false, stdin: 'ignore', timeout: 10_000 });
  return r.exitCode === 0;
}
