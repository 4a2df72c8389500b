/**
 * The sandbox image: tagged by a hash of vm/'s contents so a changed image rebuilds, built online from
 * Debian's slim image when the engine has it or can pull it, else offline from a debootstrap base.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { VM_DIR } from '../paths.js';
import { ImageError } from '../errors.js';
import { call, dockerClient } from './docker/docker-client.js';

export const IMAGE_REPO = 'netlessons-sandbox';
const BASE_REPO = 'netlessons-base';
const ONLINE_BASE = 'debian:bookworm-slim';
/** What goes into the image; the hash covers exactly these. */
const IMAGE_INPUTS = ['Dockerfile', 'packages.txt', 'rootfs'];

function filesUnder(dir: string, rel: string): string[] {
  const abs = path.join(dir, rel);
  if (!statSync(abs, { throwIfNoEntry: false })) return [];
  if (statSync(abs).isFile()) return [rel];
  return readdirSync(abs)
    .sort()
    .flatMap((name) => filesUnder(dir, path.join(rel, name)));
}

function hashOf(dir: string, files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    // Paths with '/' whatever the OS, so one tree hashes alike everywhere.
    h.update(f.split(path.sep).join('/') + '\0');
    h.update(readFileSync(path.join(dir, f)));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

/** The tag an image built from `vmDir` gets: its repo and a hash of exactly the files the build copies. */
export function imageTagFor(vmDir: string): string {
  return `${IMAGE_REPO}:${hashOf(vmDir, IMAGE_INPUTS.flatMap((f) => filesUnder(vmDir, f)))}`;
}

/** netlessons-sandbox:<hash of vm/ inputs>. NETLESSONS_IMAGE overrides (e.g. a class's prebuilt image). */
export function imageTag(): string {
  return process.env.NETLESSONS_IMAGE || imageTagFor(VM_DIR);
}

function baseTag(dir: string): string {
  return `${BASE_REPO}:${hashOf(dir, ['packages.txt'])}`;
}

export async function imageExists(tag: string): Promise<boolean> {
  try {
    await dockerClient().getImage(tag).inspect();
    return true;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false;
    return call('looking for the sandbox image', () => Promise.reject(err));
  }
}

export async function hasImage(): Promise<boolean> {
  return imageExists(imageTag());
}

export interface ImageStatus {
  tag: string;
  present: boolean;
  sizeBytes?: number;
  created?: string;
}

/** The current tag and whether the engine has it (for `image status` and `doctor`). */
export async function imageStatus(): Promise<ImageStatus> {
  const tag = imageTag();
  try {
    const info = await dockerClient().getImage(tag).inspect();
    return { tag, present: true, sizeBytes: info.Size, created: info.Created };
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return { tag, present: false };
    return call('looking for the sandbox image', () => Promise.reject(err));
  }
}

export type BuildMode = 'auto' | 'online' | 'offline';

export interface BuildOptions {
  mode?: BuildMode;
  onProgress?: (line: string) => void;
  /** Rebuild even if the tag exists. */
  force?: boolean;
  /** Build from another copy of vm/ (tests of the content-hash tag); default: the package's vm/. */
  vmDir?: string;
  /** Abandon the build (Ctrl-C during `start`): debootstrap is stopped, the engine's build cancelled. */
  signal?: AbortSignal;
}

/** Build the image unless its tag exists. Returns the tag and whether it was built now. */
export async function ensureImage(opts: BuildOptions = {}): Promise<{ tag: string; built: boolean; mode?: BuildMode }> {
  const dir = opts.vmDir ?? VM_DIR;
  const tag = opts.vmDir ? imageTagFor(dir) : imageTag();
  if (!opts.force && (await imageExists(tag))) return { tag, built: false };
  if (process.env.NETLESSONS_IMAGE && !opts.vmDir) {
    throw new ImageError(`The image NETLESSONS_IMAGE=${tag} is not on this engine.`, { hint: `Pull or load it first (\`docker pull ${tag}\`), or unset NETLESSONS_IMAGE.` });
  }
  const progress = opts.onProgress ?? (() => {});
  let mode = opts.mode ?? 'auto';
  if (mode === 'auto') mode = (await imageExists(ONLINE_BASE)) || !canBuildOffline() ? 'online' : 'offline';
  let base = ONLINE_BASE;
  if (mode === 'offline') {
    base = baseTag(dir);
    if (opts.force || !(await imageExists(base))) await buildOfflineBase(dir, base, progress, opts.signal);
  }
  opts.signal?.throwIfAborted();
  await buildFinalLayer(dir, tag, base, progress, opts.signal);
  return { tag, built: true, mode };
}

function canBuildOffline(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0;
}

async function buildOfflineBase(dir: string, tag: string, progress: (line: string) => void, signal?: AbortSignal): Promise<void> {
  progress('building the base system with debootstrap (no Docker Hub needed; about a minute)');
  const script = path.join(dir, 'build-offline-base.sh');
  // SIGTERM on abort: the script's trap stops debootstrap's whole process group.
  const child = execa('bash', [script, tag], { all: true, reject: false, cancelSignal: signal });
  child.all?.on('data', (b: Buffer) => {
    for (const line of b.toString().split('\n')) if (line.trim()) progress(line.trim());
  });
  const r = await child;
  signal?.throwIfAborted();
  if (r.exitCode !== 0) {
    const tail = String(r.all ?? '').trim().split('\n').slice(-5).join('\n');
    throw new ImageError(`The offline image build failed:\n${tail}`, {
      hint: 'It needs root and debootstrap (`sudo apt-get install debootstrap`) and a reachable Debian mirror (set NETLESSONS_DEBIAN_MIRROR to choose one).',
    });
  }
}

async function buildFinalLayer(dir: string, tag: string, base: string, progress: (line: string) => void, signal?: AbortSignal): Promise<void> {
  progress(`building ${tag} from ${base}`);
  const docker = dockerClient();
  const stream = await call('building the sandbox image', () =>
    docker.buildImage({ context: dir, src: IMAGE_INPUTS }, {
      t: tag,
      buildargs: { BASE: base },
      rm: true,
      forcerm: true,
      abortSignal: signal,
      // On the offline base every package is in already: no network, so no dependence on the engine's bridge.
      ...(base === ONLINE_BASE ? {} : { networkmode: 'none' }),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null, output: { error?: string }[]) => {
        const failed = err?.message ?? output?.find((o) => o.error)?.error;
        if (failed) {
          reject(
            new ImageError(`Building the sandbox image failed: ${failed.trim()}`, {
              hint: /pull access denied|manifest|lookup|dial tcp|TLS handshake/i.test(failed)
                ? 'Docker Hub is out of reach: on Linux as root, `netlessons image build --offline` builds without it.'
                : 'Run `netlessons image build --debug` to see the whole build output.',
            }),
          );
        } else resolve();
      },
      (event: { stream?: string; status?: string }) => {
        const line = (event.stream ?? event.status ?? '').trim();
        if (line.startsWith('Step ') || line.startsWith('Successfully')) progress(line);
      },
    );
  });
}
