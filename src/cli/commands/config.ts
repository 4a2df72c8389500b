import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function configCommand(program: Command): void {
  withDebug(program.command('config').description('Read or set settings (e.g. your name for class reports)'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons config` is not available in this version yet.');
    });
}
