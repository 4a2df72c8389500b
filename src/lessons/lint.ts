/**
 * `netlessons lint`: every problem in the named lesson files and folders, each located to
 * file:line:col. A file is always checked together with its folder, so duplicate ids and
 * `requires` are judged against its neighbours, but only the named files are reported.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { NotFoundError } from '../errors.js';
import { display, lessonFilesIn, loadLessonFolder, readLessonFile, type LessonFile } from './load-lessons.js';
import type { Lesson, LessonProblem } from './model.js';

export interface LintReport {
  /** No errors (warnings allowed). */
  ok: boolean;
  /** Lesson files checked. */
  files: number;
  problems: LessonProblem[];
}

export async function lintPaths(paths: readonly string[]): Promise<LintReport> {
  // Name every missing path before reading anything: a typo should not look like a clean course.
  const kinds = await Promise.all(paths.map(async (p) => ({ p, info: await stat(p).catch(() => undefined) })));
  const missing = kinds.filter((k) => !k.info).map((k) => k.p);
  if (missing.length) {
    throw new NotFoundError(`No such file or folder: ${missing.join(', ')}`, { hint: 'Give lesson files (`*.md`) or folders of them; with no path, lint checks the lessons folder.' });
  }
  const reported = new Map<string, LessonFile>();
  for (const { p, info } of kinds) {
    const abs = path.resolve(p);
    if (info!.isDirectory()) {
      if ((await lessonFilesIn(abs)).length === 0) {
        throw new NotFoundError(`No lesson files in ${display(abs)}.`, { hint: 'A lessons folder holds one `*.md` file per lesson (README.md is skipped).' });
      }
      for (const f of (await loadLessonFolder(abs)).files) reported.set(f.file, f);
    } else {
      reported.set(abs, await fileInItsFolder(abs));
    }
  }
  const files = [...reported.values()].sort((a, b) => a.file.localeCompare(b.file));
  for (const f of files) {
    if (!f.lesson) continue;
    f.problems.push(...probeTargetWarnings(f.lesson));
    f.problems.sort((a, b) => a.line - b.line || a.col - b.col);
  }
  const problems = files.flatMap((f) => f.problems);
  return { ok: !problems.some((p) => p.severity === 'error'), files: files.length, problems };
}

/** The file as its folder sees it (cross-lesson problems included), or alone if the folder would not list it. */
async function fileInItsFolder(abs: string): Promise<LessonFile> {
  const folder = await loadLessonFolder(path.dirname(abs)).catch(() => undefined);
  return folder?.files.find((f) => f.file === abs) ?? (await readLessonFile(abs));
}

/** `file:line:col: error: reason`, the shape editors and CI annotate from. */
export function formatProblem(p: LessonProblem): string {
  return `${display(p.file)}:${p.line}:${p.col}: ${p.severity}: ${p.reason}`;
}

/** The `--json` shape: paths as in the text output. */
export function lintReportJson(report: LintReport): { ok: boolean; problems: LessonProblem[] } {
  return {
    ok: report.ok,
    problems: report.problems.map((p) => ({ file: display(p.file), line: p.line, col: p.col, severity: p.severity, reason: p.reason })),
  };
}

export function lintSummary(report: LintReport): string {
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.length - errors;
  const files = `${report.files} lesson file${report.files === 1 ? '' : 's'}`;
  if (!report.problems.length) return `${files} checked, no problems.`;
  return `${files} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`;
}

/**
 * Lessons build every network inside the sandbox, so a `ping:`/`connect:` target should be an address
 * the lesson made there: private, documentation or loopback (and link-local, which never leaves a link).
 * Anything else is a real host on the internet: a probe that would leave the sandbox if it could.
 */
const SANDBOX_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '169.254.0.0/16', '192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '::1/128', 'fc00::/7', 'fe80::/10', '2001:db8::/32'].map((c) => ipaddr.parseCIDR(c));

function probeTargetWarnings(lesson: Lesson): LessonProblem[] {
  const warnings: LessonProblem[] = [];
  for (const a of lesson.steps.flatMap((s) => s.checks)) {
    if (a.kind !== 'ping' && a.kind !== 'connect') continue;
    const host = a.kind === 'ping' ? a.spec.ping : a.spec.connect.replace(/:\d+$/, '');
    const bare = host.replace(/^\[|\]$/g, '');
    if (!ipaddr.isValid(bare)) continue; // a name resolved inside the sandbox
    const addr = ipaddr.process(bare);
    if (SANDBOX_RANGES.some(([net, bits]) => addr.kind() === net.kind() && addr.match(net, bits))) continue;
    warnings.push({ ...a.source, severity: 'warning', reason: `\`${a.kind}\` target ${bare} is outside the sandbox's own ranges (private, documentation, loopback): lessons must not probe real hosts` });
  }
  return warnings;
}
