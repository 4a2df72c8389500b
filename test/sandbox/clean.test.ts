/** `netlessons clean` (the built CLI) sweeps what a SIGKILLed process left, by label. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, containersOf, holdSandbox, requireBuild } from './hold-sandbox.js';

const exec = promisify(execFile);
// clean also forgets sessions: never the developer's own, whatever a test cleans.
const home = mkdtempSync(path.join(tmpdir(), 'netlessons-clean-home-'));
const run = (file: string, args: string[], opts: { env?: NodeJS.ProcessEnv } = {}) =>
  exec(file, args, { env: { ...process.env, NETLESSONS_HOME: home, ...opts.env } });
beforeAll(requireBuild);

async function cleanJson(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { stdout } = await run(process.execPath, [CLI, 'clean', '--json', ...args], { env });
  return JSON.parse(stdout) as { removed: number; byBackend: Record<string, number>; sessionsForgotten: string[] };
}

describe('netlessons clean', () => {
  it('removes the sandbox of a SIGKILLed process and says how many, per backend', async () => {
    const h = holdSandbox();
    const id = await h.sessionId;
    await h.ready;
    h.child.kill('SIGKILL');
    await h.exited;
    expect(await containersOf(id)).toBe(1);
    const out = await cleanJson(['--session', id]);
    expect(out).toMatchObject({ removed: 1, byBackend: { docker: 1, vagrant: 0 } });
    expect(await containersOf(id)).toBe(0);
  });

  it('says so in words without --json, and exits 0 when there is nothing to remove', async () => {
    const h = holdSandbox();
    const id = await h.sessionId;
    await h.ready;
    h.child.kill('SIGKILL');
    await h.exited;
    const first = await run(process.execPath, [CLI, 'clean', '--session', id]);
    expect(first.stdout).toBe('Removed 1 sandbox (1 docker).\n');
    const again = await run(process.execPath, [CLI, 'clean', '--session', id]);
    expect(again.stdout).toBe('No sandboxes to remove.\n');
  });

  it('--run removes only the sandboxes of that NETLESSONS_RUN', async () => {
    // A run of its own: this test file shares the vitest run's label with sandboxes other files are using.
    const runId = `${process.env.NETLESSONS_RUN}-clean-${process.pid}`;
    const mine = holdSandbox([], { NETLESSONS_RUN: runId });
    const id = await mine.sessionId;
    await mine.ready;
    mine.child.kill('SIGKILL');
    await mine.exited;
    const other = await cleanJson(['--run', `${runId}-other`]);
    expect(other.removed).toBe(0);
    expect(await containersOf(id)).toBe(1);
    const out = await cleanJson(['--run', runId]);
    expect(out.removed).toBe(1);
    expect(await containersOf(id)).toBe(0);
  });

  it('forgets the session file of the session it cleaned, and only that one', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'netlessons-clean-'));
    mkdirSync(path.join(home, 'sessions'));
    const record = (id: string) => ({ id, backend: 'docker', lessonId: 'x', lessonsDir: '/x', course: 'c', step: 1, passed: false, hintsShown: 0, created: new Date().toISOString() });
    writeFileSync(path.join(home, 'sessions', 'gone1.json'), JSON.stringify(record('gone1')));
    writeFileSync(path.join(home, 'sessions', 'other2.json'), JSON.stringify(record('other2')));
    const out = await cleanJson(['--session', 'gone1'], { NETLESSONS_HOME: home });
    expect(out.sessionsForgotten).toEqual(['gone1']);
    expect(existsSync(path.join(home, 'sessions', 'gone1.json'))).toBe(false);
    expect(existsSync(path.join(home, 'sessions', 'other2.json'))).toBe(true);
  });

  it.runIf(process.env.CI)('bare `clean` removes every labelled sandbox (CI only: it would take other runs’ too)', async (ctx) => {
    const h = holdSandbox();
    const id = await h.sessionId;
    await h.ready;
    h.child.kill('SIGKILL');
    await h.exited;
    const { DockerBackend } = await import('../../src/sandbox/docker/docker-backend.js');
    // Other test files run beside this one: sweeping their sandboxes mid-test would fail them.
    const others = (await new DockerBackend().list()).filter((c) => c.Labels['netlessons.session'] !== id);
    if (others.length) {
      await new DockerBackend().clean(id);
      ctx.skip();
    }
    const out = await cleanJson([]);
    expect(out.removed).toBeGreaterThanOrEqual(1);
    expect(await containersOf(id)).toBe(0);
  });
});
