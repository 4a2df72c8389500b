/**
 * A running Vagrant machine of one session. Made by VagrantBackend.start/attach; every command runs
 * over the session's shared ssh connection; stop() destroys the machine and its folder, once.
 */
import type { BackendName, ExecOptions, ExecResult, Sandbox, ShellOptions } from '../sandbox.js';
import { SessionDir } from './session-dir.js';
import { closeMaster, sshExec, type SshTarget } from './ssh-exec.js';
import { destroySession } from './vagrant-destroy.js';
import { openShell } from './vagrant-shell.js';

export function sshTarget(dir: SessionDir): SshTarget {
  return { configFile: dir.sshConfigFile, controlPath: dir.controlPath, masterLog: dir.masterLog };
}

/** The docker provider's container name (vm/Vagrantfile); VMs carry the session id in their name too. */
export function containerName(sessionId: string): string {
  return `netlessons-vagrant-${sessionId}`;
}

export class VagrantSandbox implements Sandbox {
  readonly backend: BackendName = 'vagrant';
  readonly name: string;
  private readonly ssh: SshTarget;
  private stopping: Promise<void> | undefined;

  constructor(
    readonly sessionId: string,
    readonly dir: SessionDir,
  ) {
    this.ssh = sshTarget(dir);
    this.name = containerName(sessionId);
  }

  exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    return sshExec(this.ssh, command, opts);
  }

  shell(opts: ShellOptions = {}): Promise<number> {
    return openShell(this.ssh, opts);
  }

  /** The ssh control socket every exec shares (tests, diagnostics). */
  get controlPath(): string {
    return this.ssh.controlPath;
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await closeMaster(this.ssh).catch(() => {});
      await destroySession(this.dir);
    })();
    return this.stopping;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
