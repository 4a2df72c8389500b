/**
 * The Vagrant backend: each session is a machine made by `vagrant up` in its own folder (session-dir.ts),
 * reached over plain ssh with a shared connection. Providers: virtualbox and libvirt (a real VM with its
 * own kernel) or docker (the sandbox image plus sshd; what the tests use). See vm/Vagrantfile.
 */
import { chmodSync, copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EngineError, NotFoundError, SandboxGoneError } from '../../errors.js';
import { VM_DIR } from '../../paths.js';
import type { SandboxBackend, StartOptions } from '../sandbox.js';
import { chooseProvider, type VagrantProvider } from './providers.js';
import { listSessionDirs, SessionDir, vagrantRoot } from './session-dir.js';
import { dockerProviderSettings, parseSshConfig, writeSshConfig } from './ssh-config.js';
import { ensureMaster, masterAlive, sshExec } from './ssh-exec.js';
import { tail, vagrant } from './vagrant-cli.js';
import { destroySession, sweepOrphanContainers } from './vagrant-destroy.js';
import { ensureVagrantImage, vagrantKeyPair } from './vagrant-image.js';
import { containerName, sshTarget, VagrantSandbox } from './vagrant-sandbox.js';

export { VagrantSandbox } from './vagrant-sandbox.js';

/** A VM boots in minutes the first time (box download, packages); a container in seconds. */
const UP_TIMEOUT_MS = 15 * 60_000;

export class VagrantBackend implements SandboxBackend {
  readonly name = 'vagrant' as const;

  async start(opts: StartOptions): Promise<VagrantSandbox> {
    const progress = opts.onProgress ?? (() => {});
    const provider = await chooseProvider();
    const image = provider === 'docker' ? await ensureVagrantImage(progress) : undefined;
    opts.signal?.throwIfAborted();
    const dir = new SessionDir(opts.sessionId);
    if (dir.exists()) {
      throw new EngineError(`A Vagrant session ${opts.sessionId} already exists in ${dir.dir}.`, { hint: '`netlessons clean` removes it.' });
    }
    // The record first: from here on, whatever happens, `clean` can find and destroy this session.
    dir.create({
      sessionId: opts.sessionId,
      provider,
      hostname: opts.hostname ?? 'netlessons',
      lessonId: opts.lessonId,
      image,
      run: process.env.NETLESSONS_RUN || undefined,
      packagesFile: path.join(VM_DIR, 'packages.txt'),
      profileFile: path.join(VM_DIR, 'rootfs', 'etc', 'profile.d', 'netlessons.sh'),
      createdAt: new Date().toISOString(),
    });
    const sandbox = new VagrantSandbox(opts.sessionId, dir);
    try {
      progress(`vagrant up --provider=${provider}`);
      const up = await this.up(dir, provider, progress, opts.signal);
      if (up.exitCode !== 0) {
        // Vagrant's recovery after a failed step often masks the first error: keep the whole output.
        const log = path.join(vagrantRoot(), 'last-failed-up.log');
        writeFileSync(log, `${up.stdout}\n${up.stderr}`);
        throw new EngineError(`\`vagrant up --provider=${provider}\` failed:\n${tail(up)}`, {
          hint: `The whole output is in ${log}. \`netlessons doctor --backend vagrant\` checks the providers; \`--backend docker\` needs no Vagrant.`,
        });
      }
      opts.signal?.throwIfAborted();
      writeSshConfig(dir.sshConfigFile, await this.sshSettings(dir, provider, opts.signal), dir.controlPath);
      await ensureMaster(sshTarget(dir));
      // VMs: /proc/sys/net is writable already; make sure the namespace folder exists as in the image.
      const ready = await sshExec(sshTarget(dir), 'mkdir -p /run/netns /etc/netns && test -w /proc/sys/net/ipv4/ip_forward', { timeoutMs: 15_000 });
      if (ready.exitCode !== 0) {
        throw new SandboxGoneError(`The Vagrant machine started but root cannot write /proc/sys/net: ${ready.stderr.trim()}`, {
          hint: 'The docker provider needs SYS_ADMIN for its start-up remount. `netlessons doctor` tells more.',
        });
      }
      opts.signal?.throwIfAborted();
      return sandbox;
    } catch (err) {
      // Never leave a half-made machine behind; the original error is the one the user needs.
      await sandbox.stop().catch(() => {});
      throw err;
    }
  }

  /**
   * `vagrant up`, retried when the docker provider trips over a busy engine: before creating anything it
   * inspects *every* container on the engine (its port-collision check), and one removed meanwhile by
   * anyone fails the whole `up` with "No such object". Nothing of ours exists yet then, so a retry is safe.
   */
  private async up(dir: SessionDir, provider: VagrantProvider, progress: (line: string) => void, signal?: AbortSignal) {
    // The docker provider's image already holds everything provisioning would install.
    const args = ['up', `--provider=${provider}`, ...(provider === 'docker' ? ['--no-provision'] : [])];
    for (let attempt = 1; ; attempt++) {
      const up = await vagrant(dir, args, { onLine: progress, signal, timeoutMs: UP_TIMEOUT_MS });
      const raced = provider === 'docker' && up.exitCode !== 0 && /No such object/.test(up.stderr) && !/Container created/.test(up.stdout);
      if (!raced || attempt === 3) return up;
      progress(`another container vanished while Vagrant listed them all; trying again (${attempt + 1}/3)`);
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }

  /** How to reach the machine: asked of Vagrant once (VMs), or known (the docker provider's container). */
  private async sshSettings(dir: SessionDir, provider: VagrantProvider, signal?: AbortSignal): Promise<Map<string, string>> {
    if (provider === 'docker') {
      const identity = path.join(dir.dir, 'identity');
      copyFileSync((await vagrantKeyPair()).privateKeyFile, identity);
      chmodSync(identity, 0o600);
      return dockerProviderSettings(containerName(dir.sessionId), identity);
    }
    const cfg = await vagrant(dir, ['ssh-config'], { signal, timeoutMs: 60_000 });
    if (cfg.exitCode !== 0) throw new EngineError(`\`vagrant ssh-config\` failed:\n${tail(cfg)}`, { hint: 'Run `netlessons doctor`.' });
    return parseSshConfig(cfg.stdout);
  }

  async attach(sessionId: string): Promise<VagrantSandbox> {
    const dir = new SessionDir(sessionId);
    if (!dir.exists()) {
      throw new NotFoundError(`No Vagrant machine for session ${sessionId} is recorded on this machine.`, {
        hint: 'It was stopped or cleaned. `netlessons start` begins a new one at your saved step.',
      });
    }
    const sandbox = new VagrantSandbox(sessionId, dir);
    const t = sshTarget(dir);
    if (!(await masterAlive(t))) {
      try {
        await ensureMaster(t);
      } catch {
        throw new SandboxGoneError(`The Vagrant machine of session ${sessionId} does not answer over ssh.`, {
          hint: '`netlessons reset` starts a fresh one at your current step; `netlessons clean` removes the old one.',
        });
      }
    }
    return sandbox;
  }

  /**
   * Destroy the machines recorded in session folders (all, one session's, or one test run's): what a
   * crashed or SIGKILLed process left. Then docker-provider containers with no folder, by label; not
   * for a run-scoped clean, which must spare live sessions of the same run recorded elsewhere (test
   * files use their own NETLESSONS_HOME). Returns how many machines were really there.
   */
  async clean(sessionId?: string, run?: string): Promise<number> {
    let dirs = listSessionDirs();
    if (sessionId) dirs = dirs.filter((d) => d.sessionId === sessionId);
    if (run) dirs = dirs.filter((d) => d.read()?.run === run);
    let removed = 0;
    // One at a time: each `vagrant destroy` starts Ruby, and two cores are shared with the lessons.
    for (const d of dirs) if (await destroySession(d)) removed++;
    if (!run) removed += await sweepOrphanContainers(sessionId);
    return removed;
  }
}
