/**
 * A private Docker engine for the engine-fault test, so stopping "Docker" never touches the machine's
 * main engine (shared with other test runs). Its own socket, data root, exec root (so its own
 * containerd and runc state) and containerd namespace, and its own network namespace (`unshare --net`):
 * a dockerd started with `--bridge none` DELETES the host's docker0 at start-up (moby's
 * removeDefaultBridgeInterface), so it must never see the host's interfaces. `--iptables=false
 * --ip-masq=false` keeps it off the firewall too (sandboxes use network none anyway).
 * The folder is /tmp/nl-fault-<pid>: two test runs on the machine must not share one.
 */
import { execFileSync, execSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import path from 'node:path';

export class PrivateEngine {
  readonly dir: string;
  readonly socket: string;
  private proc: ChildProcess | undefined;

  constructor(dir = `/tmp/nl-fault-${process.pid}`) {
    this.dir = dir;
    this.socket = path.join(dir, 'docker.sock');
  }

  get host(): string {
    return `unix://${this.socket}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const log = openSync(path.join(this.dir, 'dockerd.log'), 'a');
    this.proc = spawn(
      'unshare',
      [
        '--net',
        '--',
        'dockerd',
        `--host=${this.host}`,
        `--data-root=${path.join(this.dir, 'data')}`,
        `--exec-root=${path.join(this.dir, 'exec')}`,
        `--pidfile=${path.join(this.dir, 'docker.pid')}`,
        '--containerd-namespace=nl-fault',
        '--containerd-plugins-namespace=nl-fault-plugins',
        '--bridge=none',
        '--iptables=false',
        '--ip-masq=false',
      ],
      { stdio: ['ignore', log, log], detached: false },
    );
    closeSync(log);
    const deadline = Date.now() + 90_000;
    for (;;) {
      try {
        execFileSync('docker', ['-H', this.host, 'version', '--format', '{{.Server.Version}}'], { stdio: 'ignore', timeout: 10_000 });
        return;
      } catch {
        if (this.proc.exitCode !== null) throw new Error(`private dockerd exited ${this.proc.exitCode}; see ${this.dir}/dockerd.log`);
        if (Date.now() > deadline) throw new Error(`private dockerd not answering after 90 s; see ${this.dir}/dockerd.log`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** SIGTERM and wait: the engine stops its containers on the way out (no live-restore). */
  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(timer);
  }

  /** Copy an image from the main engine (no registry here: Docker Hub is unreachable). */
  loadImage(tag: string): void {
    execSync(`docker save ${tag} | docker -H ${this.host} load`, { stdio: 'ignore', timeout: 300_000 });
  }

  async destroy(): Promise<void> {
    await this.stop();
    // Anything still mounted under the data root (a container the engine could not unmount) first.
    try {
      const mounts = execFileSync('findmnt', ['-rn', '-o', 'TARGET'], { encoding: 'utf8' })
        .split('\n')
        .filter((m) => m.startsWith(this.dir + '/'))
        .sort((a, b) => b.length - a.length);
      for (const m of mounts) execFileSync('umount', ['-l', m], { stdio: 'ignore' });
    } catch {
      // findmnt missing or nothing mounted
    }
    if (existsSync(this.dir)) rmSync(this.dir, { recursive: true, force: true });
  }
}
