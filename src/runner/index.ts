/** What the CLI (and `clean`, `list`) may import from the runner. */
export { loadCourse, findLesson, checkStepNumber, BUNDLED_LESSONS, type Course } from './course.js';
export { checkStep, nextHint, showSolution, nextStep, stepMarkdown, isFinished, type FlowContext, type CheckOutcome } from './flow.js';
export { runInteractive, type Presenter, type InteractiveOptions } from './session.js';
export { openSession, startDetached, resetSession, sessionStatuses, stopSession, removeSessionFiles, type SessionStatus } from './sessions.js';
export { findSession, listSessions, type SessionRecord } from './session-store.js';
export { loadProgress, resetProgress, lessonProgress, lessonStatus, resumeStep, courseKey, type LessonStatus, type Progress } from './progress-store.js';
export { progressRows, progressMessage, statusLabel, lessonStatusLookup, checkMessage, hintMessage, solutionMessage, type ProgressRow } from './messages.js';
export { startSpinner } from './spinner.js';
export { onInterrupt } from './interrupt.js';
export { stateDir } from './state-dir.js';
