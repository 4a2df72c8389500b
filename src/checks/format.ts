/** A check result for the terminal: passes in one line each, failures with their sentence, then what to do next. */
import type { CheckResult } from './index.js';

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

export interface FormatOptions {
  color?: boolean;
  /** The "N of M checks pass." line; false when the caller's own headline already counts them. */
  tally?: boolean;
}

export function formatCheckResult(result: CheckResult, opts: FormatOptions = {}): string {
  const color = opts.color === true;
  const lines: string[] = [];
  const failing = result.assertions.filter((a) => !a.ok);
  for (const a of result.assertions) {
    const what = `${a.kind} ${a.target}`;
    if (a.ok) {
      lines.push(`  ${paint(color, '32', 'ok  ')}  ${what}${a.message ? paint(color, '2', ` (${a.message})`) : ''}`);
    } else {
      lines.push(`  ${paint(color, '31;1', 'FAIL')}  ${what}`, `        ${a.message}`);
    }
  }
  if (result.assertions.length === 0) lines.push('  (this step has no checks)');
  const total = result.assertions.length;
  lines.push('');
  if (failing.length === 0) {
    lines.push(paint(color, '32;1', total === 1 ? 'The check passes.' : `All ${total} checks pass.`));
  } else {
    if (opts.tally !== false) lines.push(`${total - failing.length} of ${total} checks pass.`);
    lines.push(`${paint(color, '1', 'Next:')} ${failing[0]!.message}`);
  }
  return lines.join('\n');
}
