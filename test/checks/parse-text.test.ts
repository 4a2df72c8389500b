import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIptablesSave, parseNftRuleset, parseSsSockets, parseSysctls } from '../../src/checks/parse-text.js';

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

describe('parseSsSockets', () => {
  // Printed by `ss -Hltun` in a sandbox namespace (test/fixtures/checks/ss-listening.txt).
  const socks = parseSsSockets(fixture('ss-listening.txt'));
  it('reads listening TCP and bound UDP sockets with their addresses as values, TCP first, by port', () => {
    expect(socks.map((s) => `${s.proto} ${s.address} ${s.port}`)).toEqual([
      'tcp :: 22', 'tcp 127.0.0.53 53', 'tcp 0.0.0.0 80', 'tcp 2001:db8::5 443', 'tcp :: 2222',
      'tcp fe80::a001:88ff:fe94:d4bb 7000', 'tcp 127.0.0.1 8080', 'tcp ::1 9000', 'udp :: 53', 'udp 0.0.0.0 5353',
    ]);
    expect(socks.find((s) => s.port === 7000)!.local).toBe('[fe80::a001:88ff:fe94:d4bb]%va:7000');
  });
  it('tells a dual-stack IPv6 wildcard (`*`) from an IPV6_V6ONLY one (`[::]`)', () => {
    expect(socks.find((s) => s.port === 22)).toMatchObject({ local: '*:22', v6only: false });
    expect(socks.find((s) => s.port === 2222)).toMatchObject({ local: '[::]:2222', v6only: true });
    expect(socks.find((s) => s.port === 80)!.v6only).toBeUndefined();
  });
  it('skips lines that are not sockets', () => {
    expect(parseSsSockets('Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n\ngarbage\n')).toEqual([]);
  });
});

describe('parseSysctls', () => {
  it('reads grep -H lines and collapses whitespace like sysctl', () => {
    const v = parseSysctls('/proc/sys/net/ipv4/ip_forward:1\n/proc/sys/net/ipv4/ip_local_port_range:32768\t60999\n');
    expect(v.get('/proc/sys/net/ipv4/ip_forward')).toBe('1');
    expect(v.get('/proc/sys/net/ipv4/ip_local_port_range')).toBe('32768 60999');
  });
});
