/**
 * `verify` says "flaky" only on evidence: the same solution passed its step in the proof run and
 * failed it in the replay. A check that fails every time (the placeholder of `netlessons new`) is not flaky.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../../src/runner/verify/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = path.join(root, 'test/fixtures/lessons/verify');
const cli = path.join(root, 'dist/cli/main.js');

async function verify(cwd: string, ...args: string[]) {
  const r = await execa('node', [cli, 'verify', ...args], { reject: false, cwd, env: { NO_COLOR: '1' } });
  return { ...r, report: r.stdout.trim().startsWith('{') ? (JSON.parse(r.stdout) as VerifyReport) : undefined };
}

describe('verify and flakiness', () => {
  it('a check that fails every time (a fresh `netlessons new` lesson) is never called flaky, in progress or verdict', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'netlessons-flaky-'));
    try {
      await execa('node', [cli, 'new', 'always-fails'], { cwd: dir });
      const r = await verify(dir, '01-always-fails.md');
      expect(r.exitCode).toBe(1);
      // The replay job fails too, and used to print "(flaky?)" as it did.
      expect(r.stderr).toContain('FAILED replay');
      expect(r.stdout + r.stderr).not.toMatch(/flaky/i);
      expect(r.stdout).toContain('after its solution the check still fails');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a check that passed after the solution in the proof run and fails in the replay is called flaky', async () => {
    const file = path.join(fixtures, 'flaky.md');
    const r = await verify(root, file, '--json');
    expect(r.exitCode).toBe(1);
    expect(r.report!.lessons[0]!.failures).toEqual([
      {
        phase: 'replay',
        step: 1,
        file,
        line: 11,
        message: expect.stringMatching(/^step 1 \(“Touch a file”\): on a second run from scratch the check fails after its solution, though it passed in the proof run \(flaky\): cmd /),
      },
    ]);
  });
});
