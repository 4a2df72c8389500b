import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sh, startSandbox } from '../helpers/sandbox.js';
import type { DockerSandbox } from '../../src/sandbox/docker/docker-sandbox.js';
import { judge } from './check-helpers.js';
import { runScript } from '../../src/sandbox/run-script.js';

let sb: DockerSandbox;
beforeAll(async () => {
  sb = await startSandbox('checks-sockets-firewall');
  await sh(sb, 'ip netns add red && ip -n red link set lo up');
  // Servers in the background: run through runScript so they do not hold the exec's pipes.
  const r = await runScript(sb, [
    'nohup nc -lk 127.0.0.1 8080 >/dev/null 2>&1 &',
    'nohup nc -lk -u 0.0.0.0 5353 >/dev/null 2>&1 &',
    'nohup ip netns exec red nc -lk 0.0.0.0 80 >/dev/null 2>&1 &',
    // IPv6 wildcards: one that takes IPv4 too (the default), one IPV6_V6ONLY (bindv6only=1 in blue).
    'ip netns add blue && ip -n blue link set lo up && ip netns exec blue sysctl -qw net.ipv6.bindv6only=1',
    'nohup ip netns exec red nc -6 -lk :: 22 >/dev/null 2>&1 &',
    'nohup ip netns exec blue nc -6 -lk :: 22 >/dev/null 2>&1 &',
    'sleep 0.3',
  ].join('\n'));
  if (r.exitCode !== 0) throw new Error(r.stderr);
  await sh(sb, [
    "nft add table inet filter && nft add chain inet filter input '{ type filter hook input priority 0; policy accept; }'",
    "nft add rule inet filter input tcp dport 22 accept",
    'ip netns exec red iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -o eth0 -j MASQUERADE',
  ].join(' && '));
});
afterAll(() => sb?.stop());

describe('listen', () => {
  it('passes for a TCP listener on any address, on its address, and UDP on the wildcard', async () => {
    expect((await judge(sb, { listen: 8080 })).ok).toBe(true);
    expect((await judge(sb, { listen: 8080, addr: '127.0.0.1' })).ok).toBe(true);
    expect((await judge(sb, { listen: 5353, proto: 'udp', addr: '*' })).ok).toBe(true);
    expect((await judge(sb, { listen: 80, netns: 'red', addr: '0.0.0.0' })).ok).toBe(true);
  });
  it('fails a loopback-only listener asked on all addresses, saying so', async () => {
    const r = await judge(sb, { listen: 8080, addr: '0.0.0.0' });
    expect(r.message).toBe('tcp port 8080 in namespace default listens on 127.0.0.1:8080, expected on 0.0.0.0 (loopback only: other hosts cannot reach it)');
  });
  it('fails when nothing listens, listing what does', async () => {
    const r = await judge(sb, { listen: 80 });
    expect(r.message).toBe('nothing listens on tcp port 80 in namespace default; listening there: tcp 127.0.0.1:8080, udp 0.0.0.0:5353');
  });
  it('counts an IPv6 wildcard as listening on 0.0.0.0 only when it takes IPv4 too', async () => {
    expect((await judge(sb, { listen: 22, netns: 'red', addr: '0.0.0.0' })).ok).toBe(true);
    expect((await judge(sb, { listen: 22, netns: 'red', addr: '::' })).ok).toBe(true);
    expect((await judge(sb, { listen: 22, netns: 'blue', addr: '::' })).ok).toBe(true);
    const r = await judge(sb, { listen: 22, netns: 'blue', addr: '0.0.0.0' });
    expect(r.message).toBe('tcp port 22 in namespace blue listens on [::]:22, expected on 0.0.0.0');
  });
  it('judges absence both ways', async () => {
    expect((await judge(sb, { listen: 80, exists: false })).ok).toBe(true);
    expect((await judge(sb, { listen: 80, netns: 'red', exists: false })).ok).toBe(false);
  });
});

describe('nft', () => {
  it('passes for a table, a chain and a rule matched by substring or regex', async () => {
    expect((await judge(sb, { nft: { table: 'filter', family: 'inet' } })).ok).toBe(true);
    expect((await judge(sb, { nft: { table: 'filter', chain: 'input', match: 'tcp dport 22 accept' } })).ok).toBe(true);
    expect((await judge(sb, { nft: { table: 'filter', chain: 'input', match: '/dport (22|2222) accept/' } })).ok).toBe(true);
    expect((await judge(sb, { nft: { table: 'filter', chain: 'input', match: 'policy accept' } })).ok).toBe(true);
  });
  it('fails a missing rule listing the chain', async () => {
    const r = await judge(sb, { nft: { table: 'filter', chain: 'input', match: 'dport 80' } });
    expect(r.message).toBe('no rule in nft chain inet filter input in namespace default matches `dport 80`; rules there: type filter hook input priority filter; policy accept;, tcp dport 22 accept');
  });
  it('fails a missing chain with the nearest name', async () => {
    const r = await judge(sb, { nft: { table: 'filter', chain: 'inptu' } });
    expect(r.message).toBe('nft table inet filter in namespace default has no chain inptu (did you mean input?); chains there: input');
  });
  it('judges absence both ways', async () => {
    expect((await judge(sb, { nft: { table: 'filter', chain: 'input', match: 'drop' }, exists: false })).ok).toBe(true);
    expect((await judge(sb, { nft: { table: 'filter' }, netns: 'red', exists: false })).ok).toBe(true);
    const r = await judge(sb, { nft: { table: 'filter', chain: 'input', match: 'dport 22' }, exists: false });
    expect(r.message).toBe('the nft chain inet filter input in namespace default still has `tcp dport 22 accept`, expected it gone');
  });
});

describe('iptables', () => {
  it('passes for a rule in a namespace matched against iptables-save lines', async () => {
    expect((await judge(sb, { iptables: { table: 'nat', chain: 'POSTROUTING', match: '-o eth0 -j MASQUERADE' }, netns: 'red' })).ok).toBe(true);
    expect((await judge(sb, { iptables: { table: 'nat', chain: 'POSTROUTING', match: '/^-A POSTROUTING -s 10\\.0\\.0\\.0\\/24/' }, netns: 'red' })).ok).toBe(true);
  });
  it('fails a missing rule, naming the policy when the chain is empty', async () => {
    const r = await judge(sb, { iptables: { table: 'nat', chain: 'POSTROUTING', match: 'MASQUERADE' } });
    expect(r.message).toBe('no rule in iptables nat POSTROUTING in namespace default matches `MASQUERADE`; rules there: none (policy ACCEPT)');
  });
  it('fails a missing chain', async () => {
    const r = await judge(sb, { iptables: { chain: 'FORWRD' } });
    expect(r.message).toBe('no chain FORWRD in iptables table filter in namespace default (did you mean FORWARD?); chains there: INPUT, FORWARD, OUTPUT');
  });
  it('judges absence both ways', async () => {
    expect((await judge(sb, { iptables: { table: 'nat', chain: 'POSTROUTING', match: 'MASQUERADE' }, exists: false })).ok).toBe(true);
    expect((await judge(sb, { iptables: { table: 'nat', chain: 'POSTROUTING', match: 'MASQUERADE' }, netns: 'red', exists: false })).ok).toBe(false);
  });
});
