import type { Command } from 'commander';
import { withDebug, withJson, withSession } from '../common.js';
import { printJson } from '../output.js';

export function resetCommand(program: Command): void {
  withJson(withSession(withDebug(program.command('reset').description('Replace the sandbox with a fresh one at the start of the current step'))))
    .action(async (opts: { session?: string; json?: boolean }) => {
      const runner = await import('../../runner/index.js');
      const spinner = runner.startSpinner('Resetting the sandbox');
      let session;
      try {
        session = await runner.resetSession(opts.session, (line) => spinner.message(line));
      } finally {
        spinner.stop();
      }
      if (opts.json) printJson({ session: session.id, lesson: session.lessonId, step: session.step });
      else process.stdout.write(`A fresh sandbox for ${session.lessonId} is at the start of step ${session.step}.\n`);
    });
}
