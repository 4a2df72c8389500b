/**
 * The bundled lesson 00, the way a first-time learner meets it: picked from the menu of the bundled
 * course, a wrong command, the checker's diagnostic, a hint, the right commands typed by hand at every
 * step, and on a second run the menu shows the lesson done.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Learner, promptOf } from './learner.js';
import { Pane, killServer, run } from './tmux.js';

vi.setConfig({ testTimeout: 300_000 });
afterAll(() => killServer());

const PROMPT = promptOf('empty-namespace');

describe('lesson 00 from the menu', () => {
  it('is picked from the bundled menu and walked to the end by typing, with a diagnostic and a hint on the way', async () => {
    const learner = new Learner();
    const pane = new Pane(learner.env);
    try {
      learner.start(pane, 'start');
      await pane.waitFor('Which lesson?');
      // Lesson 00 comes first and is the one selected.
      await pane.waitFor(/● Your first network namespace \[not started\]/);
      pane.keys('Enter');
      await pane.waitFor(PROMPT, 90_000);
      expect(pane.screen()).toMatch(/Step 1 of 5: Create a namespace/);

      // A typo: the checker says what is missing, in the lesson's words.
      await run(pane, 'ip netns add lap', PROMPT);
      await run(pane, 'check', /Not yet[\s\S]*there is no namespace called lab yet[\s\S]*#$/);
      await run(pane, 'hint', /Hint 1\/2[\s\S]*ip netns add NAME/);
      await run(pane, 'ip netns add lab', PROMPT);
      await run(pane, 'check', 'Step 1 complete');
      await run(pane, 'next', 'Step 2 of 5: Look inside');

      await run(pane, 'ip netns exec lab ip link show | tee /tmp/lab-before.txt', PROMPT);
      await run(pane, 'check', 'Step 2 complete');
      await run(pane, 'next', 'Step 3 of 5: Wake up the loopback');

      await run(pane, 'check', /Not yet[\s\S]*lo in lab is still DOWN[\s\S]*#$/);
      await run(pane, 'ip netns exec lab ip link set lo up', PROMPT);
      await run(pane, 'check', 'Step 3 complete');
      await run(pane, 'next', 'Step 4 of 5: Start a server inside the namespace');

      await run(pane, 'ip netns exec lab nohup nc -lk 127.0.0.1 8080 </dev/null >>/tmp/inbox.txt 2>/dev/null &', PROMPT);
      await run(pane, 'check', 'Step 4 complete');
      await run(pane, 'next', 'Step 5 of 5: Say hello from inside');

      await run(pane, 'echo hello | ip netns exec lab nc -N 127.0.0.1 8080', PROMPT);
      await run(pane, 'check', 'you have finished Your first network namespace');
      await run(pane, 'quit', 'EXIT=0');

      const courses = Object.values(learner.progress()!.courses);
      expect(courses).toHaveLength(1);
      const lp = courses[0]!.lessons['empty-namespace']!;
      expect(lp.finishedAt).toEqual(expect.any(String));
      expect(lp.steps['1']).toMatchObject({ attempts: 2, hintsUsed: 1, solutionApplied: false });
      expect(Object.keys(lp.steps)).toHaveLength(5);
      expect(learner.sessionIds()).toEqual([]);

      // A second run: the menu shows lesson 00 done, and the next lesson is the one selected.
      const m = pane.mark();
      learner.start(pane, 'start');
      await pane.waitFor(/Which lesson\?/, 10_000, m);
      await pane.waitFor(/Your first network namespace \[done\]\n[^\n]*●/, 10_000, m);
      pane.keys('C-c');
      await pane.waitFor('EXIT=130', 10_000, m);
    } finally {
      pane.close();
    }
  });
});
