/**
 * `netlessons verify [LESSON…]`: prove lessons in fresh sandboxes (checks fail before each step, pass
 * after its solution, `wrong` blocks leave them failing, a second run agrees, console blocks tell the
 * truth). A table on stdout (or --json), progress on stderr, exit 1 when any lesson fails.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { withDebug, withJson, withLessons, type CommonOptions } from '../common.js';
import { dim, printJson, useColor } from '../output.js';
import type { LessonVerdict, VerifyReport } from '../../runner/verify/index.js';

interface VerifyOptions extends CommonOptions {
  backend: string;
  jobs?: number;
  watch?: boolean;
}

export function verifyCommand(program: Command): void {
  const cmd = program
    .command('verify')
    .description('Prove lessons: checks fail before each step and pass after its solution')
    .argument('[lessons...]', 'lesson ids, lesson files or folders (default: every lesson of the course)')
    .option('--backend <name>', 'where the sandboxes run: docker or vagrant', 'docker')
    .option('--jobs <n>', `sandboxes at a time (default: CPU count, ${availableParallelism()} here)`, parseJobs)
    .option('--watch', 'for authors: re-lint and re-verify one lesson file on every save, changed steps first')
    .allowUnknownOption(false);
  withLessons(withJson(withDebug(cmd))).action((names: string[], opts: VerifyOptions) => run(names, opts));
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return n;
}

export async function run(names: string[], opts: VerifyOptions): Promise<void> {
  const [{ verifyLessons }, { selectLessons }, { getBackend }] = await Promise.all([
    import('../../runner/verify/index.js'),
    import('../../runner/verify/select-lessons.js'),
    import('../../sandbox/index.js'),
  ]);
  if (opts.watch) return (await import('../../runner/author-watch.js')).runAuthorWatch(names, { ...opts, color: useColor(process.stdout) });
  const lessons = await selectLessons(names, opts.lessons);
  const backend = await getBackend(opts.backend);
  const jobs = opts.jobs ?? availableParallelism();
  const progress = (line: string) => process.stderr.write(`${dim(line)}\n`);
  progress(`verifying ${lessons.length} lesson(s) on ${backend.name}, ${jobs} sandbox(es) at a time`);

  // Ctrl-C, SIGTERM and SIGHUP: the sandbox teardown guard removes every sandbox verify started.
  const report = await verifyLessons(lessons, { backend, jobs, onProgress: progress });

  if (opts.json) printJson(report);
  else process.stdout.write(formatReport(report));
  process.exitCode = report.passed ? 0 : 1;
}

const RESULT_WIDTH = 7;

/** The table (lesson, steps, result, seconds), then each failure with file:line, then a summary. */
export function formatReport(report: VerifyReport, color = useColor(process.stdout)): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const result = (v: LessonVerdict) => {
    const text = v.outcome.padEnd(RESULT_WIDTH);
    return v.outcome === 'passed' ? paint('32', text) : v.outcome === 'failed' ? paint('31', text) : paint('33', text);
  };
  const width = Math.max(6, ...report.lessons.map((v) => v.id.length));
  const lines = [`${'LESSON'.padEnd(width)}  STEPS  ${'RESULT'.padEnd(RESULT_WIDTH)}  SECONDS`];
  for (const v of report.lessons) {
    lines.push(`${v.id.padEnd(width)}  ${String(v.steps).padStart(5)}  ${result(v)}  ${v.seconds.toFixed(1).padStart(7)}`);
  }
  const cwd = process.cwd();
  const rel = (file: string) => (file.startsWith(cwd + path.sep) ? path.relative(cwd, file) : file);
  const problems = report.lessons.flatMap((v) => [
    ...v.failures.map((f) => `${paint('31', 'FAIL')} ${rel(f.file)}:${f.line}: ${f.message}`),
    ...(v.reason ? [`${paint('33', 'SKIP')} ${rel(v.file)}: ${v.reason}`] : []),
  ]);
  if (problems.length) lines.push('', ...problems);
  const count = (o: LessonVerdict['outcome']) => report.lessons.filter((v) => v.outcome === o).length;
  lines.push(
    '',
    `${report.lessons.length} lesson(s): ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped in ${report.seconds.toFixed(1)} s (${report.jobs} at a time, ${report.backend})`,
  );
  return lines.join('\n') + '\n';
}
