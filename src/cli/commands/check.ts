import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function checkCommand(program: Command): void {
  withDebug(program.command('check').description("Check the current step against the sandbox's kernel state"))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons check` is not available in this version yet.');
    });
}
