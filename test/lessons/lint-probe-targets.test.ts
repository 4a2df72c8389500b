import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../../src/lessons/lint.js';

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/lessons/verify/probe-targets/outside.md');

describe('lint: probe targets', () => {
  it('warns about ping and connect targets outside private, documentation and loopback ranges, at their lines', async () => {
    const report = await lintPaths([fixture]);
    expect(report.ok).toBe(true);
    expect(report.problems.map((p) => [p.line, p.severity, p.reason])).toEqual([
      [12, 'warning', "`ping` target 8.8.8.8 is outside the sandbox's own ranges (private, documentation, loopback): lessons must not probe real hosts"],
      [15, 'warning', "`connect` target 1.1.1.1 is outside the sandbox's own ranges (private, documentation, loopback): lessons must not probe real hosts"],
    ]);
  });

  it('finds no probe outside the sandbox in the bundled lessons', async () => {
    const report = await lintPaths([path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../lessons')]);
    expect(report.problems).toEqual([]);
  });
});
