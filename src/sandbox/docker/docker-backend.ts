/**
 * Starts sandboxes as containers with exactly the power lessons need: NET_ADMIN, NET_RAW and SYS_ADMIN
 * (for `ip netns`), Docker's default seccomp profile, AppArmor unconfined (Ubuntu's docker-default denies
 * the mounts `ip netns add` makes), no network but `lo`, and only /proc/sys/net writable. Never
 * --privileged: it fails on hosts whose bounding set lacks a capability and hands over the host's devices.
 */
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { NotFoundError, SandboxGoneError } from '../../errors.js';
import type { SandboxBackend, StartOptions } from '../sandbox.js';
import { ensureImage } from '../image.js';
import { call, dockerClient, execInContainer } from './docker-client.js';
import { DockerSandbox } from './docker-sandbox.js';

export const LABEL_SESSION = 'netlessons.session';
export const LABEL_LESSON = 'netlessons.lesson';
/** Set from NETLESSONS_RUN: lets one test run (or one class script) remove exactly what it made. */
export const LABEL_RUN = 'netlessons.run';

export const SANDBOX_CAPS = ['NET_ADMIN', 'NET_RAW', 'SYS_ADMIN'];

/** Run once at start: the container's /proc/sys is read-only; re-mount only its net subtree read-write. */
const READY_SCRIPT = 'mount --bind /proc/sys/net /proc/sys/net && mount -o remount,bind,rw /proc/sys/net && mkdir -p /run/netns';

export function newSessionId(): string {
  return randomBytes(6).toString('hex');
}

function containerName(lessonId: string | undefined, sessionId: string): string {
  const lesson = (lessonId ?? 'sandbox').toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').slice(0, 40);
  return `netlessons-${lesson}-${sessionId.slice(0, 8)}`;
}

export class DockerBackend implements SandboxBackend {
  readonly name = 'docker' as const;

  async start(opts: StartOptions): Promise<DockerSandbox> {
    const { tag } = await ensureImage({ onProgress: opts.onProgress, signal: opts.signal });
    opts.signal?.throwIfAborted();
    const docker = dockerClient();
    const name = containerName(opts.lessonId, opts.sessionId);
    const labels: Record<string, string> = { [LABEL_SESSION]: opts.sessionId };
    if (opts.lessonId) labels[LABEL_LESSON] = opts.lessonId;
    if (process.env.NETLESSONS_RUN) labels[LABEL_RUN] = process.env.NETLESSONS_RUN;
    const container = await call('creating the sandbox', () =>
      docker.createContainer({
        name,
        Image: tag,
        Hostname: opts.hostname ?? 'netlessons',
        Labels: labels,
        Cmd: ['sleep', 'infinity'],
        Env: opts.lessonId ? [`NETLESSONS_LESSON=${opts.lessonId}`] : [],
        HostConfig: {
          CapAdd: SANDBOX_CAPS,
          SecurityOpt: ['apparmor=unconfined'],
          NetworkMode: 'none',
          // docker-init reaps the zombies of learners' background jobs (`nc -l &`).
          Init: true,
        },
      }),
    );
    const sandbox = new DockerSandbox(opts.sessionId, name, container);
    try {
      opts.signal?.throwIfAborted();
      await call('starting the sandbox', () => container.start());
      const ready = await execInContainer(container, READY_SCRIPT, { timeoutMs: 15_000 });
      if (ready.exitCode !== 0) {
        throw new SandboxGoneError(`The sandbox started but could not make /proc/sys/net writable: ${ready.stderr.trim()}`, {
          hint: 'The engine may not grant SYS_ADMIN. Run `netlessons doctor` to see what this engine allows.',
        });
      }
      opts.signal?.throwIfAborted();
      return sandbox;
    } catch (err) {
      // Never leave a half-started sandbox behind; the original error is the one the user needs.
      await sandbox.stop().catch(() => {});
      throw err;
    }
  }

  async attach(sessionId: string): Promise<DockerSandbox> {
    const docker = dockerClient();
    const found = await call('looking for the session’s sandbox', () =>
      docker.listContainers({ all: true, filters: { label: [`${LABEL_SESSION}=${sessionId}`] } }),
    );
    const info = found[0];
    if (!info) {
      throw new NotFoundError(`No sandbox for session ${sessionId} is on this Docker engine.`, {
        hint: 'It was stopped or cleaned. `netlessons start` begins a new one at your saved step.',
      });
    }
    const name = (info.Names[0] ?? info.Id).replace(/^\//, '');
    const sandbox = new DockerSandbox(sessionId, name, docker.getContainer(info.Id));
    if (info.State !== 'running') {
      throw new SandboxGoneError(`The sandbox ${name} is ${info.State}, not running.`, {
        hint: '`netlessons reset` starts a fresh one at your current step.',
      });
    }
    return sandbox;
  }

  /** Every container carrying the session label (or one session's), whatever process made it. */
  async list(sessionId?: string, run?: string): Promise<Docker.ContainerInfo[]> {
    const label = [sessionId ? `${LABEL_SESSION}=${sessionId}` : LABEL_SESSION];
    if (run) label.push(`${LABEL_RUN}=${run}`);
    return call('listing sandboxes', () => dockerClient().listContainers({ all: true, filters: { label } }));
  }

  async clean(sessionId?: string, run?: string): Promise<number> {
    const found = await this.list(sessionId, run);
    let removed = 0;
    await Promise.all(
      found.map(async (info) => {
        try {
          await dockerClient().getContainer(info.Id).remove({ force: true, v: true });
          removed++;
        } catch (err) {
          if ((err as { statusCode?: number }).statusCode !== 404) throw err;
        }
      }),
    );
    return removed;
  }
}
