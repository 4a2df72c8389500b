import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function stopCommand(program: Command): void {
  withDebug(program.command('stop').description("Save progress and remove the session's sandbox"))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons stop` is not available in this version yet.');
    });
}
