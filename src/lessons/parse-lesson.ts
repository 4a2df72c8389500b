/**
 * One lesson file → the typed Lesson model, or the list of everything wrong with it. Never throws:
 * whatever the bytes, the answer is problems located to file:line:col.
 */
import type { Assertion } from './assertions.js';
import { readCheckBlock } from './check-block.js';
import { readFrontMatter, type FrontMatterMeta, type ProblemAt } from './front-matter.js';
import { scanMarkdown, type FencedBlock, type MarkdownBlock, type StepHeading } from './markdown-blocks.js';
import type { Lesson, LessonProblem, Script, Step } from './model.js';

export interface ParsedLesson {
  /** Present only when the file has no errors (warnings allowed). */
  lesson?: Lesson;
  /**
   * In a file with errors, what could still be read of it (its steps; its setup when the front matter
   * is valid), so lint reports the warnings about those too and an author fixes everything in one pass.
   */
  draft?: Pick<Lesson, 'setup' | 'steps'>;
  /** Errors and warnings, in file order. */
  problems: LessonProblem[];
  /** The id and requires as written, even in a file with errors, so a folder can be checked as a whole. */
  meta: FrontMatterMeta;
}

/** Bigger than any lesson will be, small enough that parsing stays instant. */
export const MAX_LESSON_SIZE = 1024 * 1024;
/** Far more than a lesson needs; without it 1 MiB of one-line steps took ~2 s to lint (test/reliability/lesson-fuzz). */
export const MAX_STEPS = 200;

const SPECIAL = ['check', 'hint', 'solution', 'wrong'] as const;
type SpecialLang = (typeof SPECIAL)[number];
const isSpecial = (lang: string): lang is SpecialLang => (SPECIAL as readonly string[]).includes(lang);

export function parseLesson(text: string, file: string): ParsedLesson {
  const problems: LessonProblem[] = [];
  const error = (p: ProblemAt) => problems.push({ file, line: p.line, col: p.col, severity: 'error', reason: p.reason });
  const warn = (p: ProblemAt) => problems.push({ file, line: p.line, col: p.col, severity: 'warning', reason: p.reason });
  const done = (lesson?: Lesson, meta: FrontMatterMeta = { requires: [] }, draft?: ParsedLesson['draft']): ParsedLesson => {
    const failed = problems.some((p) => p.severity === 'error');
    return {
      lesson: failed ? undefined : lesson,
      ...(failed && draft ? { draft } : {}),
      problems: problems.sort((a, b) => a.line - b.line || a.col - b.col),
      meta,
    };
  };

  if (text.length > MAX_LESSON_SIZE) {
    error({ line: 1, col: 1, reason: `file is ${(text.length / 1024 / 1024).toFixed(1)} MiB; a lesson must stay under 1 MiB` });
    return done();
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    error({ ...positionOf(text, nul), reason: 'not a text file (it contains a NUL byte)' });
    return done();
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const front = readFrontMatter(lines);
  front.problems.forEach(error);

  const blocks = scanMarkdown(lines.slice(front.bodyStart), front.bodyStart + 1);
  const firstHeading = blocks.findIndex((b) => b.kind === 'heading');
  const introBlocks = firstHeading < 0 ? blocks : blocks.slice(0, firstHeading);
  for (const b of introBlocks) {
    if (b.kind === 'fence' && isSpecial(b.lang)) error({ line: b.line, col: b.col, reason: `\`${b.lang}\` block before the first step: put it under a \`## \` step heading` });
  }
  reportFences(blocks, error, warn);
  if (firstHeading < 0) {
    // Without a delimited front matter the file is probably no lesson at all: say that, once.
    if (front.delimited) error({ line: front.bodyStart + 1, col: 1, reason: 'the lesson has no steps: each step starts with a `## ` heading' });
    return done(undefined, front.meta);
  }

  const steps: Step[] = [];
  let start = firstHeading;
  while (start < blocks.length) {
    if (steps.length === MAX_STEPS) {
      const extra = blocks.slice(start).filter((b) => b.kind === 'heading').length;
      error({ line: blocks[start]!.line, col: 1, reason: `the lesson has ${MAX_STEPS + extra} steps; at most ${MAX_STEPS} are read: split it into several lessons` });
      break;
    }
    let end = start + 1;
    while (end < blocks.length && blocks[end]!.kind !== 'heading') end++;
    steps.push(readStep(blocks[start] as StepHeading, blocks.slice(start + 1, end), steps.length + 1, file, error, warn));
    start = end;
  }

  const data = front.data;
  if (!data) return done(undefined, front.meta, { setup: undefined, steps });
  return done(
    {
      id: data.id,
      title: data.title,
      summary: data.summary,
      order: data.order,
      requires: data.requires,
      backends: data.backends,
      kernel: data.kernel,
      setup: data.setup,
      intro: joinBody(introBlocks),
      steps,
      file,
    },
    front.meta,
    { setup: data.setup, steps },
  );
}

function readStep(heading: StepHeading, blocks: MarkdownBlock[], index: number, file: string, error: (p: ProblemAt) => void, warn: (p: ProblemAt) => void): Step {
  const at = { line: heading.line, col: heading.col };
  const label = heading.title ? `step ${index} (${heading.title})` : `step ${index}`;
  if (!heading.title) error({ ...at, reason: `${label} has an empty heading: write its title after \`## \`` });
  const checks: Assertion[] = [];
  const hints: string[] = [];
  const wrong: Script[] = [];
  let solution: Script | undefined;
  let checkLine = 0;
  let checkBlocks = 0;
  let solutionBlocks = 0;
  let firstSolutionLine = 0;
  for (const b of blocks) {
    if (b.kind !== 'fence' || !isSpecial(b.lang)) continue;
    // An unclosed block swallowed the rest of the file: it is reported once, its content ignored.
    if (b.lang === 'check') {
      checkBlocks++;
      if (!checkLine) checkLine = b.line;
      if (!b.closed) continue;
      const r = readCheckBlock(b, file);
      checks.push(...r.assertions);
      r.problems.forEach(error);
    } else if (b.lang === 'hint') {
      const hint = b.content.join('\n').trim();
      if (hint) hints.push(hint);
      else if (b.closed) warn({ line: b.line, col: b.col, reason: 'empty hint block' });
    } else if (b.lang === 'solution') {
      solutionBlocks++;
      if (solutionBlocks === 1) {
        solution = script(b);
        firstSolutionLine = b.line;
      } else if (solutionBlocks === 2) {
        error({ line: b.line, col: b.col, reason: `${label} has more than one solution block (the first is on line ${firstSolutionLine}); merge them into one` });
      }
    } else if (b.lang === 'wrong') {
      wrong.push(script(b));
    }
  }
  if (checkBlocks === 0) error({ ...at, reason: `${label} has no check block: add a \`\`\`check list of what must be true when the step is done` });
  // An unclosed fence may have swallowed the hint or solution: it is reported already.
  const swallowed = blocks.some((b) => b.kind === 'fence' && !b.closed);
  if (hints.length === 0 && !swallowed) warn({ ...at, reason: `${label} has no hint block` });
  if (solutionBlocks === 0 && !swallowed) warn({ ...at, reason: `${label} has no solution block, so \`netlessons verify\` cannot prove it and later steps cannot be fast-forwarded` });
  return { index, title: heading.title, body: joinBody(blocks), line: heading.line, checks, checkLine, hints, solution, wrong };
}

function script(b: FencedBlock): Script {
  return { code: b.content.join('\n').replace(/\n*$/, '\n'), line: b.line + 1 };
}

/** Unclosed fences, and info strings that look like a special block but are not one. */
function reportFences(blocks: MarkdownBlock[], error: (p: ProblemAt) => void, warn: (p: ProblemAt) => void): void {
  for (const b of blocks) {
    if (b.kind !== 'fence') continue;
    const at = { line: b.line, col: b.col };
    // Messages quote code in backticks, but a backtick fence inside them reads as a longer one
    // (``` quoted looked like `````): show backtick fences bare, tilde fences quoted as usual.
    const fence = b.marker.startsWith('`') ? b.marker : `\`${b.marker}\``;
    if (!b.closed) error({ ...at, reason: `unclosed ${fence} fence: it runs to the end of the file; close it with a line of ${fence}` });
    const lower = b.lang.toLowerCase();
    if (!isSpecial(b.lang) && (isSpecial(lower) || (SPECIAL as readonly string[]).includes(lower.replace(/s$/, '')))) {
      warn({ ...at, reason: `\`${b.lang}\` block is shown to the learner as text; did you mean \`${lower.replace(/s$/, '')}\`?` });
    }
  }
}

/** The learner's text: prose and plain fenced blocks as written, runs of blank lines (outside code) squeezed. */
function joinBody(blocks: MarkdownBlock[]): string {
  const out: string[] = [];
  const pushProse = (text: string) => {
    if (text.trim() === '' && (out.length === 0 || out[out.length - 1]!.trim() === '')) return;
    out.push(text);
  };
  for (const b of blocks) {
    if (b.kind === 'line') pushProse(b.text);
    else if (b.kind === 'fence' && !isSpecial(b.lang)) out.push(...b.raw);
  }
  while (out.length && out[out.length - 1]!.trim() === '') out.pop();
  return out.join('\n');
}

function positionOf(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}
