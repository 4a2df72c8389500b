/** The Docker sandbox against the real engine: namespaces, exec's streams, exit codes, stdin, limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerClient } from '../../../src/sandbox/docker/docker-client.js';
import { SANDBOX_CAPS } from '../../../src/sandbox/docker/docker-backend.js';
import type { DockerSandbox } from '../../../src/sandbox/docker/docker-sandbox.js';
import { sh, startSandbox } from '../../helpers/sandbox.js';

let sandbox: DockerSandbox;
beforeAll(async () => {
  sandbox = await startSandbox('docker-sandbox');
});
afterAll(async () => {
  await sandbox?.stop();
});

describe('DockerSandbox', () => {
  it('builds a namespace and a veth pair across it, and reads them back', async () => {
    await sh(sandbox, 'ip netns add a && ip link add v0 type veth peer name v1 netns a');
    const root = JSON.parse(await sh(sandbox, 'ip -j link show v0'));
    const inA = JSON.parse(await sh(sandbox, 'ip -n a -j link show v1'));
    expect(root[0]).toMatchObject({ ifname: 'v0', link_netnsid: expect.any(Number) });
    expect(inA[0]).toMatchObject({ ifname: 'v1' });
    expect((await sandbox.exec('ip link show v1')).exitCode).not.toBe(0);
  });

  it('returns exit codes and stderr exactly, stdout and stderr apart', async () => {
    const r = await sandbox.exec('echo out; echo err >&2; printf "no newline" >&2; exit 42');
    expect(r).toEqual({ exitCode: 42, stdout: 'out\n', stderr: 'err\nno newline' });
    const bad = await sandbox.exec('ip link add x type nosuchkind');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/nosuchkind|Unknown device type/);
    expect((await sandbox.exec('true')).exitCode).toBe(0);
  });

  it('returns a 1 MB stdout whole, byte for byte', async () => {
    const r = await sandbox.exec('head -c 1048576 /dev/zero | tr "\\0" "x"; echo; seq 1 5 >&2');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.length).toBe(1048577);
    expect(/^x+\n$/.test(r.stdout)).toBe(true);
    expect(r.stderr).toBe('1\n2\n3\n4\n5\n');
  });

  it('delivers stdin to the command and closes it', async () => {
    const input = 'line one\nline two\n' + 'y'.repeat(200_000) + '\n';
    const r = await sandbox.exec('wc -l; echo done', { stdin: input });
    expect(r).toMatchObject({ exitCode: 0, stdout: '3\ndone\n' });
    const echo = await sandbox.exec('cat', { stdin: 'héllo ✓\n' });
    expect(echo.stdout).toBe('héllo ✓\n');
  });

  it('kills a command past its time limit, and its backgrounded children with it', async () => {
    const t0 = Date.now();
    const err = await sandbox.exec('sleep 1000 & echo $! > /tmp/bg.pid; sleep 1001', { timeoutMs: 1000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ExecTimeoutError', timeoutMs: 1000, hint: expect.any(String) });
    expect(Date.now() - t0).toBeLessThan(5000);
    const left = await sandbox.exec('pid=$(cat /tmp/bg.pid); kill -0 $pid 2>/dev/null && echo alive || echo gone; ps -eo args | grep -c "^sleep 100[01]$" || true');
    expect(left.stdout.trim()).toBe('gone\n0');
  });

  it('a command that exits 124 itself is not taken for a timeout', async () => {
    expect((await sandbox.exec('exit 124', { timeoutMs: 5000 })).exitCode).toBe(124);
  });

  it('has only /proc/sys/net writable: net.* in root and in a netns, kernel.* read-only', async () => {
    expect((await sandbox.exec('sysctl -w net.ipv4.ip_forward=1')).exitCode).toBe(0);
    expect((await sandbox.exec('sysctl -w net.ipv6.conf.all.forwarding=1')).exitCode).toBe(0);
    await sh(sandbox, 'ip netns add s1');
    expect((await sandbox.exec('ip netns exec s1 sysctl -w net.ipv4.ip_forward=1 && ip netns exec s1 sysctl -n net.ipv4.ip_forward')).stdout).toContain('1');
    for (const file of ['kernel/panic', 'kernel/hostname', 'kernel/pid_max', 'vm/swappiness']) {
      // Writing back the current value: harmless if the test ever failed.
      const r = await sandbox.exec(`cat /proc/sys/${file} > /tmp/v && cat /tmp/v > /proc/sys/${file}`);
      expect(r.exitCode, file).not.toBe(0);
      expect(r.stderr, file).toMatch(/Read-only file system/);
    }
    const inNs = await sandbox.exec('ip netns exec s1 sh -c "cat /proc/sys/kernel/panic > /proc/sys/kernel/panic"');
    expect(inNs.stderr).toMatch(/Read-only file system/);
    expect((await sandbox.exec('sysctl -w kernel.panic="$(sysctl -n kernel.panic)"')).exitCode).not.toBe(0);
  });

  it('runs unprivileged with exactly the lesson capabilities, no network, labelled and named', async () => {
    const info = await dockerClient().getContainer(sandbox.containerId).inspect();
    expect(info.HostConfig.Privileged).toBe(false);
    expect([...(info.HostConfig.CapAdd ?? [])].sort()).toEqual([...SANDBOX_CAPS].sort());
    expect(info.HostConfig.NetworkMode).toBe('none');
    expect(info.HostConfig.SecurityOpt).toEqual(['apparmor=unconfined']);
    expect(info.Config.Labels).toMatchObject({ 'netlessons.session': sandbox.sessionId, 'netlessons.lesson': 'docker-sandbox' });
    expect(info.Name).toBe(`/netlessons-docker-sandbox-${sandbox.sessionId.slice(0, 8)}`);
    expect((await sandbox.exec('ip -br link show type veth | wc -l; ip -br link | grep -c "^eth" || true')).stdout).toMatch(/\n0\n$/);
    expect((await sandbox.exec('ls /dev')).stdout).not.toMatch(/\bsda|nvme|mem\b/);
  });

  it('stop() is idempotent and the sandbox is gone afterwards', async () => {
    const other = await startSandbox('stop-twice');
    await Promise.all([other.stop(), other.stop()]);
    await other.stop();
    const err = await other.exec('true').catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'SandboxGoneError', hint: expect.stringContaining('netlessons start') });
  });
});
