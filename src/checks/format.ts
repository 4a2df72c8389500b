import type { CheckResult } from './index.js';

/** Placeholder: the checker engine replaces this. */
export function formatCheckResult(result: CheckResult, _opts: { color?: boolean } = {}): string {
  return result.assertions.map((a) => `${a.ok ? 'ok  ' : 'FAIL'} ${a.kind} ${a.target}${a.ok ? '' : `: ${a.message}`}`).join('\n');
}
