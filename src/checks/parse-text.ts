/** The kernel's text output → typed state: `ss` sockets, `nft list ruleset`, `iptables-save`, sysctl files. */
import { canonicalAddress } from './ip-prefix.js';

export interface Socket {
  proto: 'tcp' | 'udp';
  /** Canonical address (`0.0.0.0`, `::` for the wildcards). */
  address: string;
  port: number;
  /** `0.0.0.0:80`, `[::1]:53`, `*:22` as ss prints it. */
  local: string;
  /** For the IPv6 wildcard: whether it refuses IPv4 (IPV6_V6ONLY). */
  v6only?: boolean;
}

/**
 * `ss -Hltun` lines: listening TCP and bound, unconnected UDP sockets (`UNCONN`), one per line:
 * `tcp LISTEN 0 4096 127.0.0.53%lo:53 0.0.0.0:*`. ss prints the IPv6 wildcard as `*` when the socket
 * also takes IPv4 and as `[::]` when it is IPV6_V6ONLY; `%dev` marks a socket bound to one device.
 */
export function parseSsSockets(text: string): Socket[] {
  const out: Socket[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5 || (f[0] !== 'tcp' && f[0] !== 'udp')) continue;
    const m = /^(?:\[([^\]]+)\]|([^%[\]]+))(?:%(\S+))?:(\d+)$/.exec(f[4]!);
    if (!m) continue;
    const raw = m[1] ?? m[2]!;
    const v6 = m[1] !== undefined;
    const address = raw === '*' ? '::' : canonicalAddress(raw);
    const sock: Socket = { proto: f[0], address, port: Number(m[4]), local: f[4]! };
    if (raw === '*' || v6) sock.v6only = raw !== '*' && address === '::';
    out.push(sock);
  }
  // TCP first, then by port: diagnostics list them in an order a learner can scan.
  return out.sort((a, b) => a.proto.localeCompare(b.proto) || a.port - b.port);
}

export interface NftChain {
  name: string;
  /** Body lines as the learner sees them (hook line and rules), trimmed. */
  lines: string[];
}

export interface NftTable {
  family: string;
  name: string;
  chains: NftChain[];
  /** Every body line of the table, chains and sets alike. */
  lines: string[];
}

export function parseNftRuleset(text: string): NftTable[] {
  const tables: NftTable[] = [];
  let table: NftTable | undefined;
  let chain: NftChain | undefined;
  let depth = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const opens = (line.match(/\{/g) ?? []).length;
    const closes = (line.match(/\}/g) ?? []).length;
    const t = depth === 0 ? /^table (\S+) (\S+) \{$/.exec(line) : null;
    const c = depth === 1 && table ? /^chain (\S+) \{$/.exec(line) : null;
    if (t) {
      table = { family: t[1]!, name: t[2]!, chains: [], lines: [] };
      tables.push(table);
    } else if (c) {
      chain = { name: c[1]!, lines: [] };
      table!.chains.push(chain);
    } else if (line && line !== '}' && table) {
      table.lines.push(line);
      if (chain && depth >= 2) chain.lines.push(line);
    }
    depth += opens - closes;
    if (depth <= 1) chain = undefined;
    if (depth <= 0) {
      table = undefined;
      depth = 0;
    }
  }
  return tables;
}

export interface IptChain {
  name: string;
  /** `ACCEPT`, `DROP`, or `-` for a user chain. */
  policy: string;
  /** `-A CHAIN ...` lines. */
  rules: string[];
}

/** One table of `iptables-save -t TABLE`. */
export function parseIptablesSave(text: string): Map<string, IptChain> {
  const chains = new Map<string, IptChain>();
  for (const line of text.split('\n')) {
    const decl = /^:(\S+) (\S+)/.exec(line);
    if (decl) chains.set(decl[1]!, { name: decl[1]!, policy: decl[2]!, rules: [] });
    const rule = /^-A (\S+) /.exec(line + ' ');
    if (rule) {
      const chain = chains.get(rule[1]!) ?? chains.set(rule[1]!, { name: rule[1]!, policy: '-', rules: [] }).get(rule[1]!)!;
      chain.rules.push(line.trim());
    }
  }
  return chains;
}

/** `grep -H '' files` → path → value (whitespace collapsed, as `sysctl` prints it). */
export function parseSysctls(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) values.set(line.slice(0, colon), normaliseSysctl(line.slice(colon + 1)));
  }
  return values;
}

export function normaliseSysctl(v: string): string {
  return v.trim().split(/\s+/).join(' ');
}
