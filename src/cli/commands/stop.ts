import type { Command } from 'commander';
import { withDebug, withJson, withSession } from '../common.js';
import { printJson } from '../output.js';

export function stopCommand(program: Command): void {
  withJson(withSession(withDebug(program.command('stop').description("Remove a session's sandbox (default: the newest session)"))))
    .action(async (opts: { session?: string; json?: boolean }) => {
      const runner = await import('../../runner/index.js');
      const session = await runner.findSession(opts.session);
      await runner.stopSession(session);
      if (opts.json) printJson({ stopped: session.id });
      else process.stdout.write(`Stopped session ${session.id} (${session.lessonId}); your progress is kept.\n`);
    });
}
