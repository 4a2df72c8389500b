import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function statusCommand(program: Command): void {
  withDebug(program.command('status').description('Show running sessions and where they are'))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons status` is not available in this version yet.');
    });
}
