/**
 * The guard's process handlers exist only while something is guarded (real processes prove the
 * clean-up itself in teardown.test.ts; here only the bookkeeping, with a stand-in sandbox).
 */
import { describe, expect, it } from 'vitest';
import { guardSandbox, guardedCount, release } from '../../src/sandbox/teardown.js';

const counts = () => ['SIGINT', 'SIGTERM', 'SIGHUP', 'uncaughtException', 'beforeExit'].map((e) => process.listenerCount(e));

describe('teardown handlers', () => {
  it('are added with the first guarded sandbox and removed with the last', () => {
    const before = counts();
    const a = { stop: async () => {} };
    const b = { stop: async () => {} };
    expect(guardSandbox(a)).toBe(a);
    const installed = counts();
    expect(installed).toEqual(before.map((n) => n + 1));
    guardSandbox(b);
    expect(counts()).toEqual(installed);
    expect(guardedCount()).toBe(2);
    release(a);
    expect(counts()).toEqual(installed);
    release(b);
    release(b);
    expect(guardedCount()).toBe(0);
    expect(counts()).toEqual(before);
  });
});
