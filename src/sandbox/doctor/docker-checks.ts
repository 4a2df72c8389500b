/**
 * `netlessons doctor` for the Docker backend: engine reachable (and which), API version, image, free
 * disk, a real test sandbox (capabilities, `ip netns add`, sysctls) and the kernel's network features.
 * Each failure carries the exact next step; later checks that need an earlier one are skipped.
 */
import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { isNetlessonsError } from '../../errors.js';
import { DockerBackend, SANDBOX_CAPS, newSessionId } from '../docker/docker-backend.js';
import { dockerClient, engineError } from '../docker/docker-client.js';
import { resolveEndpoint } from '../docker/docker-context.js';
import { imageStatus, type ImageStatus } from '../image.js';
import { release, startGuarded } from '../teardown.js';
import type { DoctorCheck, DoctorReport } from './check.js';
import { probeKernelFeatures } from './kernel-features.js';

/** Init (docker-init) needs 1.25; everything else we call is older. */
const MIN_API = '1.25';
const ENGINE_TIMEOUT_MS = 10_000;
const GB = 1024 ** 3;
/** Building the image needs room for the debootstrap tree, its tarball and the layers. */
const DISK_FOR_BUILD = 1.5 * GB;
const DISK_TO_RUN = 0.2 * GB;
/** Lessons cannot work without these; the rest only skip the lessons that use them. */
const ESSENTIAL_FEATURES = ['veth', 'bridge'];

const SANDBOX_SCRIPT = [
  'probe() { if bash -c "$2" >/dev/null 2>&1; then echo "$1=1"; else echo "$1=0"; fi; }',
  "probe netns 'ip netns add doctor && ip netns del doctor'",
  "probe net_sysctl 'sysctl -w net.ipv4.ip_forward=1'",
  "probe netns_sysctl 'ip netns add doctor2 && ip netns exec doctor2 sysctl -w net.ipv4.ip_forward=1; rc=$?; ip netns del doctor2; exit $rc'",
  // Writes back the current value: harmless even if the sandbox could wrongly write it.
  "probe kernel_writable 'v=$(cat /proc/sys/kernel/panic) && echo $v > /proc/sys/kernel/panic'",
].join('\n');

function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms / 1000} s while ${what}`), { code: 'ETIMEDOUT' })), ms);
    }),
  ]);
}

const apiAtLeast = (v: string, min: string) => {
  const [a = 0, b = 0] = v.split('.').map(Number);
  const [c = 0, d = 0] = min.split('.').map(Number);
  return a > c || (a === c && b >= d);
};

const human = (bytes: number) => (bytes >= GB ? `${(bytes / GB).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`);

function failure(id: string, title: string, err: unknown): DoctorCheck {
  const e = isNetlessonsError(err) ? err : engineError(err, 'checking');
  return { id, title, status: 'fail', detail: e.message, hint: isNetlessonsError(e) ? e.hint : undefined };
}

export async function dockerChecks(onProgress: (line: string) => void = () => {}): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const endpoint = resolveEndpoint();
  const facts: Record<string, unknown> = { engine: { address: endpoint.host, source: endpoint.source } };
  const skipRest = (ids: [string, string][], why: string) => {
    for (const [id, title] of ids) checks.push({ id, title, status: 'skip', detail: why });
  };

  onProgress('asking the Docker engine');
  const docker = dockerClient();
  let version: { Version: string; ApiVersion: string; MinAPIVersion?: string; Os: string; Arch: string };
  try {
    version = await timeout(docker.version(), ENGINE_TIMEOUT_MS, 'asking the engine for its version');
  } catch (err) {
    checks.push(failure('engine', 'engine', engineError(err, 'asking for its version')));
    skipRest([['api', 'API'], ['image', 'image'], ['disk', 'disk'], ['sandbox', 'sandbox'], ['kernel', 'kernel']], 'needs the engine');
    return { backend: 'docker', checks, facts };
  }
  facts.engine = { ...(facts.engine as object), serverVersion: version.Version, apiVersion: version.ApiVersion, os: version.Os, arch: version.Arch };
  checks.push({ id: 'engine', title: 'engine', status: 'ok', detail: `Docker ${version.Version} (${version.Os}/${version.Arch}) at ${endpoint.host} (${endpoint.source})` });
  checks.push(
    apiAtLeast(version.ApiVersion, MIN_API)
      ? { id: 'api', title: 'API', status: 'ok', detail: `API ${version.ApiVersion} (needs ≥ ${MIN_API})` }
      : { id: 'api', title: 'API', status: 'fail', detail: `API ${version.ApiVersion} is older than ${MIN_API}`, hint: 'Update Docker (any release since 2017 will do).' },
  );

  const image: ImageStatus | Error = await imageStatus().catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  if (image instanceof Error) {
    checks.push(failure('image', 'image', image));
  } else {
    facts.image = image;
    checks.push(
      image.present
        ? { id: 'image', title: 'image', status: 'ok', detail: `${image.tag} (${human(image.sizeBytes ?? 0)})` }
        : { id: 'image', title: 'image', status: 'warn', detail: `${image.tag} is not built yet`, hint: 'Build it now with `netlessons image build` (1–2 minutes); `start` would otherwise build it first.' },
    );
  }
  const present = !(image instanceof Error) && image.present;

  checks.push(await diskCheck(endpoint.host, present));

  if (!present) {
    skipRest([['sandbox', 'sandbox'], ['kernel', 'kernel']], 'needs the image (`netlessons image build`)');
    return { backend: 'docker', checks, facts };
  }
  onProgress('starting a test sandbox');
  let sandbox;
  try {
    sandbox = await startGuarded(new DockerBackend(), { sessionId: `doctor-${newSessionId()}`, lessonId: 'doctor' });
  } catch (err) {
    checks.push(failure('sandbox', 'sandbox', err));
    skipRest([['kernel', 'kernel']], 'needs a sandbox');
    return { backend: 'docker', checks, facts };
  }
  try {
    checks.push(await sandboxCheck((c) => sandbox.exec(c, { timeoutMs: 15_000 })));
    onProgress('probing kernel features');
    const features = await probeKernelFeatures((c) => sandbox.exec(c, { timeoutMs: 30_000 }));
    facts.kernelFeatures = features;
    checks.push(kernelCheck(features));
  } catch (err) {
    checks.push(failure('sandbox', 'sandbox', err));
  } finally {
    await sandbox.stop().catch(() => {});
    release(sandbox);
  }
  return { backend: 'docker', checks, facts };
}

async function sandboxCheck(exec: (c: string) => Promise<{ exitCode: number; stdout: string }>): Promise<DoctorCheck> {
  const r = await exec(SANDBOX_SCRIPT);
  const got = Object.fromEntries(r.stdout.trim().split('\n').map((l) => l.split('=') as [string, string]));
  const base = { id: 'sandbox', title: 'sandbox' };
  if (got.netns !== '1') {
    return { ...base, status: 'fail', detail: 'a test sandbox started but `ip netns add` failed in it', hint: 'The engine refuses the mounts network namespaces need: on SELinux hosts try `sudo setenforce 0` to confirm, and make sure AppArmor allows `apparmor=unconfined` containers.' };
  }
  if (got.net_sysctl !== '1' || got.netns_sysctl !== '1') {
    return { ...base, status: 'fail', detail: 'net.* sysctls are not writable in the sandbox (/proc/sys/net stayed read-only)', hint: 'The engine must grant SYS_ADMIN to remount /proc/sys/net; rootless Docker and some hosted engines do not. Use a rootful engine, or `--backend vagrant`.' };
  }
  if (got.kernel_writable !== '0') {
    return { ...base, status: 'fail', detail: 'kernel.* sysctls are writable from the sandbox: it could change the host kernel', hint: 'The engine runs containers with more power than asked (a privileged default?): check its daemon.json, or use `--backend vagrant`.' };
  }
  return { ...base, status: 'ok', detail: `a test sandbox starts (${SANDBOX_CAPS.join(', ')}, no --privileged); \`ip netns add\` works; net.* writable, kernel.* read-only` };
}

// Only Vagrant with a VM provider escapes the host kernel: its docker provider runs a container on it.
const OWN_KERNEL = '`--backend vagrant` with a VM provider (VirtualBox, libvirt) brings its own kernel; with its docker provider it shares this one';

/** Exported for tests. */
export function kernelCheck(features: Record<string, boolean>): DoctorCheck {
  const have = Object.keys(features).filter((f) => features[f]);
  const lack = Object.keys(features).filter((f) => !features[f]);
  const base = { id: 'kernel', title: 'kernel', detail: `has ${have.join(' ') || 'nothing'}${lack.length ? `; lacks ${lack.join(' ')}` : ''}` };
  const essential = ESSENTIAL_FEATURES.filter((f) => !features[f]);
  if (essential.length) {
    return { ...base, status: 'fail', hint: `The host kernel lacks ${essential.join(' and ')}: lessons cannot run on it. Load the modules (\`sudo modprobe veth bridge\`), or: ${OWN_KERNEL}.` };
  }
  if (lack.length) {
    return { ...base, status: 'warn', hint: `Lessons that need ${lack.join(', ')} are skipped here (containers share the host's kernel). For those: ${OWN_KERNEL}.` };
  }
  return { ...base, status: 'ok' };
}

async function diskCheck(host: string, imagePresent: boolean): Promise<DoctorCheck> {
  let where = tmpdir();
  if (host.startsWith('unix://')) {
    try {
      const info = (await timeout(dockerClient().info(), ENGINE_TIMEOUT_MS, 'asking for engine info')) as { DockerRootDir?: string };
      // Docker Desktop's root dir is inside its VM: not on this filesystem.
      if (info.DockerRootDir && existsSync(info.DockerRootDir)) where = info.DockerRootDir;
    } catch {
      // Fall back to the temp dir: the engine check already reported reachability.
    }
  }
  const need = imagePresent ? DISK_TO_RUN : DISK_FOR_BUILD;
  try {
    const s = await statfs(where);
    const free = s.bavail * s.bsize;
    const detail = `${human(free)} free in ${where}`;
    if (free >= need) return { id: 'disk', title: 'disk', status: 'ok', detail };
    return { id: 'disk', title: 'disk', status: 'fail', detail: `${detail}; ${imagePresent ? 'running' : 'building the image'} needs ${human(need)}`, hint: 'Free some space: `docker system prune` removes stopped containers and unused images.' };
  } catch (err) {
    return { id: 'disk', title: 'disk', status: 'warn', detail: `could not measure free space in ${where}: ${(err as Error).message}` };
  }
}
