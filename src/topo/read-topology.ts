/**
 * Read the sandbox's live network in ONE exec: per namespace (the sandbox's own and every named one) a
 * single `ip -batch` process answers addr, route, netns list-id and netconf in JSON, so the cost is one
 * exec plus one short process per namespace. Then veth ends are paired by (namespace id, ifindex). A
 * broken namespace becomes a note on that namespace, not a failure.
 */
import { CheckError } from '../errors.js';
import type { ExecOptions, ExecResult } from '../sandbox/sandbox.js';
import { ROOT_NAMESPACE, type Bridge, type Cable, type NetLink, type NetNamespace, type Route, type Topology } from './model.js';

/** All the reader needs of a sandbox (the same shape the checker takes). */
export interface Exec {
  exec(command: string, opts?: ExecOptions): Promise<ExecResult>;
}

// Each namespace's section starts with `@@ns NAME` (empty for the sandbox's own); its lines are the
// JSON arrays `ip` printed, one per query, or its error. -force: one failing query does not hide the rest.
export const READ_SCRIPT = [
  "q='addr show\nroute show table main\nnetns list-id\nnetconf show\n'",
  "printf '@@ns \\n'; printf \"$q\" | ip -j -d -force -batch - 2>&1",
  'for f in /run/netns/*; do',
  '  [ -e "$f" ] || continue',
  "  printf '\\n@@ns %s\\n' \"${f##*/}\"; printf \"$q\" | ip -n \"${f##*/}\" -j -d -force -batch - 2>&1",
  'done',
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
interface RawNetconf {
  family?: string;
  interface?: string;
  forwarding?: boolean;
}
interface Section {
  links?: RawLink[];
  routes: Route[];
  nsids: RawNsid[];
  forwarding: boolean;
  /** Lines that were not JSON: what `ip` said when it could not read the namespace. */
  errors: string[];
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
  const raw = new Map<string, { links: RawLink[]; nsids: RawNsid[] }>();
  const namespaces: NetNamespace[] = [];
  for (const [key, s] of splitSections(output)) {
    const name = key === '' ? ROOT_NAMESPACE : key;
    const ns: NetNamespace = { name, root: key === '', forwarding: s.forwarding, links: (s.links ?? []).map(toLink), routes: s.routes.map(toRoute) };
    if (!s.links) ns.error = s.errors[0] ?? 'no answer from `ip`';
    namespaces.push(ns);
    raw.set(name, { links: s.links ?? [], nsids: s.nsids });
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

/**
 * Batch output has no labels, and an empty answer may print `[]` or nothing at all, so each JSON line is
 * recognised by its shape: links have `ifindex`, routes `dst`, namespace ids `nsid`, netconf `family`.
 */
function splitSections(output: string): Map<string, Section> {
  const out = new Map<string, Section>();
  let current: Section | undefined;
  for (const line of output.split('\n')) {
    const marker = /^@@ns ?(.*)$/.exec(line);
    if (marker) {
      current = { routes: [], nsids: [], forwarding: false, errors: [] };
      out.set(marker[1]!, current);
      continue;
    }
    const text = line.trim();
    if (!current || !text) continue;
    let rows: unknown;
    try {
      rows = text.startsWith('[') ? JSON.parse(text) : undefined;
    } catch {
      rows = undefined;
    }
    if (!Array.isArray(rows)) {
      current.errors.push(text);
      continue;
    }
    const first = rows[0] as Record<string, unknown> | undefined;
    if (!first) continue;
    if ('ifindex' in first) current.links = rows as RawLink[];
    else if ('dst' in first) current.routes = rows as Route[];
    else if ('nsid' in first) current.nsids = rows as RawNsid[];
    else if ('family' in first) {
      // net.ipv4.ip_forward is conf/all/forwarding for IPv4.
      current.forwarding = (rows as RawNetconf[]).some((c) => c.family === 'inet' && c.interface === 'all' && c.forwarding === true);
    }
  }
  return out;
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
