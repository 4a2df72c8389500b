import type { Command } from 'commander';
import { withDebug, withJson, withSession } from '../common.js';
import { useColor } from '../output.js';

export function checkCommand(program: Command): void {
  withJson(withSession(withDebug(program.command('check').description("Check the current step against the sandbox's kernel state"))))
    .addHelpText('after', '\nExit status: 0 when the step passes, 1 when it does not yet.')
    .action(async (opts: { session?: string; json?: boolean }) => {
      const runner = await import('../../runner/index.js');
      const ctx = await runner.openSession(opts.session);
      const outcome = await runner.checkStep(ctx);
      const r = outcome.result;
      if (opts.json) {
        // `source` (where the assertion is written) helps authors; the other keys are the contract.
        const assertions = r.assertions.map(({ kind, target, ok, expected, actual, message, source }) => ({ kind, target, ok, expected, actual, message, source: { file: source.file, line: source.line } }));
        process.stdout.write(JSON.stringify({ passed: r.passed, assertions, elapsedMs: r.elapsedMs, step: outcome.step, lessonComplete: outcome.lessonComplete }, null, 2) + '\n');
      } else {
        process.stdout.write(runner.checkMessage(outcome, { color: useColor(), where: 'cli' }, ctx.lesson));
      }
      process.exitCode = r.passed ? 0 : 1;
    });
}
