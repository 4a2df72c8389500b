/** What `verify` reports: per lesson a verdict, per problem a located failure. Stable for --json. */

/** Where in the proof a problem showed up. */
export type VerifyPhase =
  /** The lesson's `setup` script failed. */
  | 'setup'
  /** A step's check passed before its solution ran: it cannot tell the learner's work apart. */
  | 'before'
  /** A step's solution failed to run, or ran and left its check failing. */
  | 'solution'
  /** A `wrong` block failed to run, or left the check passing. */
  | 'wrong'
  /** The second run from scratch fails a step after its solution (flaky when the proof run passed it). */
  | 'replay'
  /** A ```console verify block prints something else in the sandbox. */
  | 'prose'
  /** The sandbox or checker broke (an error, not a verdict). */
  | 'error';

export interface VerifyFailure {
  phase: VerifyPhase;
  /** 1-based step, or 0 for the lesson as a whole (setup, intro). */
  step: number;
  file: string;
  line: number;
  message: string;
}

export type LessonOutcome = 'passed' | 'failed' | 'skipped';

export interface LessonVerdict {
  id: string;
  title: string;
  file: string;
  steps: number;
  outcome: LessonOutcome;
  /** Why a lesson was skipped (a kernel feature or a backend it does not run on). */
  reason?: string;
  /** Wall time from its first sandbox starting to its last one finishing. */
  seconds: number;
  /** How many fresh sandboxes the proof used. */
  sandboxes: number;
  failures: VerifyFailure[];
}

export interface VerifyReport {
  passed: boolean;
  backend: string;
  jobs: number;
  seconds: number;
  lessons: LessonVerdict[];
}
