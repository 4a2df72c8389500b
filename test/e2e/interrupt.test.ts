/** Ctrl-C (and a closed terminal) at every phase: nothing left running, progress readable, terminal sane. */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { COURSE, Learner, SLOW_COURSE, containersOf, promptOf, waitUntil } from './learner.js';
import { Pane, killServer } from './tmux.js';

// Real sandboxes on a shared two-core machine: seconds per command under load.
vi.setConfig({ testTimeout: 240_000 });

afterAll(() => killServer());

async function expectCleanExit(pane: Pane, learner: Learner, sessionId: string | undefined, sttyBefore: string): Promise<void> {
  await pane.waitFor(/EXIT=130/, 30_000);
  if (sessionId) expect(containersOf(sessionId)).toEqual([]);
  expect(learner.sessionIds()).toEqual([]);
  expect(() => learner.progress()).not.toThrow();
  expect(await pane.stty()).toBe(sttyBefore);
}

describe('interrupting `netlessons start`', () => {
  it('Ctrl-C at the lesson menu cancels with no sandbox and a sane terminal', async () => {
    const learner = new Learner();
    const pane = new Pane(learner.env);
    try {
      const before = await pane.stty();
      learner.start(pane, `start --lessons ${COURSE}`);
      await pane.waitFor('Which lesson?');
      pane.keys('C-c');
      await expectCleanExit(pane, learner, undefined, before);
    } finally {
      pane.close();
    }
  });

  it('Ctrl-C while the sandbox is being prepared removes it and exits 130', async () => {
    const learner = new Learner();
    // CI unset: the animated spinner, which must not draw over the clean-up's message.
    const pane = new Pane({ ...learner.env, CI: '' });
    try {
      const before = await pane.stty();
      const m = pane.mark();
      learner.start(pane, `start slow-lesson --lessons ${SLOW_COURSE}`);
      const id = await learner.waitForSession();
      await pane.waitFor('running the lesson setup');
      expect(containersOf(id)).toHaveLength(1);
      pane.keys('C-c');
      await expectCleanExit(pane, learner, id, before);
      const after = pane.screen().slice(m);
      expect(after.match(/Interrupted: removing the sandbox/g)).toHaveLength(1);
      // Nothing of the spinner after the message: the next line is the exit status.
      expect(after).toMatch(/Interrupted: removing the sandbox…\nEXIT=130/);
    } finally {
      pane.close();
    }
  });

  it('Ctrl-C while an in-shell command runs ends the session cleanly', async () => {
    const learner = new Learner();
    const pane = new Pane(learner.env);
    try {
      const before = await pane.stty();
      learner.start(pane, `start slow-lesson --lessons ${SLOW_COURSE}`);
      const id = await learner.waitForSession();
      await pane.waitFor(promptOf('slow-lesson'), 30_000);
      pane.type('solution --apply');
      await pane.waitFor('Applying the solution');
      pane.keys('C-c');
      await expectCleanExit(pane, learner, id, before);
      expect(learner.progress()?.courses[SLOW_COURSE]?.lessons['slow-lesson']).toBeDefined();
    } finally {
      pane.close();
    }
  });

  it('Ctrl-C in the idle shell interrupts the learner’s command only; closing the terminal removes the sandbox', async () => {
    const learner = new Learner();
    const pane = new Pane(learner.env);
    try {
      learner.start(pane, `start lab-namespace --lessons ${COURSE}`);
      const id = await learner.waitForSession();
      await pane.waitFor(promptOf('lab-namespace'), 30_000);
      const m = pane.mark();
      pane.type('sleep 100');
      pane.keys('C-c');
      pane.type('echo still-here-$((6*7))');
      await pane.waitFor('still-here-42', 10_000, m);
      expect(containersOf(id)).toHaveLength(1);
      pane.close();
      await waitUntil('the sandbox is removed', () => containersOf(id).length === 0);
      await waitUntil('the session file is removed', () => learner.sessionIds().length === 0);
      expect(() => learner.progress()).not.toThrow();
    } finally {
      pane.close();
    }
  });
});
