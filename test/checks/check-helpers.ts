/** Shared by the checker tests: assertions from plain objects (as YAML would give them), one-assertion checks. */
import { parseAssertion, type Assertion } from '../../src/lessons/assertions.js';
import { runCheck, type AssertionResult, type CheckResult, type Exec } from '../../src/checks/index.js';

let line = 0;
export function assertion(raw: Record<string, unknown>): Assertion {
  const p = parseAssertion(raw, { file: 'test.md', line: ++line, col: 1 });
  if (!p.ok) throw new Error(`bad test assertion ${JSON.stringify(raw)}: ${p.problems.map((x) => x.reason).join('; ')}`);
  return p.assertion;
}

/** Judge one assertion against the sandbox's current state. */
export async function judge(sandbox: Exec, raw: Record<string, unknown>): Promise<AssertionResult> {
  const r = await runCheck(sandbox, [assertion(raw)]);
  return r.assertions[0]!;
}

export async function check(sandbox: Exec, raws: Record<string, unknown>[]): Promise<CheckResult> {
  return runCheck(sandbox, raws.map(assertion));
}

/** Counts round trips to the sandbox. */
export function counting(sandbox: Exec): Exec & { calls: number } {
  const c = {
    calls: 0,
    exec(command: string, opts?: Parameters<Exec['exec']>[1]) {
      c.calls++;
      return sandbox.exec(command, opts);
    },
  };
  return c;
}
