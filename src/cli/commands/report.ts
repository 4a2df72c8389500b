/**
 * `netlessons report FILES…|DIR [--csv|--json]`: the class table from the records learners exported
 * with `netlessons progress export`. Text for the terminal, CSV for a spreadsheet, JSON for scripts.
 */
import type { Command } from 'commander';
import { withDebug, withJson, type CommonOptions } from '../common.js';
import { dim, printJson } from '../output.js';
import { UsageError } from '../../errors.js';
import type { ClassReport, ReportCell } from '../../runner/class-report.js';

interface ReportOptions extends CommonOptions {
  csv?: boolean;
}

export function reportCommand(program: Command): void {
  const cmd = program
    .command('report')
    .description('Merge exported progress records into a class table (learner × lesson)')
    .argument('<records...>', 'files written by `netlessons progress export`, or folders of them')
    .option('--csv', 'print CSV (one row per learner) for a spreadsheet')
    .addHelpText(
      'after',
      '\nCells: done, step N/M (in progress) or - (not started); hN = hints seen, sN = solutions applied.\nRecords are self-reported by learners: a summary, not proof of work.\n\nExample:\n  netlessons report ./collected/ --csv > class.csv',
    )
    .allowUnknownOption(false);
  withJson(withDebug(cmd)).action((paths: string[], opts: ReportOptions) => run(paths, opts));
}

export async function run(paths: string[], opts: ReportOptions): Promise<void> {
  if (opts.csv && opts.json) throw new UsageError('Choose one of --csv and --json.', 'Leave both out for a table in the terminal.');
  const { buildClassReport } = await import('../../runner/class-report.js');
  const report = await buildClassReport(paths);
  for (const s of report.skipped) process.stderr.write(`${dim(`skipped ${s.file}: ${s.reason}`)}\n`);
  if (opts.json) return printJson(report);
  if (opts.csv) return void process.stdout.write(reportCsv(report));
  process.stdout.write(reportText(report));
}

function status(cell: ReportCell | undefined, csv: boolean): string {
  if (!cell) return '';
  if (cell.status === 'done') return 'done';
  if (cell.status === 'in-progress') return `step ${cell.step}/${cell.stepCount}`;
  return csv ? 'not started' : '-';
}

export function reportText(report: ClassReport): string {
  const cell = (c: ReportCell | undefined) => {
    const extra = c ? [c.hints ? `h${c.hints}` : '', c.solutions ? `s${c.solutions}` : ''].filter(Boolean).join(' ') : '';
    return `${status(c, false)}${extra ? ` ${extra}` : ''}`;
  };
  const header = ['LEARNER', ...report.lessons.map((l) => l.id)];
  const rows = report.learners.map((r) => [r.learner, ...report.lessons.map((l) => cell(r.lessons[l.id]))]);
  const doneBy = report.lessons.map((l) => `${report.learners.filter((r) => r.lessons[l.id]?.status === 'done').length}/${report.learners.length}`);
  rows.push(['done by', ...doneBy]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const courses = report.courses.map((c) => c.title ?? c.id ?? c.key).join(', ');
  return [
    `Course: ${courses} (${report.learners.length} learner${report.learners.length === 1 ? '' : 's'})`,
    '',
    line(header),
    ...rows.map(line),
    '',
    'hN: N hints seen, sN: N solutions applied. Records are self-reported by learners, not proof of work.',
    '',
  ].join('\n');
}

/** RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside. */
function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function reportCsv(report: ClassReport): string {
  const header = ['learner', 'course', 'exported_at', 'netlessons', ...report.lessons.flatMap((l) => [l.id, `${l.id} hints`, `${l.id} solutions`])];
  const rows = report.learners.map((r) => [
    r.learner,
    r.course,
    r.exportedAt,
    r.netlessons,
    ...report.lessons.flatMap((l) => {
      const c = r.lessons[l.id];
      return [status(c, true), c ? c.hints : '', c ? c.solutions : ''];
    }),
  ]);
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
