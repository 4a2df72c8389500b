import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './run-cli.js';

describe('command line usage errors', () => {
  beforeAll(ensureBuilt);

  it('exits 2 on an unknown command', async () => {
    const r = await runCli(['lnit']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'lnit'/);
    expect(r.stderr).toMatch(/Did you mean lint\?/);
  });

  it.each([
    ['lint', '--jsn'],
    ['list', '--colour'],
    ['show', 'empty-namespace', '--step'],
  ])('exits 2 on an unknown flag: %s %s', async (...args) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option/);
  });

  it('exits 2 when show lacks its LESSON or list gets an argument', async () => {
    expect((await runCli(['show'])).code).toBe(2);
    expect((await runCli(['list', 'extra'])).code).toBe(2);
  });

  it('--help of lint, list and show exits 0 and documents the options', async () => {
    for (const cmd of ['lint', 'list', 'show']) {
      const r = await runCli([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('--lessons <dir>');
    }
  });
});
