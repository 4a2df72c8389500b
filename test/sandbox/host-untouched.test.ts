/**
 * Everything a lesson does happens inside the sandbox: a session that builds namespaces, veths, a
 * bridge, forwarding and NAT (iptables MASQUERADE and an nft table) leaves the host's addresses, routes,
 * namespaces and ruleset exactly as they were.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sh, startSandbox } from '../helpers/sandbox.js';

const host = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

/**
 * Docker's own bridge networks (docker0, br-*, their veth*) belong to the engine, and other test runs
 * sharing it may start bridged containers meanwhile: they are left out. Our sandboxes use network
 * `none`, so they never create any of those. Address lifetimes tick and are left out too.
 */
const DOCKER_OWNED = /^(docker0|br-[0-9a-f]{12}|veth[0-9a-f]+)$/;

function hostNetworkState() {
  const links = (JSON.parse(host('ip', '-j', 'addr')) as { ifname: string; addr_info?: Record<string, unknown>[] }[])
    .filter((l) => !DOCKER_OWNED.test(l.ifname))
    .map((l) => ({ ...l, addr_info: l.addr_info?.map(({ valid_life_time, preferred_life_time, ...a }) => a) }));
  const routes = (JSON.parse(host('ip', '-j', 'route', 'show', 'table', 'all')) as { dev?: string; expires?: number }[])
    .filter((r) => !DOCKER_OWNED.test(r.dev ?? ''))
    .map(({ expires, ...r }) => r);
  const routes6 = (JSON.parse(host('ip', '-6', '-j', 'route', 'show', 'table', 'all')) as { dev?: string; expires?: number }[])
    .filter((r) => !DOCKER_OWNED.test(r.dev ?? ''))
    .map(({ expires, ...r }) => r);
  const netns = host('ip', 'netns', 'list');
  // -s: no counters (they move with any traffic).
  const ruleset = host('nft', '-s', 'list', 'ruleset')
    .split('\n')
    .filter((l) => !/docker0|br-[0-9a-f]{12}|DOCKER/.test(l))
    .join('\n');
  const forwarding = host('sysctl', '-n', 'net.ipv4.ip_forward');
  return { links, routes, routes6, netns, ruleset, forwarding };
}

describe('the host', () => {
  it('is untouched by a session that builds namespaces, veths, a bridge and NAT', async () => {
    const before = hostNetworkState();
    const marker = `nl_host_probe_${process.pid}`;
    const sandbox = await startSandbox('host-untouched');
    try {
      await sh(
        sandbox,
        [
          'ip netns add red && ip netns add blue',
          'ip link add br0 type bridge && ip link set br0 up && ip addr add 10.9.0.1/24 dev br0',
          'for n in red blue; do ip link add v-$n type veth peer name eth0 netns $n; ip link set v-$n master br0 up; done',
          'ip -n red addr add 10.9.0.2/24 dev eth0 && ip -n red link set eth0 up && ip -n red route add default via 10.9.0.1',
          'ip -n blue addr add 10.9.0.3/24 dev eth0 && ip -n blue link set eth0 up',
          'ip link add up0 type veth peer name up1 && ip addr add 198.51.100.1/24 dev up0 && ip link set up0 up',
          'ip route add 203.0.113.0/24 via 198.51.100.2 dev up0 onlink',
          'sysctl -w net.ipv4.ip_forward=1',
          'iptables -t nat -A POSTROUTING -s 10.9.0.0/24 -o up0 -j MASQUERADE',
          `nft add table inet ${marker} && nft add chain inet ${marker} fwd '{ type filter hook forward priority 0; }' && nft add rule inet ${marker} fwd iifname br0 accept`,
          'ip netns exec red ping -c1 -W2 10.9.0.3',
        ].join('\n'),
      );
      // The sandbox really holds all that.
      expect(await sh(sandbox, 'ip netns list')).toMatch(/red[\s\S]*blue|blue[\s\S]*red/);
      expect(await sh(sandbox, 'iptables -t nat -S POSTROUTING')).toContain('MASQUERADE');
      expect(await sh(sandbox, 'nft list tables')).toContain(marker);
      // And the host, while it does, does not.
      expect(host('nft', 'list', 'tables')).not.toContain(marker);
      expect(host('ip', '-br', 'link')).not.toMatch(/\b(br0|v-red|up0)\b/);
    } finally {
      await sandbox.stop();
    }
    expect(hostNetworkState()).toEqual(before);
  });
});
