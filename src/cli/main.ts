#!/usr/bin/env node
/**
 * Entry point. Declares commands (cheap) and loads each action's module only when it runs, so
 * `netlessons --help` does not pay for dockerode, marked or clack.
 */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { reportError } from './output.js';
import { COMMANDS } from './commands/index.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

export function buildProgram(): Command {
  const program = new Command('netlessons')
    .description('Learn Linux networking by doing, in a disposable sandbox checked against real kernel state.')
    .version(version, '-V, --version')
    .option('--debug', 'show stack traces and backend calls')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({ sortSubcommands: false });
  for (const define of COMMANDS) define(program);
  // Subcommands inherit exitOverride only when set before they are added, so apply it to all of them.
  const override = (cmd: Command) => {
    cmd.exitOverride();
    cmd.commands.forEach(override);
  };
  override(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already printed its message; help and version are successes.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2;
    }
    return reportError(err, argv.includes('--debug'));
  }
}

// A reader that stops early (`netlessons lint --help | head -3`) closes the pipe: its choice, not our
// failure. Without a listener Node crashes on the EPIPE ('Unhandled error event', exit 1). The command
// still finishes normally (a sandbox it started is still removed), its later output going nowhere.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    // EIO too: a terminal that closed under an interactive session, whose SIGHUP clean-up is on its way.
    if (err.code !== 'EPIPE' && err.code !== 'EIO') throw err;
  });
}

const code = await main(process.argv);
process.exitCode = code;
