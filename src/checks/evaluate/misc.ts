/** `sysctl`, `file` and `cmd`: values read from /proc/sys, files in the sandbox, and commands' results. */
import type { AssertionOf } from '../../lessons/assertions.js';
import { normaliseSysctl } from '../parse-text.js';
import { need, type KernelSnapshot } from '../snapshot.js';
import { ROOT, CMD_TIMEOUT_S, sysctlPath } from '../snapshot-script.js';
import { fail, inNs, isVerdict, lookupNs, matches, pass, type Verdict } from '../diagnose.js';
import { jobOf } from './probes.js';

export function evaluateSysctl(a: AssertionOf<'sysctl'>, snap: KernelSnapshot): Verdict {
  const s = a.spec;
  const nsName = s.netns ?? ROOT;
  const want = s.value === undefined ? undefined : normaliseSysctl(s.value);
  const expected = want ?? 'readable';
  const ns = lookupNs(snap, s.netns, expected);
  if (isVerdict(ns)) return ns;
  const value = need(ns.sysctls, a).get(sysctlPath(s.sysctl));
  if (value === undefined) return fail(expected, 'missing', `sysctl ${s.sysctl} does not exist ${inNs(nsName)} (no ${sysctlPath(s.sysctl)})`);
  if (want === undefined || value === want) return pass(expected, value);
  return fail(expected, value, `${s.sysctl} is ${value} ${inNs(nsName)}, expected ${want}`);
}

export function evaluateFile(a: AssertionOf<'file'>, index: number, snap: KernelSnapshot): Verdict {
  const s = a.spec;
  const job = jobOf(snap, index, a, 'head');
  const want = s.exists !== false;
  const expected = !want ? 'absent' : s.contains !== undefined ? `contains ${s.contains}` : 'exists';
  if (job.rc === 'absent') return want ? fail(expected, 'absent', `${s.file} does not exist`) : pass(expected, 'absent');
  if (!want) return fail(expected, 'exists', `${s.file} still exists, expected it gone`);
  if (job.rc !== 0) return fail(expected, `unreadable (exit ${job.rc})`, `${s.file} exists but cannot be read (is it a directory?)`);
  if (s.contains === undefined || matches(s.contains, job.stdout)) return pass(expected, s.contains === undefined ? 'exists' : expected);
  const first = job.stdout.split('\n').find((l) => l.trim()) ?? '';
  return fail(expected, job.stdout ? `starts ${first.slice(0, 60)}` : 'empty', `${s.file} does not contain \`${s.contains}\`${job.stdout ? `; its first line: ${first.slice(0, 80)}` : ' (it is empty)'}`);
}

export function evaluateCmd(a: AssertionOf<'cmd'>, index: number, snap: KernelSnapshot): Verdict {
  const s = a.spec;
  const nsName = s.netns ?? ROOT;
  const wantExit = s.exit ?? 0;
  const expected = `exit ${wantExit}${s.stdout !== undefined ? `, stdout ${s.stdout}` : ''}`;
  const ns = lookupNs(snap, s.netns, expected);
  if (isVerdict(ns)) return ns;
  const job = jobOf(snap, index, a, 'bash');
  const rc = job.rc as number;
  const out = job.stdout.trim();
  const actual = `exit ${rc}${s.stdout !== undefined ? `, stdout ${out.slice(0, 60)}` : ''}`;
  const where = nsName === ROOT ? '' : ` ${inNs(nsName)}`;
  if (rc === 124) return fail(expected, 'timed out', `\`${s.cmd}\`${where} ran longer than ${CMD_TIMEOUT_S} s and was stopped`);
  if (rc !== wantExit) {
    const err = job.stderr.trim().split('\n').at(-1);
    return fail(expected, actual, `\`${s.cmd}\`${where} exited with ${rc}, expected ${wantExit}${err ? `: ${err}` : ''}`);
  }
  if (s.stdout !== undefined && !matches(s.stdout, job.stdout)) {
    return fail(expected, actual, `\`${s.cmd}\`${where} printed ${out ? `\`${out.split('\n')[0]!.slice(0, 80)}\`` : 'nothing'}, expected output matching \`${s.stdout}\``);
  }
  return pass(expected, actual);
}
