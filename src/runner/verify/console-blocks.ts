/**
 * Prose that tells the truth: ```console verify blocks in a lesson hold `$ command` lines followed by
 * the output the learner will see. They are found in the lesson file itself (so failures name the
 * block's line), run in a sandbox at the state of the start of their step, and compared after
 * normalising what differs on every run (MAC addresses, interface numbers, ping timings).
 */
import { readFileSync } from 'node:fs';
import { scanMarkdown, type FencedBlock } from '../../lessons/markdown-blocks.js';
import type { Lesson } from '../../lessons/model.js';

export interface ConsoleCommand {
  command: string;
  expected: string;
}

export interface ConsoleBlock {
  /** 0 for the introduction, else the step the block is in. */
  step: number;
  /** Line of the opening fence. */
  line: number;
  commands: ConsoleCommand[];
}

/** Every ```console verify block of the lesson, in file order. */
export function consoleBlocks(lesson: Lesson, text = readFileSync(lesson.file, 'utf8')): ConsoleBlock[] {
  return scanMarkdown(text.split(/\r?\n/), 1)
    .filter((b): b is FencedBlock => b.kind === 'fence' && b.closed && /^console\s+verify\b/.test(b.info))
    .map((b) => ({ step: stepAt(lesson, b.line), line: b.line, commands: parseSession(b.content) }));
}

function stepAt(lesson: Lesson, line: number): number {
  let step = 0;
  for (const s of lesson.steps) if (s.line < line) step = s.index;
  return step;
}

/** `$ cmd` lines start commands; the lines up to the next `$ ` are that command's output. */
export function parseSession(body: string[]): ConsoleCommand[] {
  const commands: ConsoleCommand[] = [];
  for (const line of body) {
    if (line.startsWith('$ ')) commands.push({ command: line.slice(2), expected: '' });
    else if (commands.length) commands[commands.length - 1]!.expected += line + '\n';
  }
  return commands;
}

const MAC = /\b(?!00:00:00:00:00:00\b)(?!ff:ff:ff:ff:ff:ff\b)[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/gi;

/** Replace what legitimately differs between runs, so only real differences remain. */
export function normaliseOutput(text: string): string {
  const lines = text
    .replace(MAC, 'MAC')
    .split('\n')
    .map((l) =>
      l
        .replace(/^(\s*)\d+: /, '$1N: ') // ifindex at the start of `ip link` lines
        .replace(/@if\d+\b/g, '@ifN')
        .replace(/link-netnsid \d+/g, 'link-netnsid N')
        .replace(/pid=\d+/g, 'pid=N') // ss -p
        .replace(/ sport=\d+ /g, ' sport=N ')
        .replace(/time[=<]\d+(\.\d+)? ?ms/g, 'time=T ms')
        .replace(/, time \d+ms$/, ', time Tms')
        .replace(/= [\d.]+\/[\d.]+\/[\d.]+\/[\d.]+ ms$/, '= T ms')
        .replace(/ \d+\.\d+ ?ms\b/g, ' T ms') // traceroute / tracepath hop times
        .trimEnd(),
    );
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

export interface OutputMismatch {
  command: string;
  expected: string;
  actual: string;
}

/** First line where two outputs differ after normalising, for a one-line message. */
export function firstDifference(expected: string, actual: string): { line: number; expected: string; actual: string } | undefined {
  const e = normaliseOutput(expected).split('\n');
  const a = normaliseOutput(actual).split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) return { line: i + 1, expected: e[i] ?? '(nothing)', actual: a[i] ?? '(nothing)' };
  }
  return undefined;
}
