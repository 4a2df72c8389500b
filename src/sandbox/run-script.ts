/**
 * Run a multi-line shell script in a sandbox the way lessons mean it: `bash -e`, stdin empty, and output
 * going through files rather than the exec's pipes — a backgrounded server (`nc -l … &`) keeps its copy
 * of stdout open, and with pipes the exec would wait for it until the time limit.
 */
import type { ExecOptions, ExecResult, Sandbox } from './sandbox.js';

const RUNNER = [
  'd=$(mktemp -d /tmp/.netlessons-run.XXXXXX)',
  'cat > "$d/script"',
  'bash -e "$d/script" >"$d/out" 2>"$d/err" </dev/null; rc=$?',
  'cat "$d/out"; cat "$d/err" >&2; rm -rf "$d"; exit $rc',
].join('\n');

export function runScript(sandbox: Pick<Sandbox, 'exec'>, script: string, opts: Omit<ExecOptions, 'stdin'> = {}): Promise<ExecResult> {
  return sandbox.exec(RUNNER, { ...opts, stdin: script.endsWith('\n') ? script : script + '\n' });
}
