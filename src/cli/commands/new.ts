/**
 * `netlessons new LESSON-ID [--lessons DIR] [--title …]`: scaffold `NN-LESSON-ID.md` (the next number
 * in the folder) with front matter and one step holding every block kind, then say what to run next.
 * The scaffold lints clean and its `verify` fails only on the placeholder check, which is the author's
 * first job to replace.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { withDebug, withJson, type CommonOptions } from '../common.js';
import { printJson } from '../output.js';
import { NetlessonsError, UsageError } from '../../errors.js';
import { LESSON_ID } from '../../lessons/lesson-id.js';

interface NewOptions extends CommonOptions {
  title?: string;
}

export function newCommand(program: Command): void {
  const cmd = program
    .command('new')
    .description('Scaffold a new lesson file in a course folder')
    .argument('<lesson-id>', 'kebab-case id, e.g. my-first-bridge')
    .option('--title <title>', 'the lesson title (default: from the id)')
    .addHelpText(
      'after',
      '\nWrites NN-LESSON-ID.md into --lessons DIR (or NETLESSONS_LESSONS, else the current folder), NN being the next\nnumber there. Its check is a placeholder that always fails: `netlessons verify FILE` fails on it until you\nreplace it. Never overwrites a file.\n\nExample:\n  netlessons new my-first-bridge --lessons ./my-course --title "My first bridge"',
    )
    .allowUnknownOption(false);
  // Not withLessons(): its default (the bundled course) is for reading; `new` writes, into the current folder.
  withJson(withDebug(cmd))
    .addOption(new Option('--lessons <dir>', 'folder to write the lesson into (default: the current folder)').env('NETLESSONS_LESSONS'))
    .action((id: string, opts: NewOptions) => run(id, opts));
}

export async function run(id: string, opts: NewOptions): Promise<void> {
  if (!LESSON_ID.test(id)) {
    const suggestion = id
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    throw new UsageError(
      `\`${id}\` is not a valid lesson id: use kebab-case (lowercase letters and digits, words joined by single dashes).`,
      suggestion && LESSON_ID.test(suggestion) ? `For example: \`netlessons new ${suggestion}\`.` : 'For example: `netlessons new my-first-bridge`.',
    );
  }
  const title = (opts.title ?? defaultTitle(id)).trim();
  if (!title || /[\r\n]/.test(title)) throw new UsageError('--title must be one non-empty line.');

  const dir = path.resolve(opts.lessons ?? process.cwd());
  await mkdir(dir, { recursive: true });
  const names = await readdir(dir);
  const clash = names.find((n) => n === `${id}.md` || (/^\d+-/.test(n) && n.endsWith(`-${id}.md`)));
  if (clash) {
    throw new NetlessonsError(`A lesson file for \`${id}\` already exists: ${path.join(dir, clash)}.`, {
      hint: 'Edit that file, or choose another id. `netlessons new` never overwrites.',
    });
  }
  const order = nextOrder(names);
  const file = path.join(dir, `${String(order).padStart(2, '0')}-${id}.md`);
  try {
    await writeFile(file, scaffold(id, title, order), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new NetlessonsError(`${file} already exists.`, { hint: '`netlessons new` never overwrites; choose another id.' });
    throw err;
  }

  const shown = displayPath(file);
  const next = `netlessons verify ${shown}`;
  if (opts.json) return printJson({ file, id, title, order, next });
  process.stdout.write(
    `Created ${shown} (lesson ${order}: ${title}).\n` +
      'Replace its placeholder check, then prove the lesson in a fresh sandbox:\n\n' +
      `  ${next}\n\n` +
      `(\`netlessons verify --watch ${shown}\` re-runs it on every save.)\n`,
  );
}

/** One more than the highest `NN-` prefix in the folder. */
function nextOrder(names: string[]): number {
  const numbers = names.map((n) => /^(\d+)-.*\.md$/i.exec(n)?.[1]).filter((n): n is string => n !== undefined).map(Number);
  return Math.max(0, ...numbers) + 1;
}

function defaultTitle(id: string): string {
  const words = id.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function scaffold(id: string, title: string, order: number): string {
  const ns = id.length <= 12 ? id : 'lab';
  return `---
id: ${id}
title: ${JSON.stringify(title)}
summary: One sentence saying what the learner builds in this lesson.
order: ${order}
# requires: [an-earlier-lesson-id]
# setup: |
#   ip netns add ready-made
---

What this lesson is about, and what the learner will have built at the end. Everything before the
first \`## \` heading is the introduction.

## The first step

Tell the learner what to do in this step. Fenced blocks such as \`\`\`console show commands and
their output; the blocks below are for netlessons and are not shown as they are.

\`\`\`check
# PLACEHOLDER: this check always fails, so \`netlessons verify\` fails on it until you replace it
# with what the step should leave behind in the kernel, for example:
#   - netns: ${ns}
#   - link: lo
#     netns: ${ns}
#     state: UP
- cmd: "false"
  message: placeholder check of a new lesson; replace it with real assertions (see the comments above it)
\`\`\`

\`\`\`hint
A first nudge: which command family to reach for (\`ip netns\`).
\`\`\`

\`\`\`hint
A closer hint: the command almost spelled out (\`ip netns add ${ns}\`).
\`\`\`

\`\`\`solution
ip netns add ${ns}
\`\`\`

\`\`\`wrong
# A plausible mistake: verify proves the check still fails after it.
ip netns add ${ns}-typo
\`\`\`
`;
}
