/** One line of `netlessons doctor`: what was checked, how it went, and the next step when it did not. */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface DoctorCheck {
  /** Stable id for --json readers: `engine`, `api`, `image`, `disk`, `sandbox`, `kernel`, … */
  id: string;
  /** Short name shown in the left column. */
  title: string;
  /** `fail` means `start` cannot work until it is fixed; `warn` means some lessons or speed suffer. */
  status: CheckStatus;
  detail: string;
  /** The exact next step, for `warn` and `fail`. */
  hint?: string;
}

export interface DoctorReport {
  backend: string;
  checks: DoctorCheck[];
  /** Extra facts for --json (engine address and version, kernel features…). */
  facts: Record<string, unknown>;
}

export function blocks(report: DoctorReport): boolean {
  return report.checks.some((c) => c.status === 'fail');
}
