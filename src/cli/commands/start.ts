import { Command, Option } from 'commander';
import { withDebug, withJson, withLessons } from '../common.js';
import { isInteractive, useColor } from '../output.js';
import { NetlessonsError, UsageError } from '../../errors.js';
import type { Presenter } from '../../runner/index.js';

interface StartFlags {
  backend: 'docker' | 'vagrant';
  lessons?: string;
  watch?: boolean;
  detach?: boolean;
  step?: string;
  json?: boolean;
}

export function startCommand(program: Command): void {
  const cmd = program
    .command('start')
    .argument('[lesson]', 'lesson id, number or file (default: choose from a menu)')
    .description('Start (or resume) a lesson in a fresh sandbox and open a shell in it')
    .addOption(new Option('--backend <name>', 'where lessons run').choices(['docker', 'vagrant']).default('docker').env('NETLESSONS_BACKEND'))
    .option('--watch', 're-check every second and announce when the step is complete')
    .option('--detach', 'start the sandbox, print the session id and return (for scripts and teachers)')
    .option('--step <n>', 'begin at this step (earlier steps are replayed); default: where you left off')
    .addHelpText(
      'after',
      '\nIn the sandbox shell: check, hint, solution [--apply], next, step, reset, progress, quit.\nScripted: `netlessons start LESSON --detach`, then `netlessons check --json`, `netlessons stop`.',
    )
    .action(async (lesson: string | undefined, flags: StartFlags) => {
      process.exitCode = await start(lesson, flags);
    });
  withJson(withLessons(withDebug(cmd)));
}

/** How the learner's text is shown: the shared renderer (styled on a colour TTY, plain otherwise, control characters stripped). */
export async function presenter(stream: NodeJS.WriteStream = process.stdout): Promise<Presenter> {
  const color = useColor(stream);
  const { renderMarkdown } = await import('../render-markdown.js');
  return { color, markdown: (md) => renderMarkdown(md, { color }) };
}

async function start(name: string | undefined, flags: StartFlags): Promise<number> {
  const runner = await import('../../runner/index.js');
  const step = flags.step === undefined ? undefined : Number(flags.step);
  if (step !== undefined && (!Number.isInteger(step) || step < 1)) throw new UsageError(`--step wants a step number (1, 2, …), not \`${flags.step}\`.`);
  const course = await runner.loadCourse(flags.lessons);
  // A named lesson is looked up first: "no such lesson" is the more useful answer than "no terminal".
  const named = name ? runner.findLesson(course, name) : undefined;
  if (!flags.detach && !isInteractive()) {
    throw new NetlessonsError('`netlessons start` needs a terminal: it opens a shell in the sandbox.', {
      hint: `For scripts, start it detached: \`netlessons start ${named?.id ?? 'LESSON'} --detach\`, then \`netlessons check --json\`.`,
      exitCode: 2,
    });
  }
  const progress = await runner.loadProgress();
  const lesson = named ?? (await pickLesson(course, progress));
  if (!lesson) return 130;
  const lp = runner.lessonProgress(progress, course.key, lesson.id);
  const resumeAt = lp && !lp.finishedAt ? runner.resumeStep(lp) : 1;
  const at = step ?? Math.min(resumeAt, lesson.steps.length);
  runner.checkStepNumber(lesson, at);
  if (lp?.finishedAt && step === undefined) {
    // Going over a finished lesson again is allowed; say so, so it is not mistaken for lost progress.
    process.stderr.write(`You finished ${lesson.title} on ${lp.finishedAt.slice(0, 10)}: starting it again from step 1 (\`--step N\` starts elsewhere).\n`);
  }

  if (flags.detach) {
    const spinner = runner.startSpinner(`Starting ${lesson.id} at step ${at}`);
    let session;
    try {
      session = await runner.startDetached({ course, lesson, backend: flags.backend, step: at, onProgress: (l) => spinner.message(l) });
    } finally {
      spinner.stop();
    }
    if (flags.json) process.stdout.write(JSON.stringify({ session: session.id, lesson: lesson.id, step: at, backend: session.backend }) + '\n');
    else process.stdout.write(`${session.id}\n`);
    return 0;
  }
  return runner.runInteractive({ course, lesson, backend: flags.backend, step: at, watch: flags.watch, present: await presenter() });
}

/** The lesson menu: in order, with the learner's status; a lesson whose `requires` are not done is shown as such but allowed. */
async function pickLesson(course: import('../../runner/index.js').Course, progress: import('../../runner/index.js').Progress) {
  const runner = await import('../../runner/index.js');
  const { select, isCancel, cancel } = await import('@clack/prompts');
  const rows = runner.progressRows(course, progress);
  const firstOpen = rows.find((r) => r.status.state !== 'done') ?? rows[0];
  const choice = await select({
    message: 'Which lesson?',
    initialValue: firstOpen?.id,
    // Status in the label, not clack's hint: a hint shows only on the focused line, and the menu is the overview.
    options: rows.map((r) => ({
      value: r.id,
      label: `${r.title} [${[runner.statusLabel(r.status, r.steps), r.missing.length ? `needs ${r.missing.join(', ')} first` : ''].filter(Boolean).join(' · ')}]`,
    })),
  });
  if (isCancel(choice)) {
    cancel('No lesson started.');
    return undefined;
  }
  return runner.findLesson(course, choice);
}
