/** `netlessons doctor`: can this machine run lessons? One line per check, then the next steps. */
import { Command, Option } from 'commander';
import { withDebug, withJson } from '../common.js';
import { printJson, useColor } from '../output.js';
import type { CheckStatus, DoctorReport } from '../../sandbox/doctor/index.js';

interface DoctorFlags {
  backend: 'docker' | 'vagrant';
  json?: boolean;
}

export function doctorCommand(program: Command): void {
  const cmd = program
    .command('doctor')
    .description('Check that this machine can run lessons, with the next step for anything missing')
    .addOption(new Option('--backend <name>', 'which backend to check').choices(['docker', 'vagrant']).default('docker').env('NETLESSONS_BACKEND'))
    .addHelpText('after', '\nExit status 1 when something would stop `netlessons start` from working.')
    .action(async (flags: DoctorFlags) => {
      process.exitCode = await doctor(flags);
    });
  withJson(withDebug(cmd));
}

const SYMBOLS: Record<CheckStatus, [fancy: string, plain: string, color: string]> = {
  ok: ['✓', 'ok', '32'],
  warn: ['!', 'WARN', '33'],
  fail: ['✗', 'FAIL', '31'],
  skip: ['-', 'skip', '2'],
};

export function renderReport(report: DoctorReport, color: boolean): string {
  const width = Math.max(...report.checks.map((c) => c.title.length));
  const mark = (s: CheckStatus) => {
    const [fancy, plain, code] = SYMBOLS[s];
    return color ? `\x1b[${code}m${fancy}\x1b[0m` : plain.padEnd(4);
  };
  const lines = report.checks.map((c) => `${mark(c.status)} ${c.title.padEnd(width)}  ${c.detail}`);
  const hints = report.checks.filter((c) => c.hint && (c.status === 'fail' || c.status === 'warn'));
  if (hints.length) {
    lines.push('', 'Next steps:');
    for (const c of hints) lines.push(`  ${c.title}: ${c.hint}`);
  }
  return lines.join('\n') + '\n';
}

async function doctor(flags: DoctorFlags): Promise<number> {
  const { doctor: run, blocks } = await import('../../sandbox/doctor/index.js');
  const { startSpinner } = await import('../../runner/spinner.js');
  const spinner = flags.json ? undefined : startSpinner(`Checking the ${flags.backend} backend`);
  let report: DoctorReport;
  try {
    report = await run(flags.backend, (line) => spinner?.message(line));
  } finally {
    spinner?.stop();
  }
  const failed = blocks(report);
  if (flags.json) printJson({ ok: !failed, ...report });
  else {
    process.stdout.write(renderReport(report, useColor()));
    process.stdout.write(failed ? '\nSomething above stops `netlessons start`: fix it and run `netlessons doctor` again.\n' : '\nReady: `netlessons start`.\n');
  }
  return failed ? 1 : 0;
}
