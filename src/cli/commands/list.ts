import type { Command } from 'commander';
import { withDebug, withJson, withLessons } from '../common.js';
import { printJson, useColor } from '../output.js';
import type { Lesson } from '../../lessons/model.js';

interface ListFlags {
  json?: boolean;
  lessons?: string;
}

/**
 * The learner's standing in a lesson, shown beside it (`done`, `step 2 of 4`); undefined = never
 * started. The runner supplies it: this command imports nothing from src/runner itself.
 */
export type LessonStatusLookup = (lesson: Lesson) => string | undefined | Promise<string | undefined>;

export interface ListHooks {
  status?: LessonStatusLookup;
}

export function listCommand(program: Command): void {
  const cmd = program
    .command('list')
    .description('List lessons in order, with your progress')
    .action(async (flags: ListFlags) => {
      // messages.js alone: the runner's index would load the sandbox backends (dockerode) for nothing.
      const { lessonStatusLookup } = await import('../../runner/messages.js');
      process.exitCode = await run(flags, { status: await lessonStatusLookup(flags.lessons) });
    });
  withJson(withLessons(withDebug(cmd)));
}

export async function run(flags: ListFlags, hooks: ListHooks = {}): Promise<number> {
  const { loadLessonFolder, lessonsDir } = await import('../../lessons/load-lessons.js');
  const folder = await loadLessonFolder(lessonsDir(flags.lessons));
  const statuses = hooks.status ? await Promise.all(folder.lessons.map((l) => hooks.status!(l))) : undefined;
  if (flags.json) {
    printJson(
      folder.lessons.map((l, i) => ({
        id: l.id,
        title: l.title,
        summary: l.summary,
        order: l.order,
        steps: l.steps.length,
        requires: l.requires,
        backends: l.backends,
        file: l.file,
        ...(statuses ? { status: statuses[i] ?? null } : {}),
      })),
    );
  } else {
    process.stdout.write(listText(folder.lessons, statuses));
  }
  const broken = folder.files.filter((f) => f.problems.some((p) => p.severity === 'error')).length;
  if (broken) {
    const lint = flags.lessons ? `netlessons lint ${flags.lessons}` : 'netlessons lint';
    process.stderr.write(`${broken} lesson file${broken === 1 ? ' has errors and is' : 's have errors and are'} not listed; \`${lint}\` shows why.\n`);
  }
  if (!folder.lessons.length && !broken) process.stderr.write(`No lessons in ${folder.dir}.\n`);
  return 0;
}

function listText(lessons: Lesson[], statuses: (string | undefined)[] | undefined): string {
  // Styled by stdout's own terminal-ness (output.ts's helpers follow stderr).
  const color = useColor(process.stdout);
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[0m` : s);
  const orderWidth = Math.max(1, ...lessons.map((l) => String(l.order).length));
  return lessons
    .map((l, i) => {
      const status = statuses?.[i];
      const head = `${String(l.order).padStart(orderWidth)}  ${bold(l.id)}  ${l.title} ${dim(`(${l.steps.length} step${l.steps.length === 1 ? '' : 's'})`)}`;
      return `${head}${status ? `  [${status}]` : ''}\n${' '.repeat(orderWidth + 2)}${dim(l.summary)}\n`;
    })
    .join('');
}
