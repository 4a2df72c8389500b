/** `addr` and `neigh`: addresses compared as values (a bare address matches any prefix length). */
import type { AssertionOf } from '../../lessons/assertions.js';
import { parsePrefix, sameAddress } from '../ip-prefix.js';
import type { Addr } from '../parse-ip.js';
import type { KernelSnapshot } from '../snapshot.js';
import { ROOT } from '../snapshot-script.js';
import { badAssertion, fail, inNs, ipOf, isVerdict, listOf, lookupNs, nearest, nsLabel, pass, type Verdict } from '../diagnose.js';

const show = (x: Addr) => `${x.local}/${x.prefixlen} on ${x.dev}`;

export function evaluateAddr(a: AssertionOf<'addr'>, snap: KernelSnapshot): Verdict {
  const s = a.spec;
  const want = parsePrefix(s.addr) ?? badAssertion(a, `\`addr: ${s.addr}\` is not an IP address`);
  const nsName = s.netns ?? ROOT;
  const text = want.len === undefined ? want.address : `${want.address}/${want.len}`;
  const expected = `${s.exists === false ? 'absent: ' : ''}${text}${s.dev ? ` on ${s.dev}` : ''} in ${nsLabel(nsName)}`;
  const ns = lookupNs(snap, s.netns, expected);
  if (isVerdict(ns)) return ns;
  const ip = ipOf(ns, a);
  const all = ip.links.flatMap((l) => l.addrs);
  const same = all.filter((x) => x.family === want.family && x.local === want.address);
  const exact = same.filter((x) => (want.len === undefined || x.prefixlen === want.len) && (!s.dev || x.dev === s.dev));
  if (s.exists === false) {
    return exact.length ? fail(expected, show(exact[0]!), `${text} is still on ${exact[0]!.dev} ${inNs(nsName)}, expected it gone`) : pass(expected, 'absent');
  }
  if (exact.length) return pass(expected, `${show(exact[0]!)} in ${nsLabel(nsName)}`);
  const devMissing = s.dev && !ip.links.some((l) => l.name === s.dev);
  if (same.length) {
    const m = same.find((x) => !s.dev || x.dev === s.dev) ?? same[0]!;
    if (s.dev && m.dev !== s.dev) {
      return fail(expected, show(m), `${text} is on ${m.dev} ${inNs(nsName)}, expected on ${s.dev}${devMissing ? ` (there is no link ${s.dev} there)` : ''}`);
    }
    return fail(expected, show(m), `${want.address} is on ${m.dev} ${inNs(nsName)} with prefix /${m.prefixlen}, expected /${want.len}`);
  }
  for (const other of snap.namespaces.values()) {
    if (other === ns || !other.ip.ok) continue;
    const there = other.ip.value.links.flatMap((l) => l.addrs).find((x) => x.family === want.family && x.local === want.address);
    if (there) return fail(expected, `${show(there)} in ${nsLabel(other.name)}`, `${want.address} is on ${there.dev} in namespace ${nsLabel(other.name)}, expected ${inNs(nsName)}`);
  }
  if (devMissing) {
    const near = nearest(s.dev!, ip.links.map((l) => l.name));
    return fail(expected, 'absent', `no link ${s.dev} ${inNs(nsName)}${near ? ` (did you mean ${near}?)` : ''}, so ${text} cannot be on it; links there: ${listOf(ip.links.map((l) => l.name))}`);
  }
  // Link-local IPv6 addresses appear by themselves on every up link: listing them only adds noise.
  const listed = all.filter((x) => !(x.family === 6 && x.local.startsWith('fe80:')) || want.family === 6).map((x) => `${x.local}/${x.prefixlen} on ${x.dev}`);
  return fail(expected, 'absent', `${text} is not on ${s.dev ?? 'any interface'} ${inNs(nsName)}; addresses there: ${listOf(listed)}`);
}

export function evaluateNeigh(a: AssertionOf<'neigh'>, snap: KernelSnapshot): Verdict {
  const s = a.spec;
  const nsName = s.netns ?? ROOT;
  const lladdr = s.lladdr?.toLowerCase();
  const expected = `${s.exists === false ? 'absent: ' : ''}${s.neigh}${s.dev ? ` dev ${s.dev}` : ''}${lladdr ? ` lladdr ${lladdr}` : ''}`;
  const ns = lookupNs(snap, s.netns, expected);
  if (isVerdict(ns)) return ns;
  const entries = ipOf(ns, a).neighbours;
  const same = entries.filter((n) => sameAddress(n.dst, s.neigh) && (!s.dev || n.dev === s.dev));
  const render = (n: (typeof entries)[number]) => `${n.dst} dev ${n.dev}${n.lladdr ? ` lladdr ${n.lladdr}` : ''}${n.state.length ? ` ${n.state.join(',')}` : ''}`;
  if (s.exists === false) {
    return same.length ? fail(expected, render(same[0]!), `${s.neigh} is still in the neighbour table ${inNs(nsName)} (${render(same[0]!)}), expected it gone`) : pass(expected, 'absent');
  }
  if (!same.length) {
    return fail(expected, 'absent', `no neighbour entry for ${s.neigh}${s.dev ? ` on ${s.dev}` : ''} ${inNs(nsName)}; entries there: ${listOf(entries.map(render))}`);
  }
  const good = same.find((n) => !lladdr || n.lladdr === lladdr);
  if (good) return pass(expected, render(good));
  const n = same[0]!;
  return fail(expected, render(n), `${s.neigh} ${inNs(nsName)} has ${n.lladdr ? `lladdr ${n.lladdr}` : `no lladdr (state ${n.state.join(',') || 'unknown'})`}, expected ${lladdr}`);
}
