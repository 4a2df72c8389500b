/** `listen`: a listening TCP socket or bound UDP socket, by port, protocol and (optionally) address. */
import type { AssertionOf } from '../../lessons/assertions.js';
import { canonicalAddress } from '../ip-prefix.js';
import type { Socket } from '../parse-text.js';
import { need, type KernelSnapshot } from '../snapshot.js';
import { ROOT } from '../snapshot-script.js';
import { fail, inNs, isVerdict, listOf, lookupNs, pass, type Verdict } from '../diagnose.js';

const WILDCARDS = new Set(['0.0.0.0', '::']);

/**
 * `*` is either wildcard; `0.0.0.0` also accepts an IPv6 wildcard socket that takes IPv4 too (not
 * IPV6_V6ONLY, the default while net.ipv6.bindv6only is 0); other addresses compare as values.
 */
export function addressMatches(want: string | undefined, sock: Socket): boolean {
  if (want === undefined) return true;
  const w = want === '*' ? '*' : canonicalAddress(want);
  if (w === '*') return WILDCARDS.has(sock.address);
  if (w === '0.0.0.0') return sock.address === '0.0.0.0' || (sock.address === '::' && !sock.v6only);
  return sock.address === w;
}

export function evaluateListen(a: AssertionOf<'listen'>, snap: KernelSnapshot): Verdict {
  const s = a.spec;
  const proto = s.proto ?? 'tcp';
  const nsName = s.netns ?? ROOT;
  const what = `${proto} port ${s.listen}${s.addr ? ` on ${s.addr}` : ''}`;
  const expected = `${s.exists === false ? 'nothing on ' : ''}${what}`;
  const ns = lookupNs(snap, s.netns, expected);
  if (isVerdict(ns)) return ns;
  const sockets = need(ns.sockets, a);
  const onPort = sockets.filter((k) => k.proto === proto && k.port === s.listen);
  const found = onPort.filter((k) => addressMatches(s.addr, k));
  const locals = (list: Socket[]) => list.map((k) => k.local).join(', ');
  if (s.exists === false) {
    return found.length ? fail(expected, `${proto} ${locals(found)}`, `something still listens on ${proto} ${locals(found)} ${inNs(nsName)}, expected nothing on ${what}`) : pass(expected, 'nothing');
  }
  if (found.length) return pass(expected, `${proto} ${locals(found)}`);
  if (onPort.length) {
    const loopbackOnly = onPort.every((k) => k.address.startsWith('127.') || k.address === '::1');
    return fail(expected, `${proto} ${locals(onPort)}`, `${proto} port ${s.listen} ${inNs(nsName)} listens on ${locals(onPort)}, expected on ${s.addr}${loopbackOnly ? ' (loopback only: other hosts cannot reach it)' : ''}`);
  }
  const all = sockets.map((k) => `${k.proto} ${k.local}`);
  return fail(expected, 'nothing', `nothing listens on ${proto} port ${s.listen} ${inNs(nsName)}; listening there: ${listOf(all)}`);
}
