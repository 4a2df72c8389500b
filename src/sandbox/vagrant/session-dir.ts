/**
 * Each Vagrant session lives in its own folder, `<state dir>/vagrant/<session id>/`: the Vagrantfile,
 * session.json (what the Vagrantfile reads), Vagrant's .vagrant/ dotfile folder, the ssh config parsed
 * once from `vagrant ssh-config`, and the pid of a running `vagrant` command. The folder is the record
 * `clean` works from after a crash, so it is written before anything is created and removed last.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import envPaths from 'env-paths';
import { VM_DIR } from '../../paths.js';
import type { VagrantProvider } from './providers.js';

/** What the Vagrantfile reads from session.json (keys shared with vm/Vagrantfile). */
export interface SessionRecord {
  sessionId: string;
  provider: VagrantProvider;
  hostname: string;
  lessonId?: string;
  /** docker provider: the sshd image tag. */
  image?: string;
  /** NETLESSONS_RUN of the process that started it, so a test run cleans only its own. */
  run?: string;
  packagesFile: string;
  profileFile: string;
  createdAt: string;
}

/** Same rule as the runner's state dir (the sandbox layer may not import the runner). */
export function vagrantRoot(): string {
  const home = process.env.NETLESSONS_HOME;
  const base = home ? path.resolve(home) : envPaths('netlessons', { suffix: '' }).data;
  return path.join(base, 'vagrant');
}

export class SessionDir {
  readonly dir: string;
  constructor(readonly sessionId: string, root = vagrantRoot()) {
    if (!/^[A-Za-z0-9_.-]+$/.test(sessionId)) throw new Error(`invalid session id: ${sessionId}`);
    this.dir = path.join(root, sessionId);
  }

  get vagrantfile(): string {
    return path.join(this.dir, 'Vagrantfile');
  }
  get dotfiles(): string {
    return path.join(this.dir, '.vagrant');
  }
  get sshConfigFile(): string {
    return path.join(this.dir, 'ssh_config');
  }
  get pidFile(): string {
    return path.join(this.dir, 'vagrant.pid');
  }
  get masterLog(): string {
    return path.join(this.dir, 'ssh-master.log');
  }

  /**
   * ssh's control socket. Unix socket paths are limited to 104-108 bytes, and a deep NETLESSONS_HOME
   * would pass that: fall back to a short per-user folder in the temp dir.
   */
  get controlPath(): string {
    const inDir = path.join(this.dir, 'ssh.sock');
    if (Buffer.byteLength(inDir) <= 100) return inDir;
    const short = path.join(os.tmpdir(), `netlessons-ssh-${process.getuid?.() ?? 'u'}`);
    mkdirSync(short, { recursive: true, mode: 0o700 });
    return path.join(short, `${this.sessionId.slice(0, 24)}.sock`);
  }

  exists(): boolean {
    return existsSync(path.join(this.dir, 'session.json'));
  }

  create(record: SessionRecord): void {
    mkdirSync(this.dir, { recursive: true });
    copyFileSync(path.join(VM_DIR, 'Vagrantfile'), this.vagrantfile);
    writeFileSync(path.join(this.dir, 'session.json'), JSON.stringify(record, null, 2) + '\n');
  }

  read(): SessionRecord | undefined {
    try {
      return JSON.parse(readFileSync(path.join(this.dir, 'session.json'), 'utf8')) as SessionRecord;
    } catch {
      return undefined;
    }
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
    rmSync(this.controlPath, { force: true });
  }
}

/** Every session folder on this machine (the record of what may still be running). */
export function listSessionDirs(root = vagrantRoot()): SessionDir[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names.filter((n) => /^[A-Za-z0-9_.-]+$/.test(n)).map((n) => new SessionDir(n, root));
}

/** For processes of ours recorded in pid files: true when `pid` still runs a `vagrant` command. */
export function isVagrantProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // Linux: make sure the pid was not reused by something else. Elsewhere, trust the pid file.
    return /vagrant/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}
