import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ESCAPE, FIXTURES, ROOT, runCli } from './run-cli.js';

describe('netlessons list', () => {
  beforeAll(ensureBuilt);

  it('--json gives every lesson in course order with its facts', async () => {
    const r = await runCli(['list', '--json', '--lessons', path.join(FIXTURES, 'good')]);
    expect(r.code).toBe(0);
    const lessons = JSON.parse(r.stdout);
    // The runner adds the learner's `status` to each entry; the rest is the lesson's own.
    for (const l of lessons) delete l.status;
    expect(lessons).toEqual([
      {
        id: 'second',
        title: 'The second fixture lesson: sorted first',
        summary: 'Its order is lower than the first lesson\'s, so it comes first.',
        order: 5,
        steps: 1,
        requires: ['first'],
        backends: ['docker', 'vagrant'],
        file: path.join(FIXTURES, 'good', '20-second.md'),
      },
      {
        id: 'first',
        title: 'The first fixture lesson',
        summary: 'Every block kind a lesson can hold, in one file.',
        order: 10,
        steps: 2,
        requires: [],
        backends: ['docker'],
        file: path.join(FIXTURES, 'good', '10-first.md'),
      },
    ]);
  });

  it('prints order, id, title, step count and summary as plain text when piped', async () => {
    const r = await runCli(['list', '--lessons', path.join(FIXTURES, 'good')]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ESCAPE);
    expect(r.stdout).toBe(
      [
        ' 5  second  The second fixture lesson: sorted first (1 step)',
        "    Its order is lower than the first lesson's, so it comes first.",
        '10  first  The first fixture lesson (2 steps)',
        '    Every block kind a lesson can hold, in one file.',
        '',
      ].join('\n'),
    );
  });

  it('lists the good lessons of a folder with broken ones, and says how many were left out', async () => {
    const r = await runCli(['list', '--json', '--lessons', path.join(FIXTURES, 'folder-problems')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((l: { id: string }) => l.id)).toEqual(['good']);
    expect(r.stderr).toMatch(/^6 lesson files have errors and are not listed; `netlessons lint .*folder-problems` shows why\.\n$/);
  });

  it('lists the bundled course by default, starting with empty-namespace', async () => {
    const lessons = JSON.parse((await runCli(['list', '--json'], { cwd: path.join(ROOT, 'test') })).stdout);
    expect(lessons[0]).toMatchObject({ id: 'empty-namespace', order: 0, file: path.join(ROOT, 'lessons', '00-empty-namespace.md') });
  });

  it('names a missing --lessons folder and exits 1', async () => {
    const r = await runCli(['list', '--lessons', 'no-such-dir']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: No lessons folder at .*no-such-dir\.\nhint: /);
  });
});
