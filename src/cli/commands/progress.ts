import type { Command } from 'commander';
import { withDebug, withJson, withLessons } from '../common.js';
import { isInteractive, printJson, useColor } from '../output.js';
import { NetlessonsError } from '../../errors.js';

export function progressCommand(program: Command): void {
  const progress = withJson(withLessons(withDebug(program.command('progress').description('Show your progress through the lessons'))))
    .action(async (opts: { json?: boolean; lessons?: string }) => {
      const runner = await import('../../runner/index.js');
      const course = await runner.loadCourse(opts.lessons);
      const rows = runner.progressRows(course, await runner.loadProgress());
      if (opts.json) printJson({ course: course.key, lessons: rows });
      else process.stdout.write(runner.progressMessage(rows, { color: useColor() }));
    });
  withLessons(withDebug(progress.command('export').description('Write your progress as a JSON record for your teacher (self-reported, not proof)')))
    .option('--out <file>', 'write the record to FILE (default: stdout)')
    .action(async (opts: { out?: string; lessons?: string }) => {
      const { runProgressExport } = await import('../../runner/progress-export.js');
      await runProgressExport({ lessons: opts.lessons ?? progress.opts<{ lessons?: string }>().lessons, out: opts.out });
    });
  withLessons(withDebug(progress.command('reset').description('Forget your progress in one lesson (or the whole course)')))
    .argument('[lesson]', 'lesson id (default: every lesson of the course)')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(async (name: string | undefined, opts: { yes?: boolean; lessons?: string }) => {
      const runner = await import('../../runner/index.js');
      const course = await runner.loadCourse(opts.lessons ?? progress.opts<{ lessons?: string }>().lessons);
      const lesson = name ? runner.findLesson(course, name) : undefined;
      const what = lesson ? `your progress in ${lesson.id}` : `your progress in every lesson of ${course.key === 'bundled' ? 'the bundled course' : course.dir}`;
      if (!opts.yes) {
        if (!isInteractive()) throw new NetlessonsError(`Refusing to forget ${what} without confirmation.`, { hint: 'Pass --yes to confirm.', exitCode: 2 });
        const { confirm, isCancel } = await import('@clack/prompts');
        const ok = await confirm({ message: `Forget ${what}?`, initialValue: false });
        if (isCancel(ok) || !ok) {
          process.stdout.write('Nothing changed.\n');
          return;
        }
      }
      const removed = await runner.resetProgress(course.key, lesson?.id);
      process.stdout.write(removed ? `Forgot ${what}.\n` : 'There was no progress to forget.\n');
    });
}
