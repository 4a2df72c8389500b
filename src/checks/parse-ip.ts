/** `ip -j` documents → typed state. Field names are iproute2's (6.x); absent fields stay undefined. */
import { parseNetwork, type Family, type Network } from './ip-prefix.js';

export interface Addr {
  family: Family;
  /** Canonical address text. */
  local: string;
  prefixlen: number;
  dev: string;
  scope: string | undefined;
}

export interface Link {
  ifindex: number;
  name: string;
  flags: string[];
  operstate: string;
  mtu: number;
  /** `veth`, `bridge`, `vxlan`… from linkinfo, else the link type (`loopback`, `ether`). */
  type: string;
  master: string | undefined;
  /** A veth's peer: its ifindex, and the nsid (as seen from this namespace) it lives in when elsewhere. */
  linkIndex: number | undefined;
  linkNetnsid: number | undefined;
  /** In the same namespace ip names the peer (`link`) instead of giving its index. */
  linkName: string | undefined;
  address: string | undefined;
  addrs: Addr[];
}

export interface Route {
  family: Family;
  dst: Network;
  /** Normalised: `main`, `local`, `default` or the number. */
  table: string;
  type: string;
  gateways: string[];
  devs: string[];
  prefsrc: string | undefined;
  scope: string | undefined;
  /** As `ip route` would print it, for diagnostics. */
  text: string;
}

export interface Rule {
  priority: number;
  from: string;
  to: string;
  table: string;
  iif: string | undefined;
  oif: string | undefined;
  fwmark: string | undefined;
  text: string;
}

export interface Neigh {
  dst: string;
  dev: string;
  lladdr: string | undefined;
  state: string[];
}

type Json = Record<string, any>;

const TABLE_NAMES: Record<string, string> = { '253': 'default', '254': 'main', '255': 'local' };
export function normaliseTable(t: string | number | undefined): string {
  const s = String(t ?? 'main');
  return TABLE_NAMES[s] ?? s;
}

export function parseLinks(doc: Json[]): Link[] {
  return doc.map((l) => ({
    ifindex: Number(l.ifindex),
    name: String(l.ifname),
    flags: Array.isArray(l.flags) ? l.flags.map(String) : [],
    operstate: String(l.operstate ?? 'UNKNOWN'),
    mtu: Number(l.mtu),
    type: String(l.linkinfo?.info_kind ?? l.link_type ?? 'unknown'),
    master: l.master === undefined ? undefined : String(l.master),
    linkIndex: typeof l.link_index === 'number' ? l.link_index : undefined,
    linkNetnsid: typeof l.link_netnsid === 'number' ? l.link_netnsid : undefined,
    linkName: typeof l.link === 'string' ? l.link : undefined,
    address: l.address === undefined ? undefined : String(l.address),
    addrs: (Array.isArray(l.addr_info) ? l.addr_info : [])
      .filter((a: Json) => a.family === 'inet' || a.family === 'inet6')
      .map((a: Json) => {
        const net = parseNetwork(String(a.local));
        return {
          family: a.family === 'inet' ? 4 : 6,
          local: net?.network ?? String(a.local),
          prefixlen: Number(a.prefixlen),
          dev: String(l.ifname),
          scope: a.scope === undefined ? undefined : String(a.scope),
        } satisfies Addr;
      }),
  }));
}

export function parseRoutes(doc: Json[], family: Family): Route[] {
  const routes: Route[] = [];
  for (const r of doc) {
    const dst = parseNetwork(String(r.dst ?? 'default'));
    if (!dst) continue; // multicast or other kinds we do not judge
    const hops: Json[] = Array.isArray(r.nexthops) ? r.nexthops : [r];
    const gateways = hops.map((h) => h.gateway ?? h.via?.address).filter((g): g is string => typeof g === 'string');
    const devs = hops.map((h) => h.dev).filter((d): d is string => typeof d === 'string');
    const table = normaliseTable(r.table);
    const type = String(r.type ?? 'unicast');
    const words = [
      type === 'unicast' ? '' : type,
      String(r.dst ?? 'default'),
      ...gateways.map((g) => `via ${g}`),
      ...devs.map((d) => `dev ${d}`),
      table === 'main' ? '' : `table ${table}`,
      r.scope && r.scope !== 'global' ? `scope ${r.scope}` : '',
      r.prefsrc ? `src ${r.prefsrc}` : '',
    ];
    // Batch mode does not always keep to one family: each route says its own where it can.
    const fam = dst.family ?? (gateways[0]?.includes(':') ? 6 : gateways[0] ? 4 : family);
    routes.push({
      family: fam,
      dst: { ...dst, family: fam },
      table,
      type,
      gateways,
      devs,
      prefsrc: r.prefsrc === undefined ? undefined : String(r.prefsrc),
      scope: r.scope === undefined ? undefined : String(r.scope),
      text: words.filter(Boolean).join(' '),
    });
  }
  return routes;
}

export function parseRules(doc: Json[]): Rule[] {
  return doc.map((r) => {
    const from = r.src === undefined || r.src === 'all' ? 'all' : r.srclen !== undefined ? `${r.src}/${r.srclen}` : String(r.src);
    const to = r.dst === undefined || r.dst === 'all' ? 'all' : r.dstlen !== undefined ? `${r.dst}/${r.dstlen}` : String(r.dst);
    const rule: Rule = {
      priority: Number(r.priority ?? 0),
      from,
      to,
      table: normaliseTable(r.table),
      iif: r.iif === undefined ? undefined : String(r.iif),
      oif: r.oif === undefined ? undefined : String(r.oif),
      fwmark: r.fwmark === undefined ? undefined : String(r.fwmark),
      text: '',
    };
    rule.text = [
      `${rule.priority}:`,
      `from ${from}`,
      to === 'all' ? '' : `to ${to}`,
      rule.iif ? `iif ${rule.iif}` : '',
      rule.oif ? `oif ${rule.oif}` : '',
      rule.fwmark ? `fwmark ${rule.fwmark}` : '',
      `lookup ${rule.table}`,
    ].filter(Boolean).join(' ');
    return rule;
  });
}

export function parseNeighbours(doc: Json[]): Neigh[] {
  return doc.map((n) => ({
    dst: parseNetwork(String(n.dst))?.network ?? String(n.dst),
    dev: String(n.dev),
    lladdr: n.lladdr === undefined ? undefined : String(n.lladdr).toLowerCase(),
    state: Array.isArray(n.state) ? n.state.map(String) : [],
  }));
}

/** `ip -j netns list-id` → nsid → name (unnamed ids are the root namespace or one without a name). */
export function parseNsids(doc: Json[]): Map<number, string | undefined> {
  return new Map(doc.map((e) => [Number(e.nsid), e.name === undefined ? undefined : String(e.name)]));
}
