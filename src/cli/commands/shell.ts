import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function shellCommand(program: Command): void {
  withDebug(program.command('shell').description("Open another shell in a session's sandbox"))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons shell` is not available in this version yet.');
    });
}
