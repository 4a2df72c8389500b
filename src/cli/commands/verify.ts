import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function verifyCommand(program: Command): void {
  withDebug(program.command('verify').description('Prove lessons: checks fail before each step and pass after its solution'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons verify` is not available in this version yet.');
    });
}
