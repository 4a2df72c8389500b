import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function cleanCommand(program: Command): void {
  withDebug(program.command('clean').description('Remove every sandbox netlessons left behind'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons clean` is not available in this version yet.');
    });
}
