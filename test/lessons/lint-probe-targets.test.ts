import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/lint.js';
import { lintPaths, lintReportJson } from '../../src/lessons/lint.js';
import { parseLesson } from '../../src/lessons/parse-lesson.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../fixtures/lessons/verify/probe-targets');
const fixture = path.join(fixtures, 'outside.md');
const OUTSIDE = "is outside the sandbox's own ranges (private, documentation, loopback): lessons must not probe real hosts";
const undefinedName = (kind: string, host: string) =>
  `\`${kind}\` target ${host} is a host name the lesson does not define, so it may resolve to a real host outside the sandbox: ` +
  `use an address from the sandbox's own ranges (private, documentation, loopback), or map the name in the lesson's setup or a solution ` +
  `(a line like \`10.0.0.80 ${host.toLowerCase()}\` written to /etc/hosts or /etc/netns/NS/hosts)`;

describe('lint: probe targets', () => {
  it('warns about ping and connect targets outside private, documentation and loopback ranges, at their lines', async () => {
    const report = await lintPaths([fixture]);
    expect(report.ok).toBe(true);
    expect(report.problems.map((p) => [p.line, p.severity, p.reason])).toEqual([
      [12, 'warning', "`ping` target 8.8.8.8 is outside the sandbox's own ranges (private, documentation, loopback): lessons must not probe real hosts"],
      [15, 'warning', "`connect` target 1.1.1.1 is outside the sandbox's own ranges (private, documentation, loopback): lessons must not probe real hosts"],
      // web.lab is mapped nowhere in this lesson: it resolves wherever the machine says.
      [17, 'warning', undefinedName('connect', 'web.lab')],
    ]);
  });

  it('warns about host names unless they are localhost or mapped by the lesson to an address inside the sandbox', async () => {
    const report = await lintPaths([path.join(fixtures, 'names.md')]);
    expect(report.ok).toBe(true);
    expect(report.problems.map((p) => [p.line, p.col, p.severity, p.reason])).toEqual([
      [13, 3, 'warning', undefinedName('ping', 'example.com')],
      [14, 3, 'warning', undefinedName('connect', 'example.com')],
      // localhost, LOCALHOST. (15, 16), web.lab and www.lab (setup's /etc/hosts), db.lab (a solution's
      // printf into app's hosts file) and dns.lab (dnsmasq --address) stay quiet; far.lab is mapped outside.
      [21, 3, 'warning', `\`ping\` target far.lab is 8.8.8.8 (the lesson maps it there), which ${OUTSIDE}`],
    ]);
  });

  it('keeps the warnings of a file that also has errors, in --json too, and still fails on the errors', async () => {
    const file = path.join(fixtures, 'with-errors.md');
    const report = await lintPaths([file]);
    expect(report.ok).toBe(false);
    const expected = [
      [6, 'error', 'unknown front-matter key `colour` (allowed: id, title, summary, order, requires, backends, setup, kernel)'],
      [12, 'warning', `\`ping\` target 8.8.8.8 ${OUTSIDE}`],
      [13, 'warning', undefinedName('connect', 'example.com')],
    ];
    expect(report.problems.map((p) => [p.line, p.severity, p.reason])).toEqual(expected);
    const json = lintReportJson(report);
    expect(json.ok).toBe(false);
    expect(json.problems.map((p) => [p.line, p.severity, p.reason])).toEqual(expected);
  });

  it('finds no probe outside the sandbox in the bundled lessons', async () => {
    const report = await lintPaths([path.resolve(here, '../../lessons')]);
    expect(report.problems).toEqual([]);
  });
});

describe('netlessons lint command: errors and warnings together', () => {
  afterEach(() => vi.restoreAllMocks());

  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    return { out, err };
  };
  const file = path.join(fixtures, 'with-errors.md');

  it('prints both and exits 1', async () => {
    const { out, err } = capture();
    expect(await run([file], {})).toBe(1);
    expect(out.join('').trim().split('\n').map((l) => l.replace(/^.*with-errors\.md:/, ''))).toEqual([
      '6:1: error: unknown front-matter key `colour` (allowed: id, title, summary, order, requires, backends, setup, kernel)',
      `12:3: warning: \`ping\` target 8.8.8.8 ${OUTSIDE}`,
      `13:3: warning: ${undefinedName('connect', 'example.com')}`,
    ]);
    expect(err.join('')).toBe('1 lesson file checked: 1 error, 2 warnings.\n');
  });

  it('--json carries both and exits 1', async () => {
    const { out } = capture();
    expect(await run([file], { json: true })).toBe(1);
    const report = JSON.parse(out.join(''));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p: { severity: string }) => p.severity)).toEqual(['error', 'warning', 'warning']);
  });
});

describe('lint: unclosed fence messages', () => {
  const lesson = (fence: string) => `---\nid: f\ntitle: F\nsummary: S\norder: 1\n---\n\n## Step\n\n\`\`\`check\n- netns: lab\n\`\`\`\n\n${fence}sh\nip netns list\n`;

  it('shows a backtick fence as written, not wrapped in more backticks', () => {
    const errors = parseLesson(lesson('```'), 'f.md').problems.filter((p) => p.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ line: 14, col: 1, reason: 'unclosed ``` fence: it runs to the end of the file; close it with a line of ```' })]);
    expect(errors[0]!.reason).not.toContain('````');
  });

  it('keeps quoting tilde fences', () => {
    const errors = parseLesson(lesson('~~~~'), 'f.md').problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.reason)).toEqual(['unclosed `~~~~` fence: it runs to the end of the file; close it with a line of `~~~~`']);
  });
});
