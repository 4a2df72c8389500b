import type { Command } from 'commander';
import { withDebug } from '../common.js';
import { NetlessonsError } from '../../errors.js';

export function topoCommand(program: Command): void {
  withDebug(program.command('topo').description("Draw the sandbox's live network"))
    .allowUnknownOption(false)
    .action(() => {
      throw new NetlessonsError('`netlessons topo` is not available in this version yet.');
    });
}
