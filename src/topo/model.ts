/**
 * The sandbox's live network as the kernel reports it: namespaces with their links, addresses and
 * routes, the veth pairs that cable them together, and the bridges with their ports. This is also the
 * `topo --format json` output, so fields are added, never renamed.
 */

/** The sandbox's own namespace (the one `sandbox.exec` runs in) is called this. */
export const ROOT_NAMESPACE = 'sandbox';

/** One end of a cable, or the master of a port: a link named within a namespace. */
export interface LinkRef {
  namespace: string;
  link: string;
}

export interface NetLink {
  ifindex: number;
  name: string;
  /** `veth`, `bridge`, `vxlan`, `macvlan`, `tun`… from the link's details; `loopback` or `ether` when it has none. */
  kind: string;
  /** Operational state as `ip link` shows it: UP, DOWN, UNKNOWN, LOWERLAYERDOWN. */
  state: string;
  /** Administratively up (`ip link set … up`), whatever the carrier says. */
  up: boolean;
  mtu: number;
  mac?: string;
  /** The bridge (or other master) this link is a port of. */
  master?: string;
  /** `10.0.0.1/24`; IPv6 link-local addresses are left out (every link has one, they say nothing). */
  addresses: string[];
  /** For a veth: the other end, when it is in a namespace we can name. */
  peer?: LinkRef;
}

export interface Route {
  dst: string;
  gateway?: string;
  dev?: string;
  protocol?: string;
  scope?: string;
  prefsrc?: string;
}

export interface NetNamespace {
  name: string;
  /** True for the sandbox's own namespace. */
  root: boolean;
  /** net.ipv4.ip_forward in this namespace. */
  forwarding: boolean;
  links: NetLink[];
  /** IPv4 main table. */
  routes: Route[];
  /** Set when the namespace exists but could not be read (e.g. a stale /run/netns entry). */
  error?: string;
}

export interface Cable {
  kind: 'veth';
  ends: [LinkRef, LinkRef];
}

export interface Bridge {
  namespace: string;
  name: string;
  state: string;
  /** Port names, in ifindex order. */
  ports: string[];
}

export interface Topology {
  /** The sandbox's namespace first, then named namespaces by name. */
  namespaces: NetNamespace[];
  cables: Cable[];
  bridges: Bridge[];
}

export function defaultRoutes(ns: NetNamespace): Route[] {
  return ns.routes.filter((r) => r.dst === 'default');
}
