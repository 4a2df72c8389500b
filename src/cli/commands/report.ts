import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function reportCommand(program: Command): void {
  withDebug(program.command('report').description('Merge exported progress records into a class table'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons report` is not available in this version yet.');
    });
}
