/** The same flow without a terminal: `start --detach`, then check/hint/solution/next/stop from scripts. */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { COURSE, Learner, containersOf } from './learner.js';

// Real sandboxes on a shared two-core machine: seconds per command under load.
vi.setConfig({ testTimeout: 240_000 });

const learners: Learner[] = [];
afterAll(async () => {
  // Whatever a failed test left: stop its sessions the way a teacher would.
  for (const l of learners) for (const id of l.sessionIds()) await l.cli(['stop', '--session', id]);
});

function learner(): Learner {
  const l = new Learner();
  learners.push(l);
  return l;
}

const dockerExec = (sessionId: string, cmd: string) => execFileSync('docker', ['exec', containersOf(sessionId)[0]!, 'bash', '-c', cmd], { encoding: 'utf8' });

describe('scripted sessions', () => {
  it('non-TTY start without a lesson refuses and suggests --detach', async () => {
    const r = await learner().cli(['start', '--lessons', COURSE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('netlessons start LESSON --detach');
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('non-TTY start of a lesson that does not exist says so first, not that it needs a terminal', async () => {
    const r = await learner().cli(['start', 'no-such-lesson', '--lessons', COURSE]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/No lesson/);
    expect(r.stderr).not.toContain('needs a terminal');
  });

  it('check --json fails, solution --apply, check --json passes, next moves on, stop leaves nothing', async () => {
    const l = learner();
    const started = (await l.cli(['start', 'lab-namespace', '--lessons', COURSE, '--detach']));
    expect(started.code, started.stderr).toBe(0);
    const id = started.stdout.trim();
    expect(l.sessionIds()).toEqual([id]);
    expect(containersOf(id)).toHaveLength(1);

    const status = JSON.parse((await l.cli(['status', '--json'])).stdout);
    expect(status).toMatchObject([{ id, lessonId: 'lab-namespace', step: 1, sandboxRunning: true }]);

    const failing = (await l.cli(['check', '--json']));
    expect(failing.code).toBe(1);
    const before = JSON.parse(failing.stdout);
    expect(before.passed).toBe(false);
    expect(before.assertions[0]).toMatchObject({ kind: 'netns', target: 'lab', ok: false, message: 'There should be a namespace called lab.', source: { file: expect.stringMatching(/01-lab-namespace\.md$/), line: expect.any(Number) } });
    expect(typeof before.elapsedMs).toBe('number');

    const early = (await l.cli(['next']));
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('has not passed its check yet');

    expect(JSON.parse((await l.cli(['hint', '--json'])).stdout)).toMatchObject({ number: 1, total: 2 });
    const applied = (await l.cli(['solution', '--apply']));
    expect(applied.code, applied.stderr).toBe(0);
    expect(dockerExec(id, 'ip netns list')).toContain('lab');

    const passing = (await l.cli(['check', '--json', '--session', id]));
    expect(passing.code).toBe(0);
    expect(JSON.parse(passing.stdout).passed).toBe(true);
    expect(JSON.parse((await l.cli(['next', '--json'])).stdout)).toMatchObject({ finished: false, step: 2 });

    const step1 = l.progress()!.courses[COURSE]!.lessons['lab-namespace']!;
    expect(step1.currentStep).toBe(2);
    expect(step1.steps['1']).toMatchObject({ attempts: 2, hintsUsed: 1, solutionApplied: true, completedAt: expect.any(String) });

    expect((await l.cli(['stop'])).code).toBe(0);
    expect(containersOf(id)).toEqual([]);
    expect(l.sessionIds()).toEqual([]);
    expect(JSON.parse((await l.cli(['status', '--json'])).stdout)).toEqual([]);
  });

  it('start --detach --step 3 replays the earlier steps into a fresh sandbox', async () => {
    const l = learner();
    const started = (await l.cli(['start', 'lab-namespace', '--lessons', COURSE, '--detach', '--step', '3']));
    expect(started.code, started.stderr).toBe(0);
    const id = started.stdout.trim();
    expect(dockerExec(id, 'ip -n lab -br link show lo')).toMatch(/^lo\s+UNKNOWN|^lo\s+UP/);
    const r = (await l.cli(['check', '--json']));
    expect(JSON.parse(r.stdout)).toMatchObject({ passed: false, step: 3 });
    await l.cli(['stop']);
    expect(containersOf(id)).toEqual([]);
  });

  it('a step passed before quitting (no `next`) resumes at the step after it; going back with --step does not lower the record', async () => {
    const l = learner();
    const first = (await l.cli(['start', 'lab-namespace', '--lessons', COURSE, '--detach'])).stdout.trim();
    // At a CLI prompt, the next commands are named as typed there.
    const applied = await l.cli(['solution', '--apply']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Run `netlessons check` to confirm.');
    const passed = await l.cli(['check']);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain('Run `netlessons next` for the next step.');
    await l.cli(['stop']);
    expect(containersOf(first)).toEqual([]);
    const shown = JSON.parse((await l.cli(['progress', '--json', '--lessons', COURSE])).stdout);
    expect(shown.lessons[0]).toMatchObject({ id: 'lab-namespace', status: { state: 'in-progress', step: 2 } });

    const again = await l.cli(['start', 'lab-namespace', '--lessons', COURSE, '--detach', '--json']);
    expect(again.code, again.stderr).toBe(0);
    const resumed = JSON.parse(again.stdout) as { session: string; step: number };
    expect(resumed.step).toBe(2);
    // Step 1's solution was replayed: its namespace is there, and the session is at step 2.
    expect(dockerExec(resumed.session, 'ip netns list')).toContain('lab');
    expect(JSON.parse((await l.cli(['check', '--json'])).stdout)).toMatchObject({ step: 2 });
    await l.cli(['stop']);

    // Going over step 1 again (a review) leaves the recorded step where it was.
    const review = JSON.parse((await l.cli(['start', 'lab-namespace', '--lessons', COURSE, '--detach', '--json', '--step', '1'])).stdout) as { session: string };
    await l.cli(['stop']);
    expect(containersOf(review.session)).toEqual([]);
    expect(l.progress()!.courses[COURSE]!.lessons['lab-namespace']!.currentStep).toBe(2);
  });

  it('a session whose sandbox vanished is marked in status and reset brings a new one at its step', async () => {
    const l = learner();
    const id = (await l.cli(['start', 'lab-namespace', '--lessons', COURSE, '--detach', '--step', '2'])).stdout.trim();
    execFileSync('docker', ['rm', '-f', ...containersOf(id)]);
    expect(JSON.parse((await l.cli(['status', '--json'])).stdout)).toMatchObject([{ id, sandboxRunning: false }]);
    const gone = (await l.cli(['check']));
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('netlessons reset');
    expect((await l.cli(['reset'])).code).toBe(0);
    expect(dockerExec(id, 'ip netns list')).toContain('lab');
    await l.cli(['stop']);
    expect(containersOf(id)).toEqual([]);
  });
});

describe('progress from scripts', () => {
  it('progress --json reports steps, and progress reset wants --yes without a terminal', async () => {
    const l = learner();
    const id = (await l.cli(['start', 'lab-namespace', '--lessons', COURSE, '--detach', '--step', '2'])).stdout.trim();
    await l.cli(['stop', '--session', id]);
    const shown = JSON.parse((await l.cli(['progress', '--json', '--lessons', COURSE])).stdout);
    expect(shown).toMatchObject({ course: COURSE, lessons: [{ id: 'lab-namespace', status: { state: 'in-progress', step: 2 } }, { id: 'second-lesson', status: { state: 'not-started' } }] });
    const refused = await l.cli(['progress', 'reset', 'lab-namespace', '--lessons', COURSE]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect((await l.cli(['progress', 'reset', 'lab-namespace', '--yes', '--lessons', COURSE])).code).toBe(0);
    expect(JSON.parse((await l.cli(['progress', '--json', '--lessons', COURSE])).stdout).lessons[0].status).toEqual({ state: 'not-started' });
  });
});

describe('the bundled lesson 00', () => {
  it('walks to the end with the lesson’s own solutions, checked by the real checker', async () => {
    const l = learner();
    const started = await l.cli(['start', '0', '--detach', '--json']);
    expect(started.code, started.stderr).toBe(0);
    const { session, lesson } = JSON.parse(started.stdout) as { session: string; lesson: string };
    for (let i = 0; ; i++) {
      expect(i).toBeLessThan(10);
      const before = await l.cli(['check', '--json']);
      expect(JSON.parse(before.stdout).passed, `step ${i + 1} passes before its solution`).toBe(false);
      expect((await l.cli(['solution', '--apply'])).code).toBe(0);
      const after = await l.cli(['check', '--json']);
      expect(after.code, after.stdout).toBe(0);
      const next = JSON.parse((await l.cli(['next', '--json'])).stdout) as { finished: boolean };
      if (next.finished) break;
    }
    expect(l.progress()!.courses.bundled!.lessons[lesson]!.finishedAt).toEqual(expect.any(String));
    await l.cli(['stop']);
    expect(containersOf(session)).toEqual([]);

    // Starting the finished lesson again goes over it from step 1, and says why.
    const again = await l.cli(['start', '0', '--detach', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ lesson, step: 1 });
    expect(again.stderr).toMatch(/You finished Your first network namespace on \d{4}-\d\d-\d\d: starting it again from step 1/);
    await l.cli(['stop']);
    expect(containersOf(JSON.parse(again.stdout).session)).toEqual([]);
  });
});
