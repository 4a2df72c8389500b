import type { Command } from 'commander';
import { withDebug, withJson, withSession } from '../common.js';
import { printJson } from '../output.js';
import { presenter } from './start.js';

export function nextCommand(program: Command): void {
  withJson(withSession(withDebug(program.command('next').description('Move on to the next step (after the current one passed its check)'))))
    .action(async (opts: { session?: string; json?: boolean }) => {
      const runner = await import('../../runner/index.js');
      const ctx = await runner.openSession(opts.session);
      const outcome = await runner.nextStep(ctx);
      if (opts.json) {
        printJson(outcome.finished ? { finished: true } : { finished: false, step: outcome.step.index, title: outcome.step.title });
        return;
      }
      if (outcome.finished) process.stdout.write(`You have finished ${ctx.lesson.title}. \`netlessons stop\` removes the sandbox.\n`);
      else process.stdout.write((await presenter()).markdown(runner.stepMarkdown(ctx.lesson, outcome.step.index)));
    });
}
