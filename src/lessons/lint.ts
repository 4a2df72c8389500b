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
    // A file with errors still gets the warnings about what could be read of it (its draft):
    // reporting them only after the errors are fixed made authors lint twice and miss them.
    const lesson = f.lesson ?? f.draft;
    if (!lesson) continue;
    f.problems.push(...probeTargetWarnings(lesson));
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
const OUTSIDE = "is outside the sandbox's own ranges (private, documentation, loopback): lessons must not probe real hosts";

const inSandbox = (addr: ipaddr.IPv4 | ipaddr.IPv6) => SANDBOX_RANGES.some(([net, bits]) => addr.kind() === net.kind() && addr.match(net, bits));

function probeTargetWarnings(lesson: Pick<Lesson, 'setup' | 'steps'>): LessonProblem[] {
  const warnings: LessonProblem[] = [];
  let names: Map<string, string[]> | undefined;
  for (const a of lesson.steps.flatMap((s) => s.checks)) {
    if (a.kind !== 'ping' && a.kind !== 'connect') continue;
    const host = a.kind === 'ping' ? a.spec.ping : a.spec.connect.replace(/:\d+$/, '');
    const bare = host.replace(/^\[|\]$/g, '');
    const warn = (reason: string) => warnings.push({ ...a.source, severity: 'warning', reason });
    if (ipaddr.isValid(bare)) {
      if (!inSandbox(ipaddr.process(bare))) warn(`\`${a.kind}\` target ${bare} ${OUTSIDE}`);
      continue;
    }
    // A name resolves wherever the machine's resolver says: on a networked VM or a teacher's host,
    // example.com is a real host. Only localhost and names the lesson maps itself are known to stay inside.
    const name = bare.toLowerCase().replace(/\.$/, '');
    if (name === 'localhost') continue;
    names ??= namesDefinedBy(lesson);
    const addrs = names.get(name);
    if (!addrs) {
      warn(
        `\`${a.kind}\` target ${bare} is a host name the lesson does not define, so it may resolve to a real host outside the sandbox: ` +
          `use an address from the sandbox's own ranges (private, documentation, loopback), or map the name in the lesson's setup or a solution ` +
          `(a line like \`10.0.0.80 ${name}\` written to /etc/hosts or /etc/netns/NS/hosts)`,
      );
      continue;
    }
    const outside = addrs.find((addr) => !inSandbox(ipaddr.process(addr)));
    if (outside) warn(`\`${a.kind}\` target ${bare} is ${outside} (the lesson maps it there), which ${OUTSIDE}`);
  }
  return warnings;
}

/**
 * Host names the lesson's own scripts (setup and solutions, what runs before its checks) map to an
 * address: hosts-file lines (`ADDR NAME...`, also inside `printf '...\n...'`) and dnsmasq's
 * `--address=/NAME/ADDR`. A heuristic on shell text: it only decides whether a name warns.
 */
function namesDefinedBy(lesson: Pick<Lesson, 'setup' | 'steps'>): Map<string, string[]> {
  const names = new Map<string, string[]>();
  const add = (name: string, addr: string) => {
    const key = name.toLowerCase().replace(/\.$/, '');
    names.set(key, [...(names.get(key) ?? []), addr]);
  };
  // Dotted quads and IPv6 only: a bare number (`ping -c 1`) is an address to ipaddr.js too.
  const isAddress = (t: string) => (/^\d{1,3}(\.\d{1,3}){3}$/.test(t) || t.includes(':')) && ipaddr.isValid(t);
  const isName = (t: string) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(t) && !/^[\d.]+$/.test(t);
  const scripts = [lesson.setup, ...lesson.steps.map((s) => s.solution)].filter((s) => s !== undefined);
  for (const { code } of scripts) {
    for (const m of code.matchAll(/--address=\/([^/\s]+)\/([0-9a-fA-F.:]+)/g)) if (isAddress(m[2]!)) add(m[1]!, m[2]!);
    for (const line of code.replace(/\\n/g, '\n').replace(/\\t/g, ' ').split('\n')) {
      const tokens = line.split(/[\s'"]+/);
      tokens.forEach((t, i) => {
        if (!isAddress(t)) return;
        for (let j = i + 1; j < tokens.length && isName(tokens[j]!); j++) add(tokens[j]!, t);
      });
    }
  }
  return names;
}
