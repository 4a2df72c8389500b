/**
 * Run the built CLI (`node dist/cli/main.js`) as a user would. `npm test` builds first; when vitest is
 * run directly, `ensureBuilt()` rebuilds a dist/ older than src/ (once, under a lock, since test
 * files run in parallel workers).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// Asynchronous on purpose: a worker blocked in spawnSync misses vitest's RPC deadlines on a busy machine.
const execFileAsync = promisify(execFile);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'lessons');

function newestIn(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestIn(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const isStale = () => {
  const built = statSync(CLI, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return built < newestIn(path.join(ROOT, 'src'));
};

export async function ensureBuilt(): Promise<void> {
  if (!isStale()) return;
  const lock = path.join(ROOT, 'dist', '.test-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} held for 2 minutes; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    // Type errors elsewhere in a shared checkout must not block these tests: tsc still emits.
    if (isStale()) await execFileAsync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
  } catch {
    // Checked below: what matters is that the CLI exists.
  } finally {
    rmdirSync(lock);
  }
  statSync(CLI);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, NETLESSONS_LESSONS: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  try {
    const r = await execFileAsync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 30_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

// Any ANSI/VT escape: CSI, OSC, or a lone ESC.
export const ESCAPE = /\u001b/;
