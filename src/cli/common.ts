/** Options shared by commands, declared once so every command spells them the same way. */
import { Command, Option } from 'commander';

export interface CommonOptions {
  debug?: boolean;
  json?: boolean;
  lessons?: string;
}

export function withDebug(cmd: Command): Command {
  return cmd.addOption(new Option('--debug', 'show stack traces and backend calls'));
}

export function withJson(cmd: Command): Command {
  return cmd.option('--json', 'print machine-readable JSON');
}

/** `--lessons DIR`: a course folder instead of the bundled lessons. Defaults from NETLESSONS_LESSONS. */
export function withLessons(cmd: Command): Command {
  return cmd.addOption(new Option('--lessons <dir>', 'lessons folder (default: the bundled course)').env('NETLESSONS_LESSONS'));
}

export function withSession(cmd: Command): Command {
  return cmd.option('--session <id>', 'act on this session (default: the newest)');
}

/** Run an action module lazily so `--help` stays fast; errors go to the top level. */
export function lazy<A extends unknown[]>(load: () => Promise<{ run: (...args: A) => Promise<number | void> }>) {
  return async (...args: A) => {
    const mod = await load();
    const code = await mod.run(...args);
    if (typeof code === 'number') process.exitCode = code;
  };
}
