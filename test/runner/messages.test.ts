/** The words after check, hint and solution: said once, and with commands typed as they must be where they are read. */
import { describe, expect, it, vi } from 'vitest';
import type { AssertionResult, CheckResult } from '../../src/checks/index.js';
import { formatCheckResult } from '../../src/checks/format.js';
import type { Lesson } from '../../src/lessons/model.js';
import { checkMessage, hintMessage, solutionMessage } from '../../src/runner/messages.js';

const lesson = { id: 'demo', title: 'Demo' } as Lesson;
const source = { file: 'demo.md', line: 1, col: 1 };

function assertion(ok: boolean, target: string): AssertionResult {
  return { kind: 'netns', target, ok, expected: target, actual: ok ? target : 'absent', message: ok ? '' : `There should be a namespace called ${target}`, source };
}

function result(...oks: boolean[]): CheckResult {
  const assertions = oks.map((ok, i) => assertion(ok, `ns${i}`));
  return { passed: assertions.every((a) => a.ok), assertions, elapsedMs: 1 };
}

const count = (text: string, re: RegExp) => text.match(new RegExp(re, 'g'))?.length ?? 0;

describe('checkMessage on a failing check', () => {
  it('counts the checks once: "Not yet: 1 of 1 check(s) fail." and no "0 of 1 checks pass." after it', () => {
    const text = checkMessage({ step: 1, result: result(false), lessonComplete: false }, { color: false }, lesson);
    expect(text).toContain('✘ Not yet: 1 of 1 check(s) fail.');
    expect(text).not.toMatch(/checks pass/);
    expect(count(text, /\d+ of \d+/)).toBe(1);
    // Still says what failed and what to do first.
    expect(text).toContain('There should be a namespace called ns0');
    expect(text).toContain('Next: There should be a namespace called ns0');
  });

  it('with some passing: one count, and the passing ones still listed', () => {
    const text = checkMessage({ step: 2, result: result(true, false, false), lessonComplete: false }, { color: false }, lesson);
    expect(text).toContain('Not yet: 2 of 3 check(s) fail.');
    expect(count(text, /\d+ of \d+/)).toBe(1);
    expect(text).toMatch(/ok {4}netns ns0/);
  });

  it('formatCheckResult alone (author watch) keeps its tally', () => {
    expect(formatCheckResult(result(false))).toContain('0 of 1 checks pass.');
  });
});

describe('commands named as the learner types them', () => {
  const more = { step: 1, number: 1, total: 2, text: 'Look at ip netns.' };
  const last = { step: 1, number: 2, total: 2, text: 'ip netns add lab' };
  const none = { step: 1, number: 0, total: 0, text: undefined };

  it('in the sandbox shell (the default): bare `hint`, `solution`, `check`, `next`', () => {
    const shell = { color: false };
    expect(hintMessage(more, shell)).toContain('(`hint` again for another)');
    expect(hintMessage(last, shell)).toContain('(the last hint; `solution` shows the answer)');
    expect(hintMessage(none, shell)).toContain('`solution` shows the answer.');
    expect(hintMessage(more, { color: false, where: 'shell' })).toBe(hintMessage(more, shell));
    expect(checkMessage({ step: 1, result: result(false), lessonComplete: false }, shell, lesson)).toContain('Fix it and run `check` again; `hint` helps.');
    expect(checkMessage({ step: 1, result: result(true), lessonComplete: false }, shell, lesson)).toContain('Type `next` for the next step.');
    expect(solutionMessage({ step: 1, code: 'ip netns add lab', applied: false }, shell)).toContain('`solution --apply` runs it for you.');
    expect(solutionMessage({ step: 1, code: 'ip netns add lab', applied: true }, shell)).toContain('Run `check` to confirm.');
  });

  it('at a CLI prompt: `netlessons hint` and friends, never a bare command the shell does not have', () => {
    const cli = { color: false, where: 'cli' as const };
    expect(hintMessage(more, cli)).toContain('(`netlessons hint` again for another)');
    expect(hintMessage(last, cli)).toContain('(the last hint; `netlessons solution` shows the answer)');
    expect(hintMessage(none, cli)).toContain('`netlessons solution` shows the answer.');
    expect(checkMessage({ step: 1, result: result(false), lessonComplete: false }, cli, lesson)).toContain('Fix it and run `netlessons check` again; `netlessons hint` helps.');
    expect(checkMessage({ step: 1, result: result(true), lessonComplete: false }, cli, lesson)).toContain('Run `netlessons next` for the next step.');
    expect(checkMessage({ step: 2, result: result(true), lessonComplete: true }, cli, lesson)).toContain('Run `netlessons next` to close it.');
    expect(solutionMessage({ step: 1, code: 'ip netns add lab', applied: false }, cli)).toContain('`netlessons solution --apply` runs it for you.');
    expect(solutionMessage({ step: 1, code: 'ip netns add lab', applied: true }, cli)).toContain('Run `netlessons check` to confirm.');
    for (const text of [hintMessage(more, cli), hintMessage(last, cli), hintMessage(none, cli)]) expect(text).not.toMatch(/`(hint|solution|check|next)\b/);
  });
});

describe('`netlessons hint` (the CLI command)', () => {
  it('prints the CLI wording', async () => {
    vi.stubEnv('NO_COLOR', '1');
    vi.doMock('../../src/runner/index.js', async () => ({
      openSession: async () => ({}),
      nextHint: async () => ({ step: 1, number: 1, total: 3, text: 'Look at ip netns.' }),
      hintMessage: (await import('../../src/runner/messages.js')).hintMessage,
    }));
    const { Command } = await import('commander');
    const { hintCommand } = await import('../../src/cli/commands/hint.js');
    const program = new Command().exitOverride();
    hintCommand(program);
    let out = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    try {
      await program.parseAsync(['node', 'netlessons', 'hint']);
    } finally {
      write.mockRestore();
      vi.doUnmock('../../src/runner/index.js');
      vi.unstubAllEnvs();
    }
    expect(out).toContain('Hint 1/3: (`netlessons hint` again for another)\nLook at ip netns.\n');
  });
});
