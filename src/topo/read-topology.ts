/**
 * Read the sandbox's live network in ONE exec: `ip -j` for the sandbox's namespace and every named one
 * (`ip -n NAME` needs no fork per namespace, so the whole read costs one exec plus a few ms), then pair
 * veth ends by (namespace id, ifindex). A broken namespace becomes a note on that namespace, not a failure.
 */
import { CheckError } from '../errors.js';
import type { ExecOptions, ExecResult } from '../sandbox/sandbox.js';
import { ROOT_NAMESPACE, type Bridge, type Cable, type NetLink, type NetNamespace, type Route, type Topology } from './model.js';

/** All the reader needs of a sandbox (the same shape the checker takes). */
export interface Exec {
  exec(command: string, opts?: ExecOptions): Promise<ExecResult>;
}

// Sections are `@@KIND NAMESPACE` lines followed by that command's output; an empty name is the sandbox's namespace.
export const READ_SCRIPT = [
  'dump() {',
  '  if [ -z "$1" ]; then set -- "" ""; else set -- "$1" "-n $1"; fi',
  "  printf '\\n@@addr %s\\n' \"$1\"; ip $2 -d -j addr show 2>&1",
  "  printf '\\n@@route %s\\n' \"$1\"; ip $2 -j route show table main 2>&1",
  "  printf '\\n@@nsid %s\\n' \"$1\"; ip $2 -j netns list-id 2>&1",
  "  printf '\\n@@forward %s\\n' \"$1\"",
  '  if [ -z "$1" ]; then cat /proc/sys/net/ipv4/ip_forward; else ip netns exec "$1" cat /proc/sys/net/ipv4/ip_forward 2>&1; fi',
  '}',
  'dump ""',
  'for f in /run/netns/*; do [ -e "$f" ] && dump "${f##*/}"; done',
  'true',
].join('\n');

interface RawLink {
  ifindex: number;
  ifname: string;
  flags?: string[];
  mtu?: number;
  operstate?: string;
  link_type?: string;
  address?: string;
  master?: string;
  link_index?: number;
  link_netnsid?: number;
  /** The peer's name, given instead of link_index when both ends share a namespace. */
  link?: string;
  linkinfo?: { info_kind?: string };
  addr_info?: { family: string; local: string; prefixlen: number; scope?: string }[];
}
interface RawNsid {
  nsid: number;
  name?: string;
}
interface Sections {
  addr?: string;
  route?: string;
  nsid?: string;
  forward?: string;
}

export async function readTopology(sandbox: Exec): Promise<Topology> {
  const r = await sandbox.exec(READ_SCRIPT, { timeoutMs: 20_000 });
  if (r.exitCode !== 0) {
    throw new CheckError(`Could not read the sandbox's network (exit ${r.exitCode}): ${r.stderr.trim() || r.stdout.trim()}`, {
      hint: 'Is the sandbox still running? `netlessons status` shows it; `netlessons reset` gives a fresh one.',
    });
  }
  return parseTopology(r.stdout);
}

/** The script's output → Topology. Exported for tests of odd kernel output. */
export function parseTopology(output: string): Topology {
  const sections = splitSections(output);
  const raw = new Map<string, { links: RawLink[]; nsids: RawNsid[] }>();
  const namespaces: NetNamespace[] = [];
  for (const [key, s] of sections) {
    const name = key === '' ? ROOT_NAMESPACE : key;
    const links = parseJsonArray<RawLink>(s.addr);
    const routes = parseJsonArray<Route & { dst: string }>(s.route);
    const ns: NetNamespace = {
      name,
      root: key === '',
      forwarding: s.forward?.trim() === '1',
      links: links ? links.map(toLink) : [],
      routes: routes ? routes.map(toRoute) : [],
    };
    if (!links) ns.error = firstLine(s.addr) || 'no output';
    namespaces.push(ns);
    raw.set(name, { links: links ?? [], nsids: parseJsonArray<RawNsid>(s.nsid) ?? [] });
  }
  namespaces.sort((a, b) => (a.root === b.root ? a.name.localeCompare(b.name) : a.root ? -1 : 1));

  const cables = pairVeths(namespaces, raw);
  const bridges: Bridge[] = namespaces.flatMap((ns) =>
    ns.links
      .filter((l) => l.kind === 'bridge')
      .map((b) => ({ namespace: ns.name, name: b.name, state: b.state, ports: ns.links.filter((l) => l.master === b.name).map((l) => l.name) })),
  );
  return { namespaces, cables, bridges };
}

function splitSections(output: string): Map<string, Sections> {
  const out = new Map<string, Sections>();
  let current: { ns: string; kind: keyof Sections } | undefined;
  const buf: string[] = [];
  const flush = () => {
    if (current) ((out.get(current.ns) ?? out.set(current.ns, {}).get(current.ns)!)[current.kind] = buf.join('\n'));
    buf.length = 0;
  };
  for (const line of output.split('\n')) {
    const m = /^@@(addr|route|nsid|forward) ?(.*)$/.exec(line);
    if (m) {
      flush();
      current = { kind: m[1] as keyof Sections, ns: m[2]! };
    } else buf.push(line);
  }
  flush();
  return out;
}

function parseJsonArray<T>(text: string | undefined): T[] | undefined {
  const t = text?.trim();
  // `ip netns list-id` prints nothing at all when no ids are assigned.
  if (t === '') return [];
  if (!t?.startsWith('[')) return undefined;
  try {
    return JSON.parse(t) as T[];
  } catch {
    return undefined;
  }
}

function firstLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n')[0] ?? '';
}

function toLink(l: RawLink): NetLink {
  const flags = l.flags ?? [];
  const link: NetLink = {
    ifindex: l.ifindex,
    name: l.ifname,
    kind: l.linkinfo?.info_kind ?? l.link_type ?? 'unknown',
    state: l.operstate ?? 'UNKNOWN',
    up: flags.includes('UP'),
    mtu: l.mtu ?? 0,
    addresses: (l.addr_info ?? []).filter((a) => !(a.family === 'inet6' && a.scope === 'link')).map((a) => `${a.local}/${a.prefixlen}`),
  };
  if (l.address && l.link_type === 'ether') link.mac = l.address;
  if (l.master) link.master = l.master;
  return link;
}

function toRoute(r: Route): Route {
  const out: Route = { dst: r.dst };
  for (const k of ['gateway', 'dev', 'protocol', 'scope', 'prefsrc'] as const) if (r[k] !== undefined) out[k] = r[k];
  return out;
}

/**
 * A veth's `link_netnsid` is an id *in its own namespace's* table (`ip netns list-id`), and `link_index`
 * the peer's ifindex there. Ids that no /run/netns name matches are the sandbox's namespace seen from a
 * named one; the back-reference check below rejects anything else.
 */
function pairVeths(namespaces: NetNamespace[], raw: Map<string, { links: RawLink[]; nsids: RawNsid[] }>): Cable[] {
  const cables: Cable[] = [];
  const seen = new Set<string>();
  const key = (ns: string, ifindex: number) => `${ns}\0${ifindex}`;
  for (const ns of namespaces) {
    const mine = raw.get(ns.name)!;
    for (const rl of mine.links) {
      if (rl.linkinfo?.info_kind !== 'veth') continue;
      let peerNs = ns.name;
      let peer: RawLink | undefined;
      if (rl.link_netnsid !== undefined) {
        const entry = mine.nsids.find((n) => n.nsid === rl.link_netnsid);
        peerNs = entry?.name ?? ROOT_NAMESPACE;
        peer = raw.get(peerNs)?.links.find((l) => l.ifindex === rl.link_index);
        if (peer?.link_index !== rl.ifindex) peer = undefined;
      } else {
        peer = mine.links.find((l) => (rl.link_index !== undefined ? l.ifindex === rl.link_index : l.ifname === rl.link));
      }
      if (!peer || peer.linkinfo?.info_kind !== 'veth') continue;
      const self = ns.links.find((l) => l.ifindex === rl.ifindex)!;
      self.peer = { namespace: peerNs, link: peer.ifname };
      if (seen.has(key(ns.name, rl.ifindex))) continue;
      seen.add(key(peerNs, peer.ifindex));
      cables.push({ kind: 'veth', ends: [{ namespace: ns.name, link: rl.ifname }, { namespace: peerNs, link: peer.ifname }] });
    }
  }
  return cables;
}
