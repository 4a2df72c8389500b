/**
 * A check: one exec runs the snapshot script (state, then probes in parallel), the output is parsed
 * once, and every assertion is judged against that one picture of the kernel.
 */
import { performance } from 'node:perf_hooks';
import { assertionTarget, type Assertion } from '../lessons/assertions.js';
import { CheckError } from '../errors.js';
import type { AssertionResult, CheckResult, Exec } from './index.js';
import { buildSnapshotScript, planSnapshot } from './snapshot-script.js';
import { parseSnapshot, type KernelSnapshot } from './snapshot.js';
import { evaluateAssertion } from './evaluate/index.js';

/** Probes take ≤ 3 s and cmds ≤ 5 s, in parallel: anything past this is a stuck sandbox. */
const SNAPSHOT_TIMEOUT_MS = 30_000;

/** Read the kernel state the assertions need, in one round trip. */
export async function takeSnapshot(sandbox: Exec, assertions: readonly Assertion[]): Promise<KernelSnapshot> {
  const plan = planSnapshot(assertions);
  const r = await sandbox.exec(buildSnapshotScript(plan, assertions), { timeoutMs: SNAPSHOT_TIMEOUT_MS });
  if (!r.stdout.includes(`\n${plan.boundary} end`)) {
    const why = r.stderr.trim().split('\n').slice(-2).join(' | ');
    throw new CheckError(`The checker could not read the sandbox’s network state (exit code ${r.exitCode}${why ? `: ${why}` : ''}).`, {
      hint: 'Is the sandbox still healthy? `netlessons status` shows it; `netlessons reset` starts the step afresh.',
    });
  }
  return parseSnapshot(r.stdout, plan);
}

export async function runCheck(sandbox: Exec, assertions: Assertion[]): Promise<CheckResult> {
  const started = performance.now();
  const snapshot = assertions.length ? await takeSnapshot(sandbox, assertions) : undefined;
  const results = assertions.map((a, i): AssertionResult => {
    const v = evaluateAssertion(a, i, snapshot!);
    return {
      kind: a.kind,
      target: assertionTarget(a),
      ok: v.ok,
      expected: v.expected,
      actual: v.actual,
      message: !v.ok && a.spec.message ? a.spec.message : v.message,
      source: a.source,
    };
  });
  return { passed: results.every((r) => r.ok), assertions: results, elapsedMs: Math.round(performance.now() - started) };
}
