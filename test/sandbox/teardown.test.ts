/**
 * The teardown guard, exercised in real processes holding real sandboxes: whatever way the process
 * goes (signal, crash, running dry), the guarded sandbox goes with it; SIGKILL is what `clean` is for.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { containersOf, holdSandbox, requireBuild, waitFor } from './hold-sandbox.js';

beforeAll(requireBuild);

describe('teardown guard', () => {
  it('SIGINT during start (guard active) exits 130 and leaves no container behind', async () => {
    const h = holdSandbox(['--guard']);
    const id = await h.sessionId;
    // Mid-start: the container exists but start() has not returned (no "ready" yet).
    let ready = false;
    void h.ready.then(() => (ready = true), () => {});
    await waitFor(async () => (await containersOf(id)) > 0, 20_000, 10);
    h.child.kill('SIGINT');
    const { code } = await h.exited;
    expect(ready).toBe(false);
    expect(code).toBe(130);
    expect(await containersOf(id)).toBe(0);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const)('%s after start removes the sandbox and exits %i', async (signal, exitCode) => {
    const h = holdSandbox(['--guard']);
    const id = await h.sessionId;
    await h.ready;
    expect(await containersOf(id)).toBe(1);
    h.child.kill(signal);
    const { code } = await h.exited;
    expect(code).toBe(exitCode);
    expect(await containersOf(id)).toBe(0);
  });

  it('an uncaught error removes the sandbox, prints one line without a stack, and exits 1', async () => {
    const h = holdSandbox(['--guard', '--then', 'throw']);
    const id = await h.sessionId;
    const { code } = await h.exited;
    expect(code).toBe(1);
    expect(h.stderr()).toContain('error: unexpected failure: fixture crash');
    expect(h.stderr()).not.toMatch(/\n\s+at /);
    expect(await containersOf(id)).toBe(0);
  });

  it('a process whose event loop runs dry removes its guarded sandbox and exits 0', async () => {
    const h = holdSandbox(['--guard', '--then', 'return']);
    const id = await h.sessionId;
    const { code } = await h.exited;
    expect(code).toBe(0);
    expect(await containersOf(id)).toBe(0);
  });

  it('without the guard, SIGTERM leaves the sandbox (detached sessions outlive their starter)', async () => {
    const h = holdSandbox([]);
    const id = await h.sessionId;
    await h.ready;
    h.child.kill('SIGTERM');
    await h.exited;
    try {
      expect(await containersOf(id)).toBe(1);
    } finally {
      const { DockerBackend } = await import('../../src/sandbox/docker/docker-backend.js');
      await new DockerBackend().clean(id);
    }
  });
});
