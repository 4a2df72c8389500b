import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function resetCommand(program: Command): void {
  withDebug(program.command('reset').description('Fresh sandbox, brought to the start of the current step'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons reset` is not available in this version yet.');
    });
}
