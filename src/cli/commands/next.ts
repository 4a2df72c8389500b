import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function nextCommand(program: Command): void {
  withDebug(program.command('next').description('Move to the next step once the current one passed'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons next` is not available in this version yet.');
    });
}
