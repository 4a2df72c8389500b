/**
 * Drive the real CLI in a real terminal: a tmux pane running a plain bash, into which tests type the
 * netlessons command, keys and in-shell commands, and whose screen they read. Waits poll the screen
 * against a deadline, never fixed sleeps. A private tmux socket keeps other tmux users untouched.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const SOCKET = `nl-e2e-${process.pid}`;
export const CLI = path.resolve('dist/cli/main.js');

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

/**
 * A tmux server exits when its last session closes, and a `new-session` that reaches it while it is
 * exiting fails with "server exited unexpectedly": keep it up until killServer().
 */
function keepServer(): void {
  tmux('start-server', ';', 'set-option', '-g', 'exit-empty', 'off');
}

export class Pane {
  readonly name = `p${randomBytes(3).toString('hex')}`;

  constructor(env: Record<string, string>) {
    // CI services set CI=true, and a real terminal must still be a terminal there: every pane runs
    // with it, so a run on a laptop sees what CI sees.
    const vars = Object.entries({ CI: 'true', ...env }).map(([k, v]) => `${k}=${v}`);
    keepServer();
    tmux('new-session', '-d', '-s', this.name, '-x', '160', '-y', '50', 'env', ...vars, 'bash', '--norc', '--noprofile');
    tmux('set-option', '-t', this.name, 'history-limit', '5000');
  }

  /** Type a line and press Enter. */
  type(line: string): void {
    tmux('send-keys', '-t', this.name, '-l', line);
    tmux('send-keys', '-t', this.name, 'Enter');
  }

  keys(...keys: string[]): void {
    tmux('send-keys', '-t', this.name, ...keys);
  }

  /** The whole scrollback and screen, joined. */
  screen(): string {
    // Trailing blank rows of the screen are not output yet: trim them so offsets only grow.
    return tmux('capture-pane', '-p', '-J', '-S', '-5000', '-t', this.name).replace(/\s+$/, '');
  }

  async waitFor(pattern: RegExp | string, timeoutMs = 30_000, after = 0): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.screen().slice(after);
      if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; screen:\n${this.screen().split('\n').filter(Boolean).slice(-30).join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** How many screen characters exist now: wait for text that appears after this point. */
  mark(): number {
    return this.screen().length;
  }

  /** The pane's terminal settings, as `stty -a` prints them inside the pane. */
  async stty(): Promise<string> {
    const file = `/tmp/nl-e2e-stty-${this.name}-${randomBytes(3).toString('hex')}`;
    const m = this.mark();
    this.type(`stty -a > ${file}; echo STTY-DONE`);
    await this.waitFor('STTY-DONE\n', 10_000, m);
    return readFileSync(file, 'utf8');
  }

  /** SIGHUP to everything in the pane, like closing the terminal window. */
  close(): void {
    try {
      tmux('kill-session', '-t', this.name);
    } catch {
      // already gone
    }
  }
}

export function killServer(): void {
  try {
    execFileSync('tmux', ['-L', SOCKET, 'kill-server'], { stdio: 'ignore' });
  } catch {
    // no server
  }
}

/** Type an in-shell command and wait for what it should print (only what appears after typing counts). */
export async function run(pane: Pane, line: string, expected: RegExp | string, timeoutMs = 30_000): Promise<string> {
  const m = pane.mark();
  pane.type(line);
  return pane.waitFor(expected, timeoutMs, m);
}
