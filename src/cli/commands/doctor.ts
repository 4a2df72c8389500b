import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function doctorCommand(program: Command): void {
  withDebug(program.command('doctor').description('Check that this machine can run lessons, with the next step for anything missing'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons doctor` is not available in this version yet.');
    });
}
