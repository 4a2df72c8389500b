/**
 * Kill storm: 30 runs of `start LESSON --detach`, `check`, `reset` and `solution --apply` (the built CLI,
 * NETLESSONS_HOME in a temp dir, NETLESSONS_RUN of its own), each sent SIGINT or SIGKILL at a seeded
 * random moment of its life. Seed: NL_KILL_SEED; runs: NL_KILL_RUNS.
 *
 * What "nothing left" means, precisely:
 *  - A detached session's sandbox is MEANT to outlive `start --detach` once that has saved the session:
 *    a container whose session has a file in NETLESSONS_HOME is the learner's, not a leak.
 *  - After SIGINT (no clean-up by the test): no orphan, i.e. every container labelled with this run
 *    belongs to a session that has a file, and no session has more than one container. So a start
 *    interrupted before it completed left nothing, and a reset/check/solution acting on a session
 *    did not leave a second or half-made container. The process must also exit within 30 s (the
 *    teardown is bounded at 15 s).
 *  - After SIGKILL nothing can run in the process: whatever it left is swept by the scoped clean —
 *    `netlessons clean --run RUN` (containers of this run) and `netlessons clean --session ID` for each
 *    session file of this home — after which 0 containers carry the run label and 0 session files remain.
 * The same holds at the end of the storm.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeRunContainers, runCli, runCliOk, runContainers, sessionFiles, spawnCli } from './cli-processes.js';
import { seedFrom, seededRng } from './seeded.js';

const LESSON = 'loopback-and-counters';
const RUNS = Number(process.env.NL_KILL_RUNS ?? 30);
const SEED = seedFrom('NL_KILL_SEED', 'kill storm');
const RUN = `${process.env.NETLESSONS_RUN ?? `test-${process.pid}`}-kill`;
const home = mkdtempSync(path.join(os.tmpdir(), 'netlessons-kill-'));
const env = { NETLESSONS_HOME: home, NETLESSONS_RUN: RUN };

afterAll(async () => {
  await removeRunContainers(RUN);
  rmSync(home, { recursive: true, force: true });
});

type Op = 'start' | 'check' | 'reset' | 'solution';
const ARGS: Record<Op, string[]> = {
  start: ['start', LESSON, '--detach'],
  check: ['check'],
  reset: ['reset'],
  solution: ['solution', '--apply'],
};

/** Containers of this run that no session file accounts for, and sessions with more than one. */
async function leaks(): Promise<string[]> {
  const files = new Set(sessionFiles(home));
  const containers = await runContainers(RUN);
  const problems = containers.filter((c) => !files.has(c.session)).map((c) => `orphan container ${c.id.slice(0, 12)} of session ${c.session} (${c.state})`);
  const per = new Map<string, number>();
  for (const c of containers) per.set(c.session, (per.get(c.session) ?? 0) + 1);
  for (const [s, n] of per) if (n > 1) problems.push(`session ${s} has ${n} containers`);
  return problems;
}

async function scopedClean(): Promise<void> {
  await runCliOk(['clean', '--run', RUN], env);
  for (const id of sessionFiles(home)) await runCliOk(['clean', '--session', id], env);
}

/** The newest session (the one the commands act on) with its sandbox running. */
async function ensureLiveSession(): Promise<void> {
  const r = await runCliOk(['status', '--json'], env);
  const sessions = JSON.parse(r.stdout) as { id: string; sandboxRunning: boolean }[];
  if (sessions[0]?.sandboxRunning) return;
  await runCliOk(sessions.length ? ['reset'] : ARGS.start, env);
}

describe('CLI commands killed at random moments', () => {
  it(`leave no orphan sandbox after SIGINT, and nothing at all after a scoped clean, over ${RUNS} runs`, async () => {
    const rng = seededRng(SEED);
    // How long each command takes here and now: kills are aimed across its whole life (and a bit past it).
    const first = await runCliOk(ARGS.start, env);
    // `check` exits 1 while the step is not done yet: only its duration matters here.
    const check = await runCli(ARGS.check, env);
    const span: Record<Op, number> = { start: first.ms * 1.2, reset: first.ms * 1.2, check: check.ms * 1.2, solution: check.ms * 1.2 };
    const log: string[] = [];
    const failures: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const op = rng.pick(['start', 'check', 'reset', 'solution'] as const);
      const signal = rng.chance(0.5) ? 'SIGINT' : 'SIGKILL';
      const delay = rng.int(0, Math.round(span[op]));
      if (op !== 'start') await ensureLiveSession();
      const sessionsBefore = new Set(sessionFiles(home));
      const p = spawnCli(ARGS[op], env, { timeoutMs: 90_000 });
      // Half the kills of start/reset are timed from their "starting the sandbox" progress line: under
      // load node's own start-up takes seconds, and the sandbox phase is the one that can leak.
      const fromSandbox = (op === 'start' || op === 'reset') && rng.chance(0.5);
      if (fromSandbox) await p.stderrShows(/starting the sandbox/);
      await new Promise((r) => setTimeout(r, fromSandbox ? Math.round(delay / 3) : delay));
      p.kill(signal);
      const t0 = Date.now();
      const r = await p.done;
      const exitMs = Date.now() - t0;
      const outcome = r.code === 0 ? 'completed' : r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
      const when = fromSandbox ? `${Math.round(delay / 3)} ms after "starting the sandbox"` : `${delay} ms`;
      log.push(`#${i} ${op} ${signal} at ${when}: ${outcome}, exited ${exitMs} ms after the signal`);
      if (signal === 'SIGINT' && op === 'start' && r.code !== 0) {
        // Informational: a start interrupted after saving its session leaves the file (its sandbox is gone).
        const stale = sessionFiles(home).filter((id) => !sessionsBefore.has(id));
        if (stale.length) log.push(`   session file(s) ${stale.join(', ')} remain after the interrupted start`);
      }
      if (signal === 'SIGINT') {
        if (exitMs > 30_000) failures.push(`#${i} ${op}: still running ${exitMs} ms after SIGINT`);
        if (/^\s+at /m.test(r.stderr)) failures.push(`#${i} ${op}: stack trace after SIGINT: ${r.stderr.slice(0, 500)}`);
        for (const l of await leaks()) failures.push(`#${i} ${op} SIGINT at ${delay} ms (${outcome}): ${l}`);
      } else {
        await scopedClean();
        const left = await runContainers(RUN);
        if (left.length) failures.push(`#${i} ${op} SIGKILL: ${left.length} container(s) after clean`);
        if (sessionFiles(home).length) failures.push(`#${i} ${op} SIGKILL: session files after clean: ${sessionFiles(home).join(', ')}`);
      }
      // Keep the storm to a couple of sandboxes: completed starts add sessions.
      const files = sessionFiles(home);
      if (files.length > 2) for (const id of files.slice(2)) await runCliOk(['clean', '--session', id], env);
    }
    console.log(`[kill storm] seed ${SEED}\n  ${log.join('\n  ')}`);
    await scopedClean();
    expect(failures).toEqual([]);
    expect(await runContainers(RUN)).toEqual([]);
    expect(sessionFiles(home)).toEqual([]);
  }, 1_200_000);
});

