import type { Command } from 'commander';
import { withDebug, withJson, withSession } from '../common.js';
import { printJson, useColor } from '../output.js';

export function hintCommand(program: Command): void {
  withJson(withSession(withDebug(program.command('hint').description('Show the next hint for the current step'))))
    .action(async (opts: { session?: string; json?: boolean }) => {
      const runner = await import('../../runner/index.js');
      const ctx = await runner.openSession(opts.session);
      const hint = await runner.nextHint(ctx);
      if (opts.json) printJson(hint);
      else process.stdout.write(runner.hintMessage(hint, { color: useColor(), where: 'cli' }));
    });
}
