import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIptablesSave, parseNftRuleset, parseProcNetSockets, parseSysctls } from '../../src/checks/parse-text.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/checks/${name}`, import.meta.url), 'utf8');

describe('parseNftRuleset', () => {
  it('splits tables and chains and keeps rule lines as nft prints them, sets apart', () => {
    const tables = parseNftRuleset(fixture('nft-ruleset.txt'));
    expect(tables.map((t) => `${t.family} ${t.name}`)).toEqual(['inet filter', 'ip nat']);
    const filter = tables[0]!;
    expect(filter.chains.map((c) => c.name)).toEqual(['input']);
    expect(filter.chains[0]!.lines).toEqual(['type filter hook input priority filter; policy drop;', 'tcp dport { 22, 80 } accept', 'ct state established,related accept']);
    expect(filter.lines).toContain('elements = { 192.0.2.1, 192.0.2.2 }');
    expect(tables[1]!.chains[0]!.lines).toContain('oifname "eth0" masquerade');
  });
});

describe('parseIptablesSave', () => {
  it('reads chains with their policy and -A lines, user chains included', () => {
    const chains = parseIptablesSave(fixture('iptables-save-nat.txt'));
    expect([...chains.keys()]).toEqual(['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING', 'MYCHAIN']);
    expect(chains.get('POSTROUTING')).toEqual({ name: 'POSTROUTING', policy: 'ACCEPT', rules: ['-A POSTROUTING -s 10.0.0.0/24 -o eth0 -j MASQUERADE'] });
    expect(chains.get('MYCHAIN')!.policy).toBe('-');
  });
});

describe('parseProcNetSockets', () => {
  it('reads listening TCP and bound UDP sockets, decoding the kernel hex addresses', () => {
    const socks = parseProcNetSockets(fixture('proc-net-sockets.txt'));
    expect(socks.map((s) => `${s.proto} ${s.local}`)).toEqual(['tcp 127.0.0.1:8080', 'udp 0.0.0.0:5353', 'tcp [::]:22', 'tcp [::1]:9000']);
  });
});

describe('parseSysctls', () => {
  it('reads grep -H lines and collapses whitespace like sysctl', () => {
    const v = parseSysctls('/proc/sys/net/ipv4/ip_forward:1\n/proc/sys/net/ipv4/ip_local_port_range:32768\t60999\n');
    expect(v.get('/proc/sys/net/ipv4/ip_forward')).toBe('1');
    expect(v.get('/proc/sys/net/ipv4/ip_local_port_range')).toBe('32768 60999');
  });
});
