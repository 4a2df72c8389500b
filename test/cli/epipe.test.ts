/**
 * `netlessons lint --help | head -3`: the reader closes the pipe before the CLI has written. That must
 * end the program quietly (no "write EPIPE … Unhandled 'error' event" on stderr, exit 0 for help).
 */
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, ensureBuilt } from './run-cli.js';

/** Run the CLI with its stdout a pipe whose reading end is already closed when the CLI writes. */
function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    delete env.NETLESSONS_LESSONS;
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed now, long before node has started and printed anything: every write to stdout gets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

describe('a closed stdout pipe', () => {
  beforeAll(ensureBuilt);

  it.each([[['lint', '--help']], [['new', '--help']], [['start', '--help']], [['help', 'lint']], [['--help']], [['list']]])(
    '%j exits 0 with nothing on stderr',
    async (args) => {
      const r = await runIntoClosedPipe(args);
      expect(r.stderr).toBe('');
      expect(r.signal).toBeNull();
      expect(r.code).toBe(0);
    },
  );
});
