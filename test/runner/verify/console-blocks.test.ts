import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readLessonFile } from '../../../src/lessons/load-lessons.js';
import { consoleBlocks, firstDifference, normaliseOutput, parseSession } from '../../../src/runner/verify/console-blocks.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/lessons/verify');

describe('console blocks', () => {
  it('finds only ```console verify blocks, with their line and the step they are in', async () => {
    const lesson = (await readLessonFile(path.join(fixtures, 'good.md'))).lesson!;
    expect(consoleBlocks(lesson)).toEqual([
      { step: 2, line: 30, commands: [{ command: 'ip netns exec demo ip -br link', expected: 'lo               DOWN           00:00:00:00:00:00 <LOOPBACK> \n' }] },
    ]);
  });

  it('splits a session into commands, each with the output lines that follow it', () => {
    expect(parseSession(['$ ip -br link', 'lo UNKNOWN', '$ true', '$ echo a', 'a'])).toEqual([
      { command: 'ip -br link', expected: 'lo UNKNOWN\n' },
      { command: 'true', expected: '' },
      { command: 'echo a', expected: 'a\n' },
    ]);
  });

  it('normalises MAC addresses, interface numbers and ping timings but keeps all-zero and broadcast MACs', () => {
    const a = '7: veth-red@if6: <UP>\n    link/ether 0e:70:65:ed:f3:7a brd ff:ff:ff:ff:ff:ff link-netnsid 1\n64 bytes: time=0.143 ms\n';
    const b = '2: veth-red@if2: <UP>\n    link/ether da:ad:b9:46:b5:57 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n64 bytes: time=12.5 ms  \n\n';
    expect(normaliseOutput(a)).toBe(normaliseOutput(b));
    expect(normaliseOutput('link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00')).toBe('link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00');
  });

  it('names the first differing line after normalising', () => {
    expect(firstDifference('a\nb\n', 'a\nc\n')).toEqual({ line: 2, expected: 'b', actual: 'c' });
    expect(firstDifference('a\n', 'a\nextra\n')).toEqual({ line: 2, expected: '(nothing)', actual: 'extra' });
    expect(firstDifference('a   \n\n', 'a\n')).toBeUndefined();
  });
});
