/**
 * The image tag carries a hash of exactly what the build copies, so a changed vm/ rebuilds; and a
 * changed copy really builds (on the cached base) into a new tag that sandboxes can run.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VM_DIR } from '../../src/paths.js';
import { dockerClient } from '../../src/sandbox/docker/docker-client.js';
import { ensureImage, imageStatus, imageTag, imageTagFor } from '../../src/sandbox/image.js';
import { CLI, requireBuild } from './hold-sandbox.js';

const run = promisify(execFile);
const copies: string[] = [];
function copyOfVm(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'netlessons-vm-'));
  cpSync(VM_DIR, dir, { recursive: true });
  copies.push(dir);
  return dir;
}
afterAll(() => copies.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('image tag', () => {
  it('is the content hash of vm/: an identical copy has the same tag as the package', () => {
    expect(imageTagFor(copyOfVm())).toBe(imageTag());
    expect(imageTag()).toMatch(/^netlessons-sandbox:[0-9a-f]{12}$/);
  });

  it.each([
    ['packages.txt gains a package', (d: string) => appendFileSync(path.join(d, 'packages.txt'), 'mtr-tiny\n')],
    ['the Dockerfile changes', (d: string) => appendFileSync(path.join(d, 'Dockerfile'), '# changed\n')],
    ['a rootfs file changes', (d: string) => appendFileSync(path.join(d, 'rootfs/etc/profile.d/netlessons.sh'), '# changed\n')],
    ['a rootfs file is added', (d: string) => writeFileSync(path.join(d, 'rootfs/etc/motd'), 'hello\n')],
  ])('changes when %s', (_what, change) => {
    const dir = copyOfVm();
    const before = imageTagFor(dir);
    change(dir);
    expect(imageTagFor(dir)).not.toBe(before);
  });

  it('does not change for files the build does not copy', () => {
    const dir = copyOfVm();
    const before = imageTagFor(dir);
    appendFileSync(path.join(dir, 'build-offline-base.sh'), '# a comment\n');
    writeFileSync(path.join(dir, 'NOTES'), 'not an input\n');
    expect(imageTagFor(dir)).toBe(before);
  });

  it('NETLESSONS_IMAGE overrides it, and start says how to get a missing one', async () => {
    const saved = process.env.NETLESSONS_IMAGE;
    process.env.NETLESSONS_IMAGE = 'netlessons-sandbox:not-there';
    try {
      expect(imageTag()).toBe('netlessons-sandbox:not-there');
      const err = await ensureImage().catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'ImageError', message: expect.stringContaining('not-there'), hint: expect.stringContaining('docker pull') });
    } finally {
      if (saved === undefined) delete process.env.NETLESSONS_IMAGE;
      else process.env.NETLESSONS_IMAGE = saved;
    }
  });
});

describe('image build', () => {
  let changedTag: string | undefined;
  afterAll(async () => {
    if (changedTag) await dockerClient().getImage(changedTag).remove({ force: true }).catch(() => {});
  });

  it('builds a changed vm/ into its new tag, with its change inside', async () => {
    const dir = copyOfVm();
    mkdirSync(path.join(dir, 'rootfs/etc'), { recursive: true });
    writeFileSync(path.join(dir, 'rootfs/etc/netlessons-test-marker'), `${process.pid}\n`);
    const lines: string[] = [];
    const r = await ensureImage({ vmDir: dir, onProgress: (l) => lines.push(l) });
    changedTag = r.tag;
    expect(r).toMatchObject({ built: true, tag: imageTagFor(dir) });
    expect(r.tag).not.toBe(imageTag());
    expect(lines.some((l) => l.startsWith('building netlessons-sandbox:'))).toBe(true);
    const again = await ensureImage({ vmDir: dir });
    expect(again.built).toBe(false);
    const c = await dockerClient().createContainer({ Image: r.tag, Cmd: ['cat', '/etc/netlessons-test-marker'], HostConfig: { NetworkMode: 'none' } });
    try {
      await c.start();
      await c.wait();
      const logs = (await c.logs({ stdout: true })).toString();
      expect(logs).toContain(String(process.pid));
    } finally {
      await c.remove({ force: true });
    }
  }, 180_000);
});

describe('netlessons image (CLI)', () => {
  beforeAll(requireBuild);

  it('status --json: the tag, present, and its size', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'image', 'status', '--json']);
    const s = JSON.parse(stdout);
    expect(s).toEqual({ ...(await imageStatus()), tag: imageTag(), present: true });
    expect(s.sizeBytes).toBeGreaterThan(50 * 1024 ** 2);
  });

  it('build --json when the image exists: built false, nothing rebuilt', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'image', 'build', '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ tag: imageTag(), built: false });
  });

  it('build without a TTY: progress as plain lines on stderr, the tag on stdout', async () => {
    const { stdout, stderr } = await run(process.execPath, [CLI, 'image', 'build']);
    expect(stdout.trim()).toBe(imageTag());
    expect(stderr).toMatch(/^image: .*already built/m);
    expect(stderr).not.toMatch(/\x1b\[/);
  });

  it('with the engine unreachable: one error line and a hint, exit 1, no stack (unless --debug)', async () => {
    const env = { ...process.env, DOCKER_HOST: 'tcp://127.0.0.1:1' };
    const err = (await run(process.execPath, [CLI, 'image', 'status'], { env }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(1);
    expect(err.stderr.match(/^error: /gm)).toHaveLength(1);
    expect(err.stderr).toMatch(/^hint: .*DOCKER_HOST/m);
    expect(err.stderr).not.toMatch(/\n\s+at /);
    const dbg = (await run(process.execPath, [CLI, 'image', 'status', '--debug'], { env }).catch((e: unknown) => e)) as { stderr: string };
    expect(dbg.stderr).toMatch(/\n\s+at /);
  });
});
