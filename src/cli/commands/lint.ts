import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function lintCommand(program: Command): void {
  withDebug(program.command('lint').description('Check lesson files and report every problem with file:line'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons lint` is not available in this version yet.');
    });
}
