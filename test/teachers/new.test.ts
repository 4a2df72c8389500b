/**
 * `netlessons new`: the scaffold a teacher starts from lints clean, and its verify fails only on the
 * placeholder check (the author's first job is to replace it).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { netlessons, ROOT } from './run-cli.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nl-new-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
const home = () => path.join(dir, '.home');

describe('netlessons new', () => {
  it('writes 01-ID.md with front matter and one step of every block kind, and prints the verify command', async () => {
    const r = await netlessons(['new', 'my-first-bridge', '--lessons', 'course'], { home: home(), cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Created course/01-my-first-bridge.md (lesson 1: My first bridge).');
    expect(r.stdout).toContain('\n  netlessons verify course/01-my-first-bridge.md\n');
    const written = await readFile(path.join(dir, 'course/01-my-first-bridge.md'), 'utf8');
    expect(written).toBe(await readFile(path.join(ROOT, 'test/fixtures/teachers/new/01-my-first-bridge.md'), 'utf8'));
  });

  it('takes the next number in the folder, the title from --title, and the folder from NETLESSONS_LESSONS', async () => {
    await writeFile(path.join(dir, '01-a.md'), '');
    await writeFile(path.join(dir, '07-b.md'), '');
    const r = await netlessons(['new', 'routing-basics', '--title', 'Routing, the basics', '--json'], { home: home(), cwd: ROOT, env: { NETLESSONS_LESSONS: dir } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ file: path.join(dir, '08-routing-basics.md'), id: 'routing-basics', title: 'Routing, the basics', order: 8, next: `netlessons verify ${path.join(dir, '08-routing-basics.md')}` });
    expect(await readFile(path.join(dir, '08-routing-basics.md'), 'utf8')).toMatch(/^---\nid: routing-basics\ntitle: "Routing, the basics"\nsummary: .+\norder: 8\n/);
  });

  it('refuses to overwrite an existing lesson of that id', async () => {
    await writeFile(path.join(dir, '03-my-lesson.md'), 'mine\n');
    const r = await netlessons(['new', 'my-lesson', '--lessons', dir], { home: home() });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`error: A lesson file for \`my-lesson\` already exists: ${path.join(dir, '03-my-lesson.md')}.`);
    expect(r.stderr).toContain('hint: Edit that file, or choose another id.');
    expect(await readFile(path.join(dir, '03-my-lesson.md'), 'utf8')).toBe('mine\n');
  });

  it('refuses an id that is not kebab-case, suggesting one that is', async () => {
    const r = await netlessons(['new', 'My_Lesson', '--lessons', dir], { home: home() });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: `My_Lesson` is not a valid lesson id: use kebab-case (lowercase letters and digits, words joined by single dashes).\nhint: For example: `netlessons new my-lesson`.');
    expect((await readdir(dir)).filter((n) => n.endsWith('.md'))).toEqual([]);
  });

  it('scaffolds a lesson that passes lint and whose verify fails only on the placeholder check', { timeout: 180_000 }, async () => {
    await netlessons(['new', 'scaffolded', '--lessons', dir], { home: home() });
    const lint = await netlessons(['lint', dir], { home: home() });
    expect(lint.exitCode, lint.stdout).toBe(0);
    expect(lint.stdout).toBe('');
    expect(lint.stderr).toContain('no problems');

    const verify = await netlessons(['verify', '--json', '--lessons', dir, path.join(dir, '01-scaffolded.md')], { home: home() });
    expect(verify.exitCode).toBe(1);
    const report = JSON.parse(verify.stdout) as { lessons: { outcome: string; failures: { phase: string; step: number; message: string }[] }[] };
    expect(report.lessons[0]!.outcome).toBe('failed');
    const failures = report.lessons[0]!.failures;
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) expect(f).toMatchObject({ step: 1, message: expect.stringContaining('placeholder check of a new lesson') });
    expect(failures.map((f) => f.phase)).toContain('solution');
  });
});
