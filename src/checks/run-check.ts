import type { Assertion } from '../lessons/assertions.js';
import { CheckError } from '../errors.js';
import type { CheckResult, Exec } from './index.js';

/** Placeholder: the checker engine replaces this. */
export async function runCheck(_sandbox: Exec, _assertions: Assertion[]): Promise<CheckResult> {
  throw new CheckError('The checker is not available in this version yet.');
}
