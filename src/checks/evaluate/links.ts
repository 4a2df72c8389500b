/** `netns` and `link`: existence, where a link lives, its type, state, master, mtu and veth peer. */
import type { AssertionOf } from '../../lessons/assertions.js';
import type { Link } from '../parse-ip.js';
import type { KernelSnapshot } from '../snapshot.js';
import { ROOT } from '../snapshot-script.js';
import { fail, inNs, ipOf, isVerdict, listOf, lookupNs, namespaceNames, nearest, nsLabel, pass, type Verdict } from '../diagnose.js';

export function evaluateNetns(a: AssertionOf<'netns'>, snap: KernelSnapshot): Verdict {
  const want = a.spec.exists !== false;
  const has = snap.namespaces.has(a.spec.netns) && a.spec.netns !== ROOT;
  const expected = want ? 'exists' : 'absent';
  if (has === want) return pass(expected);
  if (has) return fail(expected, 'exists', `namespace ${a.spec.netns} still exists, expected it gone`);
  const near = nearest(a.spec.netns, [...snap.namespaces.keys()].filter(Boolean));
  return fail(expected, 'absent', `namespace ${a.spec.netns} does not exist${near ? ` (did you mean ${near}?)` : ''} (namespaces: ${namespaceNames(snap).join(', ')})`);
}

/** Administrative state as the learner set it; carrier is reported beside it. */
export function linkState(l: Link): string {
  if (!l.flags.includes('UP')) return 'DOWN';
  return l.flags.includes('NO-CARRIER') || l.operstate === 'LOWERLAYERDOWN' ? 'UP, no carrier' : 'UP';
}

/** The other end of a veth: by ifindex, in the namespace its link-netnsid names, checked both ways. */
export function peerOf(snap: KernelSnapshot, nsName: string, link: Link): { ns: string; link: Link } | undefined {
  const here = snap.namespaces.get(nsName)?.ip;
  if (link.linkName !== undefined && here?.ok) {
    const peer = here.value.links.find((l) => l.name === link.linkName);
    return peer ? { ns: nsName, link: peer } : undefined;
  }
  if (link.linkIndex === undefined) return undefined;
  let candidates: string[];
  if (link.linkNetnsid === undefined) candidates = [nsName];
  else {
    const named = here?.ok ? here.value.nsids.get(link.linkNetnsid) : undefined;
    // An nsid without a name is a namespace not in /run/netns: the sandbox's root namespace.
    candidates = named !== undefined ? [named] : [ROOT, ...[...snap.namespaces.keys()].filter((n) => n !== nsName && n !== ROOT)];
  }
  for (const c of candidates) {
    const ip = snap.namespaces.get(c)?.ip;
    if (!ip?.ok) continue;
    const peer = ip.value.links.find((l) => l.ifindex === link.linkIndex && l.linkIndex === link.ifindex && (c === nsName) === (l.linkNetnsid === undefined));
    if (peer) return { ns: c, link: peer };
  }
  return undefined;
}

export function evaluateLink(a: AssertionOf<'link'>, snap: KernelSnapshot): Verdict {
  const s = a.spec;
  const nsName = s.netns ?? ROOT;
  const want = s.exists !== false;
  const expectedParts = [
    `netns ${nsLabel(nsName)}`,
    s.type && `type ${s.type}`,
    s.state && `state ${s.state}`,
    s.master !== undefined && `master ${s.master}`,
    s.mtu && `mtu ${s.mtu}`,
    s.peer && `peer ${s.peer.name}${s.peer.netns ? ` in ${s.peer.netns}` : ''}`,
  ].filter(Boolean) as string[];
  const expected = want ? expectedParts.join(', ') : `absent from ${nsLabel(nsName)}`;
  const ns = lookupNs(snap, s.netns, expected);
  if (isVerdict(ns)) return ns;
  const ip = ipOf(ns, a);
  const link = ip.links.find((l) => l.name === s.link);
  if (!want) {
    return link ? fail(expected, `present (${linkState(link)})`, `${s.link} still exists ${inNs(nsName)}, expected it gone`) : pass(expected, 'absent');
  }
  if (!link) {
    const elsewhere = [...snap.namespaces.values()].filter((n) => n !== ns && n.ip.ok && n.ip.value.links.some((l) => l.name === s.link)).map((n) => nsLabel(n.name));
    if (elsewhere.length) return fail(expected, `netns ${elsewhere[0]}`, `${s.link} is in namespace ${elsewhere.join(', ')}, expected in ${nsLabel(nsName)}`);
    const names = ip.links.map((l) => l.name);
    const near = nearest(s.link, names);
    return fail(expected, 'absent', `no link ${s.link} ${inNs(nsName)}${near ? ` (did you mean ${near}?)` : ''}; links there: ${listOf(names)}`);
  }

  const problems: string[] = [];
  const actual: string[] = [`netns ${nsLabel(nsName)}`];
  const state = linkState(link);
  if (s.type) {
    actual.push(`type ${link.type}`);
    if (link.type !== s.type) problems.push(`is a ${link.type}, expected a ${s.type}`);
  }
  if (s.state) {
    actual.push(`state ${state}`);
    const up = state !== 'DOWN';
    if (up !== (s.state === 'UP')) problems.push(`is ${state}, expected ${s.state}`);
  }
  if (s.master !== undefined) {
    actual.push(`master ${link.master ?? 'none'}`);
    if ((link.master ?? '') !== s.master) {
      const missing = s.master && !ip.links.some((l) => l.name === s.master) ? ` (there is no ${s.master} ${inNs(nsName)})` : '';
      problems.push(link.master ? `has master ${link.master}, expected ${s.master || 'none'}` : `has no master, expected ${s.master}${missing}`);
    }
  }
  if (s.mtu) {
    actual.push(`mtu ${link.mtu}`);
    if (link.mtu !== s.mtu) problems.push(`has mtu ${link.mtu}, expected ${s.mtu}`);
  }
  if (s.peer) {
    const peer = link.type === 'veth' ? peerOf(snap, nsName, link) : undefined;
    actual.push(`peer ${peer ? `${peer.link.name} in ${nsLabel(peer.ns)}` : 'none'}`);
    // `default` names the root namespace here, as the checker's sentences do, unless a netns has that name.
    const wantNs = s.peer.netns === 'default' && !snap.namespaces.has('default') ? ROOT : s.peer.netns;
    if (link.type !== 'veth') problems.push(`is not a veth, so it has no peer (it is a ${link.type})`);
    else if (!peer) problems.push(`has a peer that is in no namespace the checker can see`);
    else if (peer.link.name !== s.peer.name || (wantNs !== undefined && peer.ns !== wantNs)) {
      problems.push(`has peer ${peer.link.name} in namespace ${nsLabel(peer.ns)}, expected ${s.peer.name}${wantNs !== undefined ? ` in namespace ${nsLabel(wantNs)}` : ''}`);
    }
  }
  const noCarrier = state === 'UP, no carrier' ? `up, but no carrier: is its peer up?` : '';
  if (problems.length === 0) return pass(expected, actual.join(', '), s.state === 'UP' ? noCarrier : '');
  const sentence = `${s.link} ${inNs(nsName)} ${problems.join(', and ')}`;
  return fail(expected, actual.join(', '), noCarrier && s.state !== 'DOWN' ? `${sentence} (${noCarrier})` : sentence);
}
