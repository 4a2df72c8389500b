/** What other modules may import from verify. */
export { verifyLessons, type VerifyOptions } from './verify-course.js';
export type { LessonOutcome, LessonVerdict, VerifyFailure, VerifyPhase, VerifyReport } from './model.js';
export { consoleBlocks, normaliseOutput, type ConsoleBlock } from './console-blocks.js';
