import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function progressCommand(program: Command): void {
  withDebug(program.command('progress').description('Show (or reset) your progress'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons progress` is not available in this version yet.');
    });
}
