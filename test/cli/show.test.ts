import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ESCAPE, FIXTURES, ROOT, runCli } from './run-cli.js';

const GOOD = ['--lessons', path.join(FIXTURES, 'good')];

describe('netlessons show', () => {
  beforeAll(ensureBuilt);

  it('shows the introduction and the steps as plain text, without a single escape, when not on a TTY', async () => {
    const r = await runCli(['show', 'first', ...GOOD]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ESCAPE);
    expect(r.stdout).toContain('The first fixture lesson\n========================\n');
    expect(r.stdout).toContain('This is the introduction. It may hold code that is shown as is:\n\n    ip netns list\n');
    expect(r.stdout).toContain('Steps\n-----\n\n1. Make a dummy interface\n2. Bring it up\n');
  });

  it('shows one step by number: its prose and plain code, none of its check, hint, solution or wrong blocks', async () => {
    const r = await runCli(['show', 'first', '1', ...GOOD]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ESCAPE);
    expect(r.stdout).toContain('Step 1 of 2: Make a dummy interface');
    expect(r.stdout).toContain('Create `dummy0` inside `lab`.');
    expect(r.stdout).toContain('    $ ip netns exec lab ip link show');
    expect(r.stdout).not.toMatch(/link: dummy0|Interfaces are created|ip link add dummy0 type dummy/);
  });

  it('stays plain with NO_COLOR even when colour is forced', async () => {
    const r = await runCli(['show', 'first', '2', ...GOOD], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(r.stdout).not.toMatch(ESCAPE);
  });

  it('renders styled Markdown when colour is on', async () => {
    const r = await runCli(['show', 'first', '1', ...GOOD], { env: { FORCE_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(ESCAPE);
    expect(r.stdout).not.toContain('````console');
    expect(r.stdout).toContain('Create');
  });

  it('prints nothing on stderr when colour is on and fences carry more than a language (`console verify`)', async () => {
    const r = await runCli(['show', 'bridges'], { env: { FORCE_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(ESCAPE);
    expect(r.stderr).toBe('');
  });

  it('accepts a lesson file path and a folder holding one lesson', async () => {
    expect((await runCli(['show', path.join(FIXTURES, 'good', '20-second.md')])).stdout).toContain('The second fixture lesson: sorted first');
    expect((await runCli(['show', path.join(FIXTURES, 'single'), '1'])).stdout).toContain('Step 1 of 1: Only step');
  });

  it('shows the bundled first lesson by id', async () => {
    const r = await runCli(['show', 'empty-namespace']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Your first network namespace');
  });

  it('names the valid lessons when the lesson is unknown, exit 1', async () => {
    const r = await runCli(['show', 'nope', ...GOOD]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: No lesson `nope` in .*good\.\nhint: Lessons: first, second\.\n$/);
  });

  it('says which folder lacks the lesson exactly as `start` does: its absolute path, not "in lessons."', async () => {
    const show = await runCli(['show', 'nope']);
    const start = await runCli(['start', 'nope']);
    expect(show.code).toBe(1);
    expect(show.stderr).toContain(`No lesson \`nope\` in ${path.join(ROOT, 'lessons')}.\n`);
    expect(show.stderr).toBe(start.stderr);
    expect(start.code).toBe(1);
  });

  it('names the valid steps when the step is unknown, exit 1', async () => {
    const r = await runCli(['show', 'first', '3', ...GOOD]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: Lesson first has 2 steps; there is no step 3.\nhint: Steps: 1. Make a dummy interface; 2. Bring it up.\n');
  });

  it('refuses a STEP that is not a number as a usage error, exit 2', async () => {
    const r = await runCli(['show', 'first', 'two', ...GOOD]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: STEP is a step number/);
  });

  it('reports a broken lesson at its first error', async () => {
    const r = await runCli(['show', path.join(FIXTURES, 'broken', 'empty-check.md')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: test\/fixtures\/lessons\/broken\/empty-check\.md:10:1: empty check block/);
  });
});
