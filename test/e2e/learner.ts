/** What the end-to-end tests share: a learner's home, the CLI in a pane, and what is left afterwards. */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI, Pane } from './tmux.js';

const run = promisify(execFile);

export const COURSE = path.resolve('test/fixtures/runner/course');
export const SLOW_COURSE = path.resolve('test/fixtures/runner/slow-course');
export const RUN = process.env.NETLESSONS_RUN ?? 'e2e-runner';

/**
 * The sandbox shell's prompt (`[LESSON] root@host:/# `), as the last thing on screen: the shell waits for
 * input. The bracket keeps it from matching our own half-echoed command line (`… echo EXIT=$`).
 */
export function promptOf(lessonId: string): RegExp {
  return new RegExp(`\\[${lessonId}\\][^\\n]*#$`);
}

export class Learner {
  readonly home = mkdtempSync(path.join(tmpdir(), 'nl-e2e-home-'));
  readonly env = { NETLESSONS_HOME: this.home, NETLESSONS_RUN: RUN, TERM: 'xterm-256color', LANG: 'C.UTF-8' };

  /** Run netlessons in the pane, printing its exit status afterwards as EXIT=n. */
  start(pane: Pane, args: string): void {
    pane.type(`node ${CLI} ${args}; echo EXIT=$?`);
  }

  /** Run netlessons directly (no terminal) and return its output and status. Async: a blocked worker misses vitest's heartbeats. */
  async cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run('node', [CLI, ...args], { env: { ...process.env, ...this.env }, encoding: 'utf8' });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  sessionIds(): string[] {
    const dir = path.join(this.home, 'sessions');
    return existsSync(dir) ? readdirSync(dir).map((n) => n.replace(/\.json$/, '')) : [];
  }

  async waitForSession(timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [id] = this.sessionIds();
      if (id) return id;
      if (Date.now() > deadline) throw new Error('no session file appeared');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Parsed progress file (throws if it does not parse), or undefined when none was written. */
  progress(): { version: number; courses: Record<string, { lessons: Record<string, { currentStep: number; finishedAt?: string; steps: Record<string, { completedAt?: string; attempts: number; hintsUsed: number; solutionApplied: boolean }> }> }> } | undefined {
    const file = path.join(this.home, 'progress.json');
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  }
}

/** Containers (any state) carrying this session's label. */
export function containersOf(sessionId: string): string[] {
  return execFileSync('docker', ['ps', '-aq', '--filter', `label=netlessons.session=${sessionId}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

export async function waitUntil(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
