/** `ping` and `connect`: active probes the snapshot script ran in parallel, one second each at most. */
import type { Assertion, AssertionOf } from '../../lessons/assertions.js';
import { CheckError } from '../../errors.js';
import type { JobOutcome, KernelSnapshot } from '../snapshot.js';
import { ROOT } from '../snapshot-script.js';
import { carrierless, isVerdict, lookupNs, nsLabel, pass, fail, type Verdict } from '../diagnose.js';

export function jobOf(snap: KernelSnapshot, index: number, a: Assertion, tool: string): JobOutcome {
  const job = snap.jobs.get(index);
  if (!job) throw new CheckError(`Cannot check \`${a.kind}\` (${a.source.file}:${a.source.line}): its result is missing from the snapshot.`, { hint: 'Run `check` again; if it keeps failing, `netlessons reset`.' });
  if (job.rc === 127) {
    throw new CheckError(`Cannot check \`${a.kind}\` (${a.source.file}:${a.source.line}): ${tool} is not installed in the sandbox.`, { hint: `The sandbox image lacks \`${tool}\`: rebuild it with \`netlessons image build\`.` });
  }
  return job;
}

/** Why a probe failed, in the tool's own words when it gave some. */
function reason(job: JobOutcome, silent: string): string {
  const said = `${job.stderr}\n${job.stdout}`.split('\n').map((l) => l.trim()).filter((l) => /unreachable|refused|timed out|failed|unknown|not known|invalid/i.test(l));
  if (job.rc === 124) return silent;
  const line = said[0]?.replace(/^(ping|nc|connect): /, '').replace(/^connect: /, '').replace(/^.*failed: /, '');
  if (!line) return silent;
  if (/network is unreachable/i.test(line)) return `${line}: no route to it there`;
  return line;
}

function carrierNote(snap: KernelSnapshot, nsName: string): string {
  const ip = snap.namespaces.get(nsName)?.ip;
  const links = ip?.ok ? carrierless(ip.value) : [];
  return links.length ? `; ${links.join(', ')} ${links.length > 1 ? 'are' : 'is'} up, but no carrier: is ${links.length > 1 ? 'their peers' : 'its peer'} up?` : '';
}

export function evaluatePing(a: AssertionOf<'ping'>, index: number, snap: KernelSnapshot): Verdict {
  const s = a.spec;
  const expect = s.expect ?? 'reachable';
  const ns = lookupNs(snap, s.from, expect);
  if (isVerdict(ns)) return ns;
  const nsName = s.from ?? ROOT;
  const job = jobOf(snap, index, a, 'ping');
  const got = job.rc === 0 ? 'reachable' : 'unreachable';
  if (got === expect) return pass(expect, got);
  if (got === 'reachable') return fail(expect, got, `${s.ping} answers ping from namespace ${nsLabel(nsName)}, expected no answer`);
  return fail(expect, got, `${s.ping} does not answer ping from namespace ${nsLabel(nsName)} (${reason(job, 'no reply within 1 s')})${carrierNote(snap, nsName)}`);
}

export function evaluateConnect(a: AssertionOf<'connect'>, index: number, snap: KernelSnapshot): Verdict {
  const s = a.spec;
  const expect = s.expect ?? 'reachable';
  const ns = lookupNs(snap, s.from, expect);
  if (isVerdict(ns)) return ns;
  const nsName = s.from ?? ROOT;
  const job = jobOf(snap, index, a, 'nc');
  const got = job.rc === 0 ? 'reachable' : 'unreachable';
  if (got === expect) return pass(expect, got);
  if (got === 'reachable') return fail(expect, got, `a TCP connection to ${s.connect} from namespace ${nsLabel(nsName)} succeeds, expected it to fail`);
  const why = reason(job, 'no answer within 1 s');
  const refused = /refused/i.test(why) ? ': nothing listens there' : '';
  return fail(expect, got, `cannot connect to ${s.connect} over TCP from namespace ${nsLabel(nsName)} (${why}${refused})${carrierNote(snap, nsName)}`);
}
