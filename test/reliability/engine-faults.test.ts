/**
 * Engine faults: Docker goes away in the middle of a session. Runs on a private dockerd
 * (test/reliability/private-engine.ts) because the main engine is shared with other tests: the CLI gets
 * DOCKER_HOST pointing at it. `check` must say Docker went away and how to carry on; once the engine is
 * back, `start` resumes the lesson at the saved step (replaying the earlier ones).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageTag } from '../../src/sandbox/image.js';
import { runCli, runCliOk } from './cli-processes.js';
import { PrivateEngine } from './private-engine.js';

const LESSON = 'loopback-and-counters';
const engine = new PrivateEngine();
const home = mkdtempSync(path.join(os.tmpdir(), 'netlessons-fault-'));
const RUN = `${process.env.NETLESSONS_RUN ?? `test-${process.pid}`}-fault`;
const env = { NETLESSONS_HOME: home, NETLESSONS_RUN: RUN, DOCKER_HOST: engine.host };

beforeAll(async () => {
  await engine.start();
  engine.loadImage(imageTag());
}, 600_000);

afterAll(async () => {
  try {
    await runCli(['clean', '--run', RUN], env, { timeoutMs: 60_000 });
  } finally {
    await engine.destroy();
    rmSync(home, { recursive: true, force: true });
  }
}, 180_000);

describe('Docker going away during a session', () => {
  it('check names the engine and the way back; after a restart, start resumes at the saved step', async () => {
    await runCliOk(['start', LESSON, '--detach'], env);
    await runCliOk(['solution', '--apply'], env);
    await runCliOk(['check'], env);
    await runCliOk(['next'], env);

    await engine.stop();
    const down = await runCli(['check'], env, { timeoutMs: 120_000 });
    expect(down.code, down.stdout + down.stderr).not.toBe(0);
    expect(down.stderr).toMatch(/docker/i);
    expect(down.stderr).toContain(engine.host.replace('unix://', ''));
    expect(down.stderr).toMatch(/^hint: /m);
    expect(down.stderr).toContain(`netlessons start ${LESSON}`);
    expect(down.stderr).toContain('step 2');
    expect(down.stderr).not.toMatch(/^\s+at /m);
    console.log(`[engine faults] check with the engine stopped:\n${down.stderr}`);

    await engine.start();
    const again = await runCliOk(['start', LESSON, '--detach', '--json'], env, { timeoutMs: 300_000 });
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({ lesson: LESSON, step: 2 });
    // The resumed sandbox is really at step 2: step 1's solution was replayed, so its check holds.
    const status = JSON.parse(execFileSync(process.execPath, [path.resolve(__dirname, '../../dist/cli/main.js'), 'status', '--json'], { env: { ...process.env, ...env }, encoding: 'utf8' })) as { step: number; sandboxRunning: boolean }[];
    expect(status[0]).toMatchObject({ step: 2, sandboxRunning: true });
  }, 900_000);
});
