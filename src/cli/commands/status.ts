import type { Command } from 'commander';
import { withDebug, withJson } from '../common.js';
import { printJson } from '../output.js';

export function statusCommand(program: Command): void {
  withJson(withDebug(program.command('status').description('List the running sessions (newest first)')))
    .action(async (opts: { json?: boolean }) => {
      const runner = await import('../../runner/index.js');
      const sessions = await runner.sessionStatuses();
      if (opts.json) {
        printJson(sessions);
        return;
      }
      if (sessions.length === 0) {
        process.stdout.write('No sessions. `netlessons start` begins one.\n');
        return;
      }
      for (const s of sessions) {
        const state = s.sandboxRunning ? (s.ownerAlive ? 'running (interactive)' : 'running') : 'sandbox gone';
        process.stdout.write(`${s.id}  ${s.lessonId}  step ${s.step}${s.passed ? ' (passed)' : ''}  ${s.backend}  ${state}  since ${s.created}\n`);
      }
    });
}
