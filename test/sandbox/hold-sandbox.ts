/** Drives test/fixtures/hold-sandbox.mjs: a child process holding a sandbox, to kill or interrupt. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DockerBackend } from '../../src/sandbox/docker/docker-backend.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/hold-sandbox.mjs');
export const CLI = path.join(ROOT, 'dist/cli/main.js');

export function requireBuild(): void {
  if (!existsSync(path.join(ROOT, 'dist/sandbox/teardown.js')) || !existsSync(CLI)) {
    throw new Error('These tests run the built CLI: run `npm run build` first (npm test does).');
  }
}

export interface Holder {
  child: ChildProcess;
  sessionId: Promise<string>;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export function holdSandbox(args: string[] = [], env: NodeJS.ProcessEnv = {}): Holder {
  const child = spawn(process.execPath, [FIXTURE, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let gotId!: (id: string) => void;
  let gotReady!: () => void;
  const sessionId = new Promise<string>((r) => (gotId = r));
  const ready = new Promise<void>((resolve, reject) => {
    gotReady = resolve;
    void exited.then(({ code }) => reject(new Error(`fixture exited (${code}) before ready: ${err}`)));
  });
  ready.catch(() => {});
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const msg = JSON.parse(line) as { event: string; sessionId: string };
    if (msg.event === 'starting') gotId(msg.sessionId);
    if (msg.event === 'ready') gotReady();
  });
  return { child, sessionId, ready, exited, stderr: () => err };
}

/** Containers of one session (the only count these tests may assert: others share the engine). */
export async function containersOf(sessionId: string): Promise<number> {
  return (await new DockerBackend().list(sessionId)).length;
}

export async function waitFor(cond: () => Promise<boolean>, timeoutMs = 20_000, everyMs = 20): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
