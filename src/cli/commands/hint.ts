import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function hintCommand(program: Command): void {
  withDebug(program.command('hint').description('Show the next hint for the current step'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons hint` is not available in this version yet.');
    });
}
