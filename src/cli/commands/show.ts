import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function showCommand(program: Command): void {
  withDebug(program.command('show').description('Show a lesson or one of its steps'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons show` is not available in this version yet.');
    });
}
