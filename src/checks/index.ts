/**
 * The checker's public contract: read the sandbox's kernel state once and judge assertions against it.
 * A failing assertion is a result (`ok: false`); a sandbox that cannot be read is a CheckError.
 */
import type { AssertionKind, SourceLocation } from '../lessons/assertions.js';
import type { ExecOptions, ExecResult } from '../sandbox/sandbox.js';

/** All the checker needs of a sandbox. */
export interface Exec {
  exec(command: string, opts?: ExecOptions): Promise<ExecResult>;
}

export interface AssertionResult {
  kind: AssertionKind;
  /** What the assertion names: `veth-red`, `10.0.1.0/24`, `nat POSTROUTING`. */
  target: string;
  ok: boolean;
  /** Short renderings for tables and --json. */
  expected: string;
  actual: string;
  /** The author's `message:` when given, else a generated sentence with expected and actual. */
  message: string;
  source: SourceLocation;
}

export interface CheckResult {
  passed: boolean;
  assertions: AssertionResult[];
  elapsedMs: number;
}

export { runCheck, takeSnapshot } from './run-check.js';
export { formatCheckResult } from './format.js';
export type { KernelSnapshot, NamespaceState, IpState } from './snapshot.js';
export { evaluateAssertion } from './evaluate/index.js';
