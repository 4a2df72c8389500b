/**
 * The built CLI as a child process for the reliability tests, plus what it left behind: session files in
 * its NETLESSONS_HOME and containers labelled with its NETLESSONS_RUN (read straight from the engine).
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';

export const CLI = path.resolve(__dirname, '../../dist/cli/main.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Killable {
  /** Resolves when the process has exited. */
  done: Promise<CliResult>;
  kill(signal: NodeJS.Signals): void;
  /** Resolves when stderr has shown `pattern` (progress lines), or when the process exits. */
  stderrShows(pattern: RegExp): Promise<void>;
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv, { timeoutMs = 120_000 } = {}): Killable {
  const t0 = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of watchers.filter((x) => x.pattern.test(stderr))) w.resolve();
  });
  const limit = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 });
    });
  });
  const stderrShows = (pattern: RegExp) =>
    pattern.test(stderr) ? Promise.resolve() : Promise.race([new Promise<void>((resolve) => watchers.push({ pattern, resolve })), done.then(() => {})]);
  return { done, kill: (s) => child.kill(s), stderrShows };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, opts?: { timeoutMs?: number }): Promise<CliResult> {
  return spawnCli(args, env, opts).done;
}

/** The same, and fail loudly if it does not exit 0: setup steps of a test must really happen. */
export async function runCliOk(args: string[], env: NodeJS.ProcessEnv, opts?: { timeoutMs?: number }): Promise<CliResult> {
  const r = await runCli(args, env, opts);
  if (r.code !== 0) throw new Error(`netlessons ${args.join(' ')} exited ${r.code ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Session ids with a file under `home` (readable or not: a stray file counts). */
export function sessionFiles(home: string): string[] {
  try {
    return readdirSync(path.join(home, 'sessions'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5));
  } catch {
    return [];
  }
}

export interface LabelledContainer {
  id: string;
  session: string;
  state: string;
}

/** Containers (running or not) labelled with this NETLESSONS_RUN, on the engine DOCKER_HOST names. */
export async function runContainers(run: string, docker = new Docker()): Promise<LabelledContainer[]> {
  const list = await docker.listContainers({ all: true, filters: { label: [`netlessons.run=${run}`] } });
  return list.map((c) => ({ id: c.Id, session: c.Labels['netlessons.session'] ?? '', state: c.State }));
}

/** Last resort for afterAll: remove whatever still carries this run's label. */
export async function removeRunContainers(run: string, docker = new Docker()): Promise<void> {
  for (const c of await runContainers(run, docker)) await docker.getContainer(c.id).remove({ force: true }).catch(() => {});
}
