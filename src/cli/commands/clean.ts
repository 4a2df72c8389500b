/**
 * `netlessons clean`: remove what crashed or killed runs left behind, by label, on every backend, and
 * forget the sessions whose sandbox is gone.
 */
import type { Command } from 'commander';
import { withDebug, withJson } from '../common.js';
import { printJson } from '../output.js';

interface CleanFlags {
  session?: string;
  run?: string;
  json?: boolean;
}

export function cleanCommand(program: Command): void {
  const cmd = program
    .command('clean')
    .description('Remove every sandbox netlessons left behind (all backends), and forget their sessions')
    .option('--session <id>', 'only this session’s sandbox')
    // Shown: on a shared engine (a class, concurrent test runs) it is the safe way to clean (README).
    .option('--run <id>', 'only sandboxes started with NETLESSONS_RUN=<id>')
    .action(async (flags: CleanFlags) => {
      process.exitCode = await clean(flags);
    });
  withJson(withDebug(cmd));
}

async function clean(flags: CleanFlags): Promise<number> {
  const { BACKENDS, getBackend } = await import('../../sandbox/index.js');
  const byBackend: Record<string, number> = {};
  for (const name of BACKENDS) {
    const backend = await getBackend(name);
    byBackend[name] = await backend.clean(flags.session, flags.run);
  }
  const removed = Object.values(byBackend).reduce((a, b) => a + b, 0);
  // A run filter names sandboxes, not sessions: leave session files to a plain clean.
  const sessions = flags.run ? [] : await forgetSessions(flags.session);
  if (flags.json) {
    printJson({ removed, byBackend, sessionsForgotten: sessions });
  } else {
    const per = Object.entries(byBackend)
      .filter(([, n]) => n > 0)
      .map(([b, n]) => `${n} ${b}`)
      .join(', ');
    process.stdout.write(removed === 0 ? 'No sandboxes to remove.\n' : `Removed ${removed} sandbox${removed === 1 ? '' : 'es'} (${per}).\n`);
    if (sessions.length) process.stdout.write(`Forgot ${sessions.length} session${sessions.length === 1 ? '' : 's'} whose sandbox is gone.\n`);
  }
  return 0;
}

interface SessionStore {
  listSessions?: () => Promise<{ id: string }[]>;
  removeSession?: (id: string) => Promise<void>;
}

/**
 * Hook into the runner's session store (src/runner/session-store.ts): after a clean, session files
 * point at sandboxes that no longer exist. Loaded by a computed path so this command keeps working
 * while the store is absent or changes shape; returns the ids forgotten.
 */
async function forgetSessions(only?: string): Promise<string[]> {
  let store: SessionStore;
  try {
    const modulePath: string = '../../runner/session-store.js';
    store = (await import(modulePath)) as SessionStore;
  } catch {
    return [];
  }
  if (!store.listSessions || !store.removeSession) return [];
  const stale = (await store.listSessions()).filter((s) => !only || s.id === only);
  for (const s of stale) await store.removeSession(s.id);
  return stale.map((s) => s.id);
}
