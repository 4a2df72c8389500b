/** The kernel's text output → typed state: /proc/net sockets, `nft list ruleset`, `iptables-save`, sysctl files. */
import { canonicalAddress } from './ip-prefix.js';

export interface Socket {
  proto: 'tcp' | 'udp';
  /** Canonical address (`0.0.0.0`, `::` for the wildcards). */
  address: string;
  port: number;
  /** `0.0.0.0:80`, `[::1]:53` as ss prints it. */
  local: string;
}

/** TCP_LISTEN for tcp; for udp, TCP_CLOSE is a bound, unconnected socket (`ss -lu` UNCONN). */
const LISTENING = { tcp: '0A', udp: '07' } as const;

/**
 * `/proc/net/{tcp,udp}{,6}` lines prefixed by their file (`grep -H` form) → listening sockets. Read
 * instead of `ss`, which costs ~8 ms of CPU per call (measured). Addresses are in the kernel's byte
 * order: 32-bit words, little-endian on every platform Docker and Vagrant run here (x86-64, arm64).
 */
export function parseProcNetSockets(text: string): Socket[] {
  const out: Socket[] = [];
  for (const line of text.split('\n')) {
    const m = /^\/proc\/net\/(tcp|udp)(6?):\s*\d+:\s+([0-9A-F]+):([0-9A-F]{4})\s+\S+\s+([0-9A-F]{2})\s/i.exec(line);
    if (!m) continue;
    const proto = m[1] as 'tcp' | 'udp';
    if (m[5]!.toUpperCase() !== LISTENING[proto]) continue;
    const address = canonicalAddress(m[2] ? hexToIpv6(m[3]!) : hexToIpv4(m[3]!));
    const port = parseInt(m[4]!, 16);
    out.push({ proto, address, port, local: m[2] ? `[${address}]:${port}` : `${address}:${port}` });
  }
  return out;
}

function wordBytes(hex8: string): number[] {
  const b = [0, 2, 4, 6].map((i) => parseInt(hex8.slice(i, i + 2), 16));
  return b.reverse();
}

function hexToIpv4(hex: string): string {
  return wordBytes(hex).join('.');
}

function hexToIpv6(hex: string): string {
  const bytes = [0, 8, 16, 24].flatMap((i) => wordBytes(hex.slice(i, i + 8)));
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(':');
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
