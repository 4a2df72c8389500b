/** The typed Lesson model every other module reads. Built by `parse-lesson.ts` from a Markdown file. */
import type { Assertion } from './assertions.js';
import type { BackendName } from '../sandbox/sandbox.js';

/** A fenced shell block with the line its first command is on (1-based, in the lesson file). */
export interface Script {
  code: string;
  line: number;
}

export interface Step {
  /** 1-based position in the lesson. */
  index: number;
  title: string;
  /** Markdown shown to the learner: the step's prose and its plain fenced blocks, not check/hint/solution/wrong. */
  body: string;
  /** Line of the `## ` heading. */
  line: number;
  checks: Assertion[];
  /** Line of the first `check` block's opening fence. */
  checkLine: number;
  hints: string[];
  solution: Script | undefined;
  wrong: Script[];
}

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  order: number;
  requires: string[];
  /** Backends the lesson runs on; all when the front matter says nothing. */
  backends: BackendName[];
  /** Kernel features the lesson needs beyond the base set (e.g. `dummy`), declared in front matter. */
  kernel: string[];
  setup: Script | undefined;
  /** Markdown before the first step. */
  intro: string;
  steps: Step[];
  /** Absolute path of the lesson file. */
  file: string;
}

/** A problem found while reading lessons: located, one line, never thrown past lint. */
export interface LessonProblem {
  file: string;
  line: number;
  col: number;
  severity: 'error' | 'warning';
  reason: string;
}
