/** Every command, in the order `--help` lists them. One file per command. */
import type { Command } from 'commander';
import { lintCommand } from './lint.js';
import { listCommand } from './list.js';
import { showCommand } from './show.js';
import { startCommand } from './start.js';
import { checkCommand } from './check.js';
import { hintCommand } from './hint.js';
import { solutionCommand } from './solution.js';
import { nextCommand } from './next.js';
import { resetCommand } from './reset.js';
import { statusCommand } from './status.js';
import { stopCommand } from './stop.js';
import { shellCommand } from './shell.js';
import { progressCommand } from './progress.js';
import { cleanCommand } from './clean.js';
import { doctorCommand } from './doctor.js';
import { imageCommand } from './image.js';
import { verifyCommand } from './verify.js';
import { newCommand } from './new.js';
import { topoCommand } from './topo.js';
import { reportCommand } from './report.js';
import { configCommand } from './config.js';

export const COMMANDS: ((program: Command) => void)[] = [
  lintCommand,
  listCommand,
  showCommand,
  startCommand,
  checkCommand,
  hintCommand,
  solutionCommand,
  nextCommand,
  resetCommand,
  statusCommand,
  stopCommand,
  shellCommand,
  progressCommand,
  cleanCommand,
  doctorCommand,
  imageCommand,
  verifyCommand,
  newCommand,
  topoCommand,
  reportCommand,
  configCommand,
];
