import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function newCommand(program: Command): void {
  withDebug(program.command('new').description('Scaffold a new lesson file'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons new` is not available in this version yet.');
    });
}
