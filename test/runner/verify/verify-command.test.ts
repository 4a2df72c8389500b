/**
 * `netlessons verify` against small fixture lessons, through the built CLI and a real Docker engine:
 * each kind of broken lesson fails with the file:line and message that lead its author to the fix.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../../src/runner/verify/index.js';
import { startSandbox } from '../../helpers/sandbox.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = path.join(root, 'test/fixtures/lessons/verify');
const cli = path.join(root, 'dist/cli/main.js');

async function verify(...args: string[]) {
  const r = await execa('node', [cli, 'verify', ...args], { reject: false, cwd: root, env: { NO_COLOR: '1' } });
  return { ...r, report: r.stdout.trim().startsWith('{') ? (JSON.parse(r.stdout) as VerifyReport) : undefined };
}

const fixture = (name: string) => path.join(fixtures, name);

describe('netlessons verify', () => {
  it('passes a lesson whose checks fail before and pass after each solution, and prints the table', async () => {
    const r = await verify(fixture('good.md'));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^LESSON\s+STEPS\s+RESULT\s+SECONDS$/m);
    expect(r.stdout).toMatch(/^verify-good\s+2\s+passed\s+\d+\.\d$/m);
    expect(r.stderr).toContain('[verify-good] ok: proof');
  });

  it('fails a lesson whose check already passes before its step, naming the check block', async () => {
    const r = await verify(fixture('passes-before.md'), '--json');
    expect(r.exitCode).toBe(1);
    const lesson = r.report!.lessons[0]!;
    expect(lesson.outcome).toBe('failed');
    expect(lesson.failures).toContainEqual({
      phase: 'before',
      step: 2,
      file: fixture('passes-before.md'),
      line: 24,
      message: 'step 2 (“Bring lo up”): the check already passes before the solution ran, so it cannot tell whether the learner did the step',
    });
  });

  it('fails a lesson whose solution does not satisfy its check, with the failing assertion and its message', async () => {
    const r = await verify(fixture('solution-misses.md'), '--json');
    expect(r.exitCode).toBe(1);
    const failures = r.report!.lessons[0]!.failures;
    // The replay fails the same way; verify says it once.
    expect(failures.map((f) => f.phase)).toEqual(['solution']);
    const solution = failures.find((f) => f.phase === 'solution')!;
    expect(solution).toMatchObject({ step: 1, file: fixture('solution-misses.md'), line: 14 });
    expect(solution.message).toBe('step 1 (“Address eth0”): after its solution the check still fails: addr 10.9.0.1/24: eth0 in demo does not have 10.9.0.1/24.');
  });

  it('prints failures as file:line in the table output and exits 1', async () => {
    const r = await verify(fixture('solution-misses.md'));
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^verify-solution-misses\s+1\s+failed/m);
    expect(r.stdout).toContain('FAIL test/fixtures/lessons/verify/solution-misses.md:14: step 1 (“Address eth0”): after its solution the check still fails');
  });

  it('fails a wrong block that satisfies the check, naming the wrong block’s line', async () => {
    const r = await verify(fixture('wrong-passes.md'), '--json');
    expect(r.exitCode).toBe(1);
    expect(r.report!.lessons[0]!.failures).toEqual([
      expect.objectContaining({ phase: 'wrong', step: 1, line: 23, message: expect.stringContaining('after this wrong block the check passes; it must still fail') }),
    ]);
  });

  it('fails a console verify block whose output differs from what the sandbox prints', async () => {
    const r = await verify(fixture('prose-lies.md'), '--json');
    expect(r.exitCode).toBe(1);
    expect(r.report!.lessons[0]!.failures).toEqual([
      {
        phase: 'prose',
        step: 1,
        file: fixture('prose-lies.md'),
        line: 10,
        message: '`$ ip netns exec demo ip -br link` prints something else in the sandbox; output line 1: expected "lo               UP             00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP>", got "lo               DOWN           00:00:00:00:00:00 <LOOPBACK>"',
      },
    ]);
  });

  it('skips a lesson that needs a kernel feature this kernel lacks, and says which', async () => {
    const sb = await startSandbox('verify-dummy-probe');
    let hasDummy: boolean;
    try {
      hasDummy = (await sb.exec('ip netns add p && ip netns exec p ip link add d0 type dummy')).exitCode === 0;
    } finally {
      await sb.stop();
    }
    const r = await verify(fixture('needs-dummy.md'), '--json');
    expect(r.exitCode, r.stderr).toBe(0);
    const lesson = r.report!.lessons[0]!;
    if (hasDummy) expect(lesson.outcome).toBe('passed');
    else expect(lesson).toMatchObject({ outcome: 'skipped', reason: 'needs kernel feature dummy — not available here' });
  });

  it('reports a solution that fails to run once, at its line, though the replay and a fast-forward hit it too', async () => {
    const r = await verify(fixture('broken-solution.md'), '--json');
    expect(r.exitCode).toBe(1);
    const failures = r.report!.lessons[0]!.failures;
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ phase: 'solution', step: 1, file: fixture('broken-solution.md'), line: 19 });
    expect(failures[0]!.message).toMatch(/^the solution of step 1 failed with exit code \d+: /);
  });

  it('rejects a bad --jobs value as a usage error', async () => {
    const r = await verify(fixture('good.md'), '--jobs', '0');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--jobs');
  });
});
