/**
 * Addresses and prefixes as values, so `10.0.1.0/24`, `default` and `0.0.0.0/0`, or `fe80::1` and
 * `FE80:0:0::1`, compare equal the way the kernel sees them.
 */
import ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

export interface Prefix {
  family: Family;
  /** Canonical text of the address (IPv6 compressed, lower case). */
  address: string;
  /** Undefined when the text carried no `/len`. */
  len: number | undefined;
}

/** `10.0.1.2/24`, `fe80::1%eth0`, `[::1]` → Prefix; anything else → undefined. */
export function parsePrefix(text: string): Prefix | undefined {
  const parts = text.trim().split('/');
  if (parts.length > 2) return undefined;
  const addr = parts[0]!.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  let family: Family;
  if (ipaddr.IPv4.isValidFourPartDecimal(addr)) family = 4;
  else if (ipaddr.IPv6.isValid(addr)) family = 6;
  else return undefined;
  let len: number | undefined;
  if (parts.length === 2) {
    if (!/^\d{1,3}$/.test(parts[1]!)) return undefined;
    len = Number(parts[1]);
    if (len > (family === 4 ? 32 : 128)) return undefined;
  }
  return { family, address: ipaddr.parse(addr).toString(), len };
}

/** Canonical address text, or the input unchanged when it is not an address (a host name). */
export function canonicalAddress(text: string): string {
  const p = parsePrefix(text);
  return p && p.len === undefined ? p.address : text;
}

export function sameAddress(a: string, b: string): boolean {
  return canonicalAddress(a) === canonicalAddress(b);
}

export function familyOf(text: string | undefined): Family | undefined {
  return text === undefined ? undefined : parsePrefix(text)?.family;
}

/**
 * A route destination as a network: `default` is the zero prefix of either family, a bare address is a
 * host route (/32, /128), host bits are cleared. `family` is undefined only for `default`.
 */
export interface Network {
  family: Family | undefined;
  network: string;
  len: number;
}

export function parseNetwork(text: string): Network | undefined {
  const t = text.trim();
  if (t === 'default' || t === 'all' || t === 'any') return { family: undefined, network: '', len: 0 };
  const p = parsePrefix(t);
  if (!p) return undefined;
  const len = p.len ?? (p.family === 4 ? 32 : 128);
  if (len === 0) return { family: undefined, network: '', len: 0 };
  const ctor = p.family === 4 ? ipaddr.IPv4 : ipaddr.IPv6;
  return { family: p.family, network: ctor.networkAddressFromCIDR(`${p.address}/${len}`).toString(), len };
}

export function sameNetwork(a: Network, b: Network): boolean {
  if (a.len === 0 && b.len === 0) return a.family === undefined || b.family === undefined || a.family === b.family;
  return a.family === b.family && a.len === b.len && a.network === b.network;
}

export function formatNetwork(n: Network): string {
  return n.len === 0 ? 'default' : `${n.network}/${n.len}`;
}
