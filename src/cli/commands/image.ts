import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function imageCommand(program: Command): void {
  withDebug(program.command('image').description('Build or inspect the sandbox image'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons image` is not available in this version yet.');
    });
}
