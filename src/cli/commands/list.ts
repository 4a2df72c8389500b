import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function listCommand(program: Command): void {
  withDebug(program.command('list').description('List lessons in order, with your progress'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons list` is not available in this version yet.');
    });
}
