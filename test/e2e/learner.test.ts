/** A learner at a real terminal: the menu, the in-shell commands, the checker's verdicts, resume. */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { COURSE, Learner, containersOf, promptOf } from './learner.js';
import { Pane, killServer, run } from './tmux.js';

// Real sandboxes on a shared two-core machine: seconds per command under load.
vi.setConfig({ testTimeout: 240_000 });

afterAll(() => killServer());
const PROMPT = promptOf('lab-namespace');

describe('learning in the shell', () => {
  it('picks a lesson from the menu, is told what is wrong, gets hints, passes every step, and the lesson shows done', async () => {
    const learner = new Learner();
    const pane = new Pane(learner.env);
    try {
      learner.start(pane, `start --lessons ${COURSE}`);
      await pane.waitFor('Which lesson?');
      // Every lesson with its status; one whose requirement is not done says so but stays selectable.
      await pane.waitFor(/Lab namespace \[not started\][\s\S]*Second lesson \[not started · needs lab-namespace first\]/);
      await pane.waitFor(/● Lab namespace/);
      pane.keys('Enter');
      await pane.waitFor(PROMPT, 60_000);
      expect(pane.screen()).toContain('Step 1 of 3: Make the lab');

      await run(pane, 'ip netns add lap', PROMPT);
      const failed = await run(pane, 'check', /Not yet[\s\S]*There should be a namespace called lab[\s\S]*#/);
      expect(failed).toContain('1 of 1');
      await run(pane, 'next', 'has not passed its check yet');
      await run(pane, 'hint', 'Hint 1/2');
      await run(pane, 'ip netns add lab; echo created-$?', 'created-0');
      await run(pane, 'check', 'Step 1 complete');
      await run(pane, 'next', 'Step 2 of 3: Loopback up');

      await run(pane, 'solution --apply', 'Applied in the sandbox');
      await run(pane, 'check', 'Step 2 complete');
      await run(pane, 'next', 'Step 3 of 3: Leave a note');
      await run(pane, 'step', 'Step 3 of 3: Leave a note');
      await run(pane, 'echo done > /root/note', PROMPT);
      await run(pane, 'check', 'you have finished Lab namespace');
      await run(pane, 'next', 'You have finished Lab namespace!');
      await run(pane, 'progress', /lab-namespace\s+3\/3 steps\s+done/);
      await run(pane, 'quit', 'EXIT=0');

      const lp = learner.progress()!.courses[COURSE]!.lessons['lab-namespace']!;
      expect(lp.finishedAt).toEqual(expect.any(String));
      expect(lp.steps['1']).toMatchObject({ attempts: 2, hintsUsed: 1, solutionApplied: false });
      expect(lp.steps['2']).toMatchObject({ solutionApplied: true });
      expect(learner.sessionIds()).toEqual([]);

      // A second run: the menu shows the lesson done.
      const m = pane.mark();
      learner.start(pane, `start --lessons ${COURSE}`);
      await pane.waitFor(/Which lesson\?/, 10_000, m);
      await pane.waitFor(/Lab namespace \[done\][\s\S]*● Second lesson \[not started\]/, 10_000, m);
      pane.keys('C-c');
      await pane.waitFor('EXIT=130', 10_000, m);
    } finally {
      pane.close();
    }
  });

  it('quitting at step 2 and starting again resumes at step 2 with step 1 replayed', async () => {
    const learner = new Learner();
    const pane = new Pane(learner.env);
    try {
      learner.start(pane, `start lab-namespace --lessons ${COURSE}`);
      await pane.waitFor(PROMPT, 60_000);
      await run(pane, 'ip netns add lab', PROMPT);
      await run(pane, 'check', 'Step 1 complete');
      await run(pane, 'next', 'Step 2 of 3');
      await run(pane, 'quit', 'EXIT=0');
      expect(learner.progress()!.courses[COURSE]!.lessons['lab-namespace']!.currentStep).toBe(2);

      const m = pane.mark();
      learner.start(pane, `start lab-namespace --lessons ${COURSE}`);
      await pane.waitFor('Sandbox ready at step 2', 60_000, m);
      await pane.waitFor(PROMPT, 10_000, m);
      expect(pane.screen().slice(m)).toContain('Step 2 of 3: Loopback up');
      const id = learner.sessionIds()[0]!;
      const [container] = containersOf(id);
      expect(execFileSync('docker', ['exec', container!, 'ip', 'netns', 'list'], { encoding: 'utf8' })).toContain('lab');
      await run(pane, 'check', /Not yet[\s\S]*lo in lab should be UP/);
      await run(pane, 'quit', 'EXIT=0');
      expect(containersOf(id)).toEqual([]);
    } finally {
      pane.close();
    }
  });

  it('reset in the shell brings a fresh sandbox at the start of the current step', async () => {
    const learner = new Learner();
    const pane = new Pane(learner.env);
    try {
      learner.start(pane, `start lab-namespace --lessons ${COURSE}`);
      await pane.waitFor(PROMPT, 60_000);
      const first = learner.sessionIds()[0]!;
      await run(pane, 'touch /root/scribble; reset', /Sandbox ready[\s\S]*#/, 60_000);
      await run(pane, 'ls /root/scribble 2>&1 | tail -1', 'No such file');
      expect(learner.sessionIds()).toEqual([first]);
      expect(containersOf(first)).toHaveLength(1);
      await run(pane, 'quit', 'EXIT=0');
      expect(containersOf(first)).toEqual([]);
    } finally {
      pane.close();
    }
  });
});

describe('watching and a second terminal', () => {
  it('start --watch announces the completed step without a check being typed', async () => {
    const learner = new Learner();
    const pane = new Pane(learner.env);
    try {
      learner.start(pane, `start lab-namespace --watch --lessons ${COURSE}`);
      await pane.waitFor(PROMPT, 60_000);
      const quiet = pane.mark();
      await run(pane, 'ip netns add lap', PROMPT);
      await new Promise((r) => setTimeout(r, 2500));
      expect(pane.screen().slice(quiet)).not.toMatch(/complete|Not yet/);
      await run(pane, 'ip netns add lab', 'Step 1 complete', 20_000);
      await run(pane, 'next', 'Step 2 of 3');
      await run(pane, 'quit', 'EXIT=0');
      expect(learner.progress()!.courses[COURSE]!.lessons['lab-namespace']!.steps['1']!.completedAt).toEqual(expect.any(String));
    } finally {
      pane.close();
    }
  });

  it('reset from a second terminal leaves an open interactive session alone and says where to reset', async () => {
    const learner = new Learner();
    const pane = new Pane(learner.env);
    try {
      learner.start(pane, `start lab-namespace --lessons ${COURSE}`);
      await pane.waitFor(PROMPT, 60_000);
      await run(pane, 'ip netns add lab', PROMPT);
      const id = await learner.waitForSession();
      const r = await learner.cli(['reset']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Session ${id} (lab-namespace, step 1) is open in a terminal`);
      expect(r.stderr).toContain('Type `reset` in that terminal');
      // The open shell and its sandbox are untouched: the learner's work is still there.
      expect(containersOf(id)).toHaveLength(1);
      await run(pane, 'check', 'Step 1 complete');
      await run(pane, 'quit', 'EXIT=0');
      expect(containersOf(id)).toEqual([]);
      expect(learner.sessionIds()).toEqual([]);
    } finally {
      pane.close();
    }
  });

  it('netlessons shell opens a second shell into the same sandbox', async () => {
    const learner = new Learner();
    const id = (await learner.cli(['start', 'lab-namespace', '--lessons', COURSE, '--detach'])).stdout.trim();
    const pane = new Pane(learner.env);
    try {
      await learner.cli(['solution', '--apply']);
      learner.start(pane, 'shell');
      await pane.waitFor(PROMPT, 30_000);
      await run(pane, 'ip netns list; exit', 'EXIT=0');
      expect(pane.screen()).toMatch(/^lab\b/m);
    } finally {
      pane.close();
      await learner.cli(['stop', '--session', id]);
    }
    expect(containersOf(id)).toEqual([]);
  });
});
