import type { Command } from 'commander';
import { withDebug, withSession } from '../common.js';
import { NetlessonsError } from '../../errors.js';
import { isInteractive } from '../output.js';

export function shellCommand(program: Command): void {
  withSession(withDebug(program.command('shell').description("Open another shell in a session's sandbox (e.g. for tcpdump)")))
    .addHelpText('after', '\nThe in-shell commands (check, hint, …) belong to the shell `netlessons start` opened; this one is a plain shell.')
    .action(async (opts: { session?: string }) => {
      if (!isInteractive()) throw new NetlessonsError('`netlessons shell` needs a terminal.', { hint: 'Run it in a terminal window, or use `netlessons check --json` from scripts.', exitCode: 2 });
      const runner = await import('../../runner/index.js');
      const ctx = await runner.openSession(opts.session);
      process.exitCode = await ctx.sandbox.shell({ env: { NETLESSONS_LESSON: ctx.lesson.id } });
    });
}
