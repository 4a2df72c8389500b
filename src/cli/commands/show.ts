import type { Command } from 'commander';
import { withDebug, withLessons } from '../common.js';
import { useColor } from '../output.js';
import { NotFoundError, UsageError } from '../../errors.js';
import type { Lesson, Step } from '../../lessons/model.js';

interface ShowFlags {
  lessons?: string;
}

export function showCommand(program: Command): void {
  const cmd = program
    .command('show')
    .argument('<lesson>', 'lesson id, file or folder')
    .argument('[step]', 'step number (1, 2, …); default: the introduction and the list of steps')
    .description('Show a lesson or one of its steps')
    .action(async (lesson: string, step: string | undefined, flags: ShowFlags) => {
      process.exitCode = await run(lesson, step, flags);
    });
  withLessons(withDebug(cmd));
}

export async function run(name: string, stepArg: string | undefined, flags: ShowFlags): Promise<number> {
  const stepNumber = stepArg === undefined ? undefined : parseStep(stepArg);
  const { resolveLesson } = await import('../../lessons/load-lessons.js');
  const lesson = await resolveLesson(name, flags);
  const md = stepNumber === undefined ? lessonMarkdown(lesson) : stepMarkdown(lesson, pickStep(lesson, stepNumber));
  // Loaded here, not at the top: marked costs more than the rest of the CLI's start-up.
  const { renderMarkdown } = await import('../render-markdown.js');
  process.stdout.write(renderMarkdown(md, { color: useColor(process.stdout) }));
  return 0;
}

function parseStep(arg: string): number {
  if (!/^\d+$/.test(arg) || Number(arg) < 1) throw new UsageError(`STEP is a step number (1, 2, …), not \`${arg}\`.`, 'Run `netlessons show LESSON` to see the steps.');
  return Number(arg);
}

function pickStep(lesson: Lesson, n: number): Step {
  const step = lesson.steps[n - 1];
  if (!step) {
    const choices = lesson.steps.map((s) => `${s.index}. ${s.title}`).join('; ');
    throw new NotFoundError(`Lesson ${lesson.id} has ${lesson.steps.length} step${lesson.steps.length === 1 ? '' : 's'}; there is no step ${n}.`, { hint: `Steps: ${choices}.` });
  }
  return step;
}

/** The introduction and the table of contents. */
export function lessonMarkdown(lesson: Lesson): string {
  const steps = lesson.steps.map((s) => `${s.index}. ${s.title}`).join('\n');
  return [
    `# ${lesson.title}`,
    `*${lesson.summary}*`,
    lesson.intro,
    `## Steps`,
    steps,
    `Read a step with \`netlessons show ${lesson.id} 1\`; start the lesson with \`netlessons start ${lesson.id}\`.`,
  ]
    .filter((part) => part.trim() !== '')
    .join('\n\n');
}

export function stepMarkdown(lesson: Lesson, step: Step): string {
  return [`# ${lesson.title}`, `## Step ${step.index} of ${lesson.steps.length}: ${step.title}`, step.body].filter((p) => p.trim() !== '').join('\n\n');
}
