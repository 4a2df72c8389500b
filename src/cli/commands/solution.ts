import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function solutionCommand(program: Command): void {
  withDebug(program.command('solution').description("Show the current step's solution (--apply runs it)"))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons solution` is not available in this version yet.');
    });
}
