import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function startCommand(program: Command): void {
  withDebug(program.command('start').description('Start (or resume) a lesson in a fresh sandbox'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons start` is not available in this version yet.');
    });
}
