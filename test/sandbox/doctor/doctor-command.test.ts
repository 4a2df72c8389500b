/** `netlessons doctor` (the built CLI) against an engine that is not there, and the real one. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DockerBackend } from '../../../src/sandbox/docker/docker-backend.js';
import { CLI, requireBuild } from '../hold-sandbox.js';

const run = promisify(execFile);
beforeAll(requireBuild);

async function doctor(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, 'doctor', ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('netlessons doctor', () => {
  it('with DOCKER_HOST pointing nowhere: says so with the next step, exits 1, no stack trace', async () => {
    const t0 = Date.now();
    const r = await doctor([], { DOCKER_HOST: 'tcp://127.0.0.1:1' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL engine +Docker is not reachable at tcp:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/m);
    expect(r.stdout).toContain('unset DOCKER_HOST');
    expect(r.stdout).toMatch(/^skip sandbox/m);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it.runIf(process.getuid?.() === 0)('as a user outside the docker group: permission denied on the socket, and the group as next step', async () => {
    // runuser drops to `nobody`, who can run node and read dist/ but not open the root:docker socket.
    const r = await run('runuser', ['-u', 'nobody', '--', process.execPath, CLI, 'doctor'], { env: { ...process.env, DOCKER_HOST: '', HOME: '/tmp' } }).then(
      (o) => ({ code: 0, ...o }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL engine +Permission denied on the Docker socket/m);
    expect(r.stdout).toMatch(/docker group/);
  });

  it('--json with DOCKER_HOST pointing nowhere: ok false and the failed check', async () => {
    const r = await doctor(['--json'], { DOCKER_HOST: 'tcp://127.0.0.1:1' });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.checks[0]).toMatchObject({ id: 'engine', status: 'fail' });
    expect(report.checks[0].hint).toContain('DOCKER_HOST');
  });

  it('with the working engine: exit 0, every check in --json, kernel features, and its test sandbox removed', async () => {
    const r = await doctor(['--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: true, backend: 'docker' });
    expect(report.checks.map((c: { id: string }) => c.id)).toEqual(['engine', 'api', 'image', 'disk', 'sandbox', 'kernel']);
    for (const c of report.checks) expect(['ok', 'warn']).toContain(c.status);
    expect(report.facts.engine).toMatchObject({ source: expect.any(String), serverVersion: expect.any(String), apiVersion: expect.stringMatching(/^\d+\.\d+$/) });
    expect(report.facts.kernelFeatures).toMatchObject({ veth: true, bridge: true });
    expect(report.facts.image).toMatchObject({ present: true, tag: expect.stringMatching(/^netlessons-sandbox:/) });
    const left = (await new DockerBackend().list(undefined, process.env.NETLESSONS_RUN)).filter((c) => c.Labels['netlessons.lesson'] === 'doctor');
    expect(left).toHaveLength(0);
  });

  it('without a TTY or with NO_COLOR: ASCII marks, one line per check, then the next steps', async () => {
    const r = await doctor([], { NO_COLOR: '1' });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    for (const id of ['engine', 'API', 'image', 'disk', 'sandbox', 'kernel']) expect(lines.some((l) => new RegExp(`^(ok|WARN) +${id} `).test(l))).toBe(true);
    expect(r.stdout).not.toMatch(/[✓✗]|\x1b\[/);
  });
});
