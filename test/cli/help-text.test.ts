/** What `--help` promises must be what the command does. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './run-cli.js';

describe('help text', () => {
  beforeAll(ensureBuilt);

  it('clean --help shows --run (the README recommends `clean --run class-a` on a shared engine) on one line', async () => {
    const r = await runCli(['clean', '--help']);
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.trimStart().startsWith('--run <id>'));
    expect(line).toMatch(/--run <id>\s+only sandboxes started with NETLESSONS_RUN=<id>$/);
  });

  it('new --help says --lessons defaults to the current folder, where `new` writes, not the bundled course', async () => {
    const r = await runCli(['new', '--help']);
    expect(r.code).toBe(0);
    const options = r.stdout.slice(r.stdout.indexOf('Options:'), r.stdout.indexOf('-h, --help'));
    expect(options).toMatch(/--lessons <dir>\s+folder to write the lesson into \(default: the current folder\)/);
    expect(r.stdout).not.toContain('bundled course');
  });

  it('commands that read lessons still default --lessons to the bundled course', async () => {
    expect((await runCli(['show', '--help'])).stdout).toContain('(default: the bundled course)');
  });
});
