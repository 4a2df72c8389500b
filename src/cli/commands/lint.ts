import type { Command } from 'commander';
import { withDebug, withJson, withLessons } from '../common.js';
import { printJson } from '../output.js';

interface LintFlags {
  json?: boolean;
  lessons?: string;
}

export function lintCommand(program: Command): void {
  const cmd = program
    .command('lint')
    .argument('[paths...]', 'lesson files or folders (default: the lessons folder)')
    .description('Check lesson files and report every problem with file:line')
    .addHelpText('after', '\nPrints `file:line:col: error|warning: reason` per problem. Exit 1 on any error, 0 when only warnings remain.')
    .action(async (paths: string[], flags: LintFlags) => {
      process.exitCode = await run(paths, flags);
    });
  withJson(withLessons(withDebug(cmd)));
}

export async function run(paths: string[], flags: LintFlags): Promise<number> {
  const { lintPaths, formatProblem, lintReportJson, lintSummary } = await import('../../lessons/lint.js');
  const { lessonsDir } = await import('../../lessons/load-lessons.js');
  const report = await lintPaths(paths.length ? paths : [lessonsDir(flags.lessons)]);
  if (flags.json) {
    printJson(lintReportJson(report));
  } else {
    // Problems on stdout (one per line, for editors and grep); the tally on stderr.
    for (const p of report.problems) process.stdout.write(formatProblem(p) + '\n');
    process.stderr.write(lintSummary(report) + '\n');
  }
  return report.ok ? 0 : 1;
}
