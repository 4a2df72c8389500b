import type { Command } from 'commander';
import { withDebug, withJson, withSession } from '../common.js';
import { printJson, useColor } from '../output.js';

export function solutionCommand(program: Command): void {
  withJson(withSession(withDebug(program.command('solution').description("Show the current step's solution (--apply runs it in the sandbox)"))))
    .option('--apply', 'run the solution in the sandbox (recorded in your progress)')
    .action(async (opts: { session?: string; json?: boolean; apply?: boolean }) => {
      const runner = await import('../../runner/index.js');
      const ctx = await runner.openSession(opts.session);
      const solution = await runner.showSolution(ctx, Boolean(opts.apply));
      if (opts.json) printJson(solution);
      else process.stdout.write(runner.solutionMessage(solution, { color: useColor(), where: 'cli' }));
    });
}
