import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FIXTURES, runCli } from './run-cli.js';

const rel = (...p: string[]) => path.join('test', 'fixtures', 'lessons', ...p);

describe('netlessons lint', () => {
  beforeAll(ensureBuilt);

  it('exits 0 and prints no problem for a clean folder', async () => {
    const r = await runCli(['lint', rel('good')]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('2 lesson files checked, no problems.\n');
    expect(r.code).toBe(0);
  });

  it('exits 0 when there are only warnings, and prints them', async () => {
    const r = await runCli(['lint', rel('warnings')]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      `${rel('warnings', 'only-warnings.md')}:8:1: warning: step 1 (Step without help) has no hint block`,
      expect.stringMatching(/^test\/fixtures\/lessons\/warnings\/only-warnings\.md:8:1: warning: step 1 \(Step without help\) has no solution block/),
      '',
    ]);
  });

  it('exits 1 and prints file:line:col: error: reason, paths relative to the working directory', async () => {
    const r = await runCli(['lint', rel('broken', 'unknown-option.md'), rel('broken', 'two-solutions.md')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        `${rel('broken', 'two-solutions.md')}:22:1: error: step 1 (Step) has more than one solution block (the first is on line 18); merge them into one`,
        `${rel('broken', 'unknown-option.md')}:13:3: error: unknown option \`colour\` for \`link\` (allowed: link, type, state, master, mtu, peer, netns, exists, message)`,
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('2 lesson files checked: 2 errors, 0 warnings.\n');
  });

  it('reports paths relative to where it runs', async () => {
    const r = await runCli(['lint', path.join('broken', 'no-steps.md')], { cwd: FIXTURES });
    expect(r.stdout).toMatch(/^broken\/no-steps\.md:7:1: error: the lesson has no steps/);
  });

  it('reports every file of a folder, one bad file not hiding the others', async () => {
    const r = await runCli(['lint', rel('folder-problems')]);
    expect(r.code).toBe(1);
    const files = new Set(r.stdout.trim().split('\n').map((l) => path.basename(l.split(':')[0]!)));
    expect([...files].sort()).toEqual(['a.md', 'b.md', 'c.md', 'e.md', 'f.md', 'g.md']);
  });

  it('judges a single file against its folder (duplicate ids)', async () => {
    const r = await runCli(['lint', rel('folder-problems', 'a.md')]);
    expect(r.stdout).toBe(`${rel('folder-problems', 'a.md')}:2:5: error: duplicate lesson id \`dup\`: also used by b.md\n`);
  });

  it('lints the --lessons folder when given no path, and NETLESSONS_LESSONS likewise', async () => {
    expect((await runCli(['lint', '--lessons', rel('broken')])).code).toBe(1);
    expect((await runCli(['lint'], { env: { NETLESSONS_LESSONS: rel('good') } })).stderr).toBe('2 lesson files checked, no problems.\n');
  });

  it('lints the bundled course by default, and it is clean', async () => {
    const r = await runCli(['lint']);
    expect(r.stdout).not.toMatch(/: error: /);
    expect(r.code).toBe(0);
  });

  it('--json prints {ok, problems} with the same locations', async () => {
    const r = await runCli(['lint', '--json', rel('broken', 'unknown-backend.md'), rel('warnings')]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toEqual({ file: rel('broken', 'unknown-backend.md'), line: 6, col: 20, severity: 'error', reason: 'unknown backend "lxc" (known: docker, vagrant)' });
    expect(report.problems.map((p: { severity: string }) => p.severity)).toEqual(['error', 'warning', 'warning']);
    expect(JSON.parse((await runCli(['lint', '--json', rel('good')])).stdout)).toEqual({ ok: true, problems: [] });
  });

  it('names a missing path and exits 1 without a stack trace', async () => {
    const r = await runCli(['lint', rel('good'), 'no/such/lesson.md']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: No such file or folder: no\/such\/lesson\.md\nhint: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
